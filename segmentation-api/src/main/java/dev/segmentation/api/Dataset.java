package dev.segmentation.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/**
 * An immutable table of {@code n} customers by {@code d} numeric features, with column names,
 * optional row ids and optional row weights.
 *
 * <p>The values live in one row-major EJML {@link DMatrixRMaj}: row {@code i}, column {@code j} is
 * element {@code i * d + j}. Every factory copies its input and every accessor that returns an
 * array returns a copy, so a {@code Dataset} can be shared between threads and fits freely.
 *
 * <p>Invariants, checked on construction: every value is finite (missing values are handled while
 * loading, see {@code CsvDatasets}); column names are non-blank and unique; there is at least one
 * column; row ids, when present, are one per row; weights, when present, are one per row, finite
 * and strictly positive. A data set may have zero rows; algorithms reject that when fitting.
 */
public final class Dataset {
  private final DMatrixRMaj values;
  private final List<String> columnNames;
  private final Map<String, Integer> columnIndex;
  private final List<String> rowIds;
  private final double[] weights;

  private Dataset(
      DMatrixRMaj values, List<String> columnNames, List<String> rowIds, double[] weights) {
    this.values = values;
    this.columnNames = columnNames;
    this.rowIds = rowIds;
    this.weights = weights;
    this.columnIndex = new HashMap<>();
    for (int j = 0; j < columnNames.size(); j++) {
      columnIndex.put(columnNames.get(j), j);
    }
  }

