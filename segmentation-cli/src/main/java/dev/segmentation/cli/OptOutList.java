package dev.segmentation.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.data.Bom;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An opt-out file read with the same CSV reader as every other input (CCPA: an opted-out customer
 * must never reach an output): a leading UTF-8 BOM is dropped, quotes are honoured, and either one
 * id per line (an optional header line {@code customer_id} or {@code id}) or a header naming the id
 * column ({@code customer_id} or {@code id}, else the first column) followed by rows such as {@code
 * customer_id,reason}. After use, {@link #report} says how many ids were read, matched and not
 * matched; {@code --opt-out-strict} makes unmatched ids an error.
 */
final class OptOutList {
  private static final Set<String> ID_HEADERS = Set.of("customer_id", "id");

  private final Path file;
  private final List<String> ids;

  private OptOutList(Path file, List<String> ids) {
    this.file = file;
    this.ids = ids;
  }

  /** Reads an opt-out file. */
  static OptOutList read(Path file) {
    List<List<String>> rows = new ArrayList<>();
    // The BOM rule is the other readers' (CsvDatasets, TransactionReader): FastCSV drops it.
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
    } catch (IOException e) {
      throw new InvalidDataException("cannot read opt-out file " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new InvalidDataException(
          "opt-out file " + file + " is not a readable CSV file: " + e.getMessage(), e);
    }
    List<String> ids = new ArrayList<>();
    if (rows.isEmpty()) {
      return new OptOutList(file, ids);
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
            "opt-out file "
                + file
                + ", record "
                + (i + 1)
                + ": no value in id column "
                + (column + 1));
      }
      String id = r.get(column).trim();
      if (!id.isEmpty()) {
        ids.add(id);
      }
    }
    return new OptOutList(file, ids);
  }

  List<String> ids() {
    return ids;
  }

  /**
   * Prints how many ids were read, matched a customer of {@code known} and did not (with a few
   * examples); with {@code strict}, unmatched ids are an error.
   */
  void report(PrintWriter out, Collection<String> known, boolean strict) {
    Set<String> present = known instanceof Set<String> s ? s : new HashSet<>(known);
    Set<String> distinct = new LinkedHashSet<>(ids);
    List<String> unmatched = new ArrayList<>();
    for (String id : distinct) {
      if (!present.contains(id)) {
        unmatched.add(id);
      }
    }
    String examples =
        unmatched.isEmpty()
            ? ""
            : " (for example "
                + String.join(", ", unmatched.subList(0, Math.min(3, unmatched.size())))
                + ")";
    out.println(
        "opt-out file "
            + file
            + ": "
            + distinct.size()
            + " ids read, "
            + (distinct.size() - unmatched.size())
            + " matched customers, "
            + unmatched.size()
            + " did not"
            + examples);
    if (strict && !unmatched.isEmpty()) {
      throw new InvalidOptionException(
          "--opt-out-strict",
          file,
          unmatched.size()
              + " opt-out ids match no customer"
              + examples
              + "; check the file (id column, format) or leave out --opt-out-strict");
    }
  }
}
