package dev.segmentation.core.preprocess;

import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidDataException;
import java.util.ArrayList;
import java.util.List;

/**
 * A transformation learned by {@link Scaling#fit}: a sequence of per-column stages, each either
 * {@code ln(1 + x)} or {@code (x - shift) / scale}. Immutable and thread-safe; models keep one to
 * transform new rows and to report centroids back in original units. Not serializable: the Spark
 * module ships its parts (see {@link #restore}), model files ship whole models.
 */
public final class FittedScaling {

  /** A log1p stage: the only stage without parameters (tested by length, so it survives copies). */
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
   * Rebuilds a fitted scaling from its stages, as saved by {@link #numStages()}, {@link
   * #isLog1p(int)}, {@link #shift(int)} and {@link #scale(int)} (for loading saved models).
   *
   * @param columns the column names
   * @param log1p per stage: true for a log1p stage, false for an affine one
   * @param shifts per stage: the shift of an affine stage (ignored for log1p), one per column
   * @param scales per stage: the scale of an affine stage (ignored for log1p), one per column
   * @return the scaling
   * @throws InvalidDataException if the stage arrays disagree in length, or a shift or scale is not
   *     finite, or a scale is 0 (naming the stage and column)
   */
  public static FittedScaling restore(
      List<String> columns, boolean[] log1p, double[][] shifts, double[][] scales) {
    int d = columns.size();
    if (shifts.length != log1p.length || scales.length != log1p.length) {
      throw new InvalidDataException(
          "scaling: "
              + log1p.length
              + " stages but "
              + shifts.length
              + " shifts and "
              + scales.length
              + " scales");
    }
    List<double[][]> stages = new ArrayList<>();
    for (int s = 0; s < log1p.length; s++) {
      if (log1p[s]) {
        stages.add(LOG1P);
        continue;
      }
      if (shifts[s] == null
          || scales[s] == null
          || shifts[s].length != d
          || scales[s].length != d) {
        throw new InvalidDataException(
            "scaling stage " + s + ": shift and scale need one value per column (" + d + ")");
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(shifts[s][j]) || !Double.isFinite(scales[s][j]) || scales[s][j] == 0) {
          throw new InvalidDataException(
              "scaling stage "
                  + s
                  + ", column '"
                  + columns.get(j)
                  + "': shift "
                  + shifts[s][j]
                  + " and scale "
                  + scales[s][j]
                  + " must be finite, the scale not 0");
        }
      }
      stages.add(new double[][] {shifts[s].clone(), scales[s].clone()});
    }
    return new FittedScaling(columns, stages);
  }

  /**
   * Returns the column names the scaling was fitted on.
   *
   * @return an unmodifiable list
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * Returns the number of stages (a chain such as log1p then standard has two).
   *
   * @return the count, 0 for no scaling
   */
  public int numStages() {
    return stages.size();
  }

  /**
   * Returns whether a stage is log1p (otherwise it is affine: {@code (x - shift) / scale}).
   *
   * @param stage in {@code [0, numStages())}
   * @return true for log1p
   */
  public boolean isLog1p(int stage) {
    return stages.get(stage).length == 0;
  }

  /**
   * Returns the shift of an affine stage.
   *
   * @param stage an affine stage
   * @return a copy, one value per column; empty for a log1p stage
   */
  public double[] shift(int stage) {
    return isLog1p(stage) ? new double[0] : stages.get(stage)[0].clone();
  }

  /**
   * Returns the scale of an affine stage.
   *
   * @param stage an affine stage
   * @return a copy, one value per column; empty for a log1p stage
   */
  public double[] scale(int stage) {
    return isLog1p(stage) ? new double[0] : stages.get(stage)[1].clone();
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
   * @throws InvalidDataException if the row is null, or a value is not finite or outside a stage's
   *     domain (naming the column)
   */
  public double[] transform(double[] row) {
    int d = columns.size();
    if (row == null) {
      throw new InvalidDataException(
          "row is null: give one value per column (" + d + ": " + columns + ")");
    }
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
      if (stage.length == 0) {
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
        out[j] = stage.length == 0 ? Math.expm1(out[j]) : out[j] * stage[1][j] + stage[0][j];
      }
    }
    return out;
  }
}
