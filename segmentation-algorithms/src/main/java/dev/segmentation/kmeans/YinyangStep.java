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
 * bound it reaches are searched (group filter). The paper's local filter, which skips single
 * centres inside a searched group, is left out: every centre of a searched group is measured.
 *
 * <p>The search is batched: a worker collects up to {@link #PENDING} rows that must search, then
 * takes the groups one at a time and measures every collected row that opened the group against the
 * group's centres through the tiled kernel ({@link NearestCentres#nearestTwoOf}), rows as SIMD
 * lanes. Searching row by row over a group of a dozen or two centres left the JIT scalar loops, at
 * about 8 ns a distance (BENCHMARKS.md section 22).
 *
 * <p>The group bounds are floats rounded down, so they stay lower bounds and take half the memory:
 * O(n t) floats, {@code t = min(ceil(k / 10), }{@value #MAX_GROUPS}{@code )}, plus O(n + k) for the
 * rest. Exact: every centre that could be nearest or tie is computed, ties go to the lowest index,
 * so the labels and centroids are those of {@link LloydStep}.
 */
final class YinyangStep extends AssignStep {
  private static final long INFINITY_BITS = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);

  /** Most groups: bounds memory stays O(n) whatever k. */
  static final int MAX_GROUPS = 64;

  /** Lloyd iterations over the initial centres that form the groups (the paper uses five). */
  private static final int GROUPING_ITERATIONS = 5;

  private final int t;
  private final double[] upper;

  /**
   * Per row and group, a lower bound on the distance to every centre of the group but the row's
   * own, plus the group's {@link #drift} when it was stored, rounded down: current bound = stored -
   * drift[g]. A row that passes the global test costs O(1), not O(t), and a search rewrites only
   * the groups it searched. The float's rounding then scales with bound plus drift, 2^-24 of it:
   * still a lower bound, a little looser after many passes of large moves.
   */
  private final float[] lower;

  /** Per row, a lower bound on the distance to every centre but its own, current. */
  private final double[] global;

  /** Per group, the largest movement of its centres summed over the passes so far. */
  private final double[] drift;

  /** Centres ordered by group: group g holds {@code members[groupStart[g] .. groupStart[g+1])}. */
  private final int[] members;

  private final int[] groupStart;
  private final int[] groupOf;
  private final double[] groupMove;

  /** The largest movement of any centre in the last update. */
  private double maxMove;

  /** Per worker: the rows of a block that must search some group, collected for the kernel. */
  private final Pending[] pending;

  /** Per group: its centres row-major in member order, refreshed every pass. */
  private final double[][] groupCentres;

  /**
   * Rows collected per worker before their open groups are searched: the search then runs group by
   * group over every collected row that opened the group, through the tiled kernel ({@link
   * NearestCentres#nearestTwoOf}), instead of row by row over a group's few centres (loops of a
   * dozen or two centres that the JIT leaves scalar: measured 8 ns a distance, BENCHMARKS.md
   * section 22). O(PENDING t) per worker whatever n.
   */
  private static final int PENDING = 512;

  /** One worker's collected rows and their per-group state. */
  private static final class Pending {
    final int[] row = new int[PENDING];
    final int[] best = new int[PENDING];
    final double[] bestDist = new double[PENDING];
    final double[] ownDist = new double[PENDING];

    /** Per collected row, the groups it must search, one bit each ({@code t <= 64}). */
    final long[] open = new long[PENDING];

    /** Per collected row, its smallest bound over the groups it does not search. */
    final double[] unsearched = new double[PENDING];

    /**
     * Per collected row and searched group: the squared distance to the group's nearest centre
     * ({@code i1}) and to its second nearest. The row's new bound for the group is the root of one
     * of the two ({@link YinyangStep#groupBound}).
     */
    final double[] m1;

    final double[] m2;
    final int[] i1;

    /** The current bounds of the row being collected. */
    final double[] moved;

    /** Per group: the collected rows (indices into the arrays above) that must search it. */
    final int[][] groupRows;

    final int[] groupCount;
    final int[] rows = new int[NearestCentres.TILE];
    final int[] label = new int[NearestCentres.TILE];
    final double[] near = new double[NearestCentres.TILE];
    final double[] next = new double[NearestCentres.TILE];

    Pending(int t) {
      m1 = new double[PENDING * t];
      m2 = new double[PENDING * t];
      i1 = new int[PENDING * t];
      moved = new double[t];
      groupRows = new int[t][PENDING];
      groupCount = new int[t];
    }
  }

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
    drift = new double[t];
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
    pending = new Pending[run.workers];
    for (int w = 0; w < run.workers; w++) {
      pending[w] = new Pending(t);
    }
    groupCentres = new double[t][];
    for (int g = 0; g < t; g++) {
      groupCentres[g] = new double[(groupStart[g + 1] - groupStart[g]) * run.d];
    }
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
   * the upper and global bounds, plus two workers' collected rows ({@link #PENDING} rows of
   * per-group state each; more workers add as much again each).
   */
  static long bytes(long n, int k) {
    return n * groups(k) * 4L + n * 16L + 2L * PENDING * (groups(k) * 24L + 24);
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
    for (int g = 0; g < t; g++) {
      drift[g] += groupMove[g];
    }
    final int d = run.d;
    for (int g = 0; g < t; g++) {
      for (int p = groupStart[g]; p < groupStart[g + 1]; p++) {
        System.arraycopy(
            run.centroids, members[p] * d, groupCentres[g], (p - groupStart[g]) * d, d);
      }
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
    final Pending pw = pending[worker];
    final double[] ml = pw.moved;
    int changed = 0;
    long dist = 0;
    int count = 0;
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
      double tight = Double.POSITIVE_INFINITY;
      for (int g = 0; g < t; g++) {
        double l = lower[lb + g] - drift[g];
        ml[g] = l;
        tight = Math.min(tight, l);
      }
      gl = Math.max(gl, tight);
      if (slack(u) < gl) {
        upper[i] = u;
        global[i] = gl;
        continue;
      }
      final double aDist = SquaredEuclidean.distance(x, i * d, c, a * d, d);
      dist++;
      u = Math.sqrt(aDist);
      if (slack(u) < gl) {
        upper[i] = u;
        global[i] = gl;
        continue;
      }
      // Collected: the groups its bound reaches are searched below, with every other collected
      // row that reaches them. The test uses the distance to the current centre; the row-by-row
      // search tightened it as it went, so this opens a few more groups, never fewer, and the
      // nearest centre is the same.
      pw.row[count] = i;
      pw.best[count] = a;
      pw.bestDist[count] = aDist;
      pw.ownDist[count] = aDist;
      // Branch-free: which groups a row opens is close to random, and mispredicted branches
      // cost more than the searches (measured). The open groups are then visited bit by bit.
      final double su = slack(u);
      long open = 0;
      double unsearched = Double.POSITIVE_INFINITY;
      for (int g = 0; g < t; g++) {
        // 1 unless su < ml[g]: the sign of su - ml[g] is exact, and equal values give +0.
        long o = (Double.doubleToRawLongBits(su - ml[g]) >>> 63) ^ 1L;
        open |= o << g;
        // An open group adds +Infinity (o times its bits), a closed one 0.
        unsearched = Math.min(unsearched, ml[g] + Double.longBitsToDouble(o * INFINITY_BITS));
      }
      pw.open[count] = open;
      pw.unsearched[count] = unsearched;
      for (long bits = open; bits != 0; bits &= bits - 1) {
        int g = Long.numberOfTrailingZeros(bits);
        pw.groupRows[g][pw.groupCount[g]++] = count;
      }
      if (++count == PENDING) {
        dist += searchGroups(worker);
        changed += finishRows(pw, count);
        count = 0;
      }
    }
    dist += searchGroups(worker);
    changed += finishRows(pw, count);
    r.blockChanged[block] = changed;
    r.blockDistances[block] = dist;
  }

  /**
   * Searches every group for the collected rows that opened it, group by group through the tiled
   * kernel: each row's nearest centre so far and, per searched group, its nearest and
   * second-nearest distance (roots) and the nearest's index. Returns the distances computed.
   */
  private long searchGroups(int worker) {
    final Pending pw = pending[worker];
    final NearestCentres.Workspace ws = workspaces[worker];
    final double[] x = run.x;
    final int d = run.d;
    long dist = 0;
    for (int g = 0; g < t; g++) {
      final int m = pw.groupCount[g];
      pw.groupCount[g] = 0;
      final int from = groupStart[g];
      final int size = groupStart[g + 1] - from;
      final int[] list = pw.groupRows[g];
      for (int s = 0; s < m; s += NearestCentres.TILE) {
        final int mm = Math.min(NearestCentres.TILE, m - s);
        for (int q = 0; q < mm; q++) {
          pw.rows[q] = pw.row[list[s + q]];
        }
        NearestCentres.nearestTwoOf(
            x, d, pw.rows, mm, groupCentres[g], size, ws, pw.label, pw.near, pw.next);
        for (int q = 0; q < mm; q++) {
          keepGroup(pw, list[s + q], g, q);
        }
      }
      dist += (long) m * size;
    }
    return dist;
  }

  /**
   * Takes the kernel's answer for group {@code g} at position {@code q} into collected row {@code
   * p}: its nearest centre so far, ties to the lowest index as Lloyd (the groups are searched in
   * any order), and the group's nearest and second-nearest squared distance.
   */
  private void keepGroup(Pending pw, int p, int g, int q) {
    final int j = members[groupStart[g] + pw.label[q]];
    final double dj = pw.near[q];
    if (dj < pw.bestDist[p] || (dj == pw.bestDist[p] && j < pw.best[p])) {
      pw.bestDist[p] = dj;
      pw.best[p] = j;
    }
    pw.m1[p * t + g] = dj;
    pw.i1[p * t + g] = j;
    pw.m2[p * t + g] = pw.next[q];
  }

  /**
   * Collected row {@code p}'s bound for searched group {@code g} once its centre is {@code best}:
   * the distance to the group's nearest centre other than {@code best}. Squared until here, so one
   * root per row and group.
   */
  private double groupBound(Pending pw, int p, int g, int best) {
    final int pg = p * t + g;
    return Math.sqrt(pw.i1[pg] == best ? pw.m2[pg] : pw.m1[pg]);
  }

  /**
   * The collected rows' new labels and bounds: a searched group's nearest centre other than the
   * row's new centre; an unsearched group keeps its stored bound, lowered to the old centre if the
   * row left it. Returns how many labels changed.
   */
  private int finishRows(Pending pw, int count) {
    final int[] labels = run.labels;
    int changed = 0;
    for (int p = 0; p < count; p++) {
      final int i = pw.row[p];
      final int a = labels[i];
      final int best = pw.best[p];
      final int lb = i * t;
      double newGlobal = pw.unsearched[p];
      for (long bits = pw.open[p]; bits != 0; bits &= bits - 1) {
        int g = Long.numberOfTrailingZeros(bits);
        double l = groupBound(pw, p, g, best);
        lower[lb + g] = NearestCentres.below(l + drift[g]);
        newGlobal = Math.min(newGlobal, l);
      }
      final int ga = groupOf[a];
      if (best != a && (pw.open[p] & (1L << ga)) == 0) {
        double own = Math.sqrt(pw.ownDist[p]);
        lower[lb + ga] = Math.min(lower[lb + ga], NearestCentres.below(own + drift[ga]));
        newGlobal = Math.min(newGlobal, own);
      }
      global[i] = newGlobal;
      upper[i] = Math.sqrt(pw.bestDist[p]);
      if (best != a) {
        labels[i] = best;
        changed++;
      }
    }
    return changed;
  }

  /**
   * Every distance once, through the tiled kernel: each tile of rows is loaded once and measured
   * group by group ({@link NearestCentres#nearestTwoOfTile}), which gives each group's nearest and
   * second-nearest centre; the row's label is the nearest over the groups (ties to the lowest
   * index, as Lloyd), and a group's bound is its nearest centre other than the label. Measuring all
   * k centres for the labels and then again for the group bounds doubled the pass, the costliest of
   * the fit in a fresh JVM (BENCHMARKS.md section 22, fifth session).
   */
  private void assignFresh(int worker, int block, int start, int end) {
    KMeansRun r = run;
    final NearestCentres.Workspace ws = workspaces[worker];
    final Pending pw = pending[worker];
    final int[] labels = r.labels;
    int changed = 0;
    for (int s = start; s < end; s += NearestCentres.TILE) {
      final int rows = Math.min(NearestCentres.TILE, end - s);
      NearestCentres.loadTile(r.x, r.d, s, rows, ws);
      Arrays.fill(pw.bestDist, 0, rows, Double.POSITIVE_INFINITY);
      Arrays.fill(pw.best, 0, rows, Integer.MAX_VALUE);
      for (int g = 0; g < t; g++) {
        NearestCentres.nearestTwoOfTile(
            ws,
            rows,
            groupCentres[g],
            groupStart[g + 1] - groupStart[g],
            pw.label,
            pw.near,
            pw.next);
        for (int q = 0; q < rows; q++) {
          keepGroup(pw, q, g, q);
        }
      }
      for (int q = 0; q < rows; q++) {
        final int i = s + q;
        final int best = pw.best[q];
        final int lb = i * t;
        double gl = Double.POSITIVE_INFINITY;
        for (int g = 0; g < t; g++) {
          double l = groupBound(pw, q, g, best);
          lower[lb + g] = NearestCentres.below(l + drift[g]);
          gl = Math.min(gl, l);
        }
        global[i] = gl;
        upper[i] = Math.sqrt(pw.bestDist[q]);
        if (labels[i] != best) {
          labels[i] = best;
          changed++;
        }
      }
    }
    r.blockChanged[block] = changed;
    r.blockDistances[block] = (long) (end - start) * r.k;
  }
}
