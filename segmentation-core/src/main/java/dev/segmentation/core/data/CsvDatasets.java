package dev.segmentation.core.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.MixedDataset;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads customer data from CSV files (with FastCSV) into a {@link Dataset}, choosing columns by
 * their header names.
 *
 * <p>The file is UTF-8 with a header line; a UTF-8 byte-order mark is skipped; fields may be quoted
 * (RFC 4180, quotes doubled inside quoted fields); empty lines are skipped. Every problem raises an
 * {@link InvalidDataException} naming the file, the line, the column and the value: a record with a
 * different number of fields than the header, a value that is not a number, and, unless a {@link
 * MissingValuePolicy} other than {@code FAIL} is chosen, a missing or non-finite value. Streaming:
 * one pass over the file, memory O(n d) for the result.
 *
 * <pre>{@code
 * Dataset customers = CsvDatasets.read(Path.of("customers.csv"), "recency", "frequency", "monetary");
 *
 * CsvLoad load = CsvDatasets.reader()
 *     .columns("recency", "frequency", "monetary")
 *     .idColumn("customer_id")
 *     .delimiter(';')
 *     .missingValues(MissingValuePolicy.IMPUTE_MEDIAN)
 *     .load(Path.of("customers.csv"));
 * }</pre>
 */
public final class CsvDatasets {

  private static final Set<String> MISSING_TOKENS = Set.of("", "na", "n/a", "null", "nan");
  private static final Set<String> INFINITE_TOKENS =
      Set.of("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");

  private char delimiter = ',';
  private char quote = '"';
  private String[] columns;
  private String idColumn;
  private String weightColumn;
  private MissingValuePolicy missing = MissingValuePolicy.FAIL;
  private String[] categorical = new String[0];
  private MissingCategoryPolicy missingCategories = MissingCategoryPolicy.LEVEL;

  private CsvDatasets() {}

  /**
   * Reads the named columns of a comma-separated file with a header; any missing value is an error.
   *
   * @param file the CSV file
   * @param columns the columns to load, in this order; none means every column
   * @return the data set
   * @throws InvalidDataException on any malformed, non-numeric, missing or non-finite value, or if
   *     the file cannot be read (naming file, line, column and value)
   * @throws InvalidOptionException if a column is not in the header
   */
  public static Dataset read(Path file, String... columns) {
    return reader().columns(columns).load(file).dataset();
  }

  /**
   * Returns a configurable reader.
   *
   * @return a new reader with defaults: comma, double quote, all columns, no id, fail on missing
   */
  public static CsvDatasets reader() {
    return new CsvDatasets();
  }

  /**
   * Chooses the feature columns, by header name, in the order given.
   *
   * @param names the columns; none means every column except the id and weight columns
   * @return this reader
   * @throws InvalidOptionException if a name is null or blank (naming its position)
   */
  public CsvDatasets columns(String... names) {
    for (int j = 0; j < names.length; j++) {
      if (names[j] == null || names[j].isBlank()) {
        throw new InvalidOptionException(
            "columns",
            java.util.Arrays.toString(names),
            "name "
                + (j + 1)
                + " is "
                + (names[j] == null ? "null" : "blank")
                + "; give header names");
      }
    }
    this.columns = names.length == 0 ? null : names.clone();
    return this;
  }

  /**
   * Names the column that holds customer ids; they become the data set's row ids.
   *
   * @param name a header name, or {@code null} for none
   * @return this reader
   */
  public CsvDatasets idColumn(String name) {
    this.idColumn = name;
    return this;
  }

  /**
   * Names the column that holds row weights (finite, {@code > 0}).
   *
   * @param name a header name, or {@code null} for none
   * @return this reader
   */
  public CsvDatasets weightColumn(String name) {
    this.weightColumn = name;
    return this;
  }

