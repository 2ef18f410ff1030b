package dev.segmentation.bench.spark;

import dev.segmentation.api.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The benchmarks' data in both worlds: the same rows as a local data set and as a cached Spark
 * DataFrame of 8 partitions read back from Parquet (as a table would be: a frame made by
 * parallelize() keeps the rows in its partitions, and every task of every job ships them again), on
 * a {@code local[2]} Spark.
 */
final class BenchTable implements AutoCloseable {
  static final int D = 8;

  final SparkSession spark;
  final double[][] rows;
  final Dataset local;
  final org.apache.spark.sql.Dataset<Row> frame;
  final String[] columns = new String[D];
  private final Path dir;

  BenchTable(String app, int n) {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName(app)
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    rows = overlappingBlobs(n, 1);
    StructType schema = new StructType();
    for (int j = 0; j < D; j++) {
      columns[j] = "x" + j;
      schema = schema.add(columns[j], DataTypes.DoubleType, false);
    }
    local = Dataset.of(rows, columns);
    List<Row> list = new ArrayList<>(n);
    for (double[] r : rows) {
      Object[] v = new Object[D];
      for (int j = 0; j < D; j++) {
        v[j] = r[j];
      }
      list.add(RowFactory.create(v));
    }
    try {
      dir = Files.createTempDirectory("spark-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String path = dir.resolve("rows.parquet").toString();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    spark.createDataFrame(jsc.parallelize(list, 8), schema).write().parquet(path);
    frame = spark.read().parquet(path).repartition(8).cache();
    frame.count();
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

  @Override
  public void close() throws IOException {
    spark.stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
