package dev.segmentation.core.data;

/**
 * Input echoed in an error message, cut to a readable length: a 10 MB field, or the rest of a file
 * after an open quote, must not flood a terminal or a log.
 */
public final class Messages {
  /** The most characters of input a message shows. */
  public static final int MOST = 200;

  private Messages() {}

  /**
   * Returns {@code text} as a message may show it: whole when short, else its first {@link #MOST}
   * characters and how many more there were.
   *
   * @param text input to echo, or null
   * @return the text, cut
   */
  public static String cut(String text) {
    if (text == null || text.length() <= MOST) {
      return text;
    }
    return text.substring(0, MOST) + "... (" + (text.length() - MOST) + " more characters)";
  }
}
