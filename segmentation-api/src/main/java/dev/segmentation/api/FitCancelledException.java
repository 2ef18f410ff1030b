package dev.segmentation.api;

/**
 * A fit was stopped because its {@link ProgressListener} asked to cancel. No partial result is
 * returned; the data set is unchanged.
 */
public class FitCancelledException extends SegmentationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message says which fit was cancelled and at which step
   */
  public FitCancelledException(String message) {
    super(message);
  }
}
