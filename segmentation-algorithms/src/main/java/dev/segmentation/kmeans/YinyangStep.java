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

  /**
   * Per row and group, a lower bound on the distance to every centre of the group but the row's
   * own, as it stood after pass {@code stamp[i]}: current bound = stored - (drift[now] -
   * drift[stamp]), so a row that passes the global test costs O(1), not O(t).
   */
  private final float[] lower;

  /** Per row, a lower bound on the distance to every centre but its own, current. */
  private final double[] global;

  /** Per row, the pass after which its group bounds were stored. */
  private final int[] stamp;

  /** Summed largest movement per group over passes: pass p at {@code [p * t, (p + 1) * t)}. */
  private double[] drift;

  /** The current pass. */
  private int now;

  /** Centres ordered by group: group g holds {@code members[groupStart[g] .. groupStart[g+1])}. */
  private final int[] members;

  private final int[] groupStart;
  private final int[] groupOf;
  private final double[] groupMove;

  /** The largest movement of any centre in the last update. */
  private double maxMove;

  /** Per worker: each group's nearest and second-nearest centre of the row being searched. */
  private final double[][] first;

  private final int[][] firstIndex;
  private final double[][] second;
  private final boolean[][] searched;

  /** Per worker: the distances from one row to one group's centres. */
  private final double[][] groupScratch;

  /** Per worker: each group's smallest squared distance for the rows of one tile (fresh pass). */
  private final double[][][] groupMinima;

  /** Per group, per column: the group's centres column by column, refreshed every pass. */
  private final double[][][] groupCols;

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
    global = new double[run.n];
    stamp = new int[run.n];
    drift = new double[8 * t];
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
    int largest = 0;
    groupCols = new double[t][][];
    for (int g = 0; g < t; g++) {
      int members = groupStart[g + 1] - groupStart[g];
      largest = Math.max(largest, members);
      groupCols[g] = new double[run.d][members];
    }
    groupScratch = new double[run.workers][largest];
    groupMinima = new double[run.workers][t][NearestCentres.TILE];
  }

  /**
   * The number of groups for {@code k} centres: a tenth of k (Ding et al. 2015, sec. 3.1), at most
   * {@link #MAX_GROUPS}.
   */
  static int groups(int k) {
    return Math.max(1, Math.min((k + 9) / 10, MAX_GROUPS));
  }

  /**
   * Bytes of bounds a fit of {@code n} rows and {@code k} centres keeps: the float group bounds,
   * the upper and global bounds and the stamps.
   */
  static long bytes(long n, int k) {
    return n * groups(k) * 4L + n * 20L;
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
    maxMove = 0;
    for (int g = 0; g < t; g++) {
      maxMove = Math.max(maxMove, groupMove[g]);
    }
    now++;
    if ((now + 1) * t > drift.length) {
      drift = Arrays.copyOf(drift, 2 * (now + 1) * t);
    }
    for (int g = 0; g < t; g++) {
      drift[now * t + g] = drift[(now - 1) * t + g] + groupMove[g];
    }
    final int d = run.d;
    for (int g = 0; g < t; g++) {
      double[][] cols = groupCols[g];
      for (int p = groupStart[g]; p < groupStart[g + 1]; p++) {
        int off = members[p] * d;
        for (int j = 0; j < d; j++) {
          cols[j][p - groupStart[g]] = run.centroids[off + j];
        }
      }
    }
    return 0;
  }

  /**
   * Squared distances from one row to a group's {@code size} centres, across the centres innermost
   * so the JIT vectorises; terms added in column order from the first, so each equals {@link
   * SquaredEuclidean#distance} bit for bit ((c - x)^2 = (x - c)^2 exactly).
   */
  private static void groupDistances(
      double[][] cols, int size, double[] x, int off, int d, double[] acc) {
    final double x0 = x[off];
    final double[] c0 = cols[0];
    for (int p = 0; p < size; p++) {
      double v = c0[p] - x0;
      acc[p] = v * v;
    }
    for (int j = 1; j < d; j++) {
      final double xj = x[off + j];
      final double[] cj = cols[j];
      for (int p = 0; p < size; p++) {
        double v = cj[p] - xj;
        acc[p] += v * v;
      }
    }
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
    final double[] acc = groupScratch[worker];
    int changed = 0;
    long dist = 0;
    final int nowBase = now * t;
    for (int i = start; i < end; i++) {
      final int a = labels[i];
      double u = upper[i] + move[a];
      double gl = global[i] - maxMove;
      if (slack(u) < gl) {
        upper[i] = u;
        global[i] = gl;
        continue;
      }
      // The group bounds, moved by their groups' drift since they were stored: a tighter test.
      final int lb = i * t;
      final int thenBase = stamp[i] * t;
      double tight = Double.POSITIVE_INFINITY;
      for (int g = 0; g < t; g++) {
        double l = lower[lb + g] - (drift[nowBase + g] - drift[thenBase + g]);
        m1[g] = l;
        tight = Math.min(tight, l);
      }
      gl = Math.max(gl, tight);
      if (slack(u) < gl) {
        upper[i] = u;
        global[i] = gl;
        continue;
      }
      final double aDist = SquaredEuclidean.distance(x, i * d, c, a * d, d);
      double bestDist = aDist;
      dist++;
      u = Math.sqrt(bestDist);
      if (slack(u) < gl) {
        upper[i] = u;
        global[i] = gl;
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
        // Every centre of an open group at once, vectorised across the group (the local filter
        // of the paper saves distances but computes them one by one: slower, BENCHMARKS.md).
        final int from = groupStart[g];
        final int size = groupStart[g + 1] - from;
        groupDistances(groupCols[g], size, x, i * d, d, acc);
        dist += size;
        double min1 = Double.POSITIVE_INFINITY;
        double min2 = Double.POSITIVE_INFINITY;
        int idx1 = -1;
        for (int p = 0; p < size; p++) {
          final int j = members[from + p];
          final double dj = acc[p];
          if (dj < bestDist || (dj == bestDist && j < best)) {
            bestDist = dj;
            best = j;
            u = Math.sqrt(dj);
          }
          // Squared until the end: one root per group, not per centre.
          if (dj < min1 || (dj == min1 && j < idx1)) {
            min2 = min1;
            min1 = dj;
            idx1 = j;
          } else if (dj < min2) {
            min2 = dj;
          }
        }
        min1 = Math.sqrt(min1);
        min2 = Math.sqrt(min2);
        m1[g] = min1;
        i1[g] = idx1;
        m2[g] = min2;
      }
      // New bounds: a searched group's nearest centre other than the row's new centre; an
      // unsearched group keeps its moved bound, and takes the old centre if the row left it.
      double newGlobal = Double.POSITIVE_INFINITY;
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
        float f = NearestCentres.below(l);
        lower[lb + g] = f;
        newGlobal = Math.min(newGlobal, f);
      }
      global[i] = newGlobal;
      stamp[i] = now;
      upper[i] = u;
      if (best != a) {
        labels[i] = best;
        changed++;
      }
    }
    r.blockChanged[block] = changed;
    r.blockDistances[block] = dist;
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
    final double[] dist = ws.scratch();
    final double[][] gm = groupMinima[worker];
    final int[] labels = r.labels;
    for (int s = start; s < end; s += NearestCentres.TILE) {
      final int rows = Math.min(NearestCentres.TILE, end - s);
      NearestCentres.loadTile(r.x, d, s, rows, ws);
      for (int g = 0; g < t; g++) {
        Arrays.fill(gm[g], 0, rows, Double.POSITIVE_INFINITY);
      }
      // Squared distances first, one root per row and group at the end.
      for (int j = 0; j < k; j++) {
        NearestCentres.tileDistances(ws, rows, r.centroids, j * d, d, dist);
        final double[] m = gm[groupOf[j]];
        for (int i = 0; i < rows; i++) {
          double v = labels[s + i] == j ? Double.POSITIVE_INFINITY : dist[i];
          m[i] = Math.min(m[i], v);
        }
      }
      for (int i = 0; i < rows; i++) {
        final int lb = (s + i) * t;
        double gl = Double.POSITIVE_INFINITY;
        for (int g = 0; g < t; g++) {
          float f = NearestCentres.below(Math.sqrt(gm[g][i]));
          lower[lb + g] = f;
          gl = Math.min(gl, f);
        }
        global[s + i] = gl;
        stamp[s + i] = now;
      }
    }
    r.blockChanged[block] = changed;
    r.blockDistances[block] = 2L * (end - start) * k;
  }
}
