package dev.segmentation.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One local Spark for all tests (local[2], no UI), and test data in both worlds. */
final class SparkTesting {
  private SparkTesting() {}

  private static SparkSession session;

  static synchronized SparkSession spark() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("segmentation-spark tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .getOrCreate();
    }
    return session;
  }

  /** Rows of {@code blobs} Gaussian blobs in {@code d} dimensions, shuffled, with positive ids. */
  static double[][] blobs(int n, int d, int blobs, double spread, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] centres = new double[blobs][d];
    for (double[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = rng.nextDouble(0, 100);
      }
    }
    double[][] rows = new double[n][d];
    for (int i = 0; i < n; i++) {
      double[] c = centres[rng.nextInt(blobs)];
      for (int j = 0; j < d; j++) {
        rows[i][j] = Math.max(0, c[j] + spread * rng.nextGaussian());
      }
    }
    return rows;
  }

  static List<String> names(int d) {
    List<String> out = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      out.add("x" + j);
    }
    return out;
  }

  /**
   * The rows as a Spark data set with columns id (string), x0..x(d-1) (double) and, when given, w
   * (double), in {@code partitions} slices that keep the row order.
   */
  static Dataset<Row> frame(double[][] rows, double[] weights, int partitions) {
    int d = rows[0].length;
    StructType schema = new StructType().add("id", DataTypes.StringType, false);
    for (String c : names(d)) {
      schema = schema.add(c, DataTypes.DoubleType, true);
    }
    if (weights != null) {
      schema = schema.add("w", DataTypes.DoubleType, false);
    }
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      Object[] v = new Object[1 + d + (weights != null ? 1 : 0)];
      v[0] = "C" + i;
      for (int j = 0; j < d; j++) {
        v[1 + j] = rows[i][j];
      }
      if (weights != null) {
        v[1 + d] = weights[i];
      }
      out.add(RowFactory.create(v));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    return spark().createDataFrame(jsc.parallelize(out, partitions), schema);
  }

  /** The same rows as a local data set, with the same ids (and weights). */
  static dev.segmentation.api.Dataset local(double[][] rows, double[] weights) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      ids.add("C" + i);
    }
    dev.segmentation.api.Dataset data =
        dev.segmentation.api.Dataset.of(rows, names(rows[0].length).toArray(new String[0]))
            .withRowIds(ids);
    return weights == null ? data : data.withWeights(weights);
  }
}