  /**
   * Creates a data set from rows. Complexity O(n d).
   *
   * @param rows one array per customer, all of the same length; copied
   * @param columnNames one name per column
   * @return the new data set
   * @throws DimensionMismatchException if rows differ in length or the names do not match the width
   * @throws InvalidDataException if a value is NaN or infinite (naming row and column), or a name
   *     is blank or repeated
   */
  public static Dataset of(double[][] rows, String... columnNames) {
    int d = columnNames.length;
    double[] data = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != d) {
        throw new DimensionMismatchException(
            "row "
                + i
                + " has "
                + rows[i].length
                + " values but there are "
                + d
                + " column names "
                + Arrays.toString(columnNames));
      }
      System.arraycopy(rows[i], 0, data, i * d, d);
    }
    return build(data, rows.length, List.of(columnNames.clone()), null, null);
  }

  /**
   * Creates a data set from a row-major array. Complexity O(n d).
   *
   * @param rowMajor {@code n * d} values, row {@code i} column {@code j} at {@code i * d + j};
   *     copied
   * @param numRows {@code n}
   * @param columnNames {@code d} names
   * @return the new data set
   * @throws DimensionMismatchException if {@code rowMajor.length != n * d}
   * @throws InvalidDataException if a value is not finite or a name is blank or repeated
   */
  public static Dataset ofRowMajor(double[] rowMajor, int numRows, List<String> columnNames) {
    if (numRows < 0 || (long) numRows * columnNames.size() != rowMajor.length) {
      throw new DimensionMismatchException(
          "expected "
              + numRows
              + " x "
              + columnNames.size()
              + " = "
              + ((long) numRows * columnNames.size())
              + " values, got "
              + rowMajor.length);
    }
    return build(rowMajor.clone(), numRows, List.copyOf(columnNames), null, null);
  }

  /**
   * Creates a data set from an EJML matrix, copying its values.
   *
   * @param matrix an {@code n x d} matrix; copied, not modified
   * @param columnNames {@code d} names
   * @return the new data set
   * @throws DimensionMismatchException if the number of names differs from the number of columns
   * @throws InvalidDataException if a value is not finite or a name is blank or repeated
   */
  public static Dataset of(DMatrixRMaj matrix, List<String> columnNames) {
    if (matrix.numCols != columnNames.size()) {
      throw new DimensionMismatchException(
          "matrix has "
              + matrix.numCols
              + " columns but "
              + columnNames.size()
              + " names were given: "
              + columnNames);
    }
    double[] data = Arrays.copyOf(matrix.data, matrix.numRows * matrix.numCols);
    return build(data, matrix.numRows, List.copyOf(columnNames), null, null);
  }

  private static Dataset build(
      double[] data, int n, List<String> names, List<String> rowIds, double[] weights) {
    int d = names.size();
    if (d == 0) {
      throw new InvalidDataException("a data set needs at least one column");
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String name : names) {
      if (name == null || name.isBlank()) {
        throw new InvalidDataException("column names must not be blank: " + names);
      }
      if (!seen.add(name)) {
        throw new InvalidDataException("column name '" + name + "' appears twice in " + names);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double v = data[i * d + j];
        if (!Double.isFinite(v)) {
          throw new InvalidDataException(
              "row "
                  + i
                  + ", column '"
                  + names.get(j)
                  + "': value "
                  + v
                  + " is not finite; remove the row or impute the value before building the data"
                  + " set");
        }
      }
    }
    return new Dataset(DMatrixRMaj.wrap(n, d, data), names, rowIds, weights);
  }

  /**
   * Returns a copy of this data set with row ids (for example customer ids).
   *
   * @param ids one non-null id per row; copied
   * @return a new data set sharing nothing mutable with this one
   * @throws DimensionMismatchException if the number of ids differs from the number of rows
   * @throws InvalidDataException if an id is null
   */
  public Dataset withRowIds(List<String> ids) {
    if (ids.size() != numRows()) {
      throw new DimensionMismatchException(
          ids.size() + " row ids given for " + numRows() + " rows");
    }
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i) == null) {
        throw new InvalidDataException("row " + i + ": row id is null");
      }
    }
    return new Dataset(
        values, columnNames, Collections.unmodifiableList(new ArrayList<>(ids)), weights);
  }

  /**
   * Returns a copy of this data set with row weights. Algorithms treat a row of weight {@code w} as
   * {@code w} copies of that row (weighted means, weighted sampling).
   *
   * @param rowWeights one finite, strictly positive weight per row; copied
   * @return a new data set
   * @throws DimensionMismatchException if the number of weights differs from the number of rows
   * @throws InvalidDataException if a weight is not finite or not positive (naming the row)
   */
  public Dataset withWeights(double[] rowWeights) {
    if (rowWeights.length != numRows()) {
      throw new DimensionMismatchException(
          rowWeights.length + " weights given for " + numRows() + " rows");
    }
    for (int i = 0; i < rowWeights.length; i++) {
      if (!(rowWeights[i] > 0) || !Double.isFinite(rowWeights[i])) {
        throw new InvalidDataException(
            "row " + i + ": weight " + rowWeights[i] + " must be finite and > 0");
      }
    }
    return new Dataset(values, columnNames, rowIds, rowWeights.clone());
  }

  /**
   * Returns the number of rows (customers).
   *
   * @return {@code n}
   */
  public int numRows() {
    return values.numRows;
  }

  /**
   * Returns the number of columns (features).
   *
   * @return {@code d}
   */
  public int numColumns() {
    return values.numCols;
  }

  /**
   * Returns the column names.
   *
   * @return an unmodifiable list of {@code d} names
   */
  public List<String> columnNames() {
    return columnNames;
  }

  /**
   * Returns the position of a column.
   *
   * @param name a column name
   * @return its index in {@code [0, d)}, or {@code -1} if there is no such column
   */
  public int columnIndex(String name) {
    Integer j = columnIndex.get(name);
    return j == null ? -1 : j;
  }

  /**
   * Returns one value.
   *
   * @param row row index in {@code [0, n)}
   * @param column column index in {@code [0, d)}
   * @return the value
   * @throws IndexOutOfBoundsException if an index is out of range
   */
  public double get(int row, int column) {
    java.util.Objects.checkIndex(row, numRows());
    java.util.Objects.checkIndex(column, numColumns());
    return values.data[row * values.numCols + column];
  }

  /**
   * Returns a copy of one row.
   *
   * @param row row index in {@code [0, n)}
   * @return a new array of {@code d} values
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public double[] row(int row) {
    java.util.Objects.checkIndex(row, numRows());
    int d = values.numCols;
    return Arrays.copyOfRange(values.data, row * d, row * d + d);
  }

  /**
   * Returns a copy of all values in row-major order, the layout algorithms work on. Complexity O(n
   * d).
   *
   * @return a new array of {@code n * d} values
   */
  public double[] toRowMajor() {
    return Arrays.copyOf(values.data, values.numRows * values.numCols);
  }

  /**
   * Returns a copy of the values as an EJML matrix.
   *
   * @return a new {@code n x d} matrix
   */
  public DMatrixRMaj toMatrix() {
    return values.copy();
  }

  /**
   * Tells whether the rows carry ids.
   *
   * @return {@code true} if {@link #rowIds()} is present
   */
  public boolean hasRowIds() {
    return rowIds != null;
  }

  /**
   * Returns the row ids, if any.
   *
   * @return an unmodifiable list of {@code n} ids, or empty
   */
  public Optional<List<String>> rowIds() {
    return Optional.ofNullable(rowIds);
  }

  /**
   * Tells whether the rows carry weights.
   *
   * @return {@code true} if {@link #weights()} is present
   */
  public boolean hasWeights() {
    return weights != null;
  }

  /**
   * Returns a copy of the row weights, if any.
   *
   * @return {@code n} weights, or empty when every row counts once
   */
  public Optional<double[]> weights() {
    return weights == null ? Optional.empty() : Optional.of(weights.clone());
  }

  /**
   * Returns a data set with only the named columns, in the given order, keeping ids and weights.
   *
   * @param names the columns to keep
   * @return a new data set
   * @throws DimensionMismatchException if a name is not a column of this data set (naming it)
   */
  public Dataset select(String... names) {
    int n = numRows();
    int d = values.numCols;
    int[] idx = new int[names.length];
    for (int j = 0; j < names.length; j++) {
      idx[j] = columnIndex(names[j]);
      if (idx[j] < 0) {
        throw new DimensionMismatchException(
            "no column '" + names[j] + "'; the columns are " + columnNames);
      }
    }
    double[] out = new double[n * names.length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < names.length; j++) {
        out[i * names.length + j] = values.data[i * d + idx[j]];
      }
    }
    Dataset selected = build(out, n, List.of(names.clone()), rowIds, weights);
    return selected;
  }

  /**
   * Returns a data set of the given rows, in the given order; a row may be listed more than once
   * (as in a bootstrap sample). Row ids and weights follow their rows. Complexity O(m d).
   *
   * @param indices the rows to take, each in {@code [0, numRows())}; not modified
   * @return a new data set with {@code indices.length} rows
   * @throws IndexOutOfBoundsException if an index is outside {@code [0, numRows())}, naming it
   */
  public Dataset rows(int[] indices) {
    int n = numRows();
    int d = values.numCols;
    double[] out = new double[indices.length * d];
    List<String> ids = rowIds == null ? null : new ArrayList<>(indices.length);
    double[] w = weights == null ? null : new double[indices.length];
    for (int r = 0; r < indices.length; r++) {
      int i = indices[r];
      if (i < 0 || i >= n) {
        throw new IndexOutOfBoundsException(
            "indices[" + r + "] = " + i + " is not a row of this data set of " + n + " rows");
      }
      System.arraycopy(values.data, i * d, out, r * d, d);
      if (ids != null) {
        ids.add(rowIds.get(i));
      }
      if (w != null) {
        w[r] = weights[i];
      }
    }
    return new Dataset(
        DMatrixRMaj.wrap(indices.length, d, out),
        columnNames,
        ids == null ? null : Collections.unmodifiableList(ids),
        w);
  }

  @Override
  public String toString() {
    return "Dataset["
        + numRows()
        + " x "
        + numColumns()
        + " "
        + columnNames
        + (hasRowIds() ? ", ids" : "")
        + (hasWeights() ? ", weights" : "")
        + "]";
  }
}
