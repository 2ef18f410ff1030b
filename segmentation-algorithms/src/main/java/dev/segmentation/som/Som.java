package dev.segmentation.som;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.fit.SegmenterBuilder;
import java.util.Objects;

/**
 * A self-organizing map (Kohonen): a 2-D grid of units, each a point in the customers' space,
 * trained so that similar customers land on nearby units; then the units are grouped into {@code k}
 * segments. Start from {@code Segmentation.som()}.
 *
 * <pre>{@code
 * SegmentationResult<SomModel> result = Segmentation.som()
 *     .grid(12, 8).topology(Topology.HEXAGONAL)
 *     .epochs(30).seed(7).segments(6)
 *     .preprocess(Scaling.standard())
 *     .fit(customers);
 * double[] uMatrix = result.model().uMatrix();
 * }</pre>
 *
 * <p><b>Training.</b> {@link SomTraining#BATCH} (default): each epoch finds every customer's
 * best-matching unit (BMU, the nearest unit; ties to the lower unit) with the tiled K-means kernel,
 * sums the customers per unit over fixed blocks of rows (reduced in block order, so any thread
 * count gives identical results), and sets unit {@code u} to {@code sum_v h(u,v) S_v / sum_v h(u,v)
 * N_v}, where {@code S_v} and {@code N_v} are the sum and (weighted) count of unit {@code v}'s
 * customers and {@code h} the neighbourhood at the epoch's radius; a unit whose neighbourhood holds
 * no customer keeps its vector. {@link SomTraining#ONLINE}: customers one at a time in an order
 * shuffled per epoch from the seed, {@code w_v += lr h(bmu, v) (x - w_v)}, with learning rate and
 * radius decaying per customer. Radius (grid units) and learning rate decay from their start to
 * their end value over the fit ({@link Decay}).
 *
 * <p><b>Quality.</b> After every epoch: the mean squared distance of customers to their BMU (the
 * distortion the batch map decreases; {@link FitSummary#objectiveTrace()}), the mean distance
 * (MiniSom's quantization error; {@link SomModel#quantizationErrors()}) and, if asked with {@link
 * #traceTopographicError(boolean)}, the topographic error (share of customers whose two best units
 * are not adjacent; always computed for the final map).
 *
 * <p><b>Complexity.</b> A batch epoch is one BMU pass, O(n u d) for u units (the same distance work
 * as a Lloyd pass with k = u), plus O(u^2 d) smoothing; an online epoch is O(n u d). Memory: the
 * codebook ({@code u d} doubles, one flat array), {@code u^2} grid distances, and per-block sums
 * ({@code 256 u d} doubles at most).
 *
 * <p>Row weights count as multiplicities in training and grouping. The builder is mutable and meant
 * for one thread; the model it returns is immutable.
 */
public final class Som extends SegmenterBuilder<Som, SomModel> {
  /** The family's name in provenance records. */
  static final String NAME = "self-organizing map";

  int columns = 10;
  int rows = 10;
  Topology topology = Topology.RECTANGULAR;
  boolean toroidal;
  Neighborhood neighborhood = Neighborhood.GAUSSIAN;
  int epochs = 20;
  long seed = 42;
  SomTraining training = SomTraining.BATCH;
  SomInit init = SomInit.PCA;
  double radiusStart = Double.NaN;
  double radiusEnd = 1;
  Decay radiusDecay = Decay.EXPONENTIAL;
  double rateStart = 0.5;
  double rateEnd = 0.01;
  Decay rateDecay = Decay.EXPONENTIAL;
  int segments = 6;
  UnitGrouping grouping = UnitGrouping.WARD;
  KSelection selection;
  boolean traceTopographic;

  /** Creates a builder with the defaults; prefer {@code Segmentation.som()}. */
  public Som() {}

  @Override
  protected Som self() {
    return this;
  }

  /**
   * Sets the grid size.
   *
   * @param width columns, {@code >= 1}
   * @param height rows, {@code >= 1}; default 10 x 10
   * @return this builder
   * @throws InvalidOptionException if a side is below 1 or the grid has more than 2^20 units
   */
  public Som grid(int width, int height) {
    if (width < 1 || height < 1 || (long) width * height > 1 << 20) {
      throw new InvalidOptionException(
          "grid", width + "x" + height, "needs sides >= 1 and at most 2^20 units");
    }
    this.columns = width;
    this.rows = height;
    return this;
  }

  /**
   * Chooses the grid's topology.
   *
   * @param value rectangular or hexagonal; default rectangular
   * @return this builder
   */
  public Som topology(Topology value) {
    this.topology = Objects.requireNonNull(value, "topology");
    return this;
  }

  /**
   * Wraps the grid's opposite edges (a torus), so no unit sits on an edge.
   *
   * @param value whether to wrap; default false. A hexagonal torus needs an even number of rows.
   * @return this builder
   */
  public Som toroidal(boolean value) {
    this.toroidal = value;
    return this;
  }

  /**
   * Chooses the neighbourhood function.
   *
   * @param value Gaussian or bubble; default Gaussian
   * @return this builder
   */
  public Som neighborhood(Neighborhood value) {
    this.neighborhood = Objects.requireNonNull(value, "neighborhood");
    return this;
  }

  /**
   * Sets the number of passes over the data.
   *
   * @param count {@code >= 1}; default 20
   * @return this builder
   * @throws InvalidOptionException if {@code count < 1}
   */
  public Som epochs(int count) {
    if (count < 1) {
      throw new InvalidOptionException("epochs", count, "must be >= 1");
    }
    this.epochs = count;
    return this;
  }

  /**
   * Sets the seed of every random choice (random initialization, online order, K-means grouping).
   *
   * @param value any value; default 42
   * @return this builder
   */
  public Som seed(long value) {
    this.seed = value;
    return this;
  }

