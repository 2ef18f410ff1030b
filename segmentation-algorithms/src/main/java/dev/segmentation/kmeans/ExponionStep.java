package dev.segmentation.kmeans;

import dev.segmentation.core.distance.SquaredEuclidean;
import it.unimi.dsi.fastutil.doubles.DoubleArrays;

/**
 * Exponion assignment (J. Newling and F. Fleuret, "Fast k-means with accurate bounds", ICML 2016).
 * The same bounds and skip test as Hamerly; when a row must be searched, only the centres within a
 * ball around its current centre are examined: any centre nearer to {@code x} than the current one
 * lies within {@code 2 d(x, c_a)} of it. Centres are sorted by distance from every centre once per
 * pass (O(k^2 log k)); extra memory O(n + k^2).
 */
final class ExponionStep extends HamerlyStep {
  /** For centre a, the other centres sorted by distance: indices and distances, k - 1 each. */
  private final int[] order;

  private final double[] orderDist;
  private final double[] sortIdx;

  ExponionStep(KMeansRun run) {
    super(run);
    int k = run.k;
    order = new int[k * Math.max(k - 1, 0)];
    orderDist = new double[order.length];
    sortIdx = new double[order.length];
  }

  @Override
  long prepare() {
    long dist = super.prepare();
    int k = run.k;
    int w = k - 1;
    for (int a = 0; a < k; a++) {
      int base = a * w;
      int p = base;
      for (int j = 0; j < k; j++) {
        if (j != a) {
          orderDist[p] = cc[a * k + j];
          sortIdx[p] = j;
          p++;
        }
      }
      // Co-sort by (distance, index): deterministic order, no allocation.
      DoubleArrays.quickSort(orderDist, sortIdx, base, base + w);
      for (int q = base; q < base + w; q++) {
        order[q] = (int) sortIdx[q];
      }
    }
    return dist;
  }

  @Override
  void assignBlock(int worker, int block, int start, int end) {
    if (fresh) {
      assignBlockExactly(worker, block, start, end, upper, lower, null);
      return;
    }
    KMeansRun r = run;
    final double[] x = r.x;
    final double[] c = r.centroids;
    final int d = r.d;
    final int k = r.k;
    final int w = k - 1;
    final int[] labels = r.labels;
    int changed = 0;
    long dist = 0;
    for (int i = start; i < end; i++) {
      double bestDist = boundsOrDistance(i);
      if (bestDist == SKIPPED) {
        continue;
      }
      dist++;
      if (bestDist == SKIPPED_AFTER_ONE) {
        continue;
      }
      int a = labels[i];
      int off = i * d;
      double u = upper[i];
      // Every centre nearer than c_a lies within 2u of c_a; searching to 2u + 2 half[a] also
      // reaches the nearest other centre and yields a useful lower bound for the rest.
      double radius = 2 * u + 2 * half[a];
      double limit = slack(radius);
      int best = a;
      double second = Double.POSITIVE_INFINITY;
      double unsearched = Double.POSITIVE_INFINITY;
      int base = a * w;
      for (int q = base; q < base + w; q++) {
        if (orderDist[q] > limit) {
          unsearched = orderDist[q] - u;
          break;
        }
        int j = order[q];
        double dj = SquaredEuclidean.distance(x, off, c, j * d, d);
        dist++;
        if (dj < bestDist || (dj == bestDist && j < best)) {
          second = bestDist;
          bestDist = dj;
          best = j;
        } else if (dj < second) {
          second = dj;
        }
      }
      upper[i] = Math.sqrt(bestDist);
      lower[i] = Math.min(Math.sqrt(second), unsearched);
      if (best != a) {
        labels[i] = best;
        changed++;
      }
    }
    r.blockChanged[block] = changed;
    r.blockDistances[block] = dist;
  }
}
