package dev.segmentation;

import dev.segmentation.dbscan.Dbscan;
import dev.segmentation.hdbscan.Hdbscan;
import dev.segmentation.hierarchical.Hierarchical;
import dev.segmentation.kmeans.KMeans;
import dev.segmentation.kmeans.MiniBatchKMeans;
import dev.segmentation.kprototypes.KPrototypes;
import dev.segmentation.optics.Optics;
import dev.segmentation.som.Som;

/**
 * The entry point of the SDK: one static method per algorithm family, each returning a fresh
 * builder.
 *
 * <pre>{@code
 * SegmentationResult<KMeansModel> result = Segmentation.kmeans()
 *     .k(8).restarts(4).seed(42)
 *     .preprocess(Scaling.standard())
 *     .fit(customers);
 * int segment = result.model().assign(new double[] {12, 4, 310.0});
 * }</pre>
 */
public final class Segmentation {
  private Segmentation() {}

  /**
   * Starts configuring a K-means segmentation.
   *
   * @return a new builder with the defaults documented on {@link KMeans}
   */
  public static KMeans kmeans() {
    return new KMeans();
  }

  /**
   * Starts configuring mini-batch K-means (Sculley 2010): K-means on random batches of rows, for
   * data too large or too frequent for a full fit.
   *
   * @return a new builder with the defaults documented on {@link MiniBatchKMeans}
   */
  public static MiniBatchKMeans miniBatchKMeans() {
    return new MiniBatchKMeans();
  }

  /**
   * Starts configuring a DBSCAN segmentation: dense groups of any shape, outliers as noise.
   *
   * @return a new builder with the defaults documented on {@link Dbscan}
   */
  public static Dbscan dbscan() {
    return new Dbscan();
  }

  /**
   * Starts configuring an HDBSCAN* segmentation: dense groups of varying density with no radius to
   * choose, membership probabilities and GLOSH outlier scores.
   *
   * @return a new builder with the defaults documented on {@link Hdbscan}
   */
  public static Hdbscan hdbscan() {
    return new Hdbscan();
  }

  /**
   * Starts configuring OPTICS: the reachability ordering of the customers, read as DBSCAN at any
   * radius or as xi-steep clusters of varying density.
   *
   * @return a new builder with the defaults documented on {@link Optics}
   */
  public static Optics optics() {
    return new Optics();
  }

  /**
   * Starts a k-prototypes fit for customers with numeric and categorical columns (k-modes when
   * every column is categorical): Huang's cost with gamma, Cao or Huang starts.
   *
   * @return a new builder with the defaults
   */
  public static KPrototypes kprototypes() {
    return new KPrototypes();
  }

  /**
   * Starts configuring a hierarchical (agglomerative) segmentation, which returns a dendrogram to
   * cut into any number of segments.
   *
   * @return a new builder with the defaults documented on {@link Hierarchical}
   */
  public static Hierarchical hierarchical() {
    return new Hierarchical();
  }

  /**
   * Starts configuring a self-organizing map: a 2-D map of the customer base, grouped into
   * segments.
   *
   * @return a new builder with the defaults documented on {@link Som}
   */
  public static Som som() {
    return new Som();
  }
}
