package dev.segmentation.core.pass;

/**
 * What K-means needs to know of all its rows before iterating: how many there are, the mean
 * per-column (population) variance that scales the convergence tolerance, and the length of the
 * bounding box's diagonal that scales the rounding slack.
 *
 * @param rows the number of rows
 * @param meanVariance the mean over columns of the population variance
 * @param extent the length of the diagonal of the rows' bounding box
 */
public record RowSummary(long rows, double meanVariance, double extent) {

  /**
   * Summarises rows held in a row-major array. Two passes in memory order; per column the values
   * are summed in row order, as a column-wise loop would, so the result is the same to the last
   * bit. O(n d).
   *
   * @param x row-major rows
   * @param n the number of rows, {@code >= 1}
   * @param d the number of columns
   * @return the summary
   */
  public static RowSummary of(double[] x, int n, int d) {
    return new RowSummary(n, meanVariance(x, n, d), extent(x, n, d));
  }

  /**
   * Returns the length of the bounding box's diagonal of rows held in a row-major array. O(n d).
   *
   * @param x row-major rows
   * @param n the number of rows
   * @param d the number of columns
   * @return the extent
   */
  public static double extent(double[] x, int n, int d) {
    double[] span = spans(x, n, d);
    double sq = 0;
    for (int j = 0; j < d; j++) {
      sq += span[j] * span[j];
    }
    return Math.sqrt(sq);
  }

  /**
   * Returns each column's span (largest less smallest value) of rows held in a row-major array, in
   * one pass in memory order. O(n d).
   *
   * @param x row-major rows
   * @param n the number of rows
   * @param d the number of columns
   * @return d spans
   */
  public static double[] spans(double[] x, int n, int d) {
    double[] min = new double[d];
    double[] max = new double[d];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      int off = i * d;
      for (int j = 0; j < d; j++) {
        min[j] = Math.min(min[j], x[off + j]);
        max[j] = Math.max(max[j], x[off + j]);
      }
    }
    for (int j = 0; j < d; j++) {
      max[j] -= min[j];
    }
    return max;
  }

  /**
   * Returns the mean over columns of the population variance of rows held in a row-major array. O(n
   * d).
   *
   * @param x row-major rows
   * @param n the number of rows, {@code >= 1}
   * @param d the number of columns
   * @return the mean variance
   */
  public static double meanVariance(double[] x, int n, int d) {
    double[] mean = columnMeans(x, n, d);
    double[] ss = new double[d];
    for (int i = 0; i < n; i++) {
      int off = i * d;
      for (int j = 0; j < d; j++) {
        double t = x[off + j] - mean[j];
        ss[j] += t * t;
      }
    }
    double total = 0;
    for (int j = 0; j < d; j++) {
      total += ss[j] / n;
    }
    return total / d;
  }

  /**
   * Returns the mean of each column of rows held in a row-major array, each summed in row order and
   * then divided by {@code n}. O(n d).
   *
   * @param x row-major rows
   * @param n the number of rows; no rows give zeros
   * @param d the number of columns
   * @return the {@code d} column means
   */
  public static double[] columnMeans(double[] x, int n, int d) {
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      int off = i * d;
      for (int j = 0; j < d; j++) {
        mean[j] += x[off + j];
      }
    }
    for (int j = 0; j < d && n > 0; j++) {
      mean[j] /= n;
    }
    return mean;
  }
}
