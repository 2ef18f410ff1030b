package dev.segmentation.api;

/**
 * An option of a builder or command has a value that cannot work (for example {@code k <= 0}, or
 * more segments than distinct rows). The message names the option, the value and the accepted
 * range.
 */
public class InvalidOptionException extends SegmentationException {
  private static final long serialVersionUID = 1L;

  private final String option;

  /**
   * Creates the exception.
   *
   * @param option the option's name as the user wrote it, for example {@code "k"}
   * @param value the rejected value
   * @param requirement what the option accepts, for example {@code "must be >= 1"}
   */
  public InvalidOptionException(String option, Object value, String requirement) {
    super("option " + option + " " + requirement + " (was " + value + ")");
    this.option = option;
  }

  /**
   * Returns the name of the rejected option.
   *
   * @return the option name, as given to the constructor
   */
  public String option() {
    return option;
  }
}
