package dev.segmentation.kmeans;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.Provenance;
import dev.segmentation.core.data.Rows;
import dev.segmentation.core.evaluate.SegmentAlignment;
import dev.segmentation.core.model.PrototypeModel;
import dev.segmentation.core.pass.NearestCentres;
import dev.segmentation.core.pass.NearestSums;
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
  private final double[] weights;

  KMeansModel(double[] centroids, int k, List<String> columns, FittedScaling scaling) {
    this(centroids, k, columns, scaling, null, null);
  }

  private KMeansModel(
      double[] centroids,
      int k,
      List<String> columns,
      FittedScaling scaling,
      Provenance provenance,
      double[] weights) {
    this.provenance = provenance;
    this.weights = weights == null ? null : weights.clone();
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

  /**
   * Rebuilds a model with the weight of training rows each segment holds, which {@link #update}
   * needs.
   *
   * @param columns the column names
   * @param scaling the fitted preprocessing
   * @param scaledCentroids the centroids in the preprocessed space
   * @param segmentWeights per segment, the summed weight of its training rows, finite and {@code >=
   *     0}
   * @return the model
   * @throws InvalidDataException as {@link #restore(List, FittedScaling, double[][])}, or if the
   *     weights are not one finite value {@code >= 0} per segment
   */
  public static KMeansModel restore(
      List<String> columns,
      FittedScaling scaling,
      double[][] scaledCentroids,
      double[] segmentWeights) {
    KMeansModel m = restore(columns, scaling, scaledCentroids);
    if (segmentWeights.length != m.k) {
      throw new InvalidDataException(
          segmentWeights.length + " segment weights for " + m.k + " segments");
    }
    for (int c = 0; c < m.k; c++) {
      if (!(segmentWeights[c] >= 0) || !Double.isFinite(segmentWeights[c])) {
        throw new InvalidDataException(
            "segment " + c + ": weight " + segmentWeights[c] + " must be finite and >= 0");
      }
    }
    return m.withSegmentWeights(segmentWeights);
  }

  /** Returns this model knowing how much training weight each segment holds. */
  KMeansModel withSegmentWeights(double[] segmentWeights) {
    return new KMeansModel(centroids, k, columns, scaling, provenance, segmentWeights);
  }

  /** Sums row weights (1 when null) per label. */
  static double[] segmentWeights(int[] labels, double[] rowWeights, int k) {
    double[] w = new double[k];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        w[labels[i]] += rowWeights == null ? 1 : rowWeights[i];
      }
    }
    return w;
  }

  /**
   * Returns the summed weight of the training rows in each segment (their number without row
   * weights), if the model knows it: fitted models do, and files saved with them.
   *
   * @return a copy, one per segment
   */
  public Optional<double[]> segmentWeights() {
    return weights == null ? Optional.empty() : Optional.of(weights.clone());
  }

  /**
   * Moves the centroids with a batch of new customers and keeps every segment's identity: segment
   * {@code s} of the updated model is segment {@code s} of this one, moved. The old segments count
   * as pseudo-customers at their centroids with their training weight times {@code forgetting}, and
   * Lloyd iterations run on the batch with that prior until no new row changes segment:
   *
   * <pre>
   *   c_s' = (forgetting W_s c_s + sum of new rows in s) / (forgetting W_s + their weight)
   * </pre>
   *
   * (the rule of Spark's streaming K-means, iterated to a fixed point). {@code forgetting = 1}
   * keeps all the past (the model becomes the fit of old and new data seen together), {@code 0}
   * keeps none (segments with new rows move to their means; the others stay). The preprocessing is
   * kept as fitted, so values keep their meaning. An empty batch returns this model unchanged;
   * updating a fit run to its fixed point ({@code tolerance(0)}) with its own training data gives
   * the same labels and centroids back (a fit stopped by a looser tolerance moves by at most what
   * its last iteration would have).
   *
   * <p>Complexity O(iterations n k d) over the batch; results do not depend on threads (one thread
   * here; blocks summed in order).
   *
   * @param batch the new customers, with the model's columns (ids and weights used if present)
   * @param forgetting the share of past weight kept, in {@code [0, 1]}
   * @return the updated model, the batch's segments under the old and the new model and the
   *     transitions between them
   * @throws InvalidOptionException if {@code forgetting} is outside {@code [0, 1]}, or the model
   *     does not know its segment weights (restored from a file saved without them)
   * @throws DimensionMismatchException if the batch lacks a model column
   * @throws InvalidDataException if a value is outside the preprocessing's domain
   */
  public KMeansUpdate update(Dataset batch, double forgetting) {
    Objects.requireNonNull(batch, "batch");
    if (!(forgetting >= 0 && forgetting <= 1)) {
      throw new InvalidOptionException("forgetting", forgetting, "must be in [0, 1]");
    }
    if (weights == null) {
      throw new InvalidOptionException(
          "model",
          this,
          "does not know how many customers each segment holds (its file was saved without"
              + " segment weights); fit it again to update it");
    }
    int n = batch.numRows();
    if (n == 0) {
      return new KMeansUpdate(this, new int[0], new int[0], 0);
    }
    double[] x = batch.select(columns.toArray(new String[0])).toRowMajor();
    scaling.transformInPlace(x, n);
    double[] rowWeights = batch.weights().orElse(null);
    int[] before = new int[n];
    NearestCentres.Workspace ws = new NearestCentres.Workspace(d, k);
    NearestCentres.assign(x, d, 0, n, centroids, k, ws, before);
    double[] current = centroids.clone();
    int[] labels = before.clone();
    int[] next = new int[n];
    int iterations = 0;
    double[] moved = centroids.clone();
    double[] s = new double[k * d];
    double[] m = new double[k];
    while (true) {
      iterations++;
      // the rows are already assigned to the current centres: sum them by those labels
      java.util.Arrays.fill(s, 0);
      java.util.Arrays.fill(m, 0);
      NearestSums.addRows(x, d, rowWeights, labels, 0, n, s, m, 0);
      for (int c = 0; c < k; c++) {
        double prior = forgetting * weights[c];
        double total = prior + m[c];
        for (int j = 0; j < d; j++) {
          moved[c * d + j] =
              total > 0
                  ? (prior * centroids[c * d + j] + s[c * d + j]) / total
                  : current[c * d + j];
        }
      }
      NearestCentres.assign(x, d, 0, n, moved, k, ws, next);
      boolean same = java.util.Arrays.equals(next, labels);
      System.arraycopy(moved, 0, current, 0, moved.length);
      System.arraycopy(next, 0, labels, 0, n);
      if (same || iterations >= 300) {
        break;
      }
    }
    double[] batchWeights = segmentWeights(labels, rowWeights, k);
    double[] updatedWeights = new double[k];
    for (int c = 0; c < k; c++) {
      updatedWeights[c] = forgetting * weights[c] + batchWeights[c];
    }
    KMeansModel updated = new KMeansModel(current, k, columns, scaling, provenance, updatedWeights);
    return new KMeansUpdate(updated, before, labels, iterations);
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
    double[] movedWeights = null;
    if (weights != null) {
      movedWeights = new double[k];
      for (int c = 0; c < k; c++) {
        movedWeights[ids[c]] = weights[c];
      }
    }
    return new KMeansModel(moved, k, columns, scaling, provenance, movedWeights);
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
    return new KMeansModel(
        centroids, k, columns, scaling, Objects.requireNonNull(value, "value"), weights);
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
