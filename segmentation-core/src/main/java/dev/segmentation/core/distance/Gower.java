package dev.segmentation.core.distance;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.MixedDataset;
import dev.segmentation.core.parallel.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gower's distance between customers described by numeric and categorical columns (Gower 1971, "A
 * general coefficient of similarity and some of its properties", Biometrics 27(4), 857-871), bound
 * to one {@link MixedDataset}:
 *
 * <pre>
 *   d(i, j) = sum_k w_k delta_ijk d_ijk / sum_k w_k delta_ijk
 * </pre>
 *
 * where, for a numeric column, {@code d_ijk = |x_ik - x_jk| / R_k} with {@code R_k} the column's
 * range over the data set (a constant column, {@code R_k = 0}, contributes 0); for a categorical
 * column {@code d_ijk} is 0 when the levels match and 1 otherwise; {@code w_k >= 0} is the column's
 * weight (1 unless set); and {@code delta_ijk} is 0 when either value is missing, so missing values
 * are skipped and the remaining weights renormalised, as Gower does. The distance is in {@code [0,
 * 1]}.
 *
 * <p><b>Rules.</b> A row with every value missing has no distance to anything and is rejected when
 * the distance is built, naming the row. Two rows with no column present in both have nothing to
 * compare; their distance is taken as 1 (as dissimilar as Gower's distance can say).
 *
 * <p><b>Coordinates.</b> Without missing values Gower's distance is exactly the Manhattan distance
 * between rows mapped to {@link #coordinates()}: numeric column {@code k} scaled by {@code w_k /
 * (R_k W)} and each categorical column one-hot encoded with {@code w_k / (2 W)} per indicator,
 * where {@code W = sum_k w_k} (a mismatch differs in two indicators). DBSCAN, HDBSCAN* and OPTICS
 * run on these coordinates with {@link Distance#MANHATTAN} over their spatial index, equal to the
 * direct formula up to rounding (a few ulps).
 *
 * <p>Immutable and thread-safe. Construction O(n (p + q)); one distance O(p + q).
 */
public final class Gower {
  private final MixedDataset data;
  private final double[] numeric;
  private final int[] codes;
  private final int n;
  private final int p;
  private final int q;
  private final double[] range;
  private final double[] weight;
  private final double totalWeight;

  private Gower(MixedDataset data, double[] weight) {
    this.data = data;
    this.numeric = data.numericValues();
    this.codes = data.codes();
    this.n = data.numRows();
    this.p = data.numNumeric();
    this.q = data.numCategorical();
    this.weight = weight;
    double total = 0;
    for (double v : weight) {
      total += v;
    }
    this.totalWeight = total;
    this.range = new double[p];
    for (int k = 0; k < p; k++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double v = numeric[i * p + k];
        if (!Double.isNaN(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      range[k] = hi >= lo ? hi - lo : 0;
    }
    for (int i = 0; i < n; i++) {
      if (presentWeight(i) == 0) {
        throw new InvalidDataException(
            "row "
                + i
                + (data.rowIds().isPresent() ? " (id " + data.rowIds().get().get(i) + ")" : "")
                + " has every value missing (or only columns of weight 0), so it has no Gower"
                + " distance to anything; leave the row out");
      }
    }
  }

  /**
   * Returns Gower's distance on a data set with every column weighted 1.
   *
   * @param data the customers
   * @return the distance
   * @throws InvalidDataException if a row has every value missing (naming it)
   */
  public static Gower of(MixedDataset data) {
    java.util.Objects.requireNonNull(data, "data");
    double[] w = new double[data.numNumeric() + data.numCategorical()];
    java.util.Arrays.fill(w, 1);
    return new Gower(data, w);
  }

  /**
   * Returns Gower's distance with per-column weights; columns not named weigh 1.
   *
   * @param data the customers
   * @param weights column name to weight, each finite and {@code >= 0}
   * @return the distance
   * @throws InvalidOptionException if a name is not a column, a weight is negative or not finite,
   *     or every weight is 0
   * @throws InvalidDataException if a row has every weighted value missing (naming it)
   */
  public static Gower of(MixedDataset data, Map<String, Double> weights) {
    java.util.Objects.requireNonNull(data, "data");
    java.util.Objects.requireNonNull(weights, "weights");
    List<String> columns = data.columnNames();
    double[] w = new double[columns.size()];
    java.util.Arrays.fill(w, 1);
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      int k = columns.indexOf(e.getKey());
      if (k < 0) {
        throw new InvalidOptionException(
            "weights", e.getKey(), "is not a column; the columns are " + columns);
      }
      double v = e.getValue();
      if (!(v >= 0) || !Double.isFinite(v)) {
        throw new InvalidOptionException(
            "weights", e.getKey() + "=" + v, "a column weight must be finite and >= 0");
      }
      w[k] = v;
    }
    double total = 0;
    for (double v : w) {
      total += v;
    }
    if (total == 0) {
      throw new InvalidOptionException("weights", weights, "every column weighs 0");
    }
    return new Gower(data, w);
  }

  /**
   * Returns the data set this distance is bound to.
   *
   * @return the data set
   */
  public MixedDataset data() {
    return data;
  }

  /**
   * Returns the range of each numeric column, as used for normalising.
   *
   * @return a copy, one per numeric column
   */
  public double[] ranges() {
    return range.clone();
  }

  /**
   * Returns the column weights: numeric columns, then categorical ones.
   *
   * @return a copy
   */
  public double[] weights() {
    return weight.clone();
  }

  /**
   * Returns Gower's distance between two rows of the data set. Complexity O(p + q).
   *
   * @param i a row
   * @param j a row
   * @return the distance in {@code [0, 1]}
   * @throws IndexOutOfBoundsException if a row is out of range
   */
  public double between(int i, int j) {
    if (i < 0 || i >= n || j < 0 || j >= n) {
      throw new IndexOutOfBoundsException("rows " + i + ", " + j + " of " + n);
    }
    double sum = 0;
    double used = 0;
    for (int k = 0; k < p; k++) {
      double a = numeric[i * p + k];
      double b = numeric[j * p + k];
      if (!Double.isNaN(a) && !Double.isNaN(b)) {
        used += weight[k];
        if (range[k] > 0) {
          sum += weight[k] * Math.abs(a - b) / range[k];
        }
      }
    }
    for (int k = 0; k < q; k++) {
      int a = codes[i * q + k];
      int b = codes[j * q + k];
      if (a != MixedDataset.MISSING && b != MixedDataset.MISSING) {
        used += weight[p + k];
        if (a != b) {
          sum += weight[p + k];
        }
      }
    }
    return used > 0 ? sum / used : 1;
  }

  /**
   * Returns the names of the {@link #coordinates()} columns: each numeric column, then {@code
   * column=level} for every level of every categorical column.
   *
   * @return a new list
   */
  public List<String> coordinateNames() {
    List<String> names = new ArrayList<>(data.numericNames());
    for (int k = 0; k < q; k++) {
      for (String level : data.levels(k)) {
        names.add(data.categoricalNames().get(k) + "=" + level);
      }
    }
    return names;
  }

  /**
   * Returns the rows mapped so that the Manhattan distance between them is Gower's distance (see
   * the class description), with the row ids and weights. Memory {@code 8 n (p + levels)} bytes,
   * checked against the free heap first.
   *
   * @return the coordinates as a numeric data set
   * @throws InvalidDataException if a value is missing (naming row and column: the equality holds
   *     only for complete rows)
   * @throws InvalidOptionException if the coordinates do not fit in the free heap
   */
  public Dataset coordinates() {
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < p; k++) {
        if (Double.isNaN(numeric[i * p + k])) {
          throw missing(i, data.numericNames().get(k));
        }
      }
      for (int k = 0; k < q; k++) {
        if (codes[i * q + k] == MixedDataset.MISSING) {
          throw missing(i, data.categoricalNames().get(k));
        }
      }
    }
    List<String> names = coordinateNames();
    int m = names.size();
    long bytes = 8L * n * m;
    if ((long) n * m > Integer.MAX_VALUE - 16 || !Memory.fits(bytes)) {
      throw new InvalidOptionException(
          "distance",
          "gower",
          "the Gower coordinates of "
              + n
              + " rows x "
              + m
              + " columns need "
              + Memory.gib(bytes)
              + " but only "
              + Memory.gib(Memory.freeHeap())
              + " of heap is free; give the JVM more (-Xmx) or group rare levels");
    }
    double[] out = new double[n * m];
    double[] numericRow = new double[p];
    int[] codeRow = new int[q];
    double[] row = new double[m];
    for (int i = 0; i < n; i++) {
      System.arraycopy(numeric, i * p, numericRow, 0, p);
      System.arraycopy(codes, i * q, codeRow, 0, q);
      coordinates(numericRow, codeRow, row);
      System.arraycopy(row, 0, out, i * m, m);
    }
    Dataset ds = Dataset.ofRowMajor(out, n, names);
    if (data.rowIds().isPresent()) {
      ds = ds.withRowIds(data.rowIds().get());
    }
    return data.weights().isPresent() ? ds.withWeights(data.weights().get()) : ds;
  }

  /**
   * Maps one row, given by its numeric values and level codes in this distance's data set, to Gower
   * coordinates, so new customers can be placed by a model fitted on {@link #coordinates()}. An
   * unknown level (code {@link MixedDataset#MISSING}) leaves all its indicators 0.
   *
   * @param numericValues the numeric values, one per numeric column, finite
   * @param levelCodes the level codes, one per categorical column
   * @param out receives {@code coordinateNames().size()} values
   * @throws IllegalArgumentException if a length is wrong
   */
  public void coordinates(double[] numericValues, int[] levelCodes, double[] out) {
    if (numericValues.length != p || levelCodes.length != q) {
      throw new IllegalArgumentException(
          "expected " + p + " numeric values and " + q + " level codes");
    }
    for (int k = 0; k < p; k++) {
      out[k] = range[k] > 0 ? numericValues[k] * (weight[k] / (range[k] * totalWeight)) : 0;
    }
    int at = p;
    for (int k = 0; k < q; k++) {
      int levels = data.levels(k).size();
      double half = weight[p + k] / (2 * totalWeight);
      for (int l = 0; l < levels; l++) {
        out[at + l] = levelCodes[k] == l ? half : 0;
      }
      at += levels;
    }
  }

  private double presentWeight(int i) {
    double used = 0;
    for (int k = 0; k < p; k++) {
      if (!Double.isNaN(numeric[i * p + k])) {
        used += weight[k];
      }
    }
    for (int k = 0; k < q; k++) {
      if (codes[i * q + k] != MixedDataset.MISSING) {
        used += weight[p + k];
      }
    }
    return used;
  }

  private InvalidDataException missing(int row, String column) {
    return new InvalidDataException(
        "row "
            + row
            + ", column '"
            + column
            + "': missing value; Gower's distance on a spatial index (DBSCAN, HDBSCAN*, OPTICS)"
            + " needs complete rows: impute or drop missing values, or make missing categories a"
            + " level; hierarchical clustering with Gower's distance accepts gaps");
  }

  @Override
  public String toString() {
    return "Gower[" + n + " rows, " + p + " numeric, " + q + " categorical]";
  }
}
