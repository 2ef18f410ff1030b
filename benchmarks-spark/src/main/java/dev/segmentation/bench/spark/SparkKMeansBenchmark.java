package dev.segmentation.bench.spark;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.kmeans.KMeansVariant;
import dev.segmentation.spark.SparkFit;
import dev.segmentation.spark.SparkSegmentation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * K-means at 1M rows, in one run: the local library (all cores of this machine), the Spark module
 * in local mode (so its overhead over the library is known), and Spark MLlib's own KMeans, the
 * RDD-based one from the same initial centroids and the DataFrame one ({@code ml.clustering}) with
 * its default k-means|| start. Every fit runs exactly {@code iterations} Lloyd iterations
 * (tolerance 0 on data that does not converge sooner), so the times compare the same work; each
 * prints a RESULT line with its iterations and SSE. Spark's input is a cached DataFrame; turning it
 * into each library's own form (our packed blocks, MLlib's vectors) is inside the timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xmx12g",
      "-XX:+IgnoreUnrecognizedVMOptions",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "-Djdk.reflect.useDirectMethodHandle=false",
      "-Dio.netty.tryReflectionSetAccessible=true"
    })
public class SparkKMeansBenchmark {
  @Param({"1000000"})
  int rows;

  @Param({"8"})
  int k;

  @Param({"20"})
  int iterations;

  private static final int D = 8;

  private SparkSession spark;
  private org.apache.spark.sql.Dataset<Row> frame;
  private Dataset local;
  private double[][] start;
  private String[] columns;
  private Path dir;

  @Setup(Level.Trial)
  public void setUp() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("SparkKMeansBenchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    double[][] data = overlappingBlobs(rows, 1);
    columns = new String[D];
    StructType schema = new StructType();
    for (int j = 0; j < D; j++) {
      columns[j] = "x" + j;
      schema = schema.add(columns[j], DataTypes.DoubleType, false);
    }
    local = Dataset.of(data, columns);
    List<Row> list = new ArrayList<>(rows);
    for (double[] r : data) {
      Object[] v = new Object[D];
      for (int j = 0; j < D; j++) {
        v[j] = r[j];
      }
      list.add(RowFactory.create(v));
    }
    // Through a Parquet file, as a table would be: a frame made by parallelize() keeps the rows in
    // its partitions, and every task of every job would ship them again.
    try {
      dir = Files.createTempDirectory("spark-kmeans-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String path = dir.resolve("rows.parquet").toString();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    spark.createDataFrame(jsc.parallelize(list, 8), schema).write().parquet(path);
    frame = spark.read().parquet(path).repartition(8).cache();
    frame.count();
    start = new double[k][];
    SplittableRandom rng = new SplittableRandom(3);
    for (int c = 0; c < k; c++) {
      start[c] = data[rng.nextInt(rows)].clone();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    spark.stop();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  /** 16 Gaussian blobs (sd 20) with centres uniform in [0, 100]^8: heavily overlapping. */
  static double[][] overlappingBlobs(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] centres = new double[16][D];
    for (double[] c : centres) {
      for (int j = 0; j < D; j++) {
        c[j] = rng.nextDouble(0, 100);
      }
    }
    double[][] out = new double[n][D];
    for (int i = 0; i < n; i++) {
      double[] c = centres[rng.nextInt(centres.length)];
      for (int j = 0; j < D; j++) {
        out[i][j] = c[j] + 20 * rng.nextGaussian();
      }
    }
    return out;
  }

  private static void result(String what, int iterations, double sse) {
    System.out.printf(Locale.ROOT, "RESULT %s iterations=%d sse=%.6e%n", what, iterations, sse);
  }

  @Benchmark
  public KMeansModel library() {
    var fit =
        Segmentation.kmeans()
            .initialCentroids(start)
            .variant(KMeansVariant.LLOYD)
            .maxIterations(iterations)
            .tolerance(0)
            .fit(local);
    result("library", fit.summary().iterations(), fit.summary().objective());
    return fit.model();
  }

  @Benchmark
  public KMeansModel sparkModule() {
    SparkFit<KMeansModel> fit =
        SparkSegmentation.kmeans()
            .columns(columns)
            .initialCentroids(start)
            .maxIterations(iterations)
            .tolerance(0)
            .fit(frame);
    result("spark-module", fit.summary().iterations(), fit.summary().objective());
    double[] trace = fit.summary().objectiveTrace();
    // MLlib reports the cost of its last assignment, before the last update: compare with this
    System.out.printf(
        Locale.ROOT, "RESULT spark-module last-assignment-cost=%.6e%n", trace[trace.length - 1]);
    return fit.model();
  }

  @Benchmark
  public Object mllibSameStart() {
    JavaRDD<Vector> vectors =
        frame
            .javaRDD()
            .map(
                r -> {
                  double[] v = new double[D];
                  for (int j = 0; j < D; j++) {
                    v[j] = r.getDouble(j);
                  }
                  return Vectors.dense(v);
                });
    Vector[] centres = new Vector[k];
    for (int c = 0; c < k; c++) {
      centres[c] = Vectors.dense(start[c]);
    }
    var model =
        new org.apache.spark.mllib.clustering.KMeans()
            .setK(k)
            .setMaxIterations(iterations)
            .setEpsilon(0)
            .setInitialModel(new org.apache.spark.mllib.clustering.KMeansModel(centres))
            .run(vectors.rdd());
    result("mllib-rdd-same-start", model.numIter(), model.trainingCost());
    return model;
  }

  @Benchmark
  public Object mllibDataFrame() {
    var features =
        new VectorAssembler().setInputCols(columns).setOutputCol("features").transform(frame);
    var model =
        new KMeans()
            .setK(k)
            .setMaxIter(iterations)
            .setTol(0)
            .setSeed(1)
            .setFeaturesCol("features")
            .fit(features);
    result("mllib-ml-kmeans||", model.summary().numIter(), model.summary().trainingCost());
    return model;
  }
}
