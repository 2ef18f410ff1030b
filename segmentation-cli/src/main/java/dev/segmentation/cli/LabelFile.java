package dev.segmentation.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.core.data.Bom;
import dev.segmentation.core.data.Messages;
import dev.segmentation.core.data.SpreadsheetEscape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Files of one value per row id, such as every command's {@code --output}: id first. */
final class LabelFile {
  /** Segment labels up to this are accepted whatever the file's size. */
  static final int MOST_SEGMENTS = 65_536;

  private LabelFile() {}

  /** Reads id (first column) to value (the named column, or the last) for every record. */
  static Map<String, String> read(Path file, String column) {
    Map<String, String> out = new LinkedHashMap<>();
    readColumns(file, java.util.Arrays.asList(column)).forEach((id, v) -> out.put(id, v[0]));
    return out;
  }

  /**
   * Reads id (first column) to the values of the named columns (a null name: the last column) for
   * every record, in one pass.
   */
  static Map<String, String[]> readColumns(Path file, List<String> columns) {
    Map<String, String[]> ordered = new LinkedHashMap<>();
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .ofCsvRecord(Bom.skipUtf8(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
      var it = csv.iterator();
      if (!it.hasNext()) {
        throw new InvalidDataException(file + " is empty: it needs a header line");
      }
      List<String> header = it.next().getFields();
      int[] cols = new int[columns.size()];
      for (int c = 0; c < cols.length; c++) {
        String column = columns.get(c);
        cols[c] = column == null ? header.size() - 1 : header.indexOf(column);
        if (cols[c] < 1) {
          throw new InvalidDataException(
              file
                  + ": column '"
                  + column
                  + "' not found after the id column; the header is "
                  + header);
        }
      }
      while (it.hasNext()) {
        CsvRecord rec = it.next();
        checkWidth(file, rec, header.size());
        // ids written with the spreadsheet escape (SafeCsv) read back as the ids they were
        String id = SpreadsheetEscape.unescape(rec.getField(0));
        String[] values = new String[cols.length];
        for (int c = 0; c < cols.length; c++) {
          values[c] = rec.getField(cols[c]);
        }
        if (ordered.put(id, values) != null) {
          throw new InvalidDataException(
              file
                  + " line "
                  + rec.getStartingLineNumber()
                  + ": id '"
                  + Messages.cut(id)
                  + "' appears twice");
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidDataException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return ordered;
  }

  /**
   * Reads segment labels by id: the named column must hold integers.
   *
   * @return id to segment, in file order
   */
  static Map<String, Integer> segments(Path file, String column) {
    Map<String, Integer> out = new LinkedHashMap<>();
    Map<String, String> values = read(file, column);
    for (Map.Entry<String, String> e : values.entrySet()) {
      int segment;
      try {
        segment = Integer.parseInt(e.getValue().trim());
      } catch (NumberFormatException ex) {
        throw new InvalidDataException(
            file
                + ": id '"
                + Messages.cut(e.getKey())
                + "' has segment '"
                + Messages.cut(e.getValue())
                + "', not an integer");
      }
      // Tables are sized by the largest segment: a label beyond any segmentation of these
      // customers (a file may hold a subset, so some room is left) is an error, not a request
      // for gigabytes.
      int most = Math.max(values.size(), MOST_SEGMENTS);
      if (segment < -1 || segment >= most) {
        throw new InvalidDataException(
            file
                + ": id '"
                + Messages.cut(e.getKey())
                + "' has segment "
                + segment
                + "; segments are numbered from 0 (-1 for noise), below "
                + most
                + " for a file of "
                + values.size()
                + " customers");
      }
      out.put(e.getKey(), segment);
    }
    return out;
  }

  /** The trimmed header fields of a CSV file, without a leading byte order mark. */
  static List<String> header(Path file, char delimiter) {
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .fieldSeparator(delimiter)
            .ofCsvRecord(Bom.skipUtf8(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
      var it = csv.iterator();
      if (!it.hasNext()) {
        throw new InvalidDataException(file + " is empty: it needs a header line");
      }
      List<String> out = new ArrayList<>();
      for (String h : it.next().getFields()) {
        out.add(h.trim());
      }
      return out;
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidDataException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A record must have as many fields as the header: an error naming the line otherwise. */
  static void checkWidth(Path file, CsvRecord rec, int width) {
    if (rec.getFieldCount() != width) {
      throw new InvalidDataException(
          file
              + " line "
              + rec.getStartingLineNumber()
              + ": "
              + rec.getFieldCount()
              + " fields, the header has "
              + width);
    }
  }
}
