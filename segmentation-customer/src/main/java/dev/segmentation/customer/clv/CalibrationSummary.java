package dev.segmentation.customer.clv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.data.Bom;
import dev.segmentation.core.data.Messages;
import dev.segmentation.core.data.SpreadsheetEscape;
import dev.segmentation.customer.NegativeQuantityPolicy;
import dev.segmentation.customer.Purchases;
import dev.segmentation.customer.TransactionLog;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the buy-till-you-die models are fitted on, one row per customer: repeat purchases {@code x}
 * (purchases after the first, counted as {@link Purchases} counts them: one order id, or one
 * customer-day without ids, returns left out), recency {@code t_x} (time from the first to the last
 * purchase), age {@code T} (time from the first purchase to the end of calibration) and the mean
 * value of the repeat purchases (0 when {@code x = 0}), in days or weeks. Built from a transaction
 * log up to a calibration end date, optionally with a holdout period after it (each customer's
 * holdout purchases and value, and the weekly tracking of repeat purchases of the whole cohort), or
 * read from a CSV summary whose columns the user names, so that published summaries can be used as
 * they are. Customers whose first purchase is after the calibration end are not in the cohort.
 * Immutable.
 *
 * <pre>{@code
 * CalibrationSummary s = CalibrationSummary.until(LocalDate.of(1997, 9, 30))
 *     .scale(TimeScale.WEEKS).holdoutUntil(LocalDate.of(1998, 6, 30)).compute(log);
 * }</pre>
 *
 * <p>Cost: that of {@link Purchases} (a counting sort of the lines) plus O(purchases).
 */
public final class CalibrationSummary {
  private final List<String> ids;
  private final int[] x;
  private final double[] recency;
  private final double[] age;
  private final double[] value;
  private final int[] holdoutPurchases;
  private final double[] holdoutValue;
  private final TimeScale scale;
  private final LocalDate calibrationEnd;
  private final LocalDate holdoutEnd;
  private final LocalDate cohortStart;
  private final int[] repeatsByPeriod;

  /**
   * The compression, made on first use and kept: the summary is immutable, and one command fits two
   * or three models, validates and scores on it.
   */
  private volatile Compressed compressed;

  private CalibrationSummary(
      List<String> ids,
      int[] x,
      double[] recency,
      double[] age,
      double[] value,
      int[] holdoutPurchases,
      double[] holdoutValue,
      TimeScale scale,
      LocalDate calibrationEnd,
      LocalDate holdoutEnd,
      LocalDate cohortStart,
      int[] repeatsByPeriod) {
    this.ids = List.copyOf(ids);
    this.x = x;
    this.recency = recency;
    this.age = age;
    this.value = value;
    this.holdoutPurchases = holdoutPurchases;
    this.holdoutValue = holdoutValue;
    this.scale = scale;
    this.calibrationEnd = calibrationEnd;
    this.holdoutEnd = holdoutEnd;
    this.cohortStart = cohortStart;
    this.repeatsByPeriod = repeatsByPeriod;
  }

  /**
   * Starts a summary of a log whose calibration period ends on a date.
   *
   * @param calibrationEnd the last day of calibration, inclusive
   * @return a builder (weeks, no holdout, nobody opted out)
   */
  public static Builder until(LocalDate calibrationEnd) {
    return new Builder(Objects.requireNonNull(calibrationEnd, "calibrationEnd"));
  }