  /**
   * Chooses batch or online training.
   *
   * @param value the training; default {@link SomTraining#BATCH}
   * @return this builder
   */
  public Som training(SomTraining value) {
    this.training = Objects.requireNonNull(value, "training");
    return this;
  }

  /**
   * Chooses the initialization.
   *
   * @param value the initialization; default {@link SomInit#PCA}
   * @return this builder
   */
  public Som init(SomInit value) {
    this.init = Objects.requireNonNull(value, "init");
    return this;
  }

  /**
   * Sets the neighbourhood radius schedule, in grid units.
   *
   * @param start radius at the start, {@code > 0}; default half the longer grid side (at least 1)
   * @param end radius at the end, {@code > 0} and at most start; default 1
   * @param decay how it shrinks; default exponential
   * @return this builder
   * @throws InvalidOptionException if a radius is not positive and finite or end exceeds start
   */
  public Som radius(double start, double end, Decay decay) {
    if (!(start > 0) || !(end > 0) || end > start || !Double.isFinite(start)) {
      throw new InvalidOptionException(
          "radius", start + " -> " + end, "needs 0 < end <= start, both finite");
    }
    this.radiusStart = start;
    this.radiusEnd = end;
    this.radiusDecay = Objects.requireNonNull(decay, "decay");
    return this;
  }

  /**
   * Sets the learning-rate schedule of online training (batch training has no learning rate).
   *
   * @param start rate at the start, in {@code (0, 1]}; default 0.5
   * @param end rate at the end, in {@code (0, start]}; default 0.01
   * @param decay how it shrinks; default exponential
   * @return this builder
   * @throws InvalidOptionException if the rates are out of range
   */
  public Som learningRate(double start, double end, Decay decay) {
    if (!(start > 0) || start > 1 || !(end > 0) || end > start) {
      throw new InvalidOptionException(
          "learningRate", start + " -> " + end, "needs 0 < end <= start <= 1");
    }
    this.rateStart = start;
    this.rateEnd = end;
    this.rateDecay = Objects.requireNonNull(decay, "decay");
    return this;
  }

  /**
   * Sets how many segments the units are grouped into.
   *
   * @param k {@code >= 1}, at most the number of units; default 6
   * @return this builder
   * @throws InvalidOptionException if {@code k < 1}
   */
  public Som segments(int k) {
    if (k < 1) {
      throw new InvalidOptionException("segments", k, "must be >= 1");
    }
    this.segments = k;
    this.selection = null;
    return this;
  }

  /**
   * Chooses the number of segments: trains the map once, groups its units into every k of the
   * selection's range, scores the resulting customer segments on the preprocessed rows and keeps
   * the k the selection chooses; the result carries the table ({@link
   * SegmentationResult#selection()}). The gap statistic trains a map with the same options on each
   * reference data set. Replaces any {@code segments(int)}.
   *
   * @param value the range, criterion and constraints
   * @return this builder
   */
  public Som segments(KSelection value) {
    this.selection = Objects.requireNonNull(value, "selection");
    return this;
  }

  /**
   * Chooses how units are grouped into segments.
   *
   * @param value Ward or K-means, both weighted by hits; default Ward
   * @return this builder
   */
  public Som grouping(UnitGrouping value) {
    this.grouping = Objects.requireNonNull(value, "grouping");
    return this;
  }

  /**
   * Records the topographic error after every epoch, not only for the final map (costs one more
   * scan of all units per customer and epoch).
   *
   * @param value whether to record; default false
   * @return this builder
   */
  public Som traceTopographicError(boolean value) {
    this.traceTopographic = value;
    return this;
  }

  /**
   * Trains the map and groups its units. See the class description.
   *
   * @throws InvalidDataException if the data set is empty or a value is outside the domain of the
   *     preprocessing
   * @throws InvalidOptionException if {@code segments} exceeds the number of units, or a toroidal
   *     hexagonal grid has an odd number of rows
   * @throws FitCancelledException if the progress listener cancelled
   */
  @Override
  public SegmentationResult<SomModel> fit(Dataset data) {
    return new SomFit(this, frame(NAME)).fit(data);
  }

  /**
   * Trains a batch map whose passes over the data run elsewhere (for example on a Spark cluster,
   * see the {@code segmentation-spark} module): the preprocessing is fitted on {@code sample}, the
   * codebook initialised from it (PCA or random rows, as {@link #fit}), then every epoch asks
   * {@code passes} for the per-unit sums over all rows and smooths them exactly as {@link #fit}
   * does. With the whole data as the sample and a pass over the same rows this gives {@link #fit}'s
   * map (to rounding: sums are reduced in another order). The units are grouped into segments with
   * the weights of the last pass. The result's labels are the sample's.
   *
   * <p>Complexity: {@code epochs + 2} passes ({@link BatchPass}), plus O(s d^2) for a PCA start on
   * {@code s} sample rows and the unit grouping of {@link #fit}.
   *
   * @param sample rows in original units, used for the preprocessing and the initial codebook
   * @param passes opens the passes over all rows once the preprocessing is fitted
   * @return the map, its summary (distances counted over all rows) and the sample's labels
   * @throws InvalidOptionException if the training is not batch, or the number of segments is to be
   *     chosen (choose it on a sample with {@link #fit} first), or exceeds the number of units
   * @throws InvalidDataException if the sample is empty or outside the preprocessing's domain
   * @throws FitCancelledException if the progress listener cancelled
   */
  public SegmentationResult<SomModel> fitBatch(Dataset sample, BatchPass.Factory passes) {
    return new SomFit(this, frame(NAME)).fitBatch(sample, passes);
  }
}
