package dev.segmentation.bench.peers;

import elki.clustering.dbscan.DBSCAN;
import elki.clustering.hierarchical.Anderberg;
import elki.clustering.hierarchical.ClusterMergeHistory;
import elki.clustering.hierarchical.HDBSCANLinearMemory;
import elki.clustering.hierarchical.HierarchicalClusteringAlgorithm;
import elki.clustering.hierarchical.NNChain;
import elki.clustering.hierarchical.SLINK;
import elki.clustering.hierarchical.extraction.CutDendrogramByNumberOfClusters;
import elki.clustering.hierarchical.extraction.HDBSCANHierarchyExtraction;
import elki.clustering.hierarchical.linkage.Linkage;
import elki.clustering.hierarchical.linkage.SingleLinkage;
import elki.clustering.hierarchical.linkage.WardLinkage;
import elki.clustering.kmeans.ElkanKMeans;
import elki.clustering.kmeans.ExponionKMeans;
import elki.clustering.kmeans.HamerlyKMeans;
import elki.clustering.kmeans.LloydKMeans;
import elki.clustering.kmeans.initialization.KMeansInitialization;
import elki.clustering.kmeans.initialization.KMeansPlusPlus;
import elki.clustering.kmeans.initialization.Predefined;
import elki.clustering.kmeans.parallel.ParallelLloydKMeans;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.DendrogramModel;
import elki.data.model.MeanModel;
import elki.data.model.Model;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.ids.DBIDIter;
import elki.database.ids.DBIDRange;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.EuclideanDistance;
import elki.distance.minkowski.SquaredEuclideanDistance;
import elki.index.IndexFactory;
import elki.index.tree.spatial.kd.MemoryKDTree;
import elki.index.tree.spatial.kd.split.MedianSplit;
import elki.logging.LoggingConfiguration;
import elki.utilities.random.RandomFactory;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * ELKI 0.8.0 (AGPL-3, benchmark-only). Each K-means variant is its own class in ELKI; all stop when
 * no point is reassigned, so ours is run with tolerance 0 against them. ELKI reports its iteration
 * count only as a logged statistic: {@link #kmeans} captures it.
 */
public final class ElkiPeer {
  /** The K-means classes compared. */
  public enum KMeansKind {
    /**
     * {@code ParallelLloydKMeans}: plain Lloyd on all cores (its single-threaded LloydKMeans
     * rebuilds hash sets every iteration).
     */
    LLOYD,
    /** {@code LloydKMeans}: single-threaded plain Lloyd. */
    LLOYD_SERIAL,
    /** {@code HamerlyKMeans}. */
    HAMERLY,
    /** {@code ElkanKMeans}. */
    ELKAN,
    /** {@code ExponionKMeans}. */
    EXPONION
  }

  /** Hierarchical algorithms compared. */
  public enum HierarchicalKind {
    /** {@code Anderberg} (cached nearest neighbours on the full matrix). */
    ANDERBERG,
    /** {@code NNChain} (nearest-neighbour chain). */
    NN_CHAIN,
    /** {@code SLINK} (single linkage only). */
    SLINK
  }

  private static final IterationCapture ITERATIONS = new IterationCapture();

  static {
    // Statistics carry the iteration count; the handler keeps them off the console.
    LoggingConfiguration.setStatistics();
    LoggingConfiguration.replaceDefaultHandler(ITERATIONS);
  }

  private ElkiPeer() {}

  /**
   * Loads rows into an ELKI database (its data loading, not timed by the benchmarks).
   *
   * @param rows the data, one array per row
   * @param kdTree whether to build ELKI's in-memory k-d tree (its best index for DBSCAN at low d)
   * @return the relation of number vectors
   */
  public static Relation<NumberVector> relation(double[][] rows, boolean kdTree) {
    List<IndexFactory<?>> indexes =
        kdTree ? List.of(new MemoryKDTree.Factory<>(MedianSplit.STATIC, 32)) : List.of();
    Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(rows), indexes);
    db.initialize();
    return db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
  }

  /**
   * K-means from the given centroids, or from ELKI's k-means++ when {@code start} is null.
   *
   * @param rel the data
   * @param kind the variant
   * @param k number of clusters
   * @param start initial centroids, or null
   * @param maxIterations iteration limit
   * @param seed seed of k-means++ (ignored with {@code start})
   * @return labels, centroids and iterations
   */
  public static PeerFit kmeans(
      Relation<NumberVector> rel,
      KMeansKind kind,
      int k,
      double[][] start,
      int maxIterations,
      long seed) {
    // Predefined hands its array to the algorithm, which updates the means in place: without a
    // copy the next fit would start from this fit's converged centroids.
    KMeansInitialization init =
        start != null
            ? new Predefined(deepCopy(start))
            : new KMeansPlusPlus<>(RandomFactory.get(seed));
    SquaredEuclideanDistance dist = SquaredEuclideanDistance.STATIC;
    ITERATIONS.reset();
    Clustering<? extends MeanModel> c =
        switch (kind) {
          case LLOYD -> new ParallelLloydKMeans<>(dist, k, maxIterations, init).run(rel);
          case LLOYD_SERIAL -> new LloydKMeans<>(dist, k, maxIterations, init).run(rel);
          case HAMERLY -> new HamerlyKMeans<>(dist, k, maxIterations, init, false).run(rel);
          case ELKAN -> new ElkanKMeans<>(dist, k, maxIterations, init, false).run(rel);
          case EXPONION -> new ExponionKMeans<>(dist, k, maxIterations, init, false).run(rel);
        };
    int d = rel.get(rel.iterDBIDs()).getDimensionality();
    double[] centroids = new double[c.getAllClusters().size() * d];
    int label = 0;
    // Same cluster order as labelsOf numbers them (K-means clusters are never noise).
    for (Cluster<? extends MeanModel> cluster : c.getAllClusters()) {
      System.arraycopy(cluster.getModel().getMean(), 0, centroids, label++ * d, d);
    }
    return new PeerFit(labelsOf(c, rel), centroids, ITERATIONS.last());
  }

  /**
   * DBSCAN with Euclidean distance; ELKI counts the point itself in {@code minPoints}, as we do.
   * Uses the relation's index when it has one.
   *
   * @param rel the data
   * @param eps radius
   * @param minPoints core threshold, the point included
   * @return labels with noise {@code -1}
   */
  public static PeerFit dbscan(Relation<NumberVector> rel, double eps, int minPoints) {
    Clustering<Model> c =
        new DBSCAN<NumberVector>(EuclideanDistance.STATIC, eps, minPoints).run(rel);
    return new PeerFit(labelsOf(c, rel), null, -1);
  }

  /**
   * HDBSCAN* ({@code HDBSCANLinearMemory}: Prim's tree over all pairs, O(n^2) time, O(n) memory)
   * and its flat extraction ({@code HDBSCANHierarchyExtraction}, excess of mass). ELKI's minPts
   * counts the point itself, as ours.
   *
   * @param rel the data
   * @param minPts the core-distance neighbour
   * @param minClusterSize the smallest cluster
   * @return labels, noise -1
   */
  public static PeerFit hdbscan(Relation<NumberVector> rel, int minPts, int minClusterSize) {
    HDBSCANLinearMemory<NumberVector> tree =
        new HDBSCANLinearMemory<>(EuclideanDistance.STATIC, minPts);
    Clustering<DendrogramModel> c =
        new HDBSCANHierarchyExtraction(tree, minClusterSize, false).run(tree.run(rel));
    return new PeerFit(labelsOf(c, rel), null, -1);
  }

  /**
   * Agglomerative clustering, cut into {@code cut} segments.
   *
   * @param rel the data
   * @param kind algorithm
   * @param ward Ward linkage (else single)
   * @param cut number of segments of the cut
   * @return labels of the cut
   */
  public static PeerFit hierarchical(
      Relation<NumberVector> rel, HierarchicalKind kind, boolean ward, int cut) {
    Linkage linkage = ward ? WardLinkage.STATIC : SingleLinkage.STATIC;
    HierarchicalClusteringAlgorithm algorithm;
    ClusterMergeHistory merges;
    switch (kind) {
      case ANDERBERG -> {
        Anderberg<NumberVector> a = new Anderberg<>(SquaredEuclideanDistance.STATIC, linkage);
        algorithm = a;
        merges = a.run(rel);
      }
      case NN_CHAIN -> {
        NNChain<NumberVector> a = new NNChain<>(SquaredEuclideanDistance.STATIC, linkage);
        algorithm = a;
        merges = a.run(rel);
      }
      default -> {
        SLINK<NumberVector> a = new SLINK<>(EuclideanDistance.STATIC);
        algorithm = a;
        merges = a.run(rel);
      }
    }
    Clustering<?> c = new CutDendrogramByNumberOfClusters(algorithm, cut, false).run(merges);
    return new PeerFit(labelsOf(c, rel), null, -1);
  }

  private static double[][] deepCopy(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i].clone();
    }
    return out;
  }

  private static int[] labelsOf(Clustering<?> c, Relation<NumberVector> rel) {
    int[] labels = new int[rel.size()];
    DBIDRange ids = (DBIDRange) rel.getDBIDs();
    int label = 0;
    for (Cluster<?> cluster : c.getAllClusters()) {
      int value = cluster.isNoise() ? -1 : label++;
      for (DBIDIter it = cluster.getIDs().iter(); it.valid(); it.advance()) {
        labels[ids.getOffset(it)] = value;
      }
    }
    return labels;
  }

  /** Keeps the last logged {@code *.iterations} statistic. */
  private static final class IterationCapture extends Handler {
    private volatile int last = -1;

    void reset() {
      last = -1;
    }

    int last() {
      return last;
    }

    @Override
    public void publish(LogRecord record) {
      String m = record.getMessage();
      int at = m == null ? -1 : m.indexOf(".iterations");
      if (at >= 0) {
        String digits = m.substring(at + ".iterations".length()).replaceAll("[^0-9]", "");
        if (!digits.isEmpty()) {
          last = Integer.parseInt(digits);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
