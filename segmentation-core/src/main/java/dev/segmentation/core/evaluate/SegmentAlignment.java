package dev.segmentation.core.evaluate;

import dev.segmentation.core.distance.SquaredEuclidean;
import java.util.Arrays;

/**
 * Keeps segment identities stable across refits: matches a new model's segments to a previous
 * model's by the optimal one-to-one assignment of their centroids (the Hungarian algorithm), so
 * "segment 3" keeps meaning the same group of customers after retraining.
 */
public final class SegmentAlignment {
  private SegmentAlignment() {}

  /**
   * Solves the assignment problem: gives every row of {@code cost} a distinct column so that the
   * summed cost is least (Kuhn-Munkres with potentials, O(r^2 c)). Ties between optimal assignments
   * are resolved deterministically.
   *
   * @param cost an {@code r x c} matrix of finite costs with {@code r <= c}
   * @return for every row, its column
   * @throws IllegalArgumentException if the matrix is ragged, has more rows than columns, or holds
   *     a value that is not finite (naming the cell)
   */
  public static int[] minimumCostAssignment(double[][] cost) {
    int n = cost.length;
    if (n == 0) {
      return new int[0];
    }
    int m = cost[0].length;
    if (n > m) {
      throw new IllegalArgumentException(
          "the cost matrix has more rows (" + n + ") than columns (" + m + "); transpose it");
    }
    for (int i = 0; i < n; i++) {
      if (cost[i].length != m) {
        throw new IllegalArgumentException("row " + i + " has " + cost[i].length + " columns");
      }
      for (int j = 0; j < m; j++) {
        if (!Double.isFinite(cost[i][j])) {
          throw new IllegalArgumentException(
              "cost[" + i + "][" + j + "] = " + cost[i][j] + " is not finite");
        }
      }
    }
    // 1-based potentials u (rows), v (columns); p[j] = row matched to column j
    double[] u = new double[n + 1];
    double[] v = new double[m + 1];
    int[] p = new int[m + 1];
    int[] way = new int[m + 1];
    double[] minv = new double[m + 1];
    boolean[] used = new boolean[m + 1];
    for (int i = 1; i <= n; i++) {
      p[0] = i;
      int j0 = 0;
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      Arrays.fill(used, false);
      do {
        used[j0] = true;
        int i0 = p[j0];
        double delta = Double.POSITIVE_INFINITY;
        int j1 = 0;
        for (int j = 1; j <= m; j++) {
          if (!used[j]) {
            double cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
            if (cur < minv[j]) {
              minv[j] = cur;
              way[j] = j0;
            }
            if (minv[j] < delta) {
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= m; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] != 0);
      do {
        int j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] assignment = new int[n];
    for (int j = 1; j <= m; j++) {
      if (p[j] != 0) {
        assignment[p[j] - 1] = j - 1;
      }
    }
    return assignment;
  }

  /**
   * Returns new identities for the segments of a refit: {@code ids[s]} is the label segment {@code
   * s} of the new model should carry. New segments matched to a previous one (least summed squared
   * distance between centroids) take its label; if the new model has more segments, the unmatched
   * ones get {@code kPrevious, kPrevious + 1, ...} in their own order. If it has fewer, some
   * previous labels go unused.
   *
   * @param previous the previous centroids, row-major {@code kPrevious * d}
   * @param next the new centroids, row-major {@code kNext * d}
   * @param d columns
   * @return the label of every new segment
   * @throws IllegalArgumentException if a centroid array is not a whole number of rows
   */
  public static int[] alignCentroids(double[] previous, double[] next, int d) {
    if (d < 1 || previous.length % d != 0 || next.length % d != 0) {
      throw new IllegalArgumentException("centroid arrays must be multiples of d=" + d);
    }
    return match(
        previous.length / d,
        next.length / d,
        (t, u) -> SquaredEuclidean.distance(next, t * d, previous, u * d, d));
  }

  /**
   * Returns new identities for the segments of a refit from the customers both labelings hold: new
   * segment {@code s} takes the label of the previous segment it shares the most customers with, in
   * the one-to-one matching that maximises the customers kept (Hungarian algorithm on the
   * contingency table); unmatched new segments get {@code kPrevious, kPrevious + 1, ...}. Works for
   * any algorithm, centroids or not. Noise ({@code -1}) is ignored in both. O(n + k^3).
   *
   * @param previous the previous segment of every customer, in {@code [-1, kPrevious)}
   * @param next the new segment of the same customers, in {@code [-1, kNext)}
   * @return the label of every new segment, {@code kNext = 1 + max(next)} entries
   * @throws IllegalArgumentException if the lengths differ or a label is below -1
   */
  public static int[] alignLabels(int[] previous, int[] next) {
    if (previous.length != next.length) {
      throw new IllegalArgumentException(
          "labelings of different length: " + previous.length + " and " + next.length);
    }
    int kp = 0;
    int kn = 0;
    for (int i = 0; i < next.length; i++) {
      if (previous[i] < -1 || next[i] < -1) {
        throw new IllegalArgumentException(
            "row " + i + ": labels must be >= -1, got " + previous[i] + " and " + next[i]);
      }
      kp = Math.max(kp, previous[i] + 1);
      kn = Math.max(kn, next[i] + 1);
    }
    long[] shared = new long[kn * Math.max(kp, 1)];
    for (int i = 0; i < next.length; i++) {
      if (previous[i] >= 0 && next[i] >= 0) {
        shared[next[i] * kp + previous[i]]++;
      }
    }
    int width = kp;
    return match(kp, kn, (t, u) -> -shared[t * width + u]);
  }

  /**
   * Applies new identities to labels: {@code out[i] = ids[labels[i]]}, noise stays {@code -1}.
   * O(n).
   *
   * @param labels the labels of a refit
   * @param ids the identity of every segment, from {@link #alignCentroids} or {@link #alignLabels}
   * @return the relabelled copy
   * @throws IllegalArgumentException if a label has no identity, naming the row
   */
  public static int[] relabel(int[] labels, int[] ids) {
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      int l = labels[i];
      if (l == -1) {
        out[i] = -1;
      } else if (l < 0 || l >= ids.length) {
        throw new IllegalArgumentException(
            "row " + i + ": label " + l + " has no identity among " + ids.length + " segments");
      } else {
        out[i] = ids[l];
      }
    }
    return out;
  }

  /** The cost of giving new segment {@code next} the identity of previous segment {@code prev}. */
  private interface Cost {
    double of(int next, int prev);
  }

  private static int[] match(int kp, int kn, Cost cost) {
    int[] ids = new int[kn];
    if (kn <= kp) {
      double[][] c = new double[kn][kp];
      for (int t = 0; t < kn; t++) {
        for (int u = 0; u < kp; u++) {
          c[t][u] = cost.of(t, u);
        }
      }
      return minimumCostAssignment(c);
    }
    double[][] c = new double[kp][kn];
    for (int u = 0; u < kp; u++) {
      for (int t = 0; t < kn; t++) {
        c[u][t] = cost.of(t, u);
      }
    }
    int[] matched = minimumCostAssignment(c);
    Arrays.fill(ids, -1);
    for (int u = 0; u < kp; u++) {
      ids[matched[u]] = u;
    }
    int fresh = kp;
    for (int t = 0; t < kn; t++) {
      if (ids[t] < 0) {
        ids[t] = fresh++;
      }
    }
    return ids;
  }
}
