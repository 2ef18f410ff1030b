package dev.segmentation.api;

/**
 * The data cannot be used as given: a value is missing, not a number, not finite, a line of a file
 * is malformed, or the data set is empty. The message names the source (file or data set), the line
 * or row, the column and the offending value, and says what to do.
 */
public class InvalidDataException extends SegmentationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the complete message, naming where the bad value is and what to do
   */
  public InvalidDataException(String message) {
    super(message);
  }

  /**
   * Creates the exception with an underlying cause.
   *
   * @param message the complete message
   * @param cause the underlying cause (for example an {@link java.io.IOException})
   */
  public InvalidDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
