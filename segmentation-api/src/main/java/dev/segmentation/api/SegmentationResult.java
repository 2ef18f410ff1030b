package dev.segmentation.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a fit: one label per training row, the size of each segment, the fitted model and
 * a summary of the fit. Immutable; accessors return copies.
 *
 * <p>Labels are in {@code [0, k)} where {@code k = model().numSegments()}; algorithms that mark
 * outliers use {@link #NOISE} ({@code -1}), which is counted by {@link #noiseCount()} and not by
 * any segment.
 *
 * @param <M> the model type
 */
public final class SegmentationResult<M extends SegmentModel> {

  /** The label of a row that belongs to no segment (used by density-based algorithms). */
  public static final int NOISE = -1;

  private final int[] labels;
  private final int[] sizes;
  private final int noise;
  private final M model;
  private final FitSummary summary;
  private final SelectionTable selection;

  /**
   * Creates a result, checking that every label is a segment of the model or {@link #NOISE}.
   * Complexity O(n).
   *
   * @param labels one label per training row; copied
   * @param model the fitted model
   * @param summary the fit summary
   * @throws IllegalArgumentException if a label is outside {@code [-1, model.numSegments())}
   */
  public SegmentationResult(int[] labels, M model, FitSummary summary) {
    this(labels, model, summary, null);
  }

  /**
   * Creates the result of a fit that chose its number of segments, carrying the table of the
   * choice. Complexity O(n).
   *
   * @param labels one label per training row; copied
   * @param model the fitted model
   * @param summary the fit summary of the chosen k
   * @param selection the table of the choice, or null if the number of segments was given
   * @throws IllegalArgumentException if a label is outside {@code [-1, model.numSegments())}
   */
  public SegmentationResult(int[] labels, M model, FitSummary summary, SelectionTable selection) {
    this.selection = selection;
    this.model = Objects.requireNonNull(model, "model");
    this.summary = Objects.requireNonNull(summary, "summary");
    this.labels = labels.clone();
    int k = model.numSegments();
    this.sizes = new int[k];
    int noiseCount = 0;
    for (int i = 0; i < labels.length; i++) {
      int l = labels[i];
      if (l == NOISE) {
        noiseCount++;
      } else if (l < 0 || l >= k) {
        throw new IllegalArgumentException(
            "row " + i + ": label " + l + " is not in [-1, " + k + ")");
      } else {
        sizes[l]++;
      }
    }
    this.noise = noiseCount;
  }

  /**
   * Returns the label of every training row, in row order.
   *
   * @return a copy of the labels
   */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * Returns the label of one training row.
   *
   * @param row the row index
   * @return its label
   * @throws IndexOutOfBoundsException if the row does not exist
   */
  public int label(int row) {
    return labels[row];
  }

  /**
   * Returns the number of training rows.
   *
   * @return {@code n}
   */
  public int numRows() {
    return labels.length;
  }

  /**
   * Returns the number of training rows in each segment.
   *
   * @return a copy, indexed by segment label
   */
  public int[] segmentSizes() {
    return sizes.clone();
  }

  /**
   * Returns the number of rows labelled {@link #NOISE}.
   *
   * @return the noise count, 0 for algorithms without noise
   */
  public int noiseCount() {
    return noise;
  }

  /**
   * Returns the fitted model.
   *
   * @return the immutable, thread-safe model
   */
  public M model() {
    return model;
  }

  /**
   * Returns the table of the k selection when the fit chose its number of segments ({@code
   * k(KSelection...)}): the criterion per k, which k were rejected and why.
   *
   * @return the table, or empty if the number of segments was given
   */
  public Optional<SelectionTable> selection() {
    return Optional.ofNullable(selection);
  }

  /**
   * Returns how the fit went.
   *
   * @return the summary
   */
  public FitSummary summary() {
    return summary;
  }
}
