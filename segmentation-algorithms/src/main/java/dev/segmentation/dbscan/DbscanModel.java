package dev.segmentation.dbscan;

import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.Provenance;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.data.Rows;
import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.index.IndexKind;
import dev.segmentation.core.index.NeighborIndex;
import dev.segmentation.core.preprocess.FittedScaling;
import java.util.Arrays;
import java.util.List;

/**
 * A fitted DBSCAN segmentation: its core points, their segments, and the radius and preprocessing
 * they were found with. A new customer joins the segment of the nearest core point within {@code
 * eps}, or is noise ({@link SegmentationResult#NOISE}) when no core point is that close: the
 * density-based counterpart of a centroid model's "nearest centroid".
 *
 * <p>On a training row that is a core point, {@link #assign(double[])} returns exactly its fitted
 * label (its nearest core point is itself, or a duplicate of it, which is in the same segment). A
 * training border point gets the segment of its nearest core point, which may differ from its
 * fitted label when it lies within reach of two segments (the fit gives it the lowest label).
 *
 * <p>The model also holds the core-point flags of the training rows ({@link #isCore(int)}, {@link
 * #coreRows()}), like scikit-learn's {@code core_sample_indices_}. Immutable and thread-safe; an
 * index over the core points is built once at construction.
 */
public final class DbscanModel implements SegmentModel {
  private final Provenance provenance;
  private final int segments;
  private final int trainingRows;
  private final int[] coreRows;
  private final double[] corePoints;
  private final int[] coreLabels;
  private final double eps;
  private final int minPoints;
  private final Distance distance;
  private final List<String> columns;
  private final FittedScaling scaling;
  private final NeighborIndex index;

  DbscanModel(
      int segments,
      int trainingRows,
      int[] coreRows,
      double[] corePoints,
      int[] coreLabels,
      double eps,
      int minPoints,
      Distance distance,
      IndexKind kind,
      List<String> columns,
      FittedScaling scaling) {
    this.provenance = null;
    this.segments = segments;
    this.trainingRows = trainingRows;
    this.coreRows = coreRows;
    this.corePoints = corePoints;
    this.coreLabels = coreLabels;
    this.eps = eps;
    this.minPoints = minPoints;
    this.distance = distance;
    this.columns = List.copyOf(columns);
    this.scaling = scaling;
    this.index = NeighborIndex.build(corePoints, coreRows.length, columns.size(), distance, kind);
  }

  /**
   * Rebuilds a model from its parts, as saved by a model file. Prefer fitting.
   *
   * @param columns the column names
   * @param scaling the fitted preprocessing, on the same columns
   * @param segments the number of segments
   * @param trainingRows rows of the training data
   * @param coreRows the training rows that are core points, ascending
   * @param corePoints those rows in the preprocessed space
   * @param coreLabels the segment of every core point
   * @param eps the radius, {@code > 0}
   * @param minPoints the core-point threshold, {@code >= 1}
   * @param distance the distance
   * @return the model
   * @throws InvalidDataException if the shapes disagree or a value is out of range
   */
  public static DbscanModel restore(
      List<String> columns,
      FittedScaling scaling,
      int segments,
      int trainingRows,
      int[] coreRows,
      double[][] corePoints,
      int[] coreLabels,
      double eps,
      int minPoints,
      Distance distance) {
    if (segments < 0
        || coreRows.length != corePoints.length
        || coreLabels.length != coreRows.length
        || !(eps > 0)
        || !Double.isFinite(eps)
        || minPoints < 1) {
      throw new InvalidDataException(
          "a DBSCAN model needs matching core rows, points and labels, eps > 0 and minPoints >= 1");
    }
    Rows.requireLabels(coreRows, 0, trainingRows, "core row");
    Rows.requireLabels(coreLabels, 0, Math.max(segments, 1), "core label");
    Rows.requireEverySegment(coreLabels, segments, "core point");
    Rows.requireSameColumns(scaling, columns);
    return new DbscanModel(
        segments,
        trainingRows,
        coreRows.clone(),
        Rows.flatten(corePoints, columns.size(), "core point"),
        coreLabels.clone(),
        eps,
        minPoints,
        distance,
        IndexKind.AUTO,
        columns,
        scaling);
  }

  /**
   * Returns the segment of every core point, in the order of {@link #coreRows()}.
   *
   * @return a copy
   */
  public int[] coreLabels() {
    return coreLabels.clone();
  }

  @Override
  public int numSegments() {
    return segments;
  }

  @Override
  public List<String> columnNames() {
    return columns;
  }

