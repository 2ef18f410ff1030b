package dev.segmentation.spark;

import dev.segmentation.api.FitSummary;
import dev.segmentation.api.SegmentModel;
import java.util.Objects;

/**
 * The outcome of a distributed fit: the model (an ordinary library model: save it, assign with it
 * locally or on Spark), how the fit went, and the size of every segment over all rows. Labels are
 * not collected (there may be billions of rows); add them with {@link SparkSegmentation#assign}.
 * Immutable.
 *
 * @param <M> the model type
 */
public final class SparkFit<M extends SegmentModel> {
  private final M model;
  private final FitSummary summary;
  private final long[] segmentSizes;
  private final long rows;
  private final int sampleRows;

  SparkFit(M model, FitSummary summary, long[] segmentSizes, long rows, int sampleRows) {
    this.model = Objects.requireNonNull(model, "model");
    this.summary = Objects.requireNonNull(summary, "summary");
    this.segmentSizes = segmentSizes.clone();
    this.rows = rows;
    this.sampleRows = sampleRows;
  }

  /**
   * Returns the fitted model.
   *
   * @return the model
   */
  public M model() {
    return model;
  }

  /**
   * Returns iterations, convergence, final objective (over all rows), distance computations and
   * wall-clock time of the whole fit, sampling included.
   *
   * @return the summary
   */
  public FitSummary summary() {
    return summary;
  }

  /**
   * Returns the number of rows in every segment, over all rows of the data set.
   *
   * @return a new array, indexed by segment label
   */
  public long[] segmentSizes() {
    return segmentSizes.clone();
  }

  /**
   * Returns the number of rows the fit ran over.
   *
   * @return the row count
   */
  public long rows() {
    return rows;
  }

  /**
   * Returns the number of rows of the driver-side sample (preprocessing and initialisation).
   *
   * @return the sample size
   */
  public int sampleRows() {
    return sampleRows;
  }

  @Override
  public String toString() {
    return "SparkFit[" + model + ", rows=" + rows + ", " + summary + "]";
  }
}
