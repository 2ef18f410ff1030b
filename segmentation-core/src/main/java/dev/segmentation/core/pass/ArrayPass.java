package dev.segmentation.core.pass;

import dev.segmentation.core.distance.SquaredEuclidean;
import java.util.Arrays;

/**
 * A {@link CentrePass} over rows held in a local row-major array, sequentially: what a distributed
 * pass computes, for tests and for callers that hold their rows themselves. Every row is in block
 * 0, at its row index. Memory: O(n) labels plus O(256 k) workspace, allocated once.
 */
public final class ArrayPass implements CentrePass {
  private final double[] x;
  private final double[] weights;
  private final int n;
  private final int d;
  private final int[] labels;
  private RowSummary summary;

  /**
   * Creates passes over rows already in the preprocessed space.
   *
   * @param x row-major rows, {@code n * d}; not copied, must not change while in use
   * @param weights one weight per row, or null for weight 1
   * @param n the number of rows
   * @param d the number of columns, {@code >= 1}
   * @throws IllegalArgumentException if the sizes disagree
   */
  public ArrayPass(double[] x, double[] weights, int n, int d) {
    if (d < 1 || x.length != n * d || (weights != null && weights.length != n)) {
      throw new IllegalArgumentException(
          x.length
              + " values and "
              + (weights == null ? "no" : weights.length)
              + " weights for "
              + n
              + " x "
              + d);
    }
    this.x = x;
    this.weights = weights;
    this.n = n;
    this.d = d;
    this.labels = new int[n];
  }

  @Override
  public RowSummary summary() {
    if (summary == null) {
      summary = RowSummary.of(x, n, d);
    }
    return summary;
  }

  @Override
  public NearestSums nearest(double[] centres) {
    int k = centres.length / d;
    NearestSums sums = new NearestSums(k, d);
    sums.accumulate(x, weights, 0, n, centres, new NearestCentres.Workspace(d, k), labels);
    return sums;
  }

  @Override
  public Farthest farthest(
      double[] current, double[] next, long[] movedBlocks, int[] movedIndexes, int[] movedLabels) {
    int k = current.length / d;
    NearestCentres.assign(x, d, 0, n, current, k, new NearestCentres.Workspace(d, k), labels);
    for (int m = 0; m < movedIndexes.length; m++) {
      labels[movedIndexes[m]] = movedLabels[m];
    }
    double far = -1;
    int row = -1;
    for (int i = 0; i < n; i++) {
      double e = SquaredEuclidean.distance(x, i * d, next, labels[i] * d, d);
      if (Farthest.prefers(e, x, i * d, far, x, row * d, d)) {
        far = e;
        row = i;
      }
    }
    if (row < 0) {
      return new Farthest(-1, 0, -1, -1, 0, new double[0]);
    }
    return new Farthest(
        far,
        0,
        row,
        labels[row],
        weights == null ? 1 : weights[row],
        Arrays.copyOfRange(x, row * d, row * d + d));
  }

  @Override
  public String name() {
    return "local passes";
  }
}