  /**
   * Returns the segment of the nearest core point within {@code eps} of the preprocessed row (ties
   * to the lowest training row), or {@link SegmentationResult#NOISE} if there is none. Complexity:
   * one nearest-neighbour query over the core points, O(log c) on low-dimensional data; allocates
   * O(d + log c) scratch space.
   *
   * @param row the customer's values in original units
   * @return a segment label, or -1 for noise
   * @throws DimensionMismatchException if {@code row.length} differs from the number of columns
   * @throws InvalidDataException if a value is not finite or outside the preprocessing's domain, or
   *     (cosine) the preprocessed row is all zeros
   */
  @Override
  public int assign(double[] row) {
    double[] z = scaling.transform(row);
    int nearest;
    try {
      nearest = index.searcher().nearestWithin(z, 0, eps);
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException(e.getMessage(), e);
    }
    return nearest < 0 ? SegmentationResult.NOISE : coreLabels[nearest];
  }

  /**
   * Explains the assignment of one customer: the nearest core point (ties to the lowest training
   * row), its segment and distance, and whether it lies within eps. Two nearest-neighbour queries
   * over the core points.
   *
   * @param row the customer's values in original units
   * @return the explanation; its segment is what {@link #assign} returns
   * @throws DimensionMismatchException if {@code row.length} differs from the number of columns
   * @throws InvalidDataException as {@link #assign}
   */
  public CoreExplanation explain(double[] row) {
    int segment = assign(row);
    double[] z = scaling.transform(row);
    int[] nearest = new int[1];
    double[] dist = new double[1];
    try {
      index.searcher().knn(z, 0, 1, nearest, dist);
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException(e.getMessage(), e);
    }
    return new CoreExplanation(segment, coreRows[nearest[0]], coreLabels[nearest[0]], dist[0], eps);
  }

  /**
   * Returns whether a training row is a core point.
   *
   * @param trainingRow a row index of the data set the model was fitted on
   * @return true if its eps-neighbourhood holds at least {@code minPoints} rows
   * @throws IndexOutOfBoundsException if the row is outside {@code [0, n)}
   */
  public boolean isCore(int trainingRow) {
    if (trainingRow < 0 || trainingRow >= trainingRows) {
      throw new IndexOutOfBoundsException(
          "training row " + trainingRow + " is outside [0, " + trainingRows + ")");
    }
    return Arrays.binarySearch(coreRows, trainingRow) >= 0;
  }

  /**
   * Returns the core-point flag of every training row.
   *
   * @return a new array of {@code n} flags, in row order
   */
  public boolean[] coreFlags() {
    boolean[] flags = new boolean[trainingRows];
    for (int r : coreRows) {
      flags[r] = true;
    }
    return flags;
  }

  /**
   * Returns the training rows that are core points.
   *
   * @return a new ascending array of row indices
   */
  public int[] coreRows() {
    return coreRows.clone();
  }

  /**
   * Returns the number of core points.
   *
   * @return the count
   */
  public int coreCount() {
    return coreRows.length;
  }

  /**
   * Returns the core points in the preprocessed space distances are measured in, one row per core
   * point, in the order of {@link #coreRows()}.
   *
   * @return a new {@code c x d} array
   */
  public double[][] scaledCorePoints() {
    int d = columns.size();
    double[][] out = new double[coreRows.length][];
    for (int c = 0; c < out.length; c++) {
      out[c] = Arrays.copyOfRange(corePoints, c * d, c * d + d);
    }
    return out;
  }

  /**
   * Returns the neighbourhood radius, in preprocessed units.
   *
   * @return eps
   */
  public double eps() {
    return eps;
  }

  /**
   * Returns the neighbourhood size a core point needs, itself included.
   *
   * @return minPoints
   */
  public int minPoints() {
    return minPoints;
  }

  /**
   * Returns the distance the model measures with.
   *
   * @return the distance
   */
  public Distance distance() {
    return distance;
  }

  /**
   * Returns the preprocessing the model applies to rows before measuring distances.
   *
   * @return the immutable fitted scaling
   */
  public FittedScaling scaling() {
    return scaling;
  }

  private DbscanModel(DbscanModel m, Provenance provenance) {
    this.provenance = provenance;
    this.segments = m.segments;
    this.trainingRows = m.trainingRows;
    this.coreRows = m.coreRows;
    this.corePoints = m.corePoints;
    this.coreLabels = m.coreLabels;
    this.eps = m.eps;
    this.minPoints = m.minPoints;
    this.distance = m.distance;
    this.columns = m.columns;
    this.scaling = m.scaling;
    this.index = m.index;
  }

  /**
   * Returns this model with a provenance record (what {@code ModelFiles} does when it loads one).
   *
   * @param value how the model was made
   * @return a model that assigns exactly as this one and carries {@code value}
   */
  public DbscanModel withProvenance(Provenance value) {
    return new DbscanModel(this, java.util.Objects.requireNonNull(value, "value"));
  }

  @Override
  public java.util.Optional<Provenance> provenance() {
    return java.util.Optional.ofNullable(provenance);
  }

  @Override
  public String toString() {
    return "DbscanModel[segments="
        + segments
        + ", core points="
        + coreRows.length
        + ", eps="
        + eps
        + ", minPoints="
        + minPoints
        + ", "
        + distance
        + ", columns="
        + columns
        + "]";
  }
}
