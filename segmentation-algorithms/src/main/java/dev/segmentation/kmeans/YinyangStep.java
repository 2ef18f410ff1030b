package dev.segmentation.kmeans;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.parallel.Memory;
import dev.segmentation.core.pass.NearestCentres;
import java.util.Arrays;

/**
 * Yinyang assignment (Y. Ding, Y. Zhao, X. Shen, M. Musuvathi and T. Mytkowicz, "Yinyang K-Means: A
 * Drop-In Replacement of the Classic K-Means with Consistent Speedup", ICML 2015). The centres are
 * cut once into {@code t} groups (a few Lloyd iterations over the initial centres, as the paper
 * does); each row keeps an upper bound on the distance to its centre and one lower bound per group,
 * on every centre of the group other than its own. Per pass a group's bound drops by the largest
 * movement in the group, the row's upper bound grows by its centre's movement; a row whose upper
 * bound is below every group bound is skipped (global filter), otherwise only the groups whose
 * bound it reaches are searched (group filter), and inside them the centres whose old group bound
 * less their own movement still exceeds it are skipped (local filter).
 *
 * <p>The group bounds are floats rounded down, so they stay lower bounds and take half the memory:
 * O(n t) floats, {@code t = min(ceil(k / 10), }{@value #MAX_GROUPS}{@code )}, plus O(n + k) for the
 * rest. Exact: every centre that could be nearest or tie is computed, ties go to the lowest index,
 * so the labels and centroids are those of {@link LloydStep}.
 */
final class YinyangStep extends AssignStep {
  /** Most groups: bounds memory stays O(n) whatever k. */
  static final int MAX_GROUPS = 64;

  /** Lloyd iterations over the initial centres that form the groups (the paper uses five). */
  private static final int GROUPING_ITERATIONS = 5;

  private final int t;
  private final double[] upper;
  private final float[] lower;

  /** Centres ordered by group: group g holds {@code members[groupStart[g] .. groupStart[g+1])}. */
  private final int[] members;

  private final int[] groupStart;
  private final int[] groupOf;
  private final double[] groupMove;

  /** Per worker: each group's nearest and second-nearest centre of the row being searched. */
  private final double[][] first;

  private final int[][] firstIndex;
  private final double[][] second;
  private final boolean[][] searched;

  YinyangStep(KMeansRun run) {
    super(run);
    int k = run.k;
    t = groups(k);
    long size = (long) run.n * t;
    if (size > Integer.MAX_VALUE - 8 || !Memory.fits(bytes(run.n, k))) {
      throw new InvalidOptionException(
          "variant",
          KMeansVariant.YINYANG,
          "needs "
              + Memory.gib(bytes(run.n, k))
              + " of bounds (n = "
              + run.n
              + " rows x "
              + t
              + " groups), more than the heap has free; use EXPONION or a larger -Xmx");
    }
    upper = new double[run.n];
    lower = new float[(int) size];
    groupOf = group(run.centroids, k, run.d, t);
    groupStart = new int[t + 1];
    for (int c = 0; c < k; c++) {
      groupStart[groupOf[c] + 1]++;
    }
    for (int g = 0; g < t; g++) {
      groupStart[g + 1] += groupStart[g];
    }
    members = new int[k];
    int[] fill = Arrays.copyOf(groupStart, t);
    for (int c = 0; c < k; c++) {
      members[fill[groupOf[c]]++] = c;
    }
    groupMove = new double[t];
    first = new double[run.workers][t];
    firstIndex = new int[run.workers][t];
    second = new double[run.workers][t];
    searched = new boolean[run.workers][t];
  }

  /**
   * The number of groups for {@code k} centres: a tenth of k (Ding et al. 2015, sec. 3.1), at most
   * {@link #MAX_GROUPS}.
   */
  static int groups(int k) {
    return Math.max(1, Math.min((k + 9) / 10, MAX_GROUPS));
  }

  /**
   * Bytes of bounds a fit of {@code n} rows and {@code k} centres keeps: the float group bounds and
   * the double upper bounds.
   */
  static long bytes(long n, int k) {
    return n * groups(k) * 4L + n * 8L;
  }

  /**
   * Cuts the centres into {@code t} groups by a few Lloyd iterations over them, starting from
   * centres spread evenly over the index range; deterministic. Returns each centre's group.
   */
  static int[] group(double[] centres, int k, int d, int t) {
    int[] of = new int[k];
    if (t == 1) {
      return of;
    }
    double[] g = new double[t * d];
    for (int q = 0; q < t; q++) {
      System.arraycopy(centres, (int) ((long) q * k / t) * d, g, q * d, d);
    }
    double[] sums = new double[t * d];
    int[] counts = new int[t];
    for (int it = 0; it < GROUPING_ITERATIONS; it++) {
      Arrays.fill(sums, 0);
      Arrays.fill(counts, 0);
      for (int c = 0; c < k; c++) {
        int q = NearestCentres.nearest(centres, c * d, g, t, d);
        of[c] = q;
        counts[q]++;
        for (int j = 0; j < d; j++) {
          sums[q * d + j] += centres[c * d + j];
        }
      }
      for (int q = 0; q < t; q++) {
        if (counts[q] > 0) {
          for (int j = 0; j < d; j++) {
            g[q * d + j] = sums[q * d + j] / counts[q];
          }
        }
      }
    }
    for (int c = 0; c < k; c++) {
      of[c] = NearestCentres.nearest(centres, c * d, g, t, d);
    }
    return of;
  }

