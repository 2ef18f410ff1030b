package dev.segmentation.api;

import java.util.List;
import java.util.Optional;

/**
 * A fitted segmentation that assigns customers to segments. Models are immutable and safe to use
 * from many threads at once. They keep their preprocessing, so rows are given in the original units
 * of the training data, with columns in the order of {@link #columnNames()}.
 */
public interface SegmentModel {

  /**
   * Returns the number of segments; segment labels are {@code 0 .. numSegments() - 1}.
   *
   * @return the number of segments
   */
  int numSegments();

  /**
   * Returns the names of the columns the model was trained on, in the order {@link
   * #assign(double[])} expects them.
   *
   * @return an unmodifiable list of column names
   */
  List<String> columnNames();

  /**
   * Returns the segment of one customer.
   *
   * @param row the customer's values in original units, one per column of {@link #columnNames()};
   *     not modified
   * @return the segment label in {@code [0, numSegments())}, or {@link SegmentationResult#NOISE}
   *     for models that can leave a customer outside every segment (density-based models)
   * @throws DimensionMismatchException if {@code row.length} differs from the number of columns
   * @throws InvalidDataException if a value is NaN or infinite, or outside the domain of the
   *     model's preprocessing (the message names the column)
   */
  int assign(double[] row);

  /**
   * Returns the segment of every row of a data set. Columns are matched by name: the data set may
   * hold more columns, in any order, as long as it has every column of {@link #columnNames()}.
   * Complexity: {@code n} calls of {@link #assign(double[])}.
   *
   * @param data the customers to assign, in original units; not modified
   * @return one label per row, in row order
   * @throws DimensionMismatchException if a column of the model is missing from {@code data}
   * @throws InvalidDataException as {@link #assign(double[])}, naming the row
   */
  default int[] assignAll(Dataset data) {
    List<String> names = columnNames();
    int[] columns = new int[names.size()];
    for (int j = 0; j < columns.length; j++) {
      columns[j] = data.columnIndex(names.get(j));
      if (columns[j] < 0) {
        throw new DimensionMismatchException(
            "column '"
                + names.get(j)
                + "' of the model is missing from the data, which has "
                + data.columnNames()
                + "; load the same columns the model was trained on");
      }
    }
    int[] labels = new int[data.numRows()];
    double[] row = new double[columns.length];
    for (int i = 0; i < labels.length; i++) {
      for (int j = 0; j < columns.length; j++) {
        row[j] = data.get(i, columns[j]);
      }
      try {
        labels[i] = assign(row);
      } catch (InvalidDataException e) {
        throw new InvalidDataException("row " + i + ": " + e.getMessage(), e);
      }
    }
    return labels;
  }

  /**
   * Returns how the model was made (options, seed, library version, data shape, fit summary), when
   * known: models from a fit of this library carry it, and model files keep it. Empty for a model
   * restored from parts or from a file written before provenance was recorded.
   *
   * @return the provenance, if recorded
   */
  default Optional<Provenance> provenance() {
    return Optional.empty();
  }
}
