package dev.segmentation.core.evaluate;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SelectionTable;
import dev.segmentation.core.data.Rows;
import dev.segmentation.core.parallel.Blocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * How to choose the number of segments: a range of k to try, a {@link Criterion} to rank them, and
 * business constraints. Immutable; every method returns a new selection.
 *
 * <pre>{@code
 * SegmentationResult<KMeansModel> result = Segmentation.kmeans()
 *     .k(KSelection.range(2, 10).by(Criterion.SILHOUETTE).minShare(0.05).preferred(4, 8))
 *     .fit(customers);
 * System.out.print(result.selection().orElseThrow().toText());
 * }</pre>
 *
 * <p><b>Constraints.</b> A k whose smallest segment holds less than {@link #minShare(double)} of
 * the (non-noise) rows is rejected. Among the remaining k, those inside the {@link #preferred(int,
 * int)} range are the candidates; only if none is left there does the choice fall back to the
 * others (the table says so). If every k is rejected the fit fails with an {@link
 * InvalidOptionException} that carries the table. The table ({@link SelectionTable}) lists every k
 * with its value, inertia, smallest share and why it was rejected or set aside.
 *
 * <p><b>Cost.</b> One fit (or one cut) per k, plus per k O(n d) for the inertia, Calinski-Harabasz
 * and Davies-Bouldin, O(m^2 d) for the silhouette on {@code m = min(n, silhouetteSample)} rows, and
 * for the gap statistic {@code references} further fits per k on uniform data of the same size.
 *
 * <p>The criteria, shares and inertia count rows, not row weights (the fits themselves use the
 * weights).
 *
 * <p>Algorithms plug in by computing one partition per k ({@link #ks()}) on their preprocessed rows
 * and calling {@link #choose}; the gap statistic also needs a {@link Refit}.
 */
public final class KSelection {
  /** Rows up to which the silhouette is exact; above, a seeded sample of this many rows. */
  public static final int DEFAULT_SILHOUETTE_SAMPLE = 10_000;

  private final int min;
  private final int max;
  private final Criterion criterion;
  private final double minShare;
  private final int preferredMin;
  private final int preferredMax;
  private final int silhouetteSample;
  private final int references;
  private final long seed;

  private KSelection(
      int min,
      int max,
      Criterion criterion,
      double minShare,
      int preferredMin,
      int preferredMax,
      int silhouetteSample,
      int references,
      long seed) {
    this.min = min;
    this.max = max;
    this.criterion = criterion;
    this.minShare = minShare;
    this.preferredMin = preferredMin;
    this.preferredMax = preferredMax;
    this.silhouetteSample = silhouetteSample;
    this.references = references;
    this.seed = seed;
  }

  /**
   * Tries every k from {@code min} to {@code max}, by the silhouette unless {@link #by} says
   * otherwise, with no share constraint, no preferred range, 10 gap references and seed 42.
   *
   * @param min smallest k, {@code >= 1} (k = 1 only for {@link Criterion#GAP})
   * @param max largest k, {@code >= min}
   * @return the selection
   * @throws InvalidOptionException if {@code min < 1} or {@code max < min}
   */
  public static KSelection range(int min, int max) {
    if (min < 1 || max < min) {
      throw new InvalidOptionException(
          "k", min + ".." + max, "must be a range min..max with 1 <= min <= max");
    }
    return new KSelection(
        min, max, Criterion.SILHOUETTE, 0, 0, 0, DEFAULT_SILHOUETTE_SAMPLE, 10, 42);
  }

  /**
   * Chooses the criterion.
   *
   * @param value the criterion
   * @return a new selection
   * @throws InvalidOptionException if the range starts at 1 and the criterion is undefined there
   */
  public KSelection by(Criterion value) {
    Objects.requireNonNull(value, "criterion");
    if (min == 1 && value != Criterion.GAP) {
      throw new InvalidOptionException(
          "k",
          min + ".." + max,
          value + " is undefined for one segment: start the range at 2 (only GAP can choose 1)");
    }
    return new KSelection(
        min, max, value, minShare, preferredMin, preferredMax, silhouetteSample, references, seed);
  }

  /**
   * Rejects every k whose smallest segment holds less than this share of the rows.
   *
   * @param share in {@code [0, 1)}; 0 (default) rejects nothing
   * @return a new selection
   * @throws InvalidOptionException if outside {@code [0, 1)}
   */
  public KSelection minShare(double share) {
    if (!(share >= 0 && share < 1)) {
      throw new InvalidOptionException("minShare", share, "must be in [0, 1), e.g. 0.05 for 5%");
    }
    return new KSelection(
        min, max, criterion, share, preferredMin, preferredMax, silhouetteSample, references, seed);
  }

  /**
   * Prefers k in {@code [from, to]}: the choice is made among eligible k in this range, and falls
   * back to the rest of the range only if none is eligible.
   *
   * @param from smallest preferred k
   * @param to largest preferred k, {@code >= from}
   * @return a new selection
   * @throws InvalidOptionException if {@code to < from} or the range misses {@code [min, max]}
   */
  public KSelection preferred(int from, int to) {
    if (to < from || to < min || from > max) {
      throw new InvalidOptionException(
          "preferred",
          from + ".." + to,
          "must be a range from..to that overlaps the tried range " + min + ".." + max);
    }
    return new KSelection(
        min, max, criterion, minShare, from, to, silhouetteSample, references, seed);
  }

  /**
   * Sets up to how many rows the silhouette is exact; above, it is estimated on a seeded sample of
   * this many rows (the same rows for every k).
   *
   * @param rows {@code >= 2}; default {@value #DEFAULT_SILHOUETTE_SAMPLE}
   * @return a new selection
   * @throws InvalidOptionException if {@code rows < 2}
   */
  public KSelection silhouetteSample(int rows) {
    if (rows < 2) {
      throw new InvalidOptionException("silhouetteSample", rows, "must be >= 2");
    }
    return new KSelection(
        min, max, criterion, minShare, preferredMin, preferredMax, rows, references, seed);
  }

  /**
   * Sets the number of uniform reference data sets of the gap statistic.
   *
   * @param count {@code >= 1}; default 10
   * @return a new selection
   * @throws InvalidOptionException if {@code count < 1}
   */
  public KSelection references(int count) {
    if (count < 1) {
      throw new InvalidOptionException("references", count, "must be >= 1");
    }
    return new KSelection(
        min, max, criterion, minShare, preferredMin, preferredMax, silhouetteSample, count, seed);
  }

  /**
   * Sets the seed of the silhouette sample and the gap statistic's reference data.
   *
   * @param value any value; default 42
   * @return a new selection
   */
  public KSelection seed(long value) {
    return new KSelection(
        min,
        max,
        criterion,
        minShare,
        preferredMin,
        preferredMax,
        silhouetteSample,
        references,
        value);
  }

  /**
   * Returns the smallest k tried.
   *
   * @return min
   */
  public int min() {
    return min;
  }

  /**
   * Returns the largest k tried.
   *
   * @return max
   */
  public int max() {
    return max;
  }

  /**
   * Returns the criterion.
   *
   * @return the criterion
   */
  public Criterion criterion() {
    return criterion;
  }

  /**
   * Returns every k tried, in increasing order.
   *
   * @return {@code min, min + 1, ..., max}
   */
  public int[] ks() {
    int[] ks = new int[max - min + 1];
    for (int i = 0; i < ks.length; i++) {
      ks[i] = min + i;
    }
    return ks;
  }

  /**
   * Fits an algorithm again, on other rows, once for every k: what the gap statistic needs of an
   * algorithm.
   */
  @FunctionalInterface
  public interface Refit {
    /**
     * Partitions the given rows into each number of segments.
     *
     * @param x row-major rows, already in the algorithm's preprocessed space
     * @param n rows
     * @param d columns
     * @param ks the numbers of segments
     * @return one labeling per k, in the order of {@code ks}
     */
    int[][] partitions(double[] x, int n, int d, int[] ks);
  }

  /**
   * Scores every k and chooses one. See the class description for the constraints and {@link
   * Criterion} for the rules. Deterministic for a given seed, whatever the thread count.
   *
   * @param x row-major rows in the algorithm's preprocessed space, {@code n * d}
   * @param n rows
   * @param d columns
   * @param partitions one labeling of the rows per k of {@link #ks()}, in that order (-1 = noise)
   * @param refit how to fit the algorithm on reference data; needed only for {@link Criterion#GAP}
   * @param threads tasks to run the silhouette with, {@code >= 1}
   * @param pool the pool to run them in
   * @return the table, with the chosen k
   * @throws IllegalArgumentException if the partitions do not match {@link #ks()} or {@code n}, or
   *     the gap statistic is asked for without a refit
   * @throws InvalidOptionException if no k is eligible (the message holds the table)
   */
  public SelectionTable choose(
      double[] x, int n, int d, int[][] partitions, Refit refit, int threads, ForkJoinPool pool) {
    int[] ks = ks();
    if (partitions.length != ks.length) {
      throw new IllegalArgumentException(
          partitions.length + " partitions for " + ks.length + " values of k");
    }
    double[] value = new double[ks.length];
    double[] spread = new double[ks.length];
    double[] inertia = new double[ks.length];
    double[] share = new double[ks.length];
    java.util.Arrays.fill(spread, Double.NaN);
    int[] sample = criterion == Criterion.SILHOUETTE ? silhouetteRows(n) : null;
    for (int i = 0; i < ks.length; i++) {
      int[] labels = partitions[i];
      if (labels.length != n) {
        throw new IllegalArgumentException(
            "partition for k = " + ks[i] + " has " + labels.length + " labels for " + n + " rows");
      }
      inertia[i] = Quality.inertia(x, n, d, labels);
      share[i] = smallestShare(labels, ks[i]);
      value[i] = score(x, n, d, labels, sample, threads, pool);
    }
    if (criterion == Criterion.GAP) {
      if (refit == null) {
        throw new IllegalArgumentException("the gap statistic needs a refit of the algorithm");
      }
      gap(x, n, d, ks, inertia, refit, value, spread);
    }
    return table(ks, value, spread, inertia, share, totalSumOfSquares(x, n, d, partitions[0]));
  }

  private double score(
      double[] x, int n, int d, int[] labels, int[] sample, int threads, ForkJoinPool pool) {
    if (criterion == Criterion.GAP || criterion == Criterion.ELBOW) {
      return Double.NaN;
    }
    if (segmentsIn(labels) < 2) {
      return Double.NaN;
    }
    return switch (criterion) {
      case CALINSKI_HARABASZ -> Quality.calinskiHarabasz(x, n, d, labels);
      case DAVIES_BOULDIN -> Quality.daviesBouldin(x, n, d, labels);
      default -> silhouette(x, n, d, labels, sample, threads, pool);
    };
  }

  private static double silhouette(
      double[] x, int n, int d, int[] labels, int[] sample, int threads, ForkJoinPool pool) {
    int m = sample == null ? n : sample.length;
    double[] xs = x;
    int[] ls = labels;
    if (sample != null) {
      xs = new double[m * d];
      ls = new int[m];
      for (int i = 0; i < m; i++) {
        System.arraycopy(x, sample[i] * d, xs, i * d, d);
        ls[i] = labels[sample[i]];
      }
    }
    int segments = segmentsIn(ls);
    int members = 0;
    for (int l : ls) {
      members += l == Quality.NOISE ? 0 : 1;
    }
    if (segments < 2 || segments > members - 1) {
      return Double.NaN;
    }
    return Quality.silhouette(xs, m, d, ls, new Blocks(m, threads, pool));
  }

  /** The rows the silhouette is computed on: all (null) up to the sample size, else a sample. */
  private int[] silhouetteRows(int n) {
    if (n <= silhouetteSample) {
      return null;
    }
    return Rows.sample(n, silhouetteSample, new SplittableRandom(seed));
  }

  private void gap(
      double[] x,
      int n,
      int d,
      int[] ks,
      double[] inertia,
      Refit refit,
      double[] value,
      double[] spread) {
    double[] lo = new double[d];
    double[] hi = new double[d];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        lo[j] = Math.min(lo[j], x[i * d + j]);
        hi[j] = Math.max(hi[j], x[i * d + j]);
      }
    }
    double[][] logW = new double[references][ks.length];
    SplittableRandom root = new SplittableRandom(seed);
    double[] ref = new double[n * d];
    for (int b = 0; b < references; b++) {
      SplittableRandom rng = root.split();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          ref[i * d + j] = lo[j] + rng.nextDouble() * (hi[j] - lo[j]);
        }
      }
      int[][] parts = refit.partitions(ref, n, d, ks);
      for (int i = 0; i < ks.length; i++) {
        logW[b][i] = Math.log(Quality.inertia(ref, n, d, parts[i]));
      }
    }
    for (int i = 0; i < ks.length; i++) {
      double mean = 0;
      for (int b = 0; b < references; b++) {
        mean += logW[b][i];
      }
      mean /= references;
      double ss = 0;
      for (int b = 0; b < references; b++) {
        ss += (logW[b][i] - mean) * (logW[b][i] - mean);
      }
      value[i] = mean - Math.log(inertia[i]);
      spread[i] = Math.sqrt(ss / references) * Math.sqrt(1 + 1.0 / references);
    }
  }

  private SelectionTable table(
      int[] ks, double[] value, double[] spread, double[] inertia, double[] share, double total) {
    int m = ks.length;
    String[] note = new String[m];
    boolean[] ok = new boolean[m];
    boolean anyPreferred = false;
    for (int i = 0; i < m; i++) {
      note[i] = "";
      if (share[i] < minShare) {
        note[i] =
            String.format(
                Locale.ROOT,
                "rejected: smallest segment %.1f%% < minimum share %.1f%%",
                100 * share[i],
                100 * minShare);
      } else if (criterion != Criterion.ELBOW && !Double.isFinite(value[i])) {
        note[i] = "rejected: " + criterion + " undefined (too few segments or rows)";
      } else {
        ok[i] = true;
        anyPreferred |= preferred(ks[i]);
      }
    }
    String rule = criterion.rule();
    if (minShare > 0) {
      rule += String.format(Locale.ROOT, ", minimum share %.1f%%", 100 * minShare);
    }
    if (preferredMin > 0) {
      rule += ", preferred " + preferredMin + ".." + preferredMax;
      for (int i = 0; i < m; i++) {
        if (ok[i] && !preferred(ks[i])) {
          if (anyPreferred) {
            ok[i] = false;
            note[i] = "set aside: outside the preferred range";
          } else {
            note[i] = "outside the preferred range (no eligible k inside it)";
          }
        }
      }
    }
    int chosen = pick(ks, value, spread, inertia, ok, total);
    List<SelectionTable.Row> rows = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      rows.add(
          new SelectionTable.Row(ks[i], value[i], spread[i], inertia[i], share[i], ok[i], note[i]));
    }
    if (chosen < 0) {
      StringBuilder text = new StringBuilder();
      for (SelectionTable.Row r : rows) {
        text.append(
            String.format(
                Locale.ROOT, "%n  k = %d: %s", r.k(), r.note().isEmpty() ? "-" : r.note()));
      }
      throw new InvalidOptionException(
          minShare > 0 ? "minShare" : "k",
          minShare > 0 ? String.valueOf(minShare) : min + ".." + max,
          "cannot be met: no k in "
              + min
              + ".."
              + max
              + " is eligible (widen the range or lower the minimum share)"
              + text
              + "\n ");
    }
    return new SelectionTable(criterion.name(), rule, rows, ks[chosen]);
  }

  private boolean preferred(int k) {
    return preferredMin == 0 || (k >= preferredMin && k <= preferredMax);
  }

  private int pick(
      int[] ks, double[] value, double[] spread, double[] inertia, boolean[] ok, double total) {
    int m = ks.length;
    int best = -1;
    switch (criterion) {
      case GAP -> {
        // the first local maximum along the eligible k (the last eligible k if the gap only rises)
        int top = -1;
        int previous = -1;
        for (int i = 0; i < m && top < 0; i++) {
          if (ok[i]) {
            if (previous >= 0 && value[previous] >= value[i]) {
              top = previous;
            }
            previous = i;
          }
        }
        top = top >= 0 ? top : previous;
        for (int i = 0; i <= top && top >= 0 && best < 0; i++) {
          if (ok[i] && value[i] >= value[top] - spread[top]) {
            best = i;
          }
        }
      }
      case ELBOW -> {
        elbow(ks, value, inertia, ok, total);
        for (int i = 0; i < m; i++) {
          if (ok[i] && (best < 0 || value[i] > value[best])) {
            best = i;
          }
        }
      }
      default -> {
        boolean higher = criterion != Criterion.DAVIES_BOULDIN;
        for (int i = 0; i < m; i++) {
          if (ok[i] && (best < 0 || (higher ? value[i] > value[best] : value[i] < value[best]))) {
            best = i;
          }
        }
      }
    }
    return best;
  }

  /**
   * Kneedle on (k, log inertia) from the anchor (1, log total sum of squares) to the last eligible
   * k, both axes scaled to [0, 1]: each eligible k's value is how far its scaled drop lies above
   * the chord. The log makes the knee independent of how many orders of magnitude the first splits
   * remove.
   */
  private static void elbow(
      int[] ks, double[] value, double[] inertia, boolean[] ok, double total) {
    int last = -1;
    for (int i = 0; i < ks.length; i++) {
      last = ok[i] ? i : last;
    }
    if (last < 0) {
      return;
    }
    // a perfect fit (zero inertia) sits a fixed 12 orders of magnitude below the total
    double floor = total * 1e-12;
    double top = Math.log(Math.max(total, Double.MIN_NORMAL));
    double range = top - Math.log(Math.max(inertia[last], floor));
    double span = Math.max(1, ks[last] - 1.0);
    for (int i = 0; i < ks.length; i++) {
      if (ok[i]) {
        double drop = range > 0 ? (top - Math.log(Math.max(inertia[i], floor))) / range : 0;
        value[i] = drop - (ks[i] - 1) / span;
      }
    }
  }

  private static double smallestShare(int[] labels, int k) {
    int[] size = new int[k];
    int members = 0;
    for (int l : labels) {
      if (l >= 0 && l < k) {
        size[l]++;
        members++;
      }
    }
    if (members == 0) {
      return 0;
    }
    int smallest = Integer.MAX_VALUE;
    for (int s : size) {
      smallest = Math.min(smallest, s);
    }
    return (double) smallest / members;
  }

  private static int segmentsIn(int[] labels) {
    int max = -1;
    for (int l : labels) {
      max = Math.max(max, l);
    }
    boolean[] seen = new boolean[max + 1];
    int count = 0;
    for (int l : labels) {
      if (l >= 0 && !seen[l]) {
        seen[l] = true;
        count++;
      }
    }
    return count;
  }

  private static double totalSumOfSquares(double[] x, int n, int d, int[] labels) {
    int[] one = new int[n];
    for (int i = 0; i < n; i++) {
      one[i] = labels[i] == Quality.NOISE ? Quality.NOISE : 0;
    }
    return Quality.inertia(x, n, d, one);
  }

  @Override
  public String toString() {
    return "KSelection["
        + min
        + ".."
        + max
        + " by "
        + criterion
        + (minShare > 0 ? ", minShare " + minShare : "")
        + (preferredMin > 0 ? ", preferred " + preferredMin + ".." + preferredMax : "")
        + "]";
  }
}
