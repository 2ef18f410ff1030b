package dev.segmentation.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV cells that a spreadsheet will not run: a cell that starts with {@code = + - @}, a tab or a
 * carriage return and is not a plain number gets a leading apostrophe (OWASP's advice against
 * formula injection: a customer id such as {@code =HYPERLINK(...)} would otherwise run when the
 * file is opened). Numbers such as {@code -1} stay as they are. Quoting is FastCSV's (RFC 4180).
 */
final class SafeCsv {
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?Infinity|NaN");

  private SafeCsv() {}

  /** The cell as it should be written. */
  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    char c = value.charAt(0);
    boolean risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    return risky && !NUMBER.matcher(value).matches() ? "'" + value : value;
  }

  /** Writes one record, every cell made safe. */
  static void record(CsvWriter w, List<String> fields) {
    String[] out = new String[fields.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = cell(fields.get(i));
    }
    w.writeRecord(out);
  }

  /** Writes one record, every cell made safe. */
  static void record(CsvWriter w, String... fields) {
    record(w, List.of(fields));
  }
}
