package dev.segmentation.kmeans;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.data.Rows;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.fit.SegmenterBuilder;
import dev.segmentation.core.pass.CentrePass;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * K-means segmentation: {@code k} segments minimising the (weighted) sum of squared Euclidean
 * distances of customers to their segment's centroid. Start from {@code Segmentation.kmeans()}.
 *
 * <pre>{@code
 * SegmentationResult<KMeansModel> result = Segmentation.kmeans()
 *     .k(8).restarts(4).seed(42)
 *     .preprocess(Scaling.standard())
 *     .fit(customers);
 * }</pre>
 *
 * <p><b>Algorithm.</b> Each restart seeds centroids ({@link KMeansInit}, greedy k-means++ by
 * default), then alternates assignment and update: Lloyd's iteration, accelerated by
 * triangle-inequality bounds ({@link KMeansVariant}) that skip distances but never change the
 * result. It stops when no label changes, when the summed squared centroid movement is at most
 * {@code tolerance} times the mean per-column variance of the preprocessed data (scikit-learn's
 * rule), or after {@code maxIterations}; labels are always those of the final centroids. An empty
 * cluster gets the row farthest from its centroid (among equally far rows, the one with the
 * lexicographically smallest values, so that the order of the rows does not matter). The restart
 * with the lowest objective wins (the first one on ties).
 *
 * <p><b>Complexity.</b> Seeding O(n k log k d); each iteration O(n k d) for Lloyd, usually far less
 * for the pruned variants; memory O(n d) for the preprocessed copy plus O(n) (Hamerly, Exponion) or
 * O(n k) (Elkan) bounds plus O(256 k d) per-block sums.
 *
 * <p><b>Determinism.</b> Every random choice comes from {@code seed} through {@link
 * SplittableRandom#split()} (one split per restart); parallel work is summed per fixed block of
 * rows in block order. The same seed and data give bit-identical results for any number of threads.
 *
 * <p>Row weights of the data set are used as sample weights. The builder is mutable and meant for
 * one thread; the model it returns is immutable.
 */
public final class KMeans extends SegmenterBuilder<KMeans, KMeansModel> {
  /** The family's name in provenance records. */
  static final String NAME = "k-means";

  int k = 8;
  int restarts = 1;
  long seed = 42;
  int maxIterations = DEFAULT_MAX_ITERATIONS;
  double tolerance = 1e-4;
  KMeansVariant variant = KMeansVariant.AUTO;
  KMeansInit init = KMeansInit.K_MEANS_PLUS_PLUS;
  int seedingRounds = DEFAULT_SEEDING_ROUNDS;
  double oversampling = DEFAULT_OVERSAMPLING;

  /**
   * The sampling passes of k-means|| unless {@link #parallelSeeding} says otherwise: the paper's 5.
   */
  public static final int DEFAULT_SEEDING_ROUNDS = 5;

  /** The candidates k-means|| draws per pass, in units of k, unless set: the paper's 2. */
  public static final double DEFAULT_OVERSAMPLING = 2;

  double[][] initialCentroids;
  KMeansModel initialModel;
  KSelection selection;
  boolean traceObjective;
  int swapTrials;

  /** Creates a builder with the defaults; prefer {@code Segmentation.kmeans()}. */
  public KMeans() {}

  @Override
  protected KMeans self() {
    return this;
  }

  /**
   * Sets the number of segments.
   *
   * @param segments {@code k >= 1}, at most the number of distinct rows; default 8
   * @return this builder
   * @throws InvalidOptionException if {@code segments < 1}
   */
  public KMeans k(int segments) {
    if (segments < 1) {
      throw new InvalidOptionException("k", segments, "must be >= 1");
    }
    this.k = segments;
    this.selection = null;
    return this;
  }

  /**
   * Chooses the number of segments: fits every k of the selection's range (each exactly as {@code
   * k(int)} would, same seed and restarts), scores them on the preprocessed rows and keeps the k
   * the selection's criterion and constraints choose. The result carries the table of the choice
   * ({@link SegmentationResult#selection()}). Replaces any {@code k(int)}; cannot be combined with
   * {@link #initialCentroids(double[][])}.
   *
   * <p>Cost: one K-means fit per k, plus the criterion (see {@link KSelection}); the gap statistic
   * refits on its reference data sets with the same options.
   *
   * @param value the range, criterion and constraints
   * @return this builder
   */
  public KMeans k(KSelection value) {
    this.selection = Objects.requireNonNull(value, "selection");
    return this;
  }

  /**
   * Sets how many times to seed and fit; the lowest objective wins.
   *
   * @param count {@code >= 1}; default 1
   * @return this builder
   * @throws InvalidOptionException if {@code count < 1}
   */
  public KMeans restarts(int count) {
    if (count < 1) {
      throw new InvalidOptionException("restarts", count, "must be >= 1");
    }
    this.restarts = count;
    return this;
  }

  /**
   * Sets the seed every random choice derives from.
   *
   * @param value any value; default 42, so fits are reproducible unless asked otherwise
   * @return this builder
   */
  public KMeans seed(long value) {
    this.seed = value;
    return this;
  }

  /**
   * Sets the iteration limit per restart.
   *
   * @param limit {@code >= 1}; default 300
   * @return this builder
   * @throws InvalidOptionException if {@code limit < 1}
   */
  public KMeans maxIterations(int limit) {
    if (limit < 1) {
      throw new InvalidOptionException("maxIterations", limit, "must be >= 1");
    }
    this.maxIterations = limit;
    return this;
  }

  /**
   * Sets the convergence tolerance, relative to the mean per-column variance of the preprocessed
   * data; 0 iterates until no label changes.
   *
   * @param value finite and {@code >= 0}; default 1e-4
   * @return this builder
   * @throws InvalidOptionException if negative or not finite
   */
  public KMeans tolerance(double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new InvalidOptionException("tolerance", value, "must be finite and >= 0");
    }
    this.tolerance = value;
    return this;
  }

  /**
   * Chooses the assignment algorithm; all give the same result.
   *
   * @param value the variant; default {@link KMeansVariant#AUTO}
   * @return this builder
   */
  public KMeans variant(KMeansVariant value) {
    this.variant = Objects.requireNonNull(value, "variant");
    return this;
  }

  /**
   * Chooses the seeding.
   *
   * @param value the seeding; default {@link KMeansInit#K_MEANS_PLUS_PLUS}
   * @return this builder
   */
  public KMeans init(KMeansInit value) {
    this.init = Objects.requireNonNull(value, "init");
    return this;
  }

  /**
   * Sets the passes and the oversampling of {@link KMeansInit#K_MEANS_PARALLEL} (ignored by the
   * other seedings). The paper's experiments use 5 rounds with {@code l = 2k} and find the final
   * cost insensitive to more; fewer candidates ({@code l = k / 2}) make seeding cheaper at a
   * slightly higher seed cost.
   *
   * @param rounds sampling passes after the first row, {@code >= 1}; default 5
   * @param factor candidates drawn per pass, in units of {@code k}, {@code > 0}; default 2
   * @return this builder
   * @throws InvalidOptionException naming {@code seedingRounds} or {@code oversampling} when out of
   *     range
   */
  public KMeans parallelSeeding(int rounds, double factor) {
    if (rounds < 1) {
      throw new InvalidOptionException(
          "seedingRounds", rounds, "must be at least 1 (the paper uses 5)");
    }
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new InvalidOptionException(
          "oversampling", factor, "must be a positive number of k (the paper uses 0.5 to 10)");
    }
    this.seedingRounds = rounds;
    this.oversampling = factor;
    return this;
  }

  /**
   * Starts from these centroids, in the original units of the data (they go through the same
   * preprocessing), instead of seeding. Sets {@code k} to their number; one run is made whatever
   * {@link #restarts(int)} says.
   *
   * @param centroids {@code k} rows of {@code d} finite values; copied
   * @return this builder
   * @throws InvalidOptionException if empty or ragged
   */
  public KMeans initialCentroids(double[][] centroids) {
    double[][] copy = Rows.copyOption(centroids, "initialCentroids");
    this.initialCentroids = copy;
    this.k = copy.length;
    this.initialModel = null;
    return this;
  }

  /**
   * Continues from a model (last month's segments, or a checkpoint of a long fit): its
   * preprocessing and centroids are used as they are, nothing is learned before iterating. Sets
   * {@code k}; replaces {@link #initialCentroids}; one run is made whatever {@link #restarts(int)}
   * says. The data must have the model's columns.
   *
   * @param model a K-means model
   * @return this builder
   */
  public KMeans initialModel(KMeansModel model) {
    this.initialModel = Objects.requireNonNull(model, "model");
    this.k = model.numSegments();
    this.initialCentroids = null;
    return this;
  }

  /**
   * Whether {@link #fitBatch} learns anything from its sample: false when the start is given and
   * nothing is to be fitted (an initial model, or initial centroids without preprocessing), so a
   * caller holding the rows elsewhere need not draw one.
   *
   * @return whether the sample's rows are used
   */
  public boolean learnsFromSample() {
    return new KMeansFit(this, frame(NAME)).learnsFromSample();
  }

  /**
   * Records the objective of every iteration in {@link FitSummary#objectiveTrace()} (costs one
   * extra distance per row and iteration).
   *
   * @param value whether to record; default false
   * @return this builder
   */
  public KMeans traceObjective(boolean value) {
    this.traceObjective = value;
    return this;
  }

  /**
   * Refines the best restart by random swap (Fränti 2018, "Efficiency of random swap clustering"):
   * each trial moves one randomly chosen centroid onto a randomly chosen row, runs two K-means
   * iterations, and keeps the result if the objective fell; then K-means runs to convergence from
   * the kept centroids. Finds clusters that k-means++ with restarts misses (two centroids in one
   * cluster, none in another). Deterministic from the seed; the objective never rises.
   *
   * <p>Cost: {@code trials} times two iterations, O(trials n k d) for Lloyd (less with bounds).
   *
   * @param trials {@code >= 0}; default 0 (no refinement)
   * @return this builder
   * @throws InvalidOptionException if {@code trials < 0}
   */
  public KMeans randomSwap(int trials) {
    if (trials < 0) {
      throw new InvalidOptionException("randomSwap", trials, "must be >= 0");
    }
    this.swapTrials = trials;
    return this;
  }

  /**
   * Returns the variant a fit with {@code segments} segments of dimension at most 8 really runs:
   * {@code resolve(v, segments, 8)}.
   *
   * @param v the requested variant
   * @param segments k
   * @return the variant
   */
  public static KMeansVariant resolve(KMeansVariant v, int segments) {
    return resolve(v, segments, 8);
  }

  /**
   * Returns the variant a fit with the default iteration limit really runs: {@code resolve(v,
   * segments, dimension, }{@value #DEFAULT_MAX_ITERATIONS}{@code )}.
   *
   * @param v the requested variant
   * @param segments k
   * @param dimension d, the number of columns
   * @return the variant
   */
  public static KMeansVariant resolve(KMeansVariant v, int segments, int dimension) {
    return resolve(v, segments, dimension, DEFAULT_MAX_ITERATIONS);
  }

  /**
   * Returns the variant a fit really runs: {@code v} itself, or for {@link KMeansVariant#AUTO} the
   * one measured fastest for that k, dimension and iteration limit (BENCHMARKS.md section 22, fits
   * on overlapping blobs, 100k and 1M rows):
   *
   * <ul>
   *   <li>Plain Lloyd below {@value #AUTO_HAMERLY_FROM} segments, whose vectorised pass is as fast
   *       as any pruning there.
   *   <li>Hamerly from {@value #AUTO_HAMERLY_FROM} segments: its two bounds per row skip most rows,
   *       and the rows they cannot skip are searched in batches through the same vectorised kernel
   *       (to convergence 1.2-2.1x faster than Lloyd at 100k rows, 1.5x at 1M x 8, k = 64).
   *   <li>Yinyang from {@value #AUTO_YINYANG_FROM} segments in at most {@value #AUTO_YINYANG_MAX_D}
   *       dimensions, where its group bounds skip most distances (1.15-3.5x faster than Lloyd
   *       there, and 3.5x Hamerly at k = 2,000); above that dimension, which is as far as it was
   *       measured, Lloyd.
   *   <li>Lloyd whenever the fit may run fewer than {@value #AUTO_YINYANG_MIN_ITERATIONS}
   *       iterations: in the first iterations every centre moves far and the bounds prune little (a
   *       fit capped at 10 iterations is 1.2-1.4x faster with Lloyd at k = 64, twice as fast at k =
   *       500).
   * </ul>
   *
   * A fit falls back to Lloyd when Yinyang's bounds would not fit in the heap.
   *
   * @param v the requested variant
   * @param segments k
   * @param dimension d, the number of columns
   * @param maxIterations the fit's iteration limit
   * @return {@code v} unless it is {@code AUTO}; then {@code LLOYD} when {@code maxIterations <}
   *     {@value #AUTO_YINYANG_MIN_ITERATIONS}, else {@code YINYANG} for {@code k >=} {@value
   *     #AUTO_YINYANG_FROM} and {@code d <=} {@value #AUTO_YINYANG_MAX_D}, {@code HAMERLY} for
   *     {@value #AUTO_HAMERLY_FROM} {@code <= k <} {@value #AUTO_YINYANG_FROM}, else {@code LLOYD}
   */
  public static KMeansVariant resolve(
      KMeansVariant v, int segments, int dimension, int maxIterations) {
    if (v != KMeansVariant.AUTO) {
      return v;
    }
    if (maxIterations < AUTO_YINYANG_MIN_ITERATIONS) {
      return KMeansVariant.LLOYD;
    }
    if (segments >= AUTO_YINYANG_FROM) {
      return dimension <= AUTO_YINYANG_MAX_D ? KMeansVariant.YINYANG : KMeansVariant.LLOYD;
    }
    return segments >= AUTO_HAMERLY_FROM ? KMeansVariant.HAMERLY : KMeansVariant.LLOYD;
  }

  /** The number of segments from which {@link KMeansVariant#AUTO} runs Hamerly. */
  public static final int AUTO_HAMERLY_FROM = 64;

  /** The iteration limit of a fit that sets none: {@link #maxIterations(int)}. */
  public static final int DEFAULT_MAX_ITERATIONS = 300;

  /** The number of segments from which {@link KMeansVariant#AUTO} runs Yinyang. */
  public static final int AUTO_YINYANG_FROM = 256;

  /** The largest dimension at which {@link KMeansVariant#AUTO} runs Yinyang. */
  public static final int AUTO_YINYANG_MAX_D = 64;

  /** The smallest iteration limit at which {@link KMeansVariant#AUTO} runs Yinyang or Hamerly. */
  public static final int AUTO_YINYANG_MIN_ITERATIONS = 40;

  /**
   * Fits K-means. See the class description for the algorithm and its complexity. The data set is
   * not modified.
   *
   * @throws InvalidDataException if the data set is empty, or a value is outside the domain of the
   *     preprocessing
   * @throws InvalidOptionException if {@code k} exceeds the number of distinct rows, or the initial
   *     centroids do not match the data's width or are not finite
   * @throws dev.segmentation.api.FitCancelledException if the progress listener cancelled
   */
  @Override
  public SegmentationResult<KMeansModel> fit(Dataset data) {
    return new KMeansFit(this, frame(NAME)).fit(data);
  }

  /**
   * Fits K-means over rows held elsewhere (the partitions of a Spark data set, a database cursor),
   * running Lloyd's iterations through {@code passes}: the same objective, update, stopping rule
   * and empty-cluster repair as {@link #fit}, so from the same start and preprocessing the result
   * is that of a local Lloyd fit, to the rounding of sums merged in another order.
   *
   * <p>The preprocessing is learned on {@code sample} and the start is the local K-means on it
   * (this builder's k, seed, restarts, seeding, variant), unless given: {@link #initialModel},
   * {@link #initialCentroids}. Then {@code passes} are opened with the preprocessing and each
   * iteration is one {@link CentrePass#nearest} pass; it stops when the summed squared centroid
   * movement is at most {@code tolerance} times the mean column variance of all rows ({@link
   * CentrePass#summary}), when no centroid moved beyond rounding (no label changed), or after
   * {@code maxIterations}. A k selection or random swap cannot run over passes: choose k on a
   * sample with {@link #fit} first.
   *
   * <p>Cost: the local fit on the sample; then per iteration one pass, O(n k d) wherever the rows
   * are, and O(k d) here; one more pass for the final objective.
   *
   * @param sample rows to learn the preprocessing and the start from; may be empty (with the
   *     columns named) when {@link #learnsFromSample()} is false
   * @param passes opens the passes over all rows once the preprocessing is known
   * @return the model; labels of the sample's rows; the summary over all rows (objective: the sum
   *     of squared distances of all rows to the final centroids)
   * @throws InvalidOptionException if a k selection or random swap is configured, or the start does
   *     not fit the columns, or {@code k} exceeds the distinct rows
   * @throws InvalidDataException if the sample is empty although it is needed
   * @throws dev.segmentation.api.FitCancelledException if the progress listener cancelled
   */
  public SegmentationResult<KMeansModel> fitBatch(Dataset sample, CentrePass.Factory passes) {
    return fitBatch(sample, passes, (iteration, model) -> {});
  }

  /**
   * {@link #fitBatch(Dataset, CentrePass.Factory)} that hands the model of the current centroids to
   * {@code checkpoint} after every iteration (to save it, so a long fit that is stopped can
   * continue with {@link #initialModel}).
   *
   * @param sample as for {@link #fitBatch(Dataset, CentrePass.Factory)}
   * @param passes as for {@link #fitBatch(Dataset, CentrePass.Factory)}
   * @param checkpoint called after each iteration with its number (from 1) and the model
   * @return as for {@link #fitBatch(Dataset, CentrePass.Factory)}
   */
  public SegmentationResult<KMeansModel> fitBatch(
      Dataset sample, CentrePass.Factory passes, Checkpoint checkpoint) {
    return new KMeansFit(this, frame(NAME)).fitBatch(sample, passes, checkpoint);
  }

  /** Receives the model of the current centroids after every iteration of {@link #fitBatch}. */
  @FunctionalInterface
  public interface Checkpoint {
    /**
     * Called after an iteration.
     *
     * @param iteration the iteration just finished, from 1
     * @param model the model of the centroids after it
     */
    void after(int iteration, KMeansModel model);
  }
}
