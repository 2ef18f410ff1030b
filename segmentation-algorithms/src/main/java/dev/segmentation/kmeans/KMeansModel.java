package dev.segmentation.kmeans;

import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.Provenance;
import dev.segmentation.core.data.Rows;
import dev.segmentation.core.evaluate.SegmentAlignment;
import dev.segmentation.core.model.PrototypeModel;
import dev.segmentation.core.pass.NearestCentres;
import dev.segmentation.core.preprocess.FittedScaling;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fitted K-means segmentation: {@code k} centroids and the preprocessing they live in. A row is
 * assigned by preprocessing it, then taking the nearest centroid (squared Euclidean distance, ties
 * to the lowest index). Immutable and thread-safe; {@link #assign(double[])} is O(k d) and
 * allocates one row buffer.
 */
public final class KMeansModel implements PrototypeModel {
  private final double[] centroids;
  private final int k;
  private final int d;
  private final FittedScaling scaling;
  private final List<String> columns;
  private final Provenance provenance;

  KMeansModel(double[] centroids, int k, List<String> columns, FittedScaling scaling) {
    this(centroids, k, columns, scaling, null);
  }

  private KMeansModel(
      double[] centroids,
      int k,
      List<String> columns,
      FittedScaling scaling,
      Provenance provenance) {
    this.provenance = provenance;
    this.centroids = centroids.clone();
    this.k = k;
    this.d = columns.size();
    this.columns = List.copyOf(columns);
    this.scaling = scaling;
  }

  /**
   * Rebuilds a model from its parts, as saved by a model file ({@code dev.segmentation.io}). Prefer
   * fitting; this is for loading.
   *
   * @param columns the column names
   * @param scaling the fitted preprocessing, on the same columns
   * @param scaledCentroids the centroids in the preprocessed space, one row per segment
   * @return the model
   * @throws InvalidDataException if there is no centroid, a row has the wrong length, or the
   *     scaling's columns differ
   */
  public static KMeansModel restore(
      List<String> columns, FittedScaling scaling, double[][] scaledCentroids) {
    if (scaledCentroids.length == 0) {
      throw new InvalidDataException("a K-means model needs at least one centroid");
    }
    Rows.requireSameColumns(scaling, columns);
    return new KMeansModel(
        Rows.flatten(scaledCentroids, columns.size(), "centroid"),
        scaledCentroids.length,
        columns,
        scaling);
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
   * <p>Complexity O(k d).
   */
  @Override
  public int assign(double[] row) {
    double[] z = scaling.transform(row);
    return NearestCentres.nearest(z, 0, centroids, k, d);
  }

  /**
   * Returns the centroids in original units (the model's preprocessing undone), one row per
   * segment. For scalings with a log step this is the back-transformed mean of the transformed
   * values (a geometric-style mean), not the arithmetic mean of the raw values.
   *
   * @return a new {@code k x d} array
   */
  public double[][] centroids() {
    double[][] out = new double[k][];
    for (int c = 0; c < k; c++) {
      out[c] = scaling.inverse(java.util.Arrays.copyOfRange(centroids, c * d, c * d + d));
    }
    return out;
  }

  /**
   * Returns the centroids in the preprocessed space the model computes distances in.
   *
   * @return a new {@code k x d} array
   */
  public double[][] scaledCentroids() {
    double[][] out = new double[k][];
    for (int c = 0; c < k; c++) {
      out[c] = java.util.Arrays.copyOfRange(centroids, c * d, c * d + d);
    }
    return out;
  }

  /**
   * Returns the preprocessing the model applies to rows before measuring distances.
   *
   * @return the immutable fitted scaling
   */
  @Override
  public FittedScaling scaling() {
    return scaling;
  }

  /**
   * Returns the identity every segment of this model takes when it replaces {@code previous}:
   * {@code ids[s]} is the previous label segment {@code s} should carry, from the one-to-one
   * matching of centroids with the least summed squared distance (Hungarian algorithm; {@link
   * SegmentAlignment#alignCentroids}), measured in this model's preprocessed space. Segments beyond
   * the previous model's count get the next free labels. Relabel fitted rows with {@link
   * SegmentAlignment#relabel}. O(k^3 + k d).
   *
   * @param previous the model in use until now, trained on the same columns
   * @return the new label of every segment of this model
   * @throws DimensionMismatchException if the models' columns differ
   */
  public int[] alignment(KMeansModel previous) {
    if (!previous.columns.equals(columns)) {
      throw new DimensionMismatchException(
          "the previous model has columns "
              + previous.columns
              + " and this one "
              + columns
              + "; align models trained on the same columns");
    }
    double[] before = new double[previous.k * d];
    double[][] original = previous.centroids();
    for (int c = 0; c < previous.k; c++) {
      System.arraycopy(scaling.transform(original[c]), 0, before, c * d, d);
    }
    return SegmentAlignment.alignCentroids(before, centroids, d);
  }

  /**
   * Returns this model with its segments renumbered by {@link #alignment(KMeansModel)}, so that
   * "segment 3" keeps meaning the same group of customers after retraining. Assignments are the
   * same customers' groups, under the new numbers. O(k^3 + k d).
   *
   * @param previous the model in use until now, trained on the same columns
   * @return a new model; this one is unchanged
   * @throws DimensionMismatchException if the models' columns differ
   * @throws InvalidOptionException if this model has fewer segments than {@code previous} (some
   *     labels would be left without a segment; relabel with {@link #alignment} instead)
   */
  public KMeansModel alignedTo(KMeansModel previous) {
    if (k < previous.k) {
      throw new InvalidOptionException(
          "previous",
          previous,
          "must not have more segments than this model ("
              + k
              + "); use alignment(previous) to map labels");
    }
    int[] ids = alignment(previous);
    double[] moved = new double[k * d];
    for (int c = 0; c < k; c++) {
      System.arraycopy(centroids, c * d, moved, ids[c] * d, d);
    }
    return new KMeansModel(moved, k, columns, scaling);
  }

  @Override
  public double[] scaledPrototypes() {
    return centroids.clone();
  }

  @Override
  public int[] prototypeSegments() {
    int[] own = new int[k];
    for (int c = 0; c < k; c++) {
      own[c] = c;
    }
    return own;
  }

  /**
   * Returns this model with a provenance record (what {@code ModelFiles} does when it loads one).
   *
   * @param value how the model was made
   * @return a model that assigns exactly as this one and carries {@code value}
   */
  public KMeansModel withProvenance(Provenance value) {
    return new KMeansModel(centroids, k, columns, scaling, Objects.requireNonNull(value, "value"));
  }

  @Override
  public Optional<Provenance> provenance() {
    return Optional.ofNullable(provenance);
  }

  @Override
  public String toString() {
    return "KMeansModel[k=" + k + ", columns=" + columns + "]";
  }
}
