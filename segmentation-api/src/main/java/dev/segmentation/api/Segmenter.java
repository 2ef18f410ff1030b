package dev.segmentation.api;

/**
 * A configured segmentation algorithm: turns a {@link Dataset} into segments and a model.
 * Implementations are builders; they are mutable, not thread-safe, and meant for one fit at a time.
 * The returned model is immutable and thread-safe.
 *
 * @param <M> the type of model the algorithm produces
 */
public interface Segmenter<M extends SegmentModel> {

  /**
   * Fits the algorithm to the data. The data set is never modified.
   *
   * @param data the rows to segment, in original units
   * @return the labels, segment sizes, model and fit summary
   * @throws InvalidOptionException if an option is out of range for this data (named in the
   *     message)
   * @throws InvalidDataException if the data cannot be segmented (for example it is empty)
   * @throws FitCancelledException if a progress listener cancelled the fit
   */
  SegmentationResult<M> fit(Dataset data);
}
