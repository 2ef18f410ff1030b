package dev.segmentation.core.index;

import dev.segmentation.core.parallel.Blocks;
import java.util.Arrays;

/**
 * The k-distance curve used to choose DBSCAN's radius: for every point, the distance to its {@code
 * k}-th nearest indexed point, counting the point itself (so with {@code k = minPoints} a point is
 * a DBSCAN core point exactly when its k-distance is at most eps), sorted ascending.
 *
 * <p>Points inside clusters have small k-distances and outliers large ones, so the sorted curve is
 * flat and then rises steeply; a good eps sits at the knee where it turns. The knee is found as in
 * Kneedle (Satopää et al., 2011): scale both axes to {@code [0, 1]} and take the point farthest
 * below the chord from the first to the last point. Immutable.
 */
public final class KDistance {
  private final double[] sorted;
  private final int k;
  private final int knee;

  private KDistance(double[] sorted, int k) {
    this.sorted = sorted;
    this.k = k;
    this.knee = kneeOf(sorted);
  }

  /**
   * Computes the curve over every indexed point, in parallel over fixed blocks of rows (each row's
   * value is written to its own slot, so the result does not depend on the number of threads).
   * Complexity: n k-nearest-neighbour queries, about O(n (k + log n)) on low-dimensional data with
   * the k-d tree, plus an O(n log n) sort; memory O(n).
   *
   * @param index the points
   * @param k which neighbour, counting the point itself; {@code 1 <= k <= index.size()}
   * @param blocks how to split the rows over threads; must cover {@code index.size()} rows
   * @return the curve
   * @throws IllegalArgumentException if {@code k} is out of range or {@code blocks} covers a
   *     different number of rows
   */
  public static KDistance of(NeighborIndex index, int k, Blocks blocks) {
    int n = index.size();
    if (k < 1 || k > n) {
      throw new IllegalArgumentException(
          "k must be in [1, " + n + "] (the number of points), got " + k);
    }
    if (blocks.end(blocks.count() - 1) != n) {
      throw new IllegalArgumentException("blocks do not cover the " + n + " indexed rows");
    }
    double[] values = new double[n];
    NeighborIndex.Searcher[] searchers = new NeighborIndex.Searcher[blocks.workers()];
    int[][] rows = new int[searchers.length][k];
    double[][] dists = new double[searchers.length][k];
    for (int w = 0; w < searchers.length; w++) {
      searchers[w] = index.searcher();
    }
    blocks.run(
        (worker, block, start, end) -> {
          NeighborIndex.Searcher s = searchers[worker];
          for (int p = start; p < end; p++) {
            // tree order keeps consecutive queries near each other in space
            int row = index.rowAt(p);
            s.knnOfRow(row, k, rows[worker], dists[worker]);
            values[row] = dists[worker][k - 1];
          }
        });
    Arrays.sort(values);
    return new KDistance(values, k);
  }

  /**
   * Returns the k-distance of every point, ascending.
   *
   * @return a copy of the curve
   */
  public double[] sorted() {
    return sorted.clone();
  }

  /**
   * Returns which neighbour the curve measures, counting the point itself.
   *
   * @return {@code k}
   */
  public int k() {
    return k;
  }

  /**
   * Returns the position of the knee in {@link #sorted()}.
   *
   * @return an index in {@code [0, n)}
   */
  public int kneeIndex() {
    return knee;
  }

  /**
   * Returns the suggested radius: the k-distance at the knee. With this radius and {@code minPoints
   * = k}, the points left of the knee are core points.
   *
   * @return the k-distance at {@link #kneeIndex()}
   */
  public double suggestedEps() {
    return sorted[knee];
  }

  /**
   * Returns the share of points whose k-distance is at most {@code eps}: the share of core points
   * DBSCAN finds with that radius and {@code minPoints = k}.
   *
   * @param eps a radius
   * @return a fraction in {@code [0, 1]}
   */
  public double coreShare(double eps) {
    int i = Arrays.binarySearch(sorted, eps);
    if (i < 0) {
      i = -i - 1;
    } else {
      while (i < sorted.length && sorted[i] <= eps) {
        i++;
      }
    }
    return sorted.length == 0 ? 0 : (double) i / sorted.length;
  }

  private static int kneeOf(double[] y) {
    int n = y.length;
    double range = y[n - 1] - y[0];
    if (n < 3 || !(range > 0)) {
      return n - 1;
    }
    int best = 0;
    double bestGap = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double gap = (double) i / (n - 1) - (y[i] - y[0]) / range;
      if (gap > bestGap) {
        bestGap = gap;
        best = i;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "KDistance[k=" + k + ", n=" + sorted.length + ", knee eps=" + suggestedEps() + "]";
  }
}
