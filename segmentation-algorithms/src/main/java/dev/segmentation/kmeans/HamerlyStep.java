package dev.segmentation.kmeans;

import dev.segmentation.core.distance.SquaredEuclidean;

/**
 * Hamerly's assignment (G. Hamerly, "Making k-means even faster", SDM 2010). Each row keeps an
 * upper bound {@code upper[i] >= d(x_i, c_label)} and a lower bound {@code lower[i] <= d(x_i, c_j)}
 * for every other centre {@code j}. A row is skipped when {@code upper < max(lower, half distance
 * from its centre to the nearest other centre)}. Extra memory O(n); per pass O(k^2 d) for centre
 * distances plus O(d) per skipped row and O(k d) per searched row. {@link ExponionStep} refines the
 * search.
 */
class HamerlyStep extends AssignStep {
  final double[] upper;
  final double[] lower;
  final double[] cc;
  final double[] half;

  /** Largest and second-largest centroid movement, and which centroid moved most. */
  double maxMove;

  double secondMove;
  int maxMover;

  HamerlyStep(KMeansRun run) {
    super(run);
    upper = new double[run.n];
    lower = new double[run.n];
    cc = new double[run.k * run.k];
    half = new double[run.k];
  }

  @Override
  long prepare() {
    maxMove = 0;
    secondMove = 0;
    maxMover = -1;
    double[] move = run.moved;
    for (int j = 0; j < run.k; j++) {
      if (move[j] > maxMove) {
        secondMove = maxMove;
        maxMove = move[j];
        maxMover = j;
      } else if (move[j] > secondMove) {
        secondMove = move[j];
      }
    }
    return centreDistances(cc, half);
  }

  @Override
  void assignBlock(int worker, int block, int start, int end) {
    if (fresh) {
      assignBlockExactly(worker, block, start, end, upper, lower, null);
      return;
    }
    KMeansRun r = run;
    int changed = 0;
    long dist = 0;
    for (int i = start; i < end; i++) {
      double sq = boundsOrDistance(i);
      if (sq == SKIPPED) {
        continue;
      }
      dist++;
      if (sq == SKIPPED_AFTER_ONE) {
        continue;
      }
      dist += r.k;
      if (searchAll(i)) {
        changed++;
      }
    }
    r.blockChanged[block] = changed;
    r.blockDistances[block] = dist;
  }

  /** {@link #boundsOrDistance}: the bounds prove the label; no distance was computed. */
  static final double SKIPPED = -1;

  /** {@link #boundsOrDistance}: the bounds prove the label after one distance was computed. */
  static final double SKIPPED_AFTER_ONE = -2;

  /**
   * Moves row i's bounds by the last centroid movements and tests them; when they do not prove the
   * label, replaces the upper bound by the exact distance to the current centre and tests again.
   * Returns {@link #SKIPPED}, {@link #SKIPPED_AFTER_ONE}, or, when the row must be searched, the
   * exact squared distance to its current centre (one distance computed; {@code upper[i]} then
   * holds its root).
   */
  final double boundsOrDistance(int i) {
    KMeansRun r = run;
    int a = r.labels[i];
    double u = upper[i] + r.moved[a];
    double l = lower[i] - (a == maxMover ? secondMove : maxMove);
    double m = Math.max(half[a], l);
    lower[i] = l;
    if (slack(u) < m) {
      upper[i] = u;
      return SKIPPED;
    }
    double sq = SquaredEuclidean.distance(r.x, i * r.d, r.centroids, a * r.d, r.d);
    upper[i] = Math.sqrt(sq);
    return slack(upper[i]) < m ? SKIPPED_AFTER_ONE : sq;
  }

  /**
   * Computes all k distances of row i, sets its label (ties to the lowest index) and both bounds
   * exactly. Returns whether the label changed.
   */
  private boolean searchAll(int i) {
    KMeansRun r = run;
    final double[] x = r.x;
    final double[] c = r.centroids;
    final int d = r.d;
    int off = i * d;
    int best = 0;
    double bestDist = SquaredEuclidean.distance(x, off, c, 0, d);
    double second = Double.POSITIVE_INFINITY;
    for (int j = 1; j < r.k; j++) {
      double dj = SquaredEuclidean.distance(x, off, c, j * d, d);
      if (dj < bestDist) {
        second = bestDist;
        bestDist = dj;
        best = j;
      } else if (dj < second) {
        second = dj;
      }
    }
    upper[i] = Math.sqrt(bestDist);
    lower[i] = Math.sqrt(second);
    if (r.labels[i] != best) {
      r.labels[i] = best;
      return true;
    }
    return false;
  }
}