  /**
   * Sets the field delimiter.
   *
   * @param c for example {@code ','}, {@code ';'} or {@code '\t'}
   * @return this reader
   */
  public CsvDatasets delimiter(char c) {
    this.delimiter = c;
    return this;
  }

  /**
   * Sets the quote character.
   *
   * @param c usually {@code '"'}
   * @return this reader
   */
  public CsvDatasets quote(char c) {
    this.quote = c;
    return this;
  }

  /**
   * Chooses what happens to missing and non-finite values.
   *
   * @param policy the policy; default {@link MissingValuePolicy#FAIL}
   * @return this reader
   */
  public CsvDatasets missingValues(MissingValuePolicy policy) {
    this.missing = java.util.Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Names the columns read as categories (region, channel, plan) rather than numbers; only {@link
   * #loadMixed} accepts them. When no numeric columns are chosen, every other column is numeric.
   *
   * <p>Rules, each an {@link InvalidDataException} naming the column: a categorical column must
   * have at least two levels (one level carries no information), at most {@link
   * MixedDataset#MAX_LEVELS}, and a column whose values are all numbers may have at most {@value
   * #MAX_NUMERIC_LEVELS} distinct values (more means a numeric column was named categorical by
   * mistake; codes such as store numbers fit, or can be given a prefix such as {@code store-12}).
   *
   * @param names header names
   * @return this reader
   * @throws InvalidOptionException if a name is null, blank or repeated
   */
  public CsvDatasets categorical(String... names) {
    Set<String> seen = new java.util.HashSet<>();
    for (String name : names) {
      if (name == null || name.isBlank() || !seen.add(name)) {
        throw new InvalidOptionException(
            "categorical",
            Arrays.toString(names),
            "names must be non-blank header names, each once");
      }
    }
    this.categorical = names.clone();
    return this;
  }

  /**
   * Chooses what happens to a missing categorical value (an empty field, {@code NA}, {@code N/A},
   * {@code null}).
   *
   * @param policy the policy; default {@link MissingCategoryPolicy#LEVEL}
   * @return this reader
   */
  public CsvDatasets missingCategories(MissingCategoryPolicy policy) {
    this.missingCategories = java.util.Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Reads a file with numeric and categorical columns (see {@link #categorical}).
   *
   * @param file the CSV file, UTF-8, plain or gzip-compressed
   * @return the mixed data set and what was dropped or imputed
   * @throws InvalidDataException on bad content (naming file, line, column and value) or if the
   *     file cannot be read
   * @throws InvalidOptionException if a named column is not in the header
   */
  public MixedLoad loadMixed(Path file) {
    return fromFile(file, this::loadMixed);
  }

  /**
   * Reads CSV with numeric and categorical columns from a stream (closed by the caller).
   *
   * @param in UTF-8 bytes of a CSV file
   * @param source a name for messages
   * @return the mixed data set and what was dropped or imputed
   * @throws InvalidDataException on bad content
   * @throws InvalidOptionException if a named column is not in the header
   */
  public MixedLoad loadMixed(InputStream in, String source) {
    return loadMixed(in, source, null);
  }

  private MixedLoad loadMixed(InputStream in, String source, InputBudget budget) {
    Parsed p = read(in, source, budget);
    MixedDataset.Builder b = MixedDataset.builder(p.n);
    int d = p.names.length;
    for (int j = 0; j < d; j++) {
      double[] col = new double[p.n];
      for (int i = 0; i < p.n; i++) {
        col[i] = p.data[i * d + j];
      }
      b.numeric(p.names[j], col);
    }
    Map<String, Integer> imputed = new LinkedHashMap<>(p.imputed);
    for (int j = 0; j < categorical.length; j++) {
      String[] col = p.categories.get(j);
      checkLevels(categorical[j], col, source);
      int filled = imputeMode(col);
      if (filled > 0) {
        imputed.put(categorical[j], filled);
      }
      b.categorical(categorical[j], col);
    }
    if (p.ids != null) {
      b.rowIds(p.ids);
    }
    if (p.weights != null) {
      b.weights(p.weights);
    }
    return new MixedLoad(b.build(), source, p.records, p.dropped, imputed);
  }

  /** The most distinct values a categorical column of numbers may have. */
  public static final int MAX_NUMERIC_LEVELS = 32;

  private void checkLevels(String name, String[] col, String source) {
    Set<String> levels = new java.util.HashSet<>();
    boolean allNumbers = true;
    String example = null;
    for (String v : col) {
      if (v == null) {
        continue;
      }
      if (levels.add(v) && levels.size() > MixedDataset.MAX_LEVELS) {
        throw new InvalidDataException(
            source
                + ", column '"
                + name
                + "': more than "
                + MixedDataset.MAX_LEVELS
                + " levels, the limit for a categorical column; a column with that many values is"
                + " an identifier: leave it out of the categorical columns or group its values");
      }
      if (allNumbers && !isNumber(v)) {
        allNumbers = false;
      }
      example = example == null ? v : example;
    }
    if (levels.isEmpty()) {
      throw new InvalidDataException(
          source + ", column '" + name + "': every value is missing; leave the column out");
    }
    if (levels.size() == 1 && missingCategories != MissingCategoryPolicy.KEEP) {
      throw new InvalidDataException(
          source
              + ", column '"
              + name
              + "': one level ('"
              + Messages.cut(example)
              + "') in every row, so it cannot tell customers apart; leave the column out");
    }
    if (allNumbers && levels.size() > MAX_NUMERIC_LEVELS) {
      throw new InvalidDataException(
          source
              + ", column '"
              + name
              + "' is named categorical but holds "
              + levels.size()
              + " distinct numbers (for example '"
              + Messages.cut(example)
              + "'); a number column read as categories makes every value its own level: read"
              + " it as numeric, or, if these are codes, give them a prefix such as 'store-"
              + Messages.cut(example)
              + "'");
    }
  }

  private static boolean isNumber(String v) {
    try {
      Double.parseDouble(v.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Fills missing cells with the most frequent level (ties: the smallest) under MODE. */
  private int imputeMode(String[] col) {
    if (missingCategories != MissingCategoryPolicy.MODE) {
      return 0;
    }
    Map<String, Integer> counts = new HashMap<>();
    for (String v : col) {
      if (v != null) {
        counts.merge(v, 1, Integer::sum);
      }
    }
    String mode = null;
    for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(counts).entrySet()) {
      if (mode == null || e.getValue() > counts.get(mode)) {
        mode = e.getKey();
      }
    }
    int filled = 0;
    for (int i = 0; i < col.length; i++) {
      if (col[i] == null) {
        col[i] = mode;
        filled++;
      }
    }
    return filled;
  }

  /**
   * Reads a file.
   *
   * @param file the CSV file, UTF-8, plain or gzip-compressed (recognised by its content)
   * @return the data set and what was dropped or imputed
   * @throws InvalidDataException on bad content or if the file cannot be read
   * @throws InvalidOptionException if a named column is not in the header
   */
  public CsvLoad load(Path file) {
    return fromFile(file, this::load);
  }

  /** Reads a stream of CSV into a result; the file readers share the opening and its errors. */
  @FunctionalInterface
  private interface StreamLoad<T> {
    T read(InputStream in, String source, InputBudget budget);
  }

  /** Opens a file (plain or gzip, within the input budget) and reads it, naming it on failure. */
  private static <T> T fromFile(Path file, StreamLoad<T> load) {
    try (InputBudget raw = new InputBudget(Files.newInputStream(file), Files.size(file))) {
      return load.read(Gzip.decompressed(raw), file.toString(), raw);
    } catch (NoSuchFileException e) {
      throw new InvalidDataException("file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidDataException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads CSV from a stream (closed by the caller).
   *
   * @param in UTF-8 bytes of a CSV file
   * @param source a name for messages, for example the resource name
   * @return the data set and what was dropped or imputed
   * @throws InvalidDataException on bad content
   * @throws InvalidOptionException if a named column is not in the header
   */
  public CsvLoad load(InputStream in, String source) {
    return load(in, source, null);
  }

  private CsvLoad load(InputStream in, String source, InputBudget budget) {
    if (categorical.length > 0) {
      throw new InvalidOptionException(
          "categorical",
          Arrays.toString(categorical),
          "categorical columns need a mixed data set: read with loadMixed");
    }
    if (missing == MissingValuePolicy.KEEP) {
      throw new InvalidOptionException(
          "missingValues",
          missing,
          "a numeric data set cannot hold missing values: read with loadMixed, or drop or impute");
    }
    Parsed p = read(in, source, budget);
    Dataset ds = Dataset.ofRowMajor(p.data, p.n, Arrays.asList(p.names));
    if (p.ids != null) {
      ds = ds.withRowIds(p.ids);
    }
    if (p.weights != null) {
      ds = ds.withWeights(p.weights);
    }
    return new CsvLoad(ds, source, p.records, p.dropped, p.imputed);
  }

  private Parsed read(InputStream in, String source, InputBudget budget) {
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .fieldSeparator(delimiter)
            .quoteCharacter(quote)
            .skipEmptyLines(true)
            .allowExtraFields(true)
            .allowMissingFields(true)
            .ofCsvRecord(Bom.skipUtf8(in), StandardCharsets.UTF_8)) {
      return parse(csv, source, budget);
    } catch (CsvParseException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new InvalidDataException(
          source
              + ": malformed CSV: "
              + e.getMessage()
              + " ("
              + cause.getMessage()
              + "); check quoting near that line",
          e);
    } catch (UncheckedIOException | IOException e) {
      throw new InvalidDataException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  /** What one pass over the records produced, before it becomes a data set. */
  private static final class Parsed {
    double[] data;
    int n;
    String[] names;
    List<String[]> categories;
    List<String> ids;
    double[] weights;
    long records;
    List<Long> dropped;
    Map<String, Integer> imputed;
  }

  private Parsed parse(CsvReader<CsvRecord> csv, String source, InputBudget budget) {
    var it = csv.iterator();
    if (!it.hasNext()) {
      throw new InvalidDataException(source + " is empty: expected a header line");
    }
    CsvRecord headerRecord = it.next();
    List<String> header = headerRecord.getFields();
    Map<String, Integer> pos = new HashMap<>();
    for (int c = 0; c < header.size(); c++) {
      if (pos.put(header.get(c).trim(), c) != null) {
        throw new InvalidDataException(
            source
                + ", line "
                + headerRecord.getStartingLineNumber()
                + ": column '"
                + header.get(c).trim()
                + "' appears twice in the header");
      }
    }
    int idPos = idColumn == null ? -1 : position(pos, idColumn, "id column", header);
    int weightPos =
        weightColumn == null ? -1 : position(pos, weightColumn, "weight column", header);
    Set<String> categoricalSet = Set.of(categorical);
    int q = categorical.length;
    int[] catPos = new int[q];
    for (int j = 0; j < q; j++) {
      catPos[j] = position(pos, categorical[j], "categorical column", header);
    }
    String[] names = columns;
    if (names != null) {
      for (String name : names) {
        if (categoricalSet.contains(name)) {
          throw new InvalidOptionException(
              "categorical",
              name,
              "is also named as a numeric column; a column is numeric or categorical, not both");
        }
      }
    }
    if (names == null) {
      List<String> all = new ArrayList<>();
      for (int c = 0; c < header.size(); c++) {
        if (c != idPos && c != weightPos && !categoricalSet.contains(header.get(c).trim())) {
          all.add(header.get(c).trim());
        }
      }
      names = all.toArray(new String[0]);
    }
    int d = names.length;
    int[] colPos = new int[d];
    for (int j = 0; j < d; j++) {
      colPos[j] = position(pos, names[j], "column", header);
    }

    DoubleArrayList values = new DoubleArrayList();
    DoubleArrayList weights = weightPos >= 0 ? new DoubleArrayList() : null;
    List<String> ids = idPos >= 0 ? new ArrayList<>() : null;
    List<List<String>> cats = new ArrayList<>(q);
    for (int j = 0; j < q; j++) {
      cats.add(new ArrayList<>());
    }
    String[] catRow = new String[q];
    List<Long> dropped = new ArrayList<>();
    long records = 0;
    double[] row = new double[d];
    // a value takes 8 bytes, up to half again while its list grows, and 8 more when copied out
    double perRecord = d * 8 * 2.5 + q * 24 + (ids != null ? 64 : 0) + (weights != null ? 20 : 0);
    while (it.hasNext()) {
      CsvRecord rec = it.next();
      records++;
      long estimate = budget == null ? -1 : budget.check(records, perRecord, source);
      if (estimate > 0 && estimate * (long) d < Integer.MAX_VALUE - 16) {
        values.ensureCapacity((int) Math.min(estimate * d * 1.02, Integer.MAX_VALUE - 16));
      }
      long line = rec.getStartingLineNumber();
      if (rec.getFieldCount() != header.size()) {
        throw new InvalidDataException(
            source
                + ", line "
                + line
                + ": "
                + rec.getFieldCount()
                + " fields but the header has "
                + header.size()
                + " ("
                + abbreviate(String.join(String.valueOf(delimiter), rec.getFields()))
                + "); fix the line or its quoting");
      }
      boolean gap = false;
      for (int j = 0; j < d; j++) {
        String raw = rec.getField(colPos[j]);
        double v = parse(raw, source, line, names[j]);
        if (Double.isNaN(v)) {
          if (missing == MissingValuePolicy.FAIL) {
            throw new InvalidDataException(
                source
                    + ", line "
                    + line
                    + ", column '"
                    + names[j]
                    + "': "
                    + (raw.isBlank()
                        ? "missing value"
                        : "value '" + Messages.cut(raw) + "' is not a finite number")
                    + "; fix the data or choose a missing-value policy (drop the row, impute mean"
                    + " or median)");
          }
          gap = true;
        }
        row[j] = v;
      }
      boolean categoryGap = false;
      for (int j = 0; j < q; j++) {
        String raw = rec.getField(catPos[j]).trim();
        String v = MISSING_TOKENS.contains(raw.toLowerCase(Locale.ROOT)) ? null : raw;
        if (v == null) {
          switch (missingCategories) {
            case FAIL ->
                throw new InvalidDataException(
                    source
                        + ", line "
                        + line
                        + ", column '"
                        + categorical[j]
                        + "': missing category; fix the data or choose a missing-category policy"
                        + " (a level of its own, the most frequent level, drop the row)");
            case DROP_ROW -> categoryGap = true;
            case LEVEL -> v = MissingCategoryPolicy.MISSING_LEVEL;
            default -> {
              // MODE fills after reading; KEEP leaves the gap
            }
          }
        }
        catRow[j] = v;
      }
      if ((gap && missing == MissingValuePolicy.DROP_ROW) || categoryGap) {
        dropped.add(line);
        continue;
      }
      if (ids != null) {
        // Ids the library wrote with a spreadsheet escape read back as the ids they were.
        // Ids are kept as written: trimming would make " a" and "a" (or "\t=x" and "\r=x") one
        // customer without a word.
        String id = SpreadsheetEscape.unescape(rec.getField(idPos));
        if (id.isBlank()) {
          throw new InvalidDataException(
              source
                  + ", line "
                  + line
                  + ", column '"
                  + idColumn
                  + "': missing id; every row"
                  + " needs an id when an id column is chosen");
        }
        ids.add(id);
      }
      if (weights != null) {
        String raw = rec.getField(weightPos);
        double w = parse(raw, source, line, weightColumn);
        if (!(w > 0) || !Double.isFinite(w)) {
          throw new InvalidDataException(
              source
                  + ", line "
                  + line
                  + ", column '"
                  + weightColumn
                  + "': weight '"
                  + Messages.cut(raw)
                  + "' must be a finite number > 0");
        }
        weights.add(w);
      }
      values.addElements(values.size(), row, 0, d);
      for (int j = 0; j < q; j++) {
        cats.get(j).add(catRow[j]);
      }
    }
    Parsed p = new Parsed();
    p.data = values.toDoubleArray();
    p.n = d > 0 ? p.data.length / d : (q > 0 ? cats.get(0).size() : ids != null ? ids.size() : 0);
    p.names = names;
    p.imputed = impute(p.data, p.n, names);
    p.categories = new ArrayList<>(q);
    for (List<String> c : cats) {
      p.categories.add(c.toArray(new String[0]));
    }
    p.ids = ids;
    p.weights = weights == null ? null : weights.toDoubleArray();
    p.records = records;
    p.dropped = dropped;
    return p;
  }

  private Map<String, Integer> impute(double[] data, int n, String[] names) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    if (missing != MissingValuePolicy.IMPUTE_MEAN && missing != MissingValuePolicy.IMPUTE_MEDIAN) {
      return counts;
    }
    int d = names.length;
    double[] present = new double[n];
    for (int j = 0; j < d; j++) {
      int m = 0;
      for (int i = 0; i < n; i++) {
        double v = data[i * d + j];
        if (!Double.isNaN(v)) {
          present[m++] = v;
        }
      }
      if (m == n) {
        continue;
      }
      if (m == 0) {
        throw new InvalidDataException(
            "column '"
                + names[j]
                + "' has no values at all, so nothing can be imputed; leave the"
                + " column out");
      }
      double fill;
      if (missing == MissingValuePolicy.IMPUTE_MEAN) {
        double s = 0;
        for (int i = 0; i < m; i++) {
          s += present[i];
        }
        fill = s / m;
      } else {
        Arrays.sort(present, 0, m);
        fill = m % 2 == 1 ? present[m / 2] : 0.5 * (present[m / 2 - 1] + present[m / 2]);
      }
      for (int i = 0; i < n; i++) {
        if (Double.isNaN(data[i * d + j])) {
          data[i * d + j] = fill;
        }
      }
      counts.put(names[j], n - m);
    }
    return counts;
  }

  /** Returns the value, or NaN for a missing or non-finite token. */
  private static double parse(String raw, String source, long line, String column) {
    String s = raw.trim();
    String lower = s.toLowerCase(Locale.ROOT);
    if (MISSING_TOKENS.contains(lower) || INFINITE_TOKENS.contains(lower)) {
      return Double.NaN;
    }
    // Double.parseDouble also takes "1d", "0x1p3" and "Infinity"; a CSV of customer data means
    // none of them, so only plain decimal notation is accepted.
    boolean plain = !s.isEmpty();
    for (int c = 0; c < s.length() && plain; c++) {
      char ch = s.charAt(c);
      plain =
          (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E';
    }
    if (plain) {
      try {
        double v = Double.parseDouble(s);
        return Double.isFinite(v) ? v : Double.NaN;
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new InvalidDataException(
        source
            + ", line "
            + line
            + ", column '"
            + column
            + "': value '"
            + abbreviate(raw)
            + "' is not a number; fix the value or leave the column out");
  }

  private static int position(
      Map<String, Integer> pos, String name, String what, List<String> header) {
    Integer p = pos.get(name);
    if (p == null) {
      throw new InvalidOptionException(
          what,
          name,
          "is not a column of the file; the header has " + Messages.cut(header.toString()));
    }
    return p;
  }

  private static String abbreviate(String s) {
    return Messages.cut(s);
  }
}
