package dev.segmentation.kmeans;

import dev.segmentation.api.SegmentModel;
import dev.segmentation.core.preprocess.FittedScaling;
import java.util.List;

/**
 * A fitted K-means segmentation: {@code k} centroids and the preprocessing they live in. A row is
 * assigned by preprocessing it, then taking the nearest centroid (squared Euclidean distance, ties
 * to the lowest index). Immutable and thread-safe; {@link #assign(double[])} is O(k d) and
 * allocates one row buffer.
 */
public final class KMeansModel implements SegmentModel {
  private final double[] centroids;
  private final int k;
  private final int d;
  private final FittedScaling scaling;
  private final List<String> columns;

  KMeansModel(double[] centroids, int k, List<String> columns, FittedScaling scaling) {
    this.centroids = centroids.clone();
    this.k = k;
    this.d = columns.size();
    this.columns = List.copyOf(columns);
    this.scaling = scaling;
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
    return KMeansKernels.nearest(z, 0, centroids, k, d);
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
  public FittedScaling scaling() {
    return scaling;
  }

  @Override
  public String toString() {
    return "KMeansModel[k=" + k + ", columns=" + columns + "]";
  }
}
