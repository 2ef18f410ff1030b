package dev.segmentation.api;

/**
 * Base of every exception the SDK throws on purpose. All are unchecked: a bad option or bad data is
 * a programming or input error the caller fixes, not a condition to recover from in a loop.
 */
public class SegmentationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what went wrong and what to do.
   *
   * @param message the complete, user-facing message
   */
  public SegmentationException(String message) {
    super(message);
  }

  /**
   * Creates an exception that wraps a lower-level cause (for example an I/O error).
   *
   * @param message the complete, user-facing message
   * @param cause the underlying cause
   */
  public SegmentationException(String message, Throwable cause) {
    super(message, cause);
  }
}
