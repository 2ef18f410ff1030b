package dev.segmentation.kmeans;

import dev.segmentation.core.distance.SquaredEuclidean;

/**
 * The innermost K-means loops, public so benchmarks and advanced users can call them directly on
 * flat row-major arrays. No checks are made here: arrays must have the sizes stated.
 */
public final class KMeansKernels {
  private KMeansKernels() {}

  /**
   * Returns the nearest centroid of one row; ties go to the lowest index. Complexity O(k d).
   *
   * @param x row-major data
   * @param off offset of the row in {@code x}
   * @param centroids row-major centroids, {@code k * d}
   * @param k number of centroids, {@code >= 1}
   * @param d dimension
   * @return the index of the nearest centroid
   */
  public static int nearest(double[] x, int off, double[] centroids, int k, int d) {
    int best = 0;
    double bestDist = SquaredEuclidean.distance(x, off, centroids, 0, d);
    for (int c = 1; c < k; c++) {
      double dist = SquaredEuclidean.distance(x, off, centroids, c * d, d);
      if (dist < bestDist) {
        bestDist = dist;
        best = c;
      }
    }
    return best;
  }

  /**
   * One plain Lloyd assignment pass over rows {@code [start, end)}: writes the nearest centroid of
   * each row into {@code labels}. Complexity O((end - start) k d), no allocation.
   *
   * @param x row-major data, {@code n * d}
   * @param d dimension
   * @param start first row, inclusive
   * @param end last row, exclusive
   * @param centroids row-major centroids, {@code k * d}
   * @param k number of centroids
   * @param labels output, indexed by row; rows outside the range are untouched
   * @return the number of rows whose label changed
   */
  public static int assign(
      double[] x, int d, int start, int end, double[] centroids, int k, int[] labels) {
    int changed = 0;
    for (int i = start; i < end; i++) {
      int best = nearest(x, i * d, centroids, k, d);
      if (labels[i] != best) {
        labels[i] = best;
        changed++;
      }
    }
    return changed;
  }
}
