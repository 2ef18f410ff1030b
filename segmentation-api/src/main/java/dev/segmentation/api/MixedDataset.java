package dev.segmentation.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable table of {@code n} customers by numeric and categorical columns: region, channel,
 * plan or favourite category next to recency and spend. The companion of {@link Dataset} for
 * methods that understand categories (k-prototypes, Gower's distance); the numeric-only algorithms
 * keep taking a {@code Dataset}, so categories are never silently treated as numbers.
 *
 * <p>Categorical values are interned: each column has its levels in sorted (natural {@link String})
 * order, and each cell holds the index of its level, or {@link #MISSING}. Sorting (rather than
 * first appearance) makes every level number, and so every tie broken by the lowest level, the same
 * whatever the row order. A column may have at most {@link #MAX_LEVELS} levels: beyond that a
 * "category" is an identifier, and per-level tables (modes, shares, profiles) stop making sense.
 *
 * <p>Numeric cells may be NaN, meaning missing (Gower's distance skips them; methods that need
 * every value say so and name the row and column); infinite values are rejected. Row ids and
 * weights follow the same rules as in {@link Dataset}. Every factory copies its input and every
 * accessor that returns an array returns a copy.
 *
 * <pre>{@code
 * MixedDataset customers = MixedDataset.builder(3)
 *     .numeric("spend", new double[] {120, 80, 300})
 *     .categorical("channel", new String[] {"web", "store", "web"})
 *     .build();
 * }</pre>
 */
public final class MixedDataset {
  /** The code of a missing categorical value. */
  public static final int MISSING = -1;

  /** The most levels a categorical column may have: 65,536. */
  public static final int MAX_LEVELS = 1 << 16;

  private final int n;
  private final double[] numeric;
  private final List<String> numericNames;
  private final int[] codes;
  private final List<String> categoricalNames;
  private final List<List<String>> levels;
  private final List<String> rowIds;
  private final double[] weights;

  private MixedDataset(
      int n,
      double[] numeric,
      List<String> numericNames,
      int[] codes,
      List<String> categoricalNames,
      List<List<String>> levels,
      List<String> rowIds,
      double[] weights) {
    this.n = n;
    this.numeric = numeric;
    this.numericNames = numericNames;
    this.codes = codes;
    this.categoricalNames = categoricalNames;
    this.levels = levels;
    this.rowIds = rowIds;
    this.weights = weights;
  }

  /**
   * Starts a data set of {@code rows} rows, built column by column.
   *
   * @param rows the number of rows, {@code >= 0}
   * @return a new builder
   * @throws InvalidDataException if {@code rows < 0}
   */
  public static Builder builder(int rows) {
    if (rows < 0) {
      throw new InvalidDataException("a data set cannot have " + rows + " rows");
    }
    return new Builder(rows);
  }

  /**
   * Returns a mixed data set with the numeric columns, ids and weights of {@code data} and no
   * categorical column yet; add some with {@link Builder#categorical}.
   *
   * @param data a numeric data set
   * @return a builder holding its columns
   */
  public static Builder builder(Dataset data) {
    java.util.Objects.requireNonNull(data, "data");
    Builder b = new Builder(data.numRows());
    double[] x = data.toRowMajor();
    int d = data.numColumns();
    for (int j = 0; j < d; j++) {
      double[] col = new double[data.numRows()];
      for (int i = 0; i < col.length; i++) {
        col[i] = x[i * d + j];
      }
      b.numeric(data.columnNames().get(j), col);
    }
    data.rowIds().ifPresent(b::rowIds);
    data.weights().ifPresent(b::weights);
    return b;
  }

  /**
   * Returns the number of rows.
   *
   * @return n
   */
  public int numRows() {
    return n;
  }

  /**
   * Returns the number of numeric columns.
   *
   * @return p, possibly 0
   */
  public int numNumeric() {
    return numericNames.size();
  }

  /**
   * Returns the number of categorical columns.
   *
   * @return q, possibly 0
   */
  public int numCategorical() {
    return categoricalNames.size();
  }

  /**
   * Returns the numeric column names, in order.
   *
   * @return an unmodifiable list
   */
  public List<String> numericNames() {
    return numericNames;
  }

  /**
   * Returns the categorical column names, in order.
   *
   * @return an unmodifiable list
   */
  public List<String> categoricalNames() {
    return categoricalNames;
  }

  /**
   * Returns a numeric value.
   *
   * @param row the row
   * @param column the numeric column, in {@code [0, numNumeric())}
   * @return the value, NaN if missing
   * @throws IndexOutOfBoundsException if row or column is out of range
   */
  public double numeric(int row, int column) {
    return numeric[index(row, column, numNumeric())];
  }

  /**
   * Returns the level code of a categorical cell.
   *
   * @param row the row
   * @param column the categorical column, in {@code [0, numCategorical())}
   * @return an index into {@link #levels(int)}, or {@link #MISSING}
   * @throws IndexOutOfBoundsException if row or column is out of range
   */
  public int code(int row, int column) {
    return codes[index(row, column, numCategorical())];
  }

  /**
   * Returns the level of a categorical cell.
   *
   * @param row the row
   * @param column the categorical column
   * @return the level, or {@code null} if missing
   * @throws IndexOutOfBoundsException if row or column is out of range
   */
  public String level(int row, int column) {
    int c = code(row, column);
    return c == MISSING ? null : levels.get(column).get(c);
  }

  /**
   * Returns the levels of a categorical column, sorted; codes index this list.
   *
   * @param column the categorical column
   * @return an unmodifiable list
   * @throws IndexOutOfBoundsException if the column is out of range
   */
  public List<String> levels(int column) {
    return levels.get(column);
  }

  /**
   * Returns the numeric values, row-major {@code n x numNumeric()}, NaN where missing.
   *
   * @return a copy
   */
  public double[] numericValues() {
    return numeric.clone();
  }

  /**
   * Returns the level codes, row-major {@code n x numCategorical()}, {@link #MISSING} where
   * missing.
   *
   * @return a copy
   */
  public int[] codes() {
    return codes.clone();
  }

  /**
   * Returns whether any cell, numeric or categorical, is missing.
   *
   * @return true if some value is NaN or {@link #MISSING}
   */
  public boolean hasMissing() {
    for (double v : numeric) {
      if (Double.isNaN(v)) {
        return true;
      }
    }
    for (int c : codes) {
      if (c == MISSING) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the numeric columns as a {@link Dataset}, with the row ids and weights.
   *
   * @return the numeric part
   * @throws InvalidDataException if there is no numeric column, or a numeric value is missing
   *     (naming row and column)
   */
  public Dataset numericPart() {
    if (numericNames.isEmpty()) {
      throw new InvalidDataException(
          "the data set has no numeric column, only " + categoricalNames);
    }
    Dataset ds = Dataset.ofRowMajor(numeric, n, numericNames);
    if (rowIds != null) {
      ds = ds.withRowIds(rowIds);
    }
    return weights == null ? ds : ds.withWeights(weights);
  }

  /**
   * Returns the row ids, if any.
   *
   * @return the ids, unmodifiable
   */
  public Optional<List<String>> rowIds() {
    return Optional.ofNullable(rowIds);
  }

  /**
   * Returns the row weights, if any.
   *
   * @return a copy of the weights
   */
  public Optional<double[]> weights() {
    return weights == null ? Optional.empty() : Optional.of(weights.clone());
  }

  /**
   * Returns the given rows, in the given order (a row may repeat); levels are kept as they are, so
   * codes mean the same in both data sets. Complexity O(m (p + q)).
   *
   * @param indices rows in {@code [0, numRows())}
   * @return a new data set
   * @throws IndexOutOfBoundsException naming an index outside the rows
   */
  public MixedDataset rows(int[] indices) {
    int p = numNumeric();
    int q = numCategorical();
    double[] x = new double[indices.length * p];
    int[] c = new int[indices.length * q];
    List<String> ids = rowIds == null ? null : new ArrayList<>(indices.length);
    double[] w = weights == null ? null : new double[indices.length];
    for (int r = 0; r < indices.length; r++) {
      int i = indices[r];
      if (i < 0 || i >= n) {
        throw new IndexOutOfBoundsException(
            "indices[" + r + "] = " + i + " is not a row of this data set of " + n + " rows");
      }
      System.arraycopy(numeric, i * p, x, r * p, p);
      System.arraycopy(codes, i * q, c, r * q, q);
      if (ids != null) {
        ids.add(rowIds.get(i));
      }
      if (w != null) {
        w[r] = weights[i];
      }
    }
    return new MixedDataset(
        indices.length,
        x,
        numericNames,
        c,
        categoricalNames,
        levels,
        ids == null ? null : Collections.unmodifiableList(ids),
        w);
  }

  private int index(int row, int column, int width) {
    if (row < 0 || row >= n || column < 0 || column >= width) {
      throw new IndexOutOfBoundsException(
          "cell (" + row + ", " + column + ") is outside " + n + " x " + width);
    }
    return row * width + column;
  }

  @Override
  public String toString() {
    return "MixedDataset["
        + n
        + " rows, numeric "
        + numericNames
        + ", categorical "
        + categoricalNames
        + (rowIds != null ? ", ids" : "")
        + (weights != null ? ", weights" : "")
        + "]";
  }

  /** Builds a {@link MixedDataset} column by column. Not thread-safe; use once. */
  public static final class Builder {
    private final int n;
    private final List<String> numericNames = new ArrayList<>();
    private final List<double[]> numericColumns = new ArrayList<>();
    private final List<String> categoricalNames = new ArrayList<>();
    private final List<String[]> categoricalColumns = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private List<String> rowIds;
    private double[] weights;

    private Builder(int n) {
      this.n = n;
    }

    /**
     * Adds a numeric column.
     *
     * @param name a new, non-blank column name
     * @param values one value per row, NaN for missing; copied
     * @return this builder
     * @throws DimensionMismatchException if the length is not the number of rows
     * @throws InvalidDataException if the name is blank or taken, or a value is infinite (naming
     *     the row)
     */
    public Builder numeric(String name, double[] values) {
      claim(name, values.length);
      for (int i = 0; i < values.length; i++) {
        if (Double.isInfinite(values[i])) {
          throw new InvalidDataException(
              "row " + i + ", column '" + name + "': value " + values[i] + " is not finite");
        }
      }
      numericNames.add(name);
      numericColumns.add(values.clone());
      return this;
    }

    /**
     * Adds a categorical column; {@code null} cells are missing. Levels are the distinct non-null
     * values, sorted.
     *
     * @param name a new, non-blank column name
     * @param values one level per row, or null; copied
     * @return this builder
     * @throws DimensionMismatchException if the length is not the number of rows
     * @throws InvalidDataException if the name is blank or taken, or the column has more than
     *     {@link #MAX_LEVELS} levels
     */
    public Builder categorical(String name, String[] values) {
      claim(name, values.length);
      categoricalNames.add(name);
      categoricalColumns.add(values.clone());
      return this;
    }

    /**
     * Sets the row ids.
     *
     * @param ids one non-null id per row
     * @return this builder
     * @throws DimensionMismatchException if the count differs from the rows
     * @throws InvalidDataException if an id is null
     */
    public Builder rowIds(List<String> ids) {
      if (ids.size() != n) {
        throw new DimensionMismatchException(ids.size() + " row ids for " + n + " rows");
      }
      for (int i = 0; i < n; i++) {
        if (ids.get(i) == null) {
          throw new InvalidDataException("row " + i + " has a null id");
        }
      }
      this.rowIds = List.copyOf(ids);
      return this;
    }

    /**
     * Sets row weights.
     *
     * @param w one finite weight {@code > 0} per row; copied
     * @return this builder
     * @throws DimensionMismatchException if the count differs from the rows
     * @throws InvalidDataException naming the first weight that is not finite and positive
     */
    public Builder weights(double[] w) {
      if (w.length != n) {
        throw new DimensionMismatchException(w.length + " weights for " + n + " rows");
      }
      for (int i = 0; i < n; i++) {
        if (!(w[i] > 0) || !Double.isFinite(w[i])) {
          throw new InvalidDataException(
              "row " + i + ": weight " + w[i] + " must be a finite number > 0");
        }
      }
      this.weights = w.clone();
      return this;
    }

    /**
     * Builds the data set. Complexity O(n (p + q) + levels log levels).
     *
     * @return the data set
     * @throws InvalidDataException if there is no column, or a categorical column has more than
     *     {@link #MAX_LEVELS} levels (naming it)
     */
    public MixedDataset build() {
      if (names.isEmpty()) {
        throw new InvalidDataException("a data set needs at least one column");
      }
      int p = numericNames.size();
      int q = categoricalNames.size();
      double[] x = new double[n * p];
      for (int j = 0; j < p; j++) {
        double[] col = numericColumns.get(j);
        for (int i = 0; i < n; i++) {
          x[i * p + j] = col[i];
        }
      }
      int[] c = new int[n * q];
      List<List<String>> levels = new ArrayList<>(q);
      for (int j = 0; j < q; j++) {
        String[] col = categoricalColumns.get(j);
        TreeSet<String> distinct = new TreeSet<>();
        for (String v : col) {
          if (v != null && distinct.add(v) && distinct.size() > MAX_LEVELS) {
            throw new InvalidDataException(
                "categorical column '"
                    + categoricalNames.get(j)
                    + "' has more than "
                    + MAX_LEVELS
                    + " levels, the limit; a column with that many values is an identifier, not a"
                    + " category: leave it out or group its values");
          }
        }
        List<String> sorted = List.copyOf(distinct);
        Map<String, Integer> code = new HashMap<>(sorted.size() * 2);
        for (int l = 0; l < sorted.size(); l++) {
          code.put(sorted.get(l), l);
        }
        for (int i = 0; i < n; i++) {
          c[i * q + j] = col[i] == null ? MISSING : code.get(col[i]);
        }
        levels.add(sorted);
      }
      return new MixedDataset(
          n,
          x,
          List.copyOf(numericNames),
          c,
          List.copyOf(categoricalNames),
          List.copyOf(levels),
          rowIds,
          weights);
    }

    private void claim(String name, int length) {
      if (name == null || name.isBlank()) {
        throw new InvalidDataException("column names must not be blank");
      }
      if (!names.add(name)) {
        throw new InvalidDataException(
            "column '" + name + "' is given twice; each column is numeric or categorical, once");
      }
      if (length != n) {
        throw new DimensionMismatchException(
            "column '" + name + "' has " + length + " values for " + n + " rows");
      }
    }
  }

  /**
   * Returns every column name: the numeric ones, then the categorical ones.
   *
   * @return a new list
   */
  public List<String> columnNames() {
    List<String> all = new ArrayList<>(numericNames);
    all.addAll(categoricalNames);
    return all;
  }

  /**
   * Returns, for a categorical column, how many rows hold each level (missing not counted).
   *
   * @param column the categorical column
   * @return a new array of {@code levels(column).size()} counts
   */
  public long[] levelCounts(int column) {
    long[] counts = new long[levels.get(column).size()];
    int q = numCategorical();
    for (int i = 0; i < n; i++) {
      int c = codes[i * q + column];
      if (c != MISSING) {
        counts[c]++;
      }
    }
    return counts;
  }
}
