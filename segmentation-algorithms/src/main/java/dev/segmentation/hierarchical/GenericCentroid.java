package dev.segmentation.hierarchical;

import dev.segmentation.core.distance.SquaredEuclidean;

/**
 * Centroid and median linkage by Müllner's generic algorithm (2011, Figure 3) on stored centres:
 * every segment keeps a candidate nearest neighbour among segments with a higher index, whose
 * distance is a lower bound kept in a priority queue; a candidate is recomputed only when it
 * reaches the top of the queue and turns out stale. O(n d) memory; O(n^2 d) time in practice (O(n^3
 * d) at worst). Merges come out in the order of the greedy algorithm, which for these non-reducible
 * linkages is the defining order.
 */
final class GenericCentroid {
  private GenericCentroid() {}

  static Merges run(double[] x, int n, int d, boolean median, Ticker ticker) {
    double[] c = x.clone();
    double[] size = new double[n];
    boolean[] active = new boolean[n];
    int[] nn = new int[n];
    double[] mindist = new double[n];
    long[] count = new long[1];
    for (int i = 0; i < n; i++) {
      size[i] = 1;
      active[i] = true;
    }
    MinHeap q = new MinHeap(n);
    for (int i = 0; i < n - 1; i++) {
      nearestAbove(i, c, n, d, active, nn, mindist, count);
      q.add(i, mindist[i]);
    }
    Merges out = new Merges(n - 1);
    for (int step = 0; step < n - 1; step++) {
      int a = q.top();
      int b = nn[a];
      double delta = mindist[a];
      while (delta != dist(c, a, b, d)) {
        nearestAbove(a, c, n, d, active, nn, mindist, count);
        q.update(a, mindist[a]);
        a = q.top();
        b = nn[a];
        delta = mindist[a];
      }
      q.remove(a);
      out.add(a, b, Math.sqrt(delta));
      double sa = size[a];
      double sb = size[b];
      for (int j = 0; j < d; j++) {
        c[b * d + j] =
            median
                ? 0.5 * (c[a * d + j] + c[b * d + j])
                : (sa * c[a * d + j] + sb * c[b * d + j]) / (sa + sb);
      }
      size[b] = sa + sb;
      active[a] = false;
      for (int i = 0; i < b; i++) {
        if (!active[i]) {
          continue;
        }
        if (i < a && nn[i] == a) {
          nn[i] = b;
        }
        double dib = dist(c, i, b, d);
        count[0]++;
        if (dib < mindist[i]) {
          nn[i] = b;
          mindist[i] = dib;
          q.update(i, dib);
        }
      }
      if (b < n - 1) {
        nearestAbove(b, c, n, d, active, nn, mindist, count);
        q.update(b, mindist[b]);
      }
      ticker.merged();
    }
    ticker.distances = count[0];
    return out;
  }

  /** Squared distance between the centres of segments a and b. */
  private static double dist(double[] c, int a, int b, int d) {
    return SquaredEuclidean.distance(c, a * d, c, b * d, d);
  }

  private static void nearestAbove(
      int i, double[] c, int n, int d, boolean[] active, int[] nn, double[] mindist, long[] count) {
    double best = Double.POSITIVE_INFINITY;
    int arg = -1;
    for (int j = i + 1; j < n; j++) {
      if (active[j]) {
        double v = dist(c, i, j, d);
        count[0]++;
        if (v < best) {
          best = v;
          arg = j;
        }
      }
    }
    nn[i] = arg;
    mindist[i] = best;
  }
}