  @Override
  long prepare() {
    Arrays.fill(groupMove, 0);
    for (int c = 0; c < run.k; c++) {
      int g = groupOf[c];
      groupMove[g] = Math.max(groupMove[g], run.moved[c]);
    }
    return 0;
  }

  @Override
  void assignBlock(int worker, int block, int start, int end) {
    if (fresh) {
      assignFresh(worker, block, start, end);
      return;
    }
    KMeansRun r = run;
    final double[] x = r.x;
    final double[] c = r.centroids;
    final int d = r.d;
    final int[] labels = r.labels;
    final double[] move = r.moved;
    final double[] m1 = first[worker];
    final int[] i1 = firstIndex[worker];
    final double[] m2 = second[worker];
    final boolean[] open = searched[worker];
    int changed = 0;
    long dist = 0;
    for (int i = start; i < end; i++) {
      final int lb = i * t;
      final int a = labels[i];
      double u = upper[i] + move[a];
      double global = Double.POSITIVE_INFINITY;
      for (int g = 0; g < t; g++) {
        // The stored bound, before the group's movement, stays in lower[] for the local filter.
        double l = lower[lb + g] - groupMove[g];
        m1[g] = l;
        global = Math.min(global, l);
      }
      if (slack(u) < global) {
        upper[i] = u;
        storeLower(lb, m1);
        continue;
      }
      final double aDist = SquaredEuclidean.distance(x, i * d, c, a * d, d);
      double bestDist = aDist;
      dist++;
      u = Math.sqrt(bestDist);
      if (slack(u) < global) {
        upper[i] = u;
        storeLower(lb, m1);
        continue;
      }
      int best = a;
      final int ga = groupOf[a];
      for (int g = 0; g < t; g++) {
        double l = m1[g];
        open[g] = !(slack(u) < l);
        if (!open[g]) {
          continue;
        }
        double old = lower[lb + g];
        double min1 = Double.POSITIVE_INFINITY;
        double min2 = Double.POSITIVE_INFINITY;
        int idx1 = -1;
        for (int p = groupStart[g]; p < groupStart[g + 1]; p++) {
          int j = members[p];
          double dj;
          if (j == a) {
            dj = aDist;
          } else if (slack(u) < old - move[j]) {
            // Local filter: a lower bound on this centre, not a distance; it can never be best.
            double bound = old - move[j];
            if (bound < min1) {
              min2 = min1;
              min1 = bound;
              idx1 = -1;
            } else if (bound < min2) {
              min2 = bound;
            }
            continue;
          } else {
            dj = SquaredEuclidean.distance(x, i * d, c, j * d, d);
            dist++;
            if (dj < bestDist || (dj == bestDist && j < best)) {
              bestDist = dj;
              best = j;
              u = Math.sqrt(dj);
            }
          }
          double root = Math.sqrt(dj);
          if (root < min1 || (root == min1 && idx1 >= 0 && j < idx1)) {
            min2 = min1;
            min1 = root;
            idx1 = j;
          } else if (root < min2) {
            min2 = root;
          }
        }
        m1[g] = min1;
        i1[g] = idx1;
        m2[g] = min2;
      }
      // New bounds: a searched group's nearest centre other than the row's new centre; an
      // unsearched group keeps its moved bound, and takes the old centre if the row left it.
      for (int g = 0; g < t; g++) {
        double l;
        if (open[g]) {
          l = i1[g] == best ? m2[g] : m1[g];
        } else {
          l = m1[g];
          if (g == ga && best != a) {
            l = Math.min(l, Math.sqrt(aDist));
          }
        }
        lower[lb + g] = down(l);
      }
      upper[i] = u;
      if (best != a) {
        labels[i] = best;
        changed++;
      }
    }
    r.blockChanged[block] = changed;
    r.blockDistances[block] = dist;
  }

  private void storeLower(int lb, double[] values) {
    for (int g = 0; g < t; g++) {
      lower[lb + g] = down(values[g]);
    }
  }

  /** The largest float at most {@code v}: a lower bound stays one when narrowed. */
  static float down(double v) {
    float f = (float) v;
    return f > v ? Math.nextDown(f) : f;
  }

  /**
   * Every distance, through the tiled kernel: the labels and upper bounds of {@link
   * NearestCentres#assignWithBounds}, then each group's nearest centre other than the row's own.
   */
  private void assignFresh(int worker, int block, int start, int end) {
    KMeansRun r = run;
    final int d = r.d;
    final int k = r.k;
    NearestCentres.Workspace ws = workspaces[worker];
    int changed =
        NearestCentres.assignWithBounds(
            r.x, d, start, end, r.centroids, k, ws, r.labels, upper, null, null);
    double[] dist = ws.scratch();
    for (int s = start; s < end; s += NearestCentres.TILE) {
      int rows = Math.min(NearestCentres.TILE, end - s);
      NearestCentres.loadTile(r.x, d, s, rows, ws);
      for (int i = 0; i < rows; i++) {
        Arrays.fill(lower, (s + i) * t, (s + i + 1) * t, Float.POSITIVE_INFINITY);
      }
      for (int j = 0; j < k; j++) {
        NearestCentres.tileDistances(ws, rows, r.centroids, j * d, d, dist);
        int g = groupOf[j];
        for (int i = 0; i < rows; i++) {
          int q = (s + i) * t + g;
          if (r.labels[s + i] != j) {
            float l = down(Math.sqrt(dist[i]));
            if (l < lower[q]) {
              lower[q] = l;
            }
          }
        }
      }
    }
    r.blockChanged[block] = changed;
    r.blockDistances[block] = 2L * (end - start) * k;
  }
}
