package dev.segmentation.hierarchical;

import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.Provenance;
import dev.segmentation.core.data.Rows;
import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.index.NeighborIndex;
import dev.segmentation.core.model.PrototypeModel;
import dev.segmentation.core.preprocess.FittedScaling;
import java.util.Arrays;
import java.util.List;

/**
 * The segments of one cut of a {@link Dendrogram}, able to assign new customers. For single linkage
 * a customer joins the segment of its nearest training customer (the rule single linkage itself
 * uses); for every other linkage, the segment whose centroid (mean of its preprocessed members) is
 * nearest. Euclidean distance on preprocessed rows; ties go to the lower segment or row. Immutable
 * and thread-safe. Obtain it from {@link Dendrogram#model(int)}.
 */
public final class HierarchicalModel implements PrototypeModel {
  private final Provenance provenance;
  private final int k;
  private final int d;
  private final double[] points;
  private final int[] labels;
  private final boolean centroids;
  private final List<String> columns;
  private final FittedScaling scaling;
  private final NeighborIndex index;
  private final Dendrogram tree;

  HierarchicalModel(
      int k,
      double[] points,
      int[] labels,
      int count,
      boolean centroids,
      List<String> columns,
      FittedScaling scaling) {
    this.provenance = null;
    this.tree = null;
    this.k = k;
    this.d = columns.size();
    this.points = points;
    this.labels = labels;
    this.centroids = centroids;
    this.columns = List.copyOf(columns);
    this.scaling = scaling;
    this.index = NeighborIndex.build(points, count, d, Distance.EUCLIDEAN);
  }

  /**
   * Rebuilds a model from its parts, as saved by a model file. Prefer cutting a dendrogram.
   *
   * @param columns the column names
   * @param scaling the fitted preprocessing, on the same columns
   * @param byCentroid true: {@code points} are the k centroids in segment order; false (single
   *     linkage): every training row, assigned by its nearest member
   * @param points prototypes in the preprocessed space
   * @param pointSegments the segment of every point
   * @param k the number of segments
   * @return the model
   * @throws InvalidDataException if the shapes disagree or a segment label is out of range
   */
  public static HierarchicalModel restore(
      List<String> columns,
      FittedScaling scaling,
      boolean byCentroid,
      double[][] points,
      int[] pointSegments,
      int k) {
    if (k < 1 || points.length != pointSegments.length || (byCentroid && points.length != k)) {
      throw new InvalidDataException(
          "a hierarchical model needs one segment per point and, by centroid, k = "
              + k
              + " points; got "
              + points.length
              + " points and "
              + pointSegments.length
              + " segments");
    }
    Rows.requireLabels(pointSegments, 0, k, "point segment");
    Rows.requireEverySegment(pointSegments, k, "point");
    Rows.requireSameColumns(scaling, columns);
    return new HierarchicalModel(
        k,
        Rows.flatten(points, columns.size(), "point"),
        pointSegments.clone(),
        points.length,
        byCentroid,
        columns,
        scaling);
  }

  /**
   * Returns the points new customers are assigned by: the centroids, or for single linkage every
   * training row, in the preprocessed space.
   *
   * @return a new array, one row per point
   */
  public double[][] scaledPoints() {
    int p = labels.length;
    double[][] out = new double[p][];
    for (int i = 0; i < p; i++) {
      out[i] = Arrays.copyOfRange(points, i * d, i * d + d);
    }
    return out;
  }

  /**
   * Returns the segment of every point of {@link #scaledPoints()}.
   *
   * @return a copy
   */
  public int[] pointSegments() {
    return labels.clone();
  }

  @Override
  public int numSegments() {
    return k;
  }

  @Override
  public List<String> columnNames() {
    return columns;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Complexity O(k d) with centroids; for single linkage a nearest-neighbour query over the
   * training rows, O(log n) on low-dimensional data. Allocates O(d + log n) scratch space.
   *
   * @throws DimensionMismatchException if {@code row.length} differs from the number of columns
   * @throws InvalidDataException if a value is not finite or outside the preprocessing's domain
   */
  @Override
  public int assign(double[] row) {
    double[] z = scaling.transform(row);
    return labels[index.searcher().nearestWithin(z, 0, Double.POSITIVE_INFINITY)];
  }

  /**
   * Returns whether new customers go to the nearest centroid (false: to the nearest member, for
   * single linkage).
   *
   * @return true for centroid assignment
   */
  public boolean assignsByCentroid() {
    return centroids;
  }

  /**
   * Returns the segment centroids in the preprocessed space, one row per segment (means of the
   * members, whatever the assignment rule).
   *
   * @return a new {@code k x d} array
   */
  public double[][] scaledCentroids() {
    double[] means = centroids ? points : means(points, labels, k, d);
    double[][] out = new double[k][];
    for (int c = 0; c < k; c++) {
      out[c] = Arrays.copyOfRange(means, c * d, c * d + d);
    }
    return out;
  }

  /** The mean of the rows of every segment, row-major {@code k * d}; rows labelled 0 .. k-1. */
  static double[] means(double[] x, int[] labels, int k, int d) {
    double[] sums = new double[k * d];
    int[] counts = new int[k];
    for (int i = 0; i < labels.length; i++) {
      counts[labels[i]]++;
      for (int j = 0; j < d; j++) {
        sums[labels[i] * d + j] += x[i * d + j];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        sums[c * d + j] /= counts[c];
      }
    }
    return sums;
  }

  /**
   * Returns the preprocessing the model applies to rows before measuring distances.
   *
   * @return the fitted scaling
   */
  @Override
  public FittedScaling scaling() {
    return scaling;
  }

  @Override
  public double[] scaledPrototypes() {
    return points.clone();
  }

  @Override
  public int[] prototypeSegments() {
    return labels.clone();
  }

  private HierarchicalModel(HierarchicalModel m, Provenance provenance, Dendrogram tree) {
    this.provenance = provenance;
    this.k = m.k;
    this.d = m.d;
    this.points = m.points;
    this.labels = m.labels;
    this.centroids = m.centroids;
    this.columns = m.columns;
    this.scaling = m.scaling;
    this.index = m.index;
    this.tree = tree;
  }

  /** This model with the tree it was cut from. */
  HierarchicalModel withTree(Dendrogram value) {
    return new HierarchicalModel(this, provenance, value);
  }

  /**
   * Returns the dendrogram this model was cut from, when it was (a model loaded from a file has
   * none: files keep the cut, not the tree).
   *
   * @return the tree, if known
   */
  public java.util.Optional<Dendrogram> dendrogram() {
    return java.util.Optional.ofNullable(tree);
  }

  /**
   * Returns this model with a provenance record (what {@code ModelFiles} does when it loads one).
   *
   * @param value how the model was made
   * @return a model that assigns exactly as this one and carries {@code value}
   */
  public HierarchicalModel withProvenance(Provenance value) {
    return new HierarchicalModel(this, java.util.Objects.requireNonNull(value, "value"), tree);
  }

  @Override
  public java.util.Optional<Provenance> provenance() {
    return java.util.Optional.ofNullable(provenance);
  }

  @Override
  public String toString() {
    return "HierarchicalModel[k="
        + k
        + ", "
        + (centroids ? "nearest centroid" : "nearest member")
        + ", columns="
        + columns
        + "]";
  }
}
