package dev.segmentation.customer.decide;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.data.Bom;
import dev.segmentation.core.data.Messages;
import dev.segmentation.core.data.SpreadsheetEscape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A customer table as rules see it: ids and named columns, each numeric (every value a number) or
 * text (states, segment names, flags). Built from CSV files joined by customer id, the first file
 * setting the customers and their order. Immutable.
 */
public final class CustomerColumns {
  private final List<String> ids;
  private final Map<String, double[]> numbers;
  private final Map<String, String[]> texts;

  private CustomerColumns(
      List<String> ids, Map<String, double[]> numbers, Map<String, String[]> texts) {
    this.ids = List.copyOf(ids);
    this.numbers = numbers;
    this.texts = texts;
  }

  /**
   * Reads CSV files with a header and joins them by the id column: every customer of the first file
   * needs a row in each other file; a column name in two files is an error.
   *
   * @param idColumn the id column of every file
   * @param files at least one
   * @return the table
   * @throws InvalidDataException if a file cannot be read, an id repeats or is missing from a file
   * @throws InvalidOptionException if a file has no such id column or repeats a column
   */
  public static CustomerColumns read(String idColumn, List<Path> files) {
    Objects.requireNonNull(idColumn, "idColumn");
    if (files.isEmpty()) {
      throw new InvalidOptionException("input", "none", "give at least one customer file");
    }
    List<String> ids = null;
    Map<String, Integer> row = new HashMap<>();
    Map<String, String[]> raw = new LinkedHashMap<>();
    for (Path file : files) {
      List<List<String>> records = new ArrayList<>();
      List<String> header;
      try (CsvReader<CsvRecord> csv =
          CsvReader.builder()
              .skipEmptyLines(true)
              .ofCsvRecord(Bom.skipUtf8(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
        var it = csv.iterator();
        if (!it.hasNext()) {
          throw new InvalidDataException(file + " is empty: expected a header line");
        }
        header = it.next().getFields();
        while (it.hasNext()) {
          records.add(it.next().getFields());
        }
      } catch (NoSuchFileException e) {
        throw new InvalidDataException("file " + file + " does not exist", e);
      } catch (IOException | UncheckedIOException e) {
        throw new InvalidDataException("cannot read " + file + ": " + e.getMessage(), e);
      }
      int idAt = header.indexOf(idColumn);
      if (idAt < 0) {
        throw new InvalidOptionException(
            "id",
            "'" + idColumn + "'",
            "must be a column of " + file + " " + Messages.cut(header.toString()));
      }
      Map<String, Integer> here = new HashMap<>();
      for (int r = 0; r < records.size(); r++) {
        String id = SpreadsheetEscape.unescape(records.get(r).get(idAt));
        if (here.put(id, r) != null) {
          throw new InvalidDataException(
              file + ": customer '" + Messages.cut(id) + "' appears twice");
        }
      }
      if (ids == null) {
        ids = new ArrayList<>();
        for (List<String> rec : records) {
          String id = SpreadsheetEscape.unescape(rec.get(idAt));
          row.put(id, ids.size());
          ids.add(id);
        }
      }
      for (int c = 0; c < header.size(); c++) {
        if (c == idAt) {
          continue;
        }
        String name = header.get(c).trim();
        if (raw.containsKey(name)) {
          throw new InvalidOptionException(
              "input", file.toString(), "repeats column '" + name + "'; rename it in one file");
        }
        String[] values = new String[ids.size()];
        for (String id : ids) {
          Integer r = here.get(id);
          if (r == null) {
            throw new InvalidDataException(
                file + " has no row for customer '" + Messages.cut(id) + "' of " + files.get(0));
          }
          List<String> rec = records.get(r);
          values[row.get(id)] = c < rec.size() ? rec.get(c).trim() : "";
        }
        raw.put(name, values);
      }
    }
    Map<String, double[]> numbers = new LinkedHashMap<>();
    Map<String, String[]> texts = new LinkedHashMap<>();
    for (var e : raw.entrySet()) {
      double[] v = numbers(e.getValue());
      if (v != null) {
        numbers.put(e.getKey(), v);
      } else {
        texts.put(e.getKey(), e.getValue());
      }
    }
    return new CustomerColumns(ids, numbers, texts);
  }

  /** Every value a finite number (blank counts as missing: NaN), or null for a text column. */
  private static double[] numbers(String[] values) {
    double[] out = new double[values.length];
    boolean any = false;
    for (int i = 0; i < values.length; i++) {
      if (values[i].isEmpty()) {
        out[i] = Double.NaN;
        continue;
      }
      try {
        out[i] = Double.parseDouble(values[i]);
        any = true;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return any ? out : null;
  }

  /**
   * A table from columns in memory.
   *
   * @param ids customer ids
   * @param numbers numeric columns, each as long as {@code ids}
   * @param texts text columns, each as long as {@code ids}
   * @return the table
   */
  public static CustomerColumns of(
      List<String> ids, Map<String, double[]> numbers, Map<String, String[]> texts) {
    return new CustomerColumns(ids, new LinkedHashMap<>(numbers), new LinkedHashMap<>(texts));
  }

  /**
   * Returns the customer ids.
   *
   * @return an unmodifiable list
   */
  public List<String> customerIds() {
    return ids;
  }

  /**
   * Returns the names of the columns, numeric then text.
   *
   * @return a new set
   */
  public Set<String> columns() {
    Set<String> all = new java.util.LinkedHashSet<>(numbers.keySet());
    all.addAll(texts.keySet());
    return all;
  }

  /**
   * Returns whether a column is numeric.
   *
   * @param column a name
   * @return true for numbers, false for text or absent
   */
  public boolean isNumeric(String column) {
    return numbers.containsKey(column);
  }

  /**
   * Returns a numeric value.
   *
   * @param column a numeric column
   * @param row the customer's row
   * @return the value (NaN where blank)
   */
  public double number(String column, int row) {
    return numbers.get(column)[row];
  }

  /**
   * Returns a value as text (numbers as written in a numeric column are not kept: their value as
   * Java prints it).
   *
   * @param column a column
   * @param row the customer's row
   * @return the text
   */
  public String text(String column, int row) {
    String[] t = texts.get(column);
    return t != null ? t[row] : Double.toString(numbers.get(column)[row]);
  }
}
