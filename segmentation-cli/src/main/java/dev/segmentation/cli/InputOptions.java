package dev.segmentation.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.MixedDataset;
import dev.segmentation.core.data.Bom;
import dev.segmentation.core.data.CsvDatasets;
import dev.segmentation.core.data.CsvLoad;
import dev.segmentation.core.data.Gzip;
import dev.segmentation.core.data.MissingCategoryPolicy;
import dev.segmentation.core.data.MissingValuePolicy;
import dev.segmentation.core.data.MixedLoad;
import dev.segmentation.customer.DuplicatePolicy;
import dev.segmentation.customer.Exclusions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command that reads a CSV file shares, and the reading itself. */
final class InputOptions {

  @Option(names = "--input", required = true, description = "CSV file with a header line (UTF-8).")
  Path input;

  @Option(
      names = "--columns",
      split = ",",
      description = "Feature columns, comma-separated (default: all but --id and --weight).")
  List<String> columns = List.of();

  @Option(names = "--id", description = "Column with customer ids, written to the output.")
  String id;

  @Option(
      names = "--scale",
      defaultValue = "standard",
      description =
          "none, standard, minmax, robust, log1p or a chain like log1p+standard (default: ${DEFAULT-VALUE}).")
  String scale;

  @Option(names = "--threads", description = "Worker tasks (default: all processors).")
  Integer threads;

  @Option(
      names = "--delimiter",
      defaultValue = ",",
      description = "Field delimiter, one character; 'tab' for tabs (default: ${DEFAULT-VALUE}).")
  String delimiter;

  @Option(
      names = "--missing",
      defaultValue = "FAIL",
      description = "Missing values: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  MissingValuePolicy missing;

  @Option(
      names = "--duplicates",
      defaultValue = "reject",
      description =
          "Rows sharing a customer id (needs --id): reject, keep-first, keep-last or merge-mean"
              + " (default: ${DEFAULT-VALUE}).")
  String duplicates;

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  @Option(
      names = "--categorical",
      split = ",",
      description =
          "Columns read as categories (region, channel, plan), comma-separated; with kmeans this"
              + " fits k-prototypes, with --distance gower it feeds Gower's distance.")
  List<String> categorical = List.of();

  @Option(
      names = "--missing-categories",
      defaultValue = "LEVEL",
      description =
          "Missing categories: ${COMPLETION-CANDIDATES}; LEVEL makes '(missing)' a level of its"
              + " own (default: ${DEFAULT-VALUE}).")
  MissingCategoryPolicy missingCategories;

  /**
   * Reads numeric and {@code --categorical} columns, reporting dropped and imputed values on {@code
   * err}; duplicate ids are refused or resolved by {@code --duplicates} (keep-first, keep-last; a
   * mean of categories does not exist).
   */
  MixedDataset loadMixed(String weight, PrintWriter err) {
    List<String> chosen = columns;
    if (chosen.isEmpty()) {
      chosen = numericColumns(weight, err);
    }
    // none: every column but id, weight and the categorical ones, which the reader takes itself
    List<String> numeric = new ArrayList<>();
    for (String c : chosen) {
      if (!categorical.contains(c)) {
        numeric.add(c);
      }
    }
    MixedLoad load =
        CsvDatasets.reader()
            .columns(numeric.toArray(new String[0]))
            .categorical(categorical.toArray(new String[0]))
            .missingCategories(missingCategories)
            .idColumn(id)
            .weightColumn(weight)
            .delimiter(parseDelimiter(delimiter))
            .missingValues(missing)
            .loadMixed(input);
    if (!load.droppedLines().isEmpty()) {
      err.println(
          "dropped "
              + load.droppedLines().size()
              + " rows with missing values (lines "
              + abbreviate(load.droppedLines())
              + ")");
    }
    load.imputedValues()
        .forEach((c, count) -> err.println("imputed " + count + " values in column '" + c + "'"));
    MixedDataset data = load.dataset();
    if (id == null) {
      return data;
    }
    DuplicatePolicy policy = duplicatePolicy(duplicates);
    List<String> ids = data.rowIds().orElseThrow();
    java.util.Map<String, Integer> kept = new java.util.LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      Integer before = kept.get(ids.get(i));
      if (before == null || policy == DuplicatePolicy.KEEP_LAST) {
        if (before != null) {
          kept.remove(ids.get(i));
        }
        kept.put(ids.get(i), i);
      } else if (policy == DuplicatePolicy.REJECT || policy == DuplicatePolicy.MERGE_MEAN) {
        throw new InvalidOptionException(
            "--duplicates",
            duplicates,
            "customer id '"
                + ids.get(i)
                + "' appears on rows "
                + (before + 1)
                + " and "
                + (i + 1)
                + (policy == DuplicatePolicy.MERGE_MEAN
                    ? "; categories have no mean: use keep-first or keep-last"
                    : "; fix the file or choose keep-first or keep-last"));
      }
    }
    if (kept.size() == ids.size()) {
      return data;
    }
    int[] rows = kept.values().stream().mapToInt(Integer::intValue).sorted().toArray();
    err.println(
        "duplicate customer ids: "
            + (ids.size() - rows.length)
            + " rows left out ("
            + duplicates
            + ")");
    return data.rows(rows);
  }

  /** The line that says what mixed data was read. */
  String describe(MixedDataset data) {
    return "input "
        + input
        + ": "
        + data.numRows()
        + " rows, numeric columns "
        + data.numericNames()
        + ", categorical columns "
        + data.categoricalNames()
        + ", scaling "
        + scale;
  }

