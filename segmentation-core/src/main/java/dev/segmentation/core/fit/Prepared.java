package dev.segmentation.core.fit;

import dev.segmentation.api.Dataset;
import dev.segmentation.core.preprocess.FittedScaling;
import java.util.List;

/**
 * The training rows of one fit after {@link FitFrame#prepare}: a preprocessed row-major copy, its
 * shape, the data set it came from and the preprocessing learned on it. The copy belongs to the fit
 * (it may be modified). Not thread-safe.
 */
public final class Prepared {
  private final double[] x;
  private final int n;
  private final int d;
  private final Dataset data;
  private final FittedScaling scaling;
  private final double extent;

  Prepared(double[] x, int n, int d, Dataset data, FittedScaling scaling, double extent) {
    this.extent = extent;
    this.x = x;
    this.n = n;
    this.d = d;
    this.data = data;
    this.scaling = scaling;
  }

  /**
   * Returns the preprocessed rows, row-major {@code n x d}: the live array, owned by the fit.
   *
   * @return the rows
   */
  public double[] rows() {
    return x;
  }

  /**
   * Returns the number of rows.
   *
   * @return n
   */
  public int n() {
    return n;
  }

  /**
   * Returns the number of columns.
   *
   * @return d
   */
  public int d() {
    return d;
  }

  /**
   * Returns the column names.
   *
   * @return the names, in order
   */
  public List<String> columns() {
    return data.columnNames();
  }

  /**
   * Returns the row weights of the data set.
   *
   * @return one weight per row, or null when unweighted
   */
  public double[] weights() {
    return data.weights().orElse(null);
  }

  /**
   * Returns the data set the rows came from.
   *
   * @return the data set
   */
  public Dataset data() {
    return data;
  }

  /**
   * Returns the preprocessing applied to the rows.
   *
   * @return the fitted scaling
   */
  public FittedScaling scaling() {
    return scaling;
  }

  /**
   * Returns the length of the preprocessed rows' bounding-box diagonal, as {@code
   * RowSummary.extent} computes it (the preparation scanned the rows for it already).
   *
   * @return the extent
   */
  public double extent() {
    return extent;
  }
}
