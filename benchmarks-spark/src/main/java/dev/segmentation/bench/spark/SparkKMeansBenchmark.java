package dev.segmentation.bench.spark;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.kmeans.KMeansVariant;
import dev.segmentation.spark.SparkFit;
import dev.segmentation.spark.SparkSegmentation;
import java.io.IOException;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

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
public class SparkKMeansBenchmark extends SparkBench {
  @Param({"1000000"})
  int rows;

  @Param({"8"})
  int k;

  @Param({"20"})
  int iterations;

  private static final int D = BenchTable.D;

  private BenchTable table;
  private org.apache.spark.sql.Dataset<Row> frame;
  private Dataset local;
  private double[][] start;
  private String[] columns;

  @Setup(Level.Trial)
  public void setUp() {
    table = new BenchTable("SparkKMeansBenchmark", rows);
    frame = table.frame;
    local = table.local;
    columns = table.columns;
    start = new double[k][];
    SplittableRandom rng = new SplittableRandom(3);
    for (int c = 0; c < k; c++) {
      start[c] = table.rows[rng.nextInt(rows)].clone();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    table.close();
  }

  static void result(String what, int iterations, double sse) {
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
        SparkSegmentation.kmeans(
                Segmentation.kmeans()
                    .initialCentroids(start)
                    .maxIterations(iterations)
                    .tolerance(0))
            .columns(columns)
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
