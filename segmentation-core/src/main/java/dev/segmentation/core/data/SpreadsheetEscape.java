package dev.segmentation.core.data;

import java.util.regex.Pattern;

/**
 * The escape that keeps a spreadsheet from running a CSV cell as a formula, and its inverse for the
 * library's own readers. A cell that starts with {@code = + - @}, a tab or a carriage return and is
 * not a plain number gets a leading apostrophe (OWASP's advice against formula injection: a
 * customer id such as {@code =HYPERLINK(...)} would otherwise run when the file is opened); numbers
 * such as {@code -1} stay as they are. Readers of ids undo it, so the library's files round-trip:
 * {@code '=cmd} read back is {@code =cmd}, the id it was written for, and an id that itself starts
 * with an apostrophe before such a cell ({@code '=cmd}) is written with one more ({@code ''=cmd}).
 */
public final class SpreadsheetEscape {
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?Infinity|NaN");

  private SpreadsheetEscape() {}

  /**
   * Returns the cell as it should be written for a spreadsheet.
   *
   * @param value the cell, or null
   * @return the value, with a leading apostrophe when a spreadsheet would run it
   */
  public static String escape(String value) {
    return needs(value) ? "'" + value : value;
  }

  /**
   * Returns the value {@link #escape} was given: drops the apostrophe of an escaped cell, leaves
   * every other cell as it is.
   *
   * @param cell a cell as read, or null
   * @return the original value
   */
  public static String unescape(String cell) {
    if (cell != null && cell.length() > 1 && cell.charAt(0) == '\'') {
      String rest = cell.substring(1);
      if (needs(rest)) {
        return rest;
      }
    }
    return cell;
  }

  /**
   * Whether a value gets the apostrophe: a spreadsheet would run it, or it already starts with
   * apostrophes before such a cell ({@code '=x} is written {@code ''=x}), so that reading undoes
   * exactly one escape and every value round-trips.
   */
  private static boolean needs(String value) {
    int i = 0;
    while (value != null && i < value.length() && value.charAt(i) == '\'') {
      i++;
    }
    return risky(i == 0 ? value : value.substring(i));
  }

  private static boolean risky(String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    char c = value.charAt(0);
    boolean formula = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    return formula && !NUMBER.matcher(value).matches();
  }
}
