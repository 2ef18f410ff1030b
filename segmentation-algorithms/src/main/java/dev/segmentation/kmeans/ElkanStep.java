package dev.segmentation.kmeans;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.parallel.Memory;
import dev.segmentation.core.pass.NearestCentres;

/**
 * Elkan's assignment (C. Elkan, "Using the triangle inequality to accelerate k-means", ICML 2003).
 * Each row keeps an upper bound on the distance to its centre and one lower bound per centre, in
 * one flat {@code float[n * k]} (4 n k bytes, half of doubles), every value rounded down so that it
 * stays a lower bound. A centre is skipped when the upper bound is below its lower bound or below
 * half its distance to the current centre. Fewest distance computations of all variants; extra
 * memory O(n k), O(k^2 d) centre distances and O(n k) bound updates per pass.
 */
final class ElkanStep extends AssignStep {
  private final double[] upper;
  private final float[] lower;
  private final double[] cc;
  private final double[] half;
  private final float[] moveUp;

  ElkanStep(KMeansRun run) {
    super(run);
    long size = (long) run.n * run.k;
    if (size > Integer.MAX_VALUE - 8 || !Memory.fits(bytes(run.n, run.k))) {
      throw new InvalidOptionException(
          "variant",
          KMeansVariant.ELKAN,
          "needs "
              + Memory.gib(bytes(run.n, run.k))
              + " of bounds (n = "
              + run.n
              + " rows x k = "
              + run.k
              + " floats), more than "
              + (size > Integer.MAX_VALUE - 8 ? "one array holds" : "the heap has free")
              + "; use YINYANG, EXPONION or HAMERLY");
    }
    upper = new double[run.n];
    lower = new float[(int) size];
    cc = new double[run.k * run.k];
    half = new double[run.k];
    moveUp = new float[run.k];
  }

  /** 1 - 2^-22: shrinking by it outweighs a float's rounding (at most 2^-24 relative). */
  private static final float SHRINK = 1 - 0x1p-22f;

  /**
   * The bound after its centre moved by at most {@code moveUp}: at most {@code max(0, bound -
   * moveUp)} exactly (not as rounded), so still at most the distance. All in floats, so the loop
   * over a row's k bounds is SIMD code on half the memory of doubles: the difference rounds to
   * nearest, the shrink by 2^-22 and a second rounding leave it below the exact difference (a
   * subnormal difference is exact), and a negative one is a bound no better than 0.
   */
  static float lowered(float bound, float moveUp) {
    return Math.max(0f, (bound - moveUp) * SHRINK);
  }

  /** The smallest float at least {@code v}. */
  static float up(double v) {
    float f = (float) v;
    return f < v ? Math.nextUp(f) : f;
  }

  /** Bytes of Elkan's bounds for n rows and k centres: n k float lower bounds, n double upper. */
  static long bytes(long n, int k) {
    return n * k * 4L + n * 8L;
  }

  @Override
  long prepare() {
    for (int j = 0; j < run.k; j++) {
      moveUp[j] = up(run.moved[j]);
    }
    return centreDistances(cc, half);
  }

  @Override
  void assignBlock(int worker, int block, int start, int end) {
    if (fresh) {
      assignBlockExactly(worker, block, start, end, upper, null, lower);
      return;
    }
    KMeansRun r = run;
    final double[] x = r.x;
    final double[] c = r.centroids;
    final int d = r.d;
    final int k = r.k;
    final int[] labels = r.labels;
    final double[] move = r.moved;
    int changed = 0;
    long dist = 0;
    for (int i = start; i < end; i++) {
      int off = i * d;
      int lb = i * k;
      int old = labels[i];
      for (int j = 0; j < k; j++) {
        lower[lb + j] = lowered(lower[lb + j], moveUp[j]);
      }
      int a = old;
      double u = upper[i] + move[a];
      if (slack(u) < half[a]) {
        upper[i] = u;
        continue;
      }
      boolean exact = false;
      double bestDist = Double.NaN;
      for (int j = 0; j < k; j++) {
        if (j == a || slack(u) < lower[lb + j] || slack(u) < 0.5 * cc[a * k + j]) {
          continue;
        }
        if (!exact) {
          bestDist = SquaredEuclidean.distance(x, off, c, a * d, d);
          dist++;
          u = Math.sqrt(bestDist);
          lower[lb + a] = NearestCentres.below(u);
          exact = true;
          if (slack(u) < lower[lb + j] || slack(u) < 0.5 * cc[a * k + j]) {
            continue;
          }
        }
        double dj = SquaredEuclidean.distance(x, off, c, j * d, d);
        dist++;
        lower[lb + j] = NearestCentres.below(Math.sqrt(dj));
        if (dj < bestDist || (dj == bestDist && j < a)) {
          a = j;
          bestDist = dj;
          u = Math.sqrt(dj);
        }
      }
      upper[i] = u;
      if (a != old) {
        labels[i] = a;
        changed++;
      }
    }
    r.blockChanged[block] = changed;
    r.blockDistances[block] = dist;
  }
}
