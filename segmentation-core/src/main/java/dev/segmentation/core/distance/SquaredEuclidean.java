package dev.segmentation.core.distance;

/**
 * The squared Euclidean distance kernel on flat row-major arrays, the inner loop of K-means.
 *
 * <p>One static method with a plain counted loop over locals, so the JIT inlines it into callers
 * and unrolls it; callers never go through an interface per point. Every algorithm that compares
 * distances uses this one kernel, which is what makes the pruned K-means variants reproduce plain
 * Lloyd exactly: the same inputs always round the same way.
 */
public final class SquaredEuclidean {
  private SquaredEuclidean() {}

  /**
   * Returns {@code sum_j (a[aOff + j] - b[bOff + j])^2}. Complexity O(d).
   *
   * @param a first array
   * @param aOff offset of the first vector in {@code a}
   * @param b second array
   * @param bOff offset of the second vector in {@code b}
   * @param d vector length
   * @return the squared distance
   * @throws ArrayIndexOutOfBoundsException if a vector runs past its array
   */
  public static double distance(double[] a, int aOff, double[] b, int bOff, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double t = a[aOff + j] - b[bOff + j];
      s += t * t;
    }
    return s;
  }
}
