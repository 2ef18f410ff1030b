package dev.segmentation.api;

/**
 * A row or data set has a different number of columns (or different column names) than the model or
 * operation expects, for example when {@link SegmentModel#assign(double[])} gets a row of the wrong
 * width.
 */
public class DimensionMismatchException extends SegmentationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the complete message naming the expected and the actual width or columns
   */
  public DimensionMismatchException(String message) {
    super(message);
  }
}
