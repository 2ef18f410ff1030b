package dev.segmentation.kmeans;

import dev.segmentation.core.distance.SquaredEuclidean;

/**
 * Elkan's assignment (C. Elkan, "Using the triangle inequality to accelerate k-means", ICML 2003).
 * Each row keeps an upper bound on the distance to its centre and one lower bound per centre, in
 * one flat {@code double[n * k]}. A centre is skipped when the upper bound is below its lower bound
 * or below half its distance to the current centre. Fewest distance computations of all variants;
 * extra memory O(n k), O(k^2 d) centre distances and O(n k) bound updates per pass.
 */
final class ElkanStep extends AssignStep {
  private final double[] upper;
  private final double[] lower;
  private final double[] cc;
  private final double[] half;

  ElkanStep(KMeansRun run) {
    super(run);
    long size = (long) run.n * run.k;
    if (size > Integer.MAX_VALUE - 8) {
      throw new dev.segmentation.api.InvalidOptionException(
          "variant",
          KMeansVariant.ELKAN,
          "needs n * k lower bounds, too many for n = "
              + run.n
              + ", k = "
              + run.k
              + "; use EXPONION or HAMERLY");
    }
    upper = new double[run.n];
    lower = new double[(int) size];
    cc = new double[run.k * run.k];
    half = new double[run.k];
  }

  @Override
  long prepare() {
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
        lower[lb + j] -= move[j];
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
          lower[lb + a] = u;
          exact = true;
          if (slack(u) < lower[lb + j] || slack(u) < 0.5 * cc[a * k + j]) {
            continue;
          }
        }
        double dj = SquaredEuclidean.distance(x, off, c, j * d, d);
        dist++;
        lower[lb + j] = Math.sqrt(dj);
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