  /**
   * Reads the file, reporting dropped and imputed values on {@code err}.
   *
   * @param weight the weight column, or null
   */
  Dataset load(String weight, PrintWriter err) {
    if (!categorical.isEmpty()) {
      throw new InvalidOptionException(
          "--categorical",
          String.join(",", categorical),
          "is not used here: categorical columns go to kmeans (k-prototypes), and to"
              + " hierarchical, dbscan, hdbscan and optics with --distance gower");
    }
    List<String> chosen = columns.isEmpty() ? numericColumns(weight, err) : columns;
    CsvLoad load =
        CsvDatasets.reader()
            .columns(chosen.toArray(new String[0]))
            .idColumn(id)
            .weightColumn(weight)
            .delimiter(parseDelimiter(delimiter))
            .missingValues(missing)
            .load(input);
    if (load.droppedRows() > 0) {
      err.println(
          "dropped "
              + load.droppedRows()
              + " rows with missing values (lines "
              + abbreviate(load.droppedLines())
              + ")");
    }
    load.imputedValues()
        .forEach((c, count) -> err.println("imputed " + count + " values in column '" + c + "'"));
    Dataset data = load.dataset();
    DuplicatePolicy policy = duplicatePolicy(duplicates);
    if (id == null) {
      return data;
    }
    Exclusions.Result kept = Exclusions.optOut(List.of()).duplicates(policy).apply(data);
    if (kept.duplicates() > 0) {
      err.println(
          "duplicate customer ids: "
              + kept.duplicates()
              + " rows "
              + (policy == DuplicatePolicy.MERGE_MEAN ? "merged" : "left out")
              + " ("
              + duplicates
              + ")");
    }
    return kept.data();
  }

  /** Records looked at to tell numeric columns from text ones when --columns is not given. */
  private static final int SNIFFED = 1000;

  /**
   * Without --columns: every column but the id and weight whose first {@value #SNIFFED} values are
   * mostly numbers (or blank), saying on {@code err} which text columns were left out (the {@code
   * state} of {@code segment features}, for instance), so that one command's output is the next
   * one's input. An empty list (all columns) when every column is numeric.
   */
  private List<String> numericColumns(String weight, PrintWriter err) {
    List<String> header;
    int[] numbers;
    int[] words;
    try (InputStream raw = Files.newInputStream(input);
        CsvReader<CsvRecord> csv =
            CsvReader.builder()
                .fieldSeparator(parseDelimiter(delimiter))
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .ofCsvRecord(Bom.skipUtf8(Gzip.decompressed(raw)), StandardCharsets.UTF_8)) {
      var it = csv.iterator();
      if (!it.hasNext()) {
        return List.of(); // the reader says the file is empty
      }
      header = it.next().getFields();
      numbers = new int[header.size()];
      words = new int[header.size()];
      for (int r = 0; r < SNIFFED && it.hasNext(); r++) {
        List<String> f = it.next().getFields();
        for (int c = 0; c < Math.min(f.size(), header.size()); c++) {
          String v = f.get(c).trim();
          if (!v.isEmpty()) {
            if (isNumber(v)) {
              numbers[c]++;
            } else {
              words[c]++;
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of(); // the reader reports what is wrong with the file, naming the line
    }
    List<String> used = new ArrayList<>();
    List<String> text = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) {
      String name = header.get(c).trim();
      if (name.equals(id) || name.equals(weight) || categorical.contains(name)) {
        continue;
      }
      // a column of words is text; a column of numbers with a stray word is a column of numbers
      // with a mistake, which the reader reports with its line
      (words[c] <= numbers[c] ? used : text).add(name);
    }
    if (text.isEmpty() || used.isEmpty()) {
      return List.of();
    }
    err.println(
        "columns: "
            + String.join(", ", used)
            + "; left out the text column"
            + (text.size() > 1 ? "s " : " ")
            + String.join(", ", text)
            + " (choose with --columns)");
    return used;
  }

  private static boolean isNumber(String v) {
    try {
      Double.parseDouble(v);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Parses {@code --duplicates}. */
  static DuplicatePolicy duplicatePolicy(String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "reject" -> DuplicatePolicy.REJECT;
      case "keep-first" -> DuplicatePolicy.KEEP_FIRST;
      case "keep-last" -> DuplicatePolicy.KEEP_LAST;
      case "merge-mean" -> DuplicatePolicy.MERGE_MEAN;
      default ->
          throw new InvalidOptionException(
              "--duplicates",
              "'" + value + "'",
              "must be reject, keep-first, keep-last or merge-mean");
    };
  }

  /** The line that says what was read. */
  String describe(Dataset data) {
    return "input "
        + input
        + ": "
        + data.numRows()
        + " rows, columns "
        + data.columnNames()
        + ", scaling "
        + scale;
  }

  /** A date option, yyyy-MM-dd, or an error naming the option and the value. */
  static java.time.LocalDate parseDate(String option, String value) {
    try {
      return java.time.LocalDate.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidOptionException(option, "'" + value + "'", "must be a date yyyy-MM-dd");
    }
  }

  static char parseDelimiter(String value) {
    if (value.equalsIgnoreCase("tab") || value.equals("\\t")) {
      return '\t';
    }
    if (value.length() != 1 || value.equals("\"") || value.equals("\n") || value.equals("\r")) {
      throw new InvalidOptionException(
          "--delimiter",
          "'" + value.replace("\n", "\\n").replace("\r", "\\r") + "'",
          "must be a single character other than the quote '\"' and a line break, or 'tab'");
    }
    return value.charAt(0);
  }

  private static String abbreviate(List<Long> lines) {
    List<Long> head = lines.subList(0, Math.min(10, lines.size()));
    String s = head.toString();
    return lines.size() > head.size() ? s.substring(0, s.length() - 1) + ", ...]" : s;
  }
}
