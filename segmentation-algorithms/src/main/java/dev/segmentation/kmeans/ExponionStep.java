package dev.segmentation.kmeans;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.parallel.Memory;
import dev.segmentation.core.pass.NearestCentres;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Exponion assignment (J. Newling and F. Fleuret, "Fast k-means with accurate bounds", ICML 2016).
 * The same bounds and skip test as Hamerly; when a row must be searched, only the centres within a
 * ball around its current centre are examined: any centre nearer to {@code x} than the current one
 * lies within {@code 2 d(x, c_a)} of it. A centre's neighbours are sorted by distance when a row of
 * the centre first needs them in a pass (O(k log k) each, O(k^2 log k) at most per pass); extra
 * memory O(n + k^2). Rows whose ball holds many centres are searched over all k in batches through
 * the tiled kernel instead.
 */
final class ExponionStep extends HamerlyStep {
  /**
   * For centre a, the other centres sorted by distance, k - 1 each: the distance rounded down to a
   * float in the high 32 bits, the centre's index in the low 32. Distances are non-negative, so the
   * keys sort as longs: one primitive sort per centre, ties by index, no comparator (the co-sort of
   * a double and an index array through {@code Double.compare} was half the fit at k = 500,
   * measured). Rounded down, the ball searched is a superset of the exact one and the first
   * distance beyond it still a lower bound. 8 k^2 bytes.
   */
  private final long[] order;

  /**
   * Per centre, the pass its list was last sorted in: {@code 2 pass + 2} when sorted, {@code 2 pass
   * + 1} while a worker sorts it. A list is sorted the first time a row of the centre needs its
   * ball in a pass, so late passes, where few rows are searched, sort few lists (the full O(k^2 log
   * k) sort per pass was most of the fit at k = 500 on 100k rows, measured).
   */
  private final AtomicIntegerArray sortedIn;

  /** The passes prepared so far. */
  private int pass;

  ExponionStep(KMeansRun run) {
    super(run, checkMemory(run.k));
    int k = run.k;
    order = new long[k * Math.max(k - 1, 0)];
    sortedIn = new AtomicIntegerArray(k);
  }

  /**
   * Bytes of centre-to-centre state an Exponion fit with {@code k} centres keeps: the k x k
   * distances and the k x (k - 1) sorted keys, 16 k^2 in all.
   */
  static long bytes(int k) {
    return 16L * k * k;
  }

  /** Refuses, before allocating, a k whose k^2 state does not fit; returns true to keep it. */
  private static boolean checkMemory(int k) {
    if ((long) k * k > Integer.MAX_VALUE - 8 || !Memory.fits(bytes(k))) {
      throw new InvalidOptionException(
          "variant",
          KMeansVariant.EXPONION,
          "needs "
              + Memory.gib(bytes(k))
              + " of centre-to-centre distances (k = "
              + k
              + ", 16 k^2 bytes), more than "
              + ((long) k * k > Integer.MAX_VALUE - 8 ? "one array holds" : "the heap has free")
              + "; use YINYANG or HAMERLY");
    }
    return true;
  }

  @Override
  long prepare() {
    pass++;
    return super.prepare();
  }

  /**
   * Sorts centre a's list for this pass unless done already; a worker that finds another sorting it
   * waits (one sort of k - 1 longs, microseconds). Every row so sees the same sorted list, and the
   * bounds do not depend on the thread timing.
   */
  private void sorted(int a) {
    final int done = 2 * pass + 2;
    int state = sortedIn.get(a);
    if (state == done) {
      return;
    }
    if (state < done - 1 && sortedIn.compareAndSet(a, state, done - 1)) {
      final int k = run.k;
      final int base = a * (k - 1);
      int p = base;
      for (int j = 0; j < k; j++) {
        if (j != a) {
          long bits = Float.floatToRawIntBits(NearestCentres.below(cc[a * k + j]));
          order[p++] = bits << 32 | j;
        }
      }
      Arrays.sort(order, base, p);
      sortedIn.set(a, done);
      return;
    }
    while (sortedIn.get(a) != done) {
      Thread.onSpinWait();
    }
  }

  /** The distance of sorted entry q, rounded down to a float. */
  private float distanceOf(int q) {
    return Float.intBitsToFloat((int) (order[q] >>> 32));
  }

  /**
   * A row whose ball holds more than {@code k / BATCH_FRACTION} centres is searched over all k
   * through the tiled kernel with the other such rows ({@link HamerlyStep#searchAll(int, Search,
   * int)}) rather than over its ball one distance at a time: the kernel measures a distance several
   * times faster than the scalar loop (measured, BENCHMARKS.md section 22, fifth session).
   */
  static final int BATCH_FRACTION = 4;

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
    final Search search = searches[worker];
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
      double limit = slack(2 * u + 2 * half[a]);
      int base = a * w;
      sorted(a);
      int ball = ballSize(base, w, limit);
      if ((long) ball * BATCH_FRACTION > k) {
        dist += k;
        changed += searchAll(worker, search, i);
        continue;
      }
      int best = a;
      double second = Double.POSITIVE_INFINITY;
      double unsearched = ball < w ? distanceOf(base + ball) - u : Double.POSITIVE_INFINITY;
      for (int q = base; q < base + ball; q++) {
        int j = (int) order[q];
        double dj = SquaredEuclidean.distance(x, off, c, j * d, d);
        if (dj < bestDist || (dj == bestDist && j < best)) {
          second = bestDist;
          bestDist = dj;
          best = j;
        } else if (dj < second) {
          second = dj;
        }
      }
      dist += ball;
      upper[i] = Math.sqrt(bestDist);
      lower[i] = Math.min(Math.sqrt(second), unsearched);
      if (best != a) {
        labels[i] = best;
        changed++;
      }
    }
    r.blockChanged[block] = changed + searchAll(worker, search);
    r.blockDistances[block] = dist;
  }

  /**
   * How many of the {@code w} centres sorted by distance from {@code base} lie within {@code
   * limit}: a binary search, O(log k).
   */
  private int ballSize(int base, int w, double limit) {
    int lo = 0;
    int hi = w;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (distanceOf(base + mid) > limit) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
