package dev.segmentation.core.preprocess;

import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidDataException;
import java.util.ArrayList;
import java.util.List;

/**
 * A transformation learned by {@link Scaling#fit}: a sequence of per-column stages, each either
 * {@code ln(1 + x)} or {@code (x - shift) / scale}. Immutable and thread-safe; models keep one to
 * transform new rows and to report centroids back in original units.
 */
public final class FittedScaling {
  private static final double[][] LOG1P = new double[0][];

  private final List<String> columns;

  /** Per stage: {@link #LOG1P} for log1p, otherwise {shift[], scale[]}. */
  private final List<double[][]> stages;

  private FittedScaling(List<String> columns, List<double[][]> stages) {
    this.columns = List.copyOf(columns);
    this.stages = List.copyOf(stages);
  }

  static FittedScaling affine(List<String> columns, double[] shift, double[] scale) {
    List<double[][]> s = new ArrayList<>();
    s.add(new double[][] {shift.clone(), scale.clone()});
    return new FittedScaling(columns, s);
  }

  static FittedScaling log1p(List<String> columns) {
    List<double[][]> s = new ArrayList<>();
    s.add(LOG1P);
    return new FittedScaling(columns, s);
  }

  FittedScaling then(FittedScaling next) {
    List<double[][]> s = new ArrayList<>(stages);
    s.addAll(next.stages);
    return new FittedScaling(columns, s);
  }

  /**
   * Returns the number of columns this transformation expects.
   *
   * @return {@code d}
   */
  public int dimension() {
    return columns.size();
  }

  /**
   * Transforms all rows in place. Complexity O(n d).
   *
   * @param data row-major values, {@code n * d}; overwritten with transformed values
   * @param n number of rows
   * @throws InvalidDataException if a value is outside the domain of a stage (naming row and
   *     column)
   */
  public void transformInPlace(double[] data, int n) {
    int d = columns.size();
    for (int i = 0; i < n; i++) {
      transformRow(data, i * d, i);
    }
  }

  /**
   * Transforms one row of original values into the space the model works in.
   *
   * @param row {@code d} values in original units; not modified
   * @return a new array of transformed values
   * @throws DimensionMismatchException if {@code row.length != d}
   * @throws InvalidDataException if a value is not finite or outside a stage's domain (naming the
   *     column)
   */
  public double[] transform(double[] row) {
    int d = columns.size();
    if (row.length != d) {
      throw new DimensionMismatchException(
          "row has " + row.length + " values but the model expects " + d + ": " + columns);
    }
    double[] out = row.clone();
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(out[j])) {
        throw new InvalidDataException(
            "column '" + columns.get(j) + "': value " + out[j] + " is not finite");
      }
    }
    transformRow(out, 0, -1);
    return out;
  }

  private void transformRow(double[] data, int off, int rowIndex) {
    int d = columns.size();
    for (double[][] stage : stages) {
      if (stage == LOG1P) {
        for (int j = 0; j < d; j++) {
          double v = data[off + j];
          if (!(v > -1)) {
            throw new InvalidDataException(
                (rowIndex >= 0 ? "row " + rowIndex + ", " : "")
                    + "column '"
                    + columns.get(j)
                    + "': value "
                    + v
                    + " is <= -1, outside the domain of log1p scaling");
          }
          data[off + j] = Math.log1p(v);
        }
      } else {
        double[] shift = stage[0];
        double[] scale = stage[1];
        for (int j = 0; j < d; j++) {
          data[off + j] = (data[off + j] - shift[j]) / scale[j];
        }
      }
    }
  }

  /**
   * Maps transformed values back to original units (the inverse of every stage, last first).
   *
   * @param row {@code d} transformed values; not modified
   * @return a new array in original units
   * @throws DimensionMismatchException if {@code row.length != d}
   */
  public double[] inverse(double[] row) {
    int d = columns.size();
    if (row.length != d) {
      throw new DimensionMismatchException(
          "row has " + row.length + " values but the scaling has " + d + " columns");
    }
    double[] out = row.clone();
    for (int s = stages.size() - 1; s >= 0; s--) {
      double[][] stage = stages.get(s);
      for (int j = 0; j < d; j++) {
        out[j] = stage == LOG1P ? Math.expm1(out[j]) : out[j] * stage[1][j] + stage[0][j];
      }
    }
    return out;
  }
}
