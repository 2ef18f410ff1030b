package dev.segmentation.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.segmentation.core.data.SpreadsheetEscape;
import java.util.List;

/**
 * CSV cells that a spreadsheet will not run ({@link SpreadsheetEscape}: an apostrophe before a cell
 * that starts with {@code = + - @}, a tab or a carriage return and is not a number); the library's
 * readers undo it. Quoting is FastCSV's (RFC 4180).
 */
final class SafeCsv {
  private SafeCsv() {}

  /** The cell as it should be written. */
  static String cell(String value) {
    return SpreadsheetEscape.escape(value);
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
