package dev.segmentation.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.segmentation.core.data.SpreadsheetEscape;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How the commands write CSV cells (a mixin): by default so that a spreadsheet will not run them
 * ({@link SpreadsheetEscape}: an apostrophe before a cell that starts with {@code = + - @}, a tab
 * or a carriage return and is not a number), or exactly as they are with {@code --csv-escape none},
 * for machine pipelines. The library's readers accept both. Quoting is FastCSV's (RFC 4180).
 */
final class SafeCsv {
  /** The two ways of writing a cell. */
  enum Escape {
    /** An apostrophe before a cell a spreadsheet would run as a formula. */
    SPREADSHEET,
    /** Every cell as it is. */
    NONE
  }

  @Option(
      names = "--csv-escape",
      paramLabel = "spreadsheet|none",
      defaultValue = "spreadsheet",
      description =
          "spreadsheet (default): an apostrophe before cells such as =HYPERLINK(...) or @x, so a"
              + " spreadsheet does not run them (this tool's readers drop it again); none: cells"
              + " exactly as they are, for other programs")
  Escape escape = Escape.SPREADSHEET;

  /** The cell as it should be written. */
  String cell(String value) {
    return escape == Escape.NONE ? value : SpreadsheetEscape.escape(value);
  }

  /** Writes one record, every cell made safe. */
  void record(CsvWriter w, List<String> fields) {
    String[] out = new String[fields.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = cell(fields.get(i));
    }
    w.writeRecord(out);
  }

  /** Writes one record, every cell made safe. */
  void record(CsvWriter w, String... fields) {
    record(w, List.of(fields));
  }
}
