package dev.segmentation.kmeans;

import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.pass.NearestCentres;

/**
 * Hamerly's assignment (G. Hamerly, "Making k-means even faster", SDM 2010). Each row keeps an
 * upper bound {@code upper[i] >= d(x_i, c_label)} and a lower bound {@code lower[i] <= d(x_i, c_j)}
 * for every other centre {@code j}. A row is skipped when {@code upper < max(lower, half distance
 * from its centre to the nearest other centre)}. Extra memory O(n + k); per pass O(k^2 d) for
 * centre distances plus O(d) per skipped row and O(k d) per searched row; searched rows are
 * measured in batches through the tiled kernel. {@link ExponionStep} refines the search.
 */
class HamerlyStep extends AssignStep {
  final double[] upper;
  final double[] lower;

  /** Centre-to-centre distances, k x k, or null when not kept. */
  final double[] cc;

  final double[] half;

  /** Largest and second-largest centroid movement, and which centroid moved most. */
  double maxMove;

  double secondMove;
  int maxMover;

  HamerlyStep(KMeansRun run) {
    this(run, false);
  }

  /**
   * With {@code keepCentreDistances}, every centre-to-centre distance is kept in {@link #cc} (k^2
   * doubles, for {@link ExponionStep}); Hamerly alone needs only each centre's nearest other one.
   */
  HamerlyStep(KMeansRun run, boolean keepCentreDistances) {
    super(run);
    upper = new double[run.n];
    lower = new double[run.n];
    cc = keepCentreDistances ? new double[run.k * run.k] : null;
    half = new double[run.k];
    searches = new Search[run.workers];
    for (int w = 0; w < run.workers; w++) {
      searches[w] = new Search();
    }
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
    final Search search = searches[worker];
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
      changed += searchAll(worker, search, i);
    }
    r.blockChanged[block] = changed + searchAll(worker, search);
    r.blockDistances[block] = dist;
  }

  /**
   * One worker's rows waiting for a search over every centre: they are measured together through
   * the tiled kernel ({@link NearestCentres#nearestTwoOf}), the rows as SIMD lanes, instead of one
   * row at a time over the k centres (a loop the JIT leaves scalar, several times slower a
   * distance: BENCHMARKS.md section 22, fifth session). O(TILE) per worker whatever n and k.
   */
  static final class Search {
    final int[] rows = new int[NearestCentres.TILE];
    final int[] label = new int[NearestCentres.TILE];
    final double[] best = new double[NearestCentres.TILE];
    final double[] second = new double[NearestCentres.TILE];
    int count;
  }

  /** Per worker, its queue of rows to search over every centre. */
  final Search[] searches;

  /**
   * Queues row i for a search over every centre, running the queue when it is full. Returns how
   * many labels that run changed.
   */
  final int searchAll(int worker, Search search, int i) {
    search.rows[search.count++] = i;
    return search.count == NearestCentres.TILE ? searchAll(worker, search) : 0;
  }

  /**
   * Searches every queued row over all k centres, setting its label (ties to the lowest index) and
   * both bounds exactly, and empties the queue. Returns how many labels changed.
   */
  final int searchAll(int worker, Search search) {
    final int m = search.count;
    if (m == 0) {
      return 0;
    }
    search.count = 0;
    KMeansRun r = run;
    NearestCentres.nearestTwoOf(
        r.x,
        r.d,
        search.rows,
        m,
        r.centroids,
        r.k,
        workspaces[worker],
        search.label,
        search.best,
        search.second);
    final int[] labels = r.labels;
    int changed = 0;
    for (int q = 0; q < m; q++) {
      final int i = search.rows[q];
      upper[i] = Math.sqrt(search.best[q]);
      lower[i] = Math.sqrt(search.second[q]);
      if (labels[i] != search.label[q]) {
        labels[i] = search.label[q];
        changed++;
      }
    }
    return changed;
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
}
