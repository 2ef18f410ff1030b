package dev.segmentation.customer;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.core.data.Bom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A file of customer ids (an opt-out list, a do-not-target list), read with the same CSV reader as
 * every other input so that no id is lost: a leading UTF-8 BOM is dropped, quotes are honoured,
 * blank lines are skipped, and the file is either one id per line (an optional header line {@code
 * customer_id} or {@code id}) or a table whose header names the id column ({@code customer_id} or
 * {@code id}, else the first column), such as {@code customer_id,reason}. Ids are trimmed (a list
 * typed by hand often carries spaces). O(file size).
 */
public final class IdList {
  private static final Set<String> ID_HEADERS = Set.of("customer_id", "id");

  private IdList() {}

  /**
   * Reads the ids of a file, in file order (repeats kept).
   *
   * @param file the list
   * @param kind what the list is, for messages ("opt-out file")
   * @return the ids
   * @throws InvalidDataException if the file cannot be read, is not CSV, or a table row has no
   *     value in the id column (naming the record)
   */
  public static List<String> read(Path file, String kind) {
    Objects.requireNonNull(file, "file");
    List<List<String>> rows = new ArrayList<>();
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .ofCsvRecord(Bom.skipUtf8(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
      for (CsvRecord r : csv) {
        List<String> fields = r.getFields();
        if (fields.size() == 1 && fields.get(0).isBlank()) {
          continue;
        }
        rows.add(fields);
      }
    } catch (NoSuchFileException e) {
      throw new InvalidDataException(kind + " " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidDataException("cannot read " + kind + " " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new InvalidDataException(
          kind + " " + file + " is not a readable CSV file: " + e.getMessage(), e);
    }
    List<String> ids = new ArrayList<>();
    if (rows.isEmpty()) {
      return ids;
    }
    List<String> first = rows.get(0);
    int column = 0;
    int start = 0;
    if (first.size() > 1) {
      // a table: its header names the id column
      start = 1;
      for (int j = 0; j < first.size(); j++) {
        if (ID_HEADERS.contains(first.get(j).trim().toLowerCase(Locale.ROOT))) {
          column = j;
          break;
        }
      }
    } else if (ID_HEADERS.contains(first.get(0).trim().toLowerCase(Locale.ROOT))) {
      start = 1;
    }
    for (int i = start; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      if (column >= r.size()) {
        throw new InvalidDataException(
            kind + " " + file + ", record " + (i + 1) + ": no value in id column " + (column + 1));
      }
      String id = r.get(column).trim();
      if (!id.isEmpty()) {
        ids.add(id);
      }
    }
    return ids;
  }
}
