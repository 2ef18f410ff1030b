package dev.segmentation.core.evaluate;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.api.Segmenter;
import dev.segmentation.core.data.Rows;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How stable a segmentation is: refit the same configuration on seeded resamples of the customers
 * and measure how well each segment is found again (Hennig 2007, "Cluster-wise assessment of
 * cluster stability", as R's {@code fpc::clusterboot}).
 *
 * <pre>{@code
 * StabilityReport report = Stability.of(Segmentation.kmeans().k(6).seed(1))
 *     .refits(20).resampling(Stability.Resampling.BOOTSTRAP)
 *     .assess(customers);
 * int[] shaky = report.unstableSegments();
 * }</pre>
 *
 * <p><b>Method.</b> The reference labeling is a fit on all rows (or the labels given). Each refit
 * draws rows from the seed (a bootstrap sample of n rows with replacement, or a subsample without
 * replacement) and fits the segmenter on them; a row drawn several times counts once, with the
 * label of its first draw. For every reference segment C, its Jaccard similarity in that refit is
 * {@code max_D |C' ∩ D| / |C' ∪ D|} over the refit's segments D, with C' the rows of C that were
 * drawn (refits that drew no row of C do not count for it). A segment whose mean Jaccard is below
 * the threshold is unstable (Hennig: 0.75 and above is stable, 0.6 to 0.75 a pattern whose members
 * are doubtful, 0.5 or below dissolved). The report also gives the adjusted Rand index of each
 * refit against the reference on the drawn rows, and between every two refits on the rows both
 * drew. Noise rows ({@code -1}) are in no segment.
 *
 * <p><b>Cost.</b> {@code refits} fits on resamples, O(refits n) time and memory for the
 * similarities, O(refits^2 n) for the pairwise Rand indices. The segmenter's own seed stays fixed,
 * so what varies is the data; the segmenter's {@code fit} is called once per refit and must not
 * keep state between calls (no builder of this library does). Mutable; meant for one thread.
 */
public final class Stability {

  /** How each refit draws its rows. */
  public enum Resampling {
    /** n rows with replacement (about 63% distinct); Hennig's default scheme. */
    BOOTSTRAP,
    /** {@code fraction * n} rows without replacement (see {@link Stability#fraction(double)}). */
    SUBSAMPLE
  }

  private final Segmenter<?> segmenter;
  private int refits = 20;
  private Resampling resampling = Resampling.BOOTSTRAP;
  private double fraction = 0.5;
  private double threshold = 0.75;
  private long seed = 42;

  private Stability(Segmenter<?> segmenter) {
    this.segmenter = segmenter;
  }

  /**
   * Starts a stability check of one configuration: any builder of this library, or a lambda such as
   * {@code data -> Segmentation.hierarchical().tree(data).segmentation(6)}.
   *
   * @param segmenter the configuration to refit
   * @param <M> the model type
   * @return a check with 20 bootstrap refits, threshold 0.75, seed 42
   */
  public static <M extends SegmentModel> Stability of(Segmenter<M> segmenter) {
    return new Stability(Objects.requireNonNull(segmenter, "segmenter"));
  }

  /**
   * Sets the number of refits.
   *
   * @param count {@code >= 1}; default 20
   * @return this check
   * @throws InvalidOptionException if {@code count < 1}
   */
  public Stability refits(int count) {
    if (count < 1) {
      throw new InvalidOptionException("refits", count, "must be >= 1");
    }
    this.refits = count;
    return this;
  }

  /**
   * Chooses how refits draw rows.
   *
   * @param value the scheme; default {@link Resampling#BOOTSTRAP}
   * @return this check
   */
  public Stability resampling(Resampling value) {
    this.resampling = Objects.requireNonNull(value, "resampling");
    return this;
  }

  /**
   * Sets the share of rows a {@link Resampling#SUBSAMPLE} refit draws.
   *
   * @param value in {@code (0, 1)}; default 0.5
   * @return this check
   * @throws InvalidOptionException if outside {@code (0, 1)}
   */
  public Stability fraction(double value) {
    if (!(value > 0 && value < 1)) {
      throw new InvalidOptionException("fraction", value, "must be in (0, 1)");
    }
    this.fraction = value;
    return this;
  }

  /**
   * Sets the mean Jaccard similarity below which a segment is flagged unstable.
   *
   * @param value in {@code [0, 1]}; default 0.75 (Hennig's "stable")
   * @return this check
   * @throws InvalidOptionException if outside {@code [0, 1]}
   */
  public Stability threshold(double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new InvalidOptionException("threshold", value, "must be in [0, 1]");
    }
    this.threshold = value;
    return this;
  }

  /**
   * Sets the seed of the resampling.
   *
   * @param value any value; default 42
   * @return this check
   */
  public Stability seed(long value) {
    this.seed = value;
    return this;
  }

  /**
   * Fits the reference on all rows, then refits on resamples. See the class description.
   *
   * @param data the customers
   * @return the report
   * @throws dev.segmentation.api.SegmentationException whatever a fit throws (for example a k that
   *     exceeds the distinct rows of a small subsample)
   */
  public StabilityReport assess(Dataset data) {
    return assess(data, segmenter.fit(data).labels());
  }

  /**
   * Refits on resamples and compares with the given reference labels (for example those of a model
   * already in use). See the class description.
   *
   * @param data the customers
   * @param reference one label per row, {@code -1} for noise
   * @return the report
   * @throws IllegalArgumentException if {@code reference} does not have one label per row
   * @throws InvalidOptionException if a subsample would hold fewer than 2 rows
   * @throws dev.segmentation.api.SegmentationException whatever a refit throws
   */
  public StabilityReport assess(Dataset data, int[] reference) {
    int n = data.numRows();
    if (reference.length != n) {
      throw new IllegalArgumentException(reference.length + " reference labels for " + n + " rows");
    }
    int draws = resampling == Resampling.BOOTSTRAP ? n : (int) Math.floor(fraction * n);
    if (draws < 2) {
      throw new InvalidOptionException(
          "fraction", fraction, "draws " + draws + " of " + n + " rows; a refit needs at least 2");
    }
    int k = 0;
    for (int l : reference) {
      k = Math.max(k, l + 1);
    }
    double[] jaccardSum = new double[k];
    int[] observed = new int[k];
    int[] dissolved = new int[k];
    double[] ari = new double[refits];
    int[][] seen = new int[refits][];
    SplittableRandom root = new SplittableRandom(seed);
    for (int b = 0; b < refits; b++) {
      int[] rows = draw(root.split(), n, draws);
      int[] fitted = segmenter.fit(data.rows(rows)).labels();
      int[] label = new int[n];
      Arrays.fill(label, ABSENT);
      for (int r = 0; r < rows.length; r++) {
        if (label[rows[r]] == ABSENT) {
          label[rows[r]] = fitted[r];
        }
      }
      seen[b] = label;
      double[] jaccard = jaccard(reference, label, k);
      for (int c = 0; c < k; c++) {
        if (!Double.isNaN(jaccard[c])) {
          jaccardSum[c] += jaccard[c];
          observed[c]++;
          dissolved[c] += jaccard[c] <= 0.5 ? 1 : 0;
        }
      }
      ari[b] = adjustedRand(reference, label);
    }
    double pairSum = 0;
    int pairs = 0;
    for (int a = 0; a < refits; a++) {
      for (int b = a + 1; b < refits; b++) {
        pairSum += adjustedRand(seen[a], seen[b]);
        pairs++;
      }
    }
    double[] mean = new double[k];
    for (int c = 0; c < k; c++) {
      mean[c] = observed[c] == 0 ? Double.NaN : jaccardSum[c] / observed[c];
    }
    return new StabilityReport(
        resampling,
        refits,
        threshold,
        mean,
        observed,
        dissolved,
        ari,
        pairs == 0 ? Double.NaN : pairSum / pairs);
  }

  private static final int ABSENT = Integer.MIN_VALUE;

  private int[] draw(SplittableRandom rng, int n, int draws) {
    if (resampling == Resampling.BOOTSTRAP) {
      int[] rows = new int[draws];
      for (int r = 0; r < draws; r++) {
        rows[r] = rng.nextInt(n);
      }
      return rows;
    }
    return Rows.sample(n, draws, rng);
  }

  /** Best Jaccard of every reference segment among the refit's segments; NaN if none drawn. */
  static double[] jaccard(int[] reference, int[] refit, int k) {
    int kr = 0;
    for (int l : refit) {
      kr = Math.max(kr, l + 1);
    }
    long[] both = new long[k * kr];
    long[] sizeC = new long[k];
    long[] sizeD = new long[kr];
    for (int i = 0; i < reference.length; i++) {
      int d = refit[i];
      if (d == ABSENT) {
        continue;
      }
      int c = reference[i];
      if (c >= 0) {
        sizeC[c]++;
      }
      if (d >= 0) {
        sizeD[d]++;
        if (c >= 0) {
          both[c * kr + d]++;
        }
      }
    }
    double[] out = new double[k];
    for (int c = 0; c < k; c++) {
      if (sizeC[c] == 0) {
        out[c] = Double.NaN;
        continue;
      }
      double best = 0;
      for (int d = 0; d < kr; d++) {
        long inter = both[c * kr + d];
        if (inter > 0) {
          best = Math.max(best, (double) inter / (sizeC[c] + sizeD[d] - inter));
        }
      }
      out[c] = best;
    }
    return out;
  }

  /** ARI of two labelings over the rows present in both. */
  private static double adjustedRand(int[] a, int[] b) {
    int m = 0;
    for (int i = 0; i < a.length; i++) {
      m += a[i] != ABSENT && b[i] != ABSENT ? 1 : 0;
    }
    int[] x = new int[m];
    int[] y = new int[m];
    int r = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] != ABSENT && b[i] != ABSENT) {
        x[r] = a[i];
        y[r] = b[i];
        r++;
      }
    }
    return Agreement.adjustedRandIndex(x, y);
  }
}
