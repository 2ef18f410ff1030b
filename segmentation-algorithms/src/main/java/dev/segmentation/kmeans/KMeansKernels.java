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
   * Copies row-major centroids ({@code k x d}) into dimension-major order ({@code d x k}), the
   * layout {@link #assign} reads.
   *
   * @param centroids row-major centroids, {@code k * d}
   * @param k number of centroids
   * @param d dimension
   * @param out destination of length {@code >= k * d}: {@code out[j * k + c] = centroids[c * d + j]}
   */
  public static void transpose(double[] centroids, int k, int d, double[] out) {
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        out[j * k + c] = centroids[c * d + j];
      }
    }
  }

  /**
   * Squared distances from one row to all {@code k} centroids, written to {@code dist[0..k)}.
   *
   * <p>The loop runs over centroids innermost, on dimension-major centroids, so the JIT turns it
   * into SIMD operations across centroids; each distance still adds its terms in dimension order
   * starting from 0, exactly as {@link SquaredEuclidean#distance}, so the values are bit-identical
   * to the scalar kernel. Complexity O(k d).
   *
   * @param x row-major data
   * @param off offset of the row in {@code x}
   * @param centroidsT dimension-major centroids from {@link #transpose}
   * @param k number of centroids
   * @param d dimension
   * @param dist output, length {@code >= k}
   */
  public static void distances(double[] x, int off, double[] centroidsT, int k, int d,
      double[] dist) {
    double x0 = x[off];
    for (int c = 0; c < k; c++) {
      double t = x0 - centroidsT[c];
      dist[c] = t * t;
    }
    for (int j = 1; j < d; j++) {
      double xj = x[off + j];
      int base = j * k;
      for (int c = 0; c < k; c++) {
        double t = xj - centroidsT[base + c];
        dist[c] += t * t;
      }
    }
  }

  /**
   * One plain Lloyd assignment pass over rows {@code [start, end)}: writes the nearest centroid of
   * each row (ties to the lowest index) into {@code labels}. Complexity O((end - start) k d), no
   * allocation.
   *
   * @param x row-major data, {@code n * d}
   * @param d dimension
   * @param start first row, inclusive
   * @param end last row, exclusive
   * @param centroidsT dimension-major centroids from {@link #transpose}
   * @param k number of centroids
   * @param scratch a buffer of length {@code >= k}
   * @param labels output, indexed by row; rows outside the range are untouched
   * @return the number of rows whose label changed
   */
  public static int assign(double[] x, int d, int start, int end, double[] centroidsT, int k,
      double[] scratch, int[] labels) {
    int changed = 0;
    for (int i = start; i < end; i++) {
      distances(x, i * d, centroidsT, k, d, scratch);
      int best = 0;
      double bestDist = scratch[0];
      for (int c = 1; c < k; c++) {
        if (scratch[c] < bestDist) {
          bestDist = scratch[c];
          best = c;
        }
      }
      if (labels[i] != best) {
        labels[i] = best;
        changed++;
      }
    }
    return changed;
  }
}