  /**
   * A summary from its columns, checked as a read one is.
   *
   * @param ids customer ids, distinct
   * @param x repeat purchases, {@code >= 0}
   * @param recency t_x, in {@code [0, T]}; 0 exactly when x = 0
   * @param age T, {@code >= 0}
   * @param meanValue mean value of the repeat purchases (ignored where x = 0), or null when unknown
   * @param scale the unit of recency and age
   * @return the summary
   * @throws InvalidDataException naming the first bad customer, or if empty
   */
  public static CalibrationSummary of(
      List<String> ids,
      int[] x,
      double[] recency,
      double[] age,
      double[] meanValue,
      TimeScale scale) {
    int n = ids.size();
    if (x.length != n || recency.length != n || age.length != n) {
      throw new InvalidOptionException(
          "columns", n + " ids", "need as many x, recency and age values");
    }
    if (meanValue != null && meanValue.length != n) {
      throw new InvalidOptionException("meanValue", meanValue.length + " values", "need " + n);
    }
    double[] v = new double[n];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String where = "customer '" + Messages.cut(ids.get(i)) + "'";
      if (!seen.add(ids.get(i))) {
        throw new InvalidDataException(where + " appears twice in the summary");
      }
      check(where, x[i], recency[i], age[i]);
      v[i] = meanValue == null || x[i] == 0 ? 0 : meanValue[i];
      if (meanValue != null && x[i] > 0 && !Double.isFinite(v[i])) {
        throw new InvalidDataException(where + ": mean value " + v[i] + " is not a number");
      }
    }
    if (n == 0) {
      throw new InvalidDataException("the summary has no customers");
    }
    return new CalibrationSummary(
        ids,
        x.clone(),
        recency.clone(),
        age.clone(),
        v,
        null,
        null,
        Objects.requireNonNull(scale, "scale"),
        null,
        null,
        null,
        null);
  }

  private static void check(String where, double x, double tx, double t) {
    if (!(x >= 0) || x != Math.rint(x) || x > Integer.MAX_VALUE) {
      throw new InvalidDataException(where + ": x = " + x + " is not a count of purchases (>= 0)");
    }
    if (!(tx >= 0) || !Double.isFinite(tx)) {
      throw new InvalidDataException(where + ": t_x = " + tx + " must be a finite number >= 0");
    }
    if (!(t >= 0) || !Double.isFinite(t)) {
      throw new InvalidDataException(where + ": T = " + t + " must be a finite number >= 0");
    }
    if (tx > t) {
      throw new InvalidDataException(
          where
              + ": t_x = "
              + tx
              + " is after T = "
              + t
              + "; the last purchase must be in calibration");
    }
    if (x > 0 && tx == 0) {
      throw new InvalidDataException(
          where
              + ": x = "
              + (long) x
              + " repeat purchases but t_x = 0; a repeat purchase is later than the first");
    }
    if (x == 0 && tx > 0) {
      throw new InvalidDataException(
          where + ": no repeat purchase (x = 0) but t_x = " + tx + "; t_x must be 0");
    }
  }

  /**
   * Reads a summary from a CSV file with a header, columns named by the user (a leading byte order
   * mark and the library's spreadsheet escape on ids are undone).
   *
   * @param file the CSV file
   * @param idColumn customer id column
   * @param xColumn repeat purchases column
   * @param recencyColumn t_x column
   * @param ageColumn T column
   * @param valueColumn mean repeat value column, or null when there is none
   * @param scale the unit of t_x and T in the file
   * @return the summary
   * @throws InvalidOptionException if a named column is not in the header
   * @throws InvalidDataException if the file cannot be read or a value is bad, naming the line
   */
  public static CalibrationSummary read(
      Path file,
      String idColumn,
      String xColumn,
      String recencyColumn,
      String ageColumn,
      String valueColumn,
      TimeScale scale) {
    Objects.requireNonNull(file, "file");
    List<String> ids = new ArrayList<>();
    IntArrayList xs = new IntArrayList();
    DoubleArrayList txs = new DoubleArrayList();
    DoubleArrayList ts = new DoubleArrayList();
    DoubleArrayList vs = new DoubleArrayList();
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .skipEmptyLines(true)
            .ofCsvRecord(Bom.skipUtf8(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
      var it = csv.iterator();
      if (!it.hasNext()) {
        throw new InvalidDataException(file + " is empty: expected a header line");
      }
      List<String> header = it.next().getFields();
      Map<String, Integer> pos = new HashMap<>();
      for (int c = 0; c < header.size(); c++) {
        pos.putIfAbsent(header.get(c).trim(), c);
      }
      int id = column(pos, idColumn, "id column", header);
      int xc = column(pos, xColumn, "x column", header);
      int tx = column(pos, recencyColumn, "recency column", header);
      int t = column(pos, ageColumn, "age column", header);
      int v = valueColumn == null ? -1 : column(pos, valueColumn, "value column", header);
      while (it.hasNext()) {
        CsvRecord rec = it.next();
        long line = rec.getStartingLineNumber();
        if (rec.getFieldCount() != header.size()) {
          throw new InvalidDataException(
              file
                  + ", line "
                  + line
                  + ": "
                  + rec.getFieldCount()
                  + " fields where the header has "
                  + header.size());
        }
        ids.add(SpreadsheetEscape.unescape(rec.getField(id)));
        double xv = number(rec.getField(xc), file, line, xColumn);
        if (xv != Math.rint(xv) || xv < 0 || xv > Integer.MAX_VALUE) {
          throw new InvalidDataException(
              file
                  + ", line "
                  + line
                  + ", column '"
                  + xColumn
                  + "': "
                  + xv
                  + " is not a count of purchases (>= 0)");
        }
        xs.add((int) xv);
        txs.add(number(rec.getField(tx), file, line, recencyColumn));
        ts.add(number(rec.getField(t), file, line, ageColumn));
        vs.add(v < 0 ? 0 : number(rec.getField(v), file, line, valueColumn));
      }
    } catch (NoSuchFileException e) {
      throw new InvalidDataException("file " + file + " does not exist", e);
    } catch (IOException | UncheckedIOException | CsvParseException e) {
      throw new InvalidDataException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return of(
        ids,
        xs.toIntArray(),
        txs.toDoubleArray(),
        ts.toDoubleArray(),
        valueColumn == null ? null : vs.toDoubleArray(),
        scale);
  }

  private static int column(
      Map<String, Integer> pos, String name, String what, List<String> header) {
    Integer p = pos.get(Objects.requireNonNull(name, what));
    if (p == null) {
      throw new InvalidOptionException(
          what,
          "'" + Messages.cut(name) + "'",
          "must be a column of the header " + Messages.cut(header.toString()));
    }
    return p;
  }

  private static double number(String raw, Path file, long line, String column) {
    try {
      double v = Double.parseDouble(raw.trim());
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidDataException(
        file
            + ", line "
            + line
            + ", column '"
            + column
            + "': '"
            + Messages.cut(raw)
            + "' is not a finite number");
  }

  /**
   * Returns the number of customers.
   *
   * @return at least 1
   */
  public int size() {
    return ids.size();
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
   * Finds the rows of customers given by id, to line the summary up with another table of the same
   * customers (features, a window). O(n + ids).
   *
   * @param customerIds ids in the other table's order
   * @return the summary row of each, or -1 for an id the summary does not hold
   */
  public int[] rowsOf(List<String> customerIds) {
    Map<String, Integer> row = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      row.put(ids.get(i), i);
    }
    int[] out = new int[customerIds.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = row.getOrDefault(customerIds.get(i), -1);
    }
    return out;
  }

  /**
   * Returns a customer's repeat purchases in calibration.
   *
   * @param i the customer's row
   * @return x
   */
  public int frequency(int i) {
    return x[i];
  }

  /**
   * Returns a customer's recency: time from the first to the last calibration purchase.
   *
   * @param i the customer's row
   * @return t_x, in the summary's unit
   */
  public double recency(int i) {
    return recency[i];
  }

  /**
   * Returns a customer's age: time from the first purchase to the end of calibration.
   *
   * @param i the customer's row
   * @return T, in the summary's unit
   */
  public double age(int i) {
    return age[i];
  }

  /**
   * Returns the mean value of a customer's repeat purchases in calibration.
   *
   * @param i the customer's row
   * @return the mean, 0 when x = 0
   */
  public double meanValue(int i) {
    return value[i];
  }

  /**
   * Returns the unit of recency and age.
   *
   * @return the scale
   */
  public TimeScale scale() {
    return scale;
  }

  /**
   * Returns the last day of calibration, when the summary was built from a log.
   *
   * @return the date, or null for a summary read from its columns
   */
  public LocalDate calibrationEnd() {
    return calibrationEnd;
  }

  /**
   * Returns whether the summary has a holdout period.
   *
   * @return true when built with {@link Builder#holdoutUntil}
   */
  public boolean hasHoldout() {
    return holdoutPurchases != null;
  }

  /**
   * Returns the last day of the holdout period.
   *
   * @return the date, or null without a holdout
   */
  public LocalDate holdoutEnd() {
    return holdoutEnd;
  }

  /**
   * Returns the length of the holdout period.
   *
   * @return in the summary's unit; 0 without a holdout
   */
  public double holdoutLength() {
    return holdoutEnd == null
        ? 0
        : (holdoutEnd.toEpochDay() - calibrationEnd.toEpochDay()) / (double) scale.days();
  }

  /**
   * Returns a customer's purchases in the holdout period.
   *
   * @param i the customer's row
   * @return the count
   * @throws IllegalStateException without a holdout
   */
  public int holdoutPurchases(int i) {
    requireHoldout();
    return holdoutPurchases[i];
  }

  /**
   * Returns the value of a customer's purchases in the holdout period.
   *
   * @param i the customer's row
   * @return the sum of their values
   * @throws IllegalStateException without a holdout
   */
  public double holdoutValue(int i) {
    requireHoldout();
    return holdoutValue[i];
  }

  private void requireHoldout() {
    if (holdoutPurchases == null) {
      throw new IllegalStateException("the summary has no holdout period");
    }
  }

  /**
   * Returns the first day of the cohort: the earliest first purchase.
   *
   * @return the date, or null for a summary read from its columns
   */
  public LocalDate cohortStart() {
    return cohortStart;
  }

  /**
   * Returns the cohort's repeat purchases per period of the scale from {@link #cohortStart()} to
   * the end of the holdout (or of calibration): what the tracking plot compares with the model.
   *
   * @return a copy; empty for a summary read from its columns
   */
  public int[] repeatPurchasesByPeriod() {
    return repeatsByPeriod == null ? new int[0] : repeatsByPeriod.clone();
  }

  /**
   * Returns when a customer made the first purchase, counted from {@link #cohortStart()}.
   *
   * @param i the customer's row
   * @return in the summary's unit
   * @throws IllegalStateException for a summary read from its columns
   */
  public double birth(int i) {
    if (calibrationEnd == null) {
      throw new IllegalStateException("a summary read from its columns has no dates");
    }
    return (calibrationEnd.toEpochDay() - cohortStart.toEpochDay()) / (double) scale.days()
        - age[i];
  }

  /** Distinct (x, t_x, T) rows with their counts: what the likelihoods are summed over. */
  Compressed compressed() {
    Compressed c = compressed;
    if (c == null) {
      // two threads may both compress: the results are equal, either may stay
      c = Compressed.of(x, recency, age);
      compressed = c;
    }
    return c;
  }

  /** Builds a summary from a transaction log. */
  public static final class Builder {
    private final LocalDate calibrationEnd;
    private LocalDate holdoutEnd;
    private TimeScale scale = TimeScale.WEEKS;
    private final Set<String> optOut = new HashSet<>();
    private NegativeQuantityPolicy negativeQuantities = NegativeQuantityPolicy.REJECT;

    private Builder(LocalDate calibrationEnd) {
      this.calibrationEnd = calibrationEnd;
    }

    /**
     * Sets the unit of recency, age and periods.
     *
     * @param value days or weeks; default weeks
     * @return this builder
     */
    public Builder scale(TimeScale value) {
      this.scale = Objects.requireNonNull(value, "scale");
      return this;
    }

    /**
     * Adds a holdout period after calibration.
     *
     * @param end the last day of the holdout, inclusive, after the calibration end
     * @return this builder
     * @throws InvalidOptionException if it is not after the calibration end
     */
    public Builder holdoutUntil(LocalDate end) {
      if (end != null && !end.isAfter(calibrationEnd)) {
        throw new InvalidOptionException(
            "holdout end", end.toString(), "must be after the calibration end " + calibrationEnd);
      }
      this.holdoutEnd = end;
      return this;
    }

    /**
     * Leaves customers out entirely (they appear in no output).
     *
     * @param customerIds ids of customers who opted out
     * @return this builder
     */
    public Builder optOut(Collection<String> customerIds) {
      optOut.addAll(Objects.requireNonNull(customerIds, "customerIds"));
      return this;
    }

    /**
     * Chooses what a negative quantity on a line not flagged returned means.
     *
     * @param policy the policy; default reject
     * @return this builder
     */
    public Builder negativeQuantities(NegativeQuantityPolicy policy) {
      this.negativeQuantities = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Summarises a log.
     *
     * @param log the transactions
     * @return the summary of the customers whose first purchase is on or before the calibration end
     * @throws InvalidDataException if no customer bought on or before the calibration end
     */
    public CalibrationSummary compute(TransactionLog log) {
      LocalDate last = holdoutEnd != null ? holdoutEnd : calibrationEnd;
      Purchases p = Purchases.of(log, last, optOut, negativeQuantities);
      long end = calibrationEnd.toEpochDay();
      double unit = scale.days();
      List<String> ids = new ArrayList<>();
      IntArrayList xs = new IntArrayList();
      DoubleArrayList txs = new DoubleArrayList();
      DoubleArrayList ts = new DoubleArrayList();
      DoubleArrayList vs = new DoubleArrayList();
      IntArrayList hp = new IntArrayList();
      DoubleArrayList hv = new DoubleArrayList();
      IntArrayList rows = new IntArrayList();
      long start = Long.MAX_VALUE;
      for (int c = 0; c < p.customers(); c++) {
        int first = p.day(c, 0);
        if (first > end) {
          continue; // not in the cohort: first bought after calibration
        }
        start = Math.min(start, first);
        int k = 0;
        int lastDay = first;
        double repeatValue = 0;
        int held = 0;
        double heldValue = 0;
        for (int q = 1; q < p.count(c); q++) {
          if (p.day(c, q) <= end) {
            k++;
            lastDay = p.day(c, q);
            repeatValue += p.value(c, q);
          } else {
            held++;
            heldValue += p.value(c, q);
          }
        }
        ids.add(p.customerIds().get(c));
        rows.add(c);
        xs.add(k);
        txs.add((lastDay - first) / unit);
        ts.add((end - first) / unit);
        vs.add(k == 0 ? 0 : repeatValue / k);
        hp.add(held);
        hv.add(heldValue);
      }
      if (ids.isEmpty()) {
        throw new InvalidDataException(
            "no customer made a first purchase on or before the calibration end " + calibrationEnd);
      }
      int periods = (int) Math.ceil((last.toEpochDay() - start + 1) / unit);
      int[] repeats = new int[periods];
      for (int r = 0; r < rows.size(); r++) {
        int c = rows.getInt(r);
        for (int q = 1; q < p.count(c); q++) {
          repeats[(int) ((p.day(c, q) - start) / scale.days())]++;
        }
      }
      boolean holdout = holdoutEnd != null;
      return new CalibrationSummary(
          ids,
          xs.toIntArray(),
          txs.toDoubleArray(),
          ts.toDoubleArray(),
          vs.toDoubleArray(),
          holdout ? hp.toIntArray() : null,
          holdout ? hv.toDoubleArray() : null,
          scale,
          calibrationEnd,
          holdoutEnd,
          LocalDate.ofEpochDay(start),
          repeats);
    }
  }
}
