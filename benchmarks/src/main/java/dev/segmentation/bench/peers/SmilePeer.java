package dev.segmentation.bench.peers;

import smile.clustering.DBSCAN;
import smile.clustering.HierarchicalClustering;
import smile.clustering.KMeans;
import smile.clustering.PartitionClustering;
import smile.clustering.linkage.SingleLinkage;
import smile.clustering.linkage.WardLinkage;
import smile.math.MathEx;
import smile.math.TimeFunction;
import smile.vq.Neighborhood;
import smile.vq.SOM;

/**
 * Smile 3.1.1 (GPL-3, benchmark-only; the newest Smile whose class files run on Java 17). Smile's
 * K-means does not accept initial centroids: it always seeds with its own k-means++ (seeded through
 * {@link MathEx#setSeed}). Smile does not count the point itself in {@code minPts}: {@link #dbscan}
 * passes ours minus one so both mean the same.
 */
public final class SmilePeer {
  private SmilePeer() {}

  /**
   * Plain Lloyd ({@code KMeans.lloyd}) from Smile's k-means++, tolerance 0 (stops when the
   * distortion no longer decreases).
   *
   * @param rows the data
   * @param k clusters
   * @param maxIterations iteration limit
   * @param seed seed of Smile's global random generator
   * @return labels and centroids (Smile does not report iterations)
   */
  public static PeerFit lloyd(double[][] rows, int k, int maxIterations, long seed) {
    MathEx.setSeed(seed);
    return kmeansFit(KMeans.lloyd(rows, k, maxIterations, 0), rows[0].length);
  }

  /**
   * Smile's default K-means ({@code KMeans.fit}: Lloyd over a BBD tree) from its k-means++.
   *
   * @param rows the data
   * @param k clusters
   * @param maxIterations iteration limit
   * @param seed seed of Smile's global random generator
   * @return labels and centroids
   */
  public static PeerFit bbdTree(double[][] rows, int k, int maxIterations, long seed) {
    MathEx.setSeed(seed);
    return kmeansFit(KMeans.fit(rows, k, maxIterations, 0), rows[0].length);
  }

  private static PeerFit kmeansFit(KMeans m, int d) {
    double[] c = new double[m.k * d];
    for (int i = 0; i < m.k; i++) {
      System.arraycopy(m.centroids[i], 0, c, i * d, d);
    }
    return new PeerFit(m.y.clone(), c, -1);
  }

  /**
   * DBSCAN over Smile's k-d tree (what {@code DBSCAN.fit(double[][], ...)} builds).
   *
   * @param rows the data
   * @param eps radius
   * @param minPoints core threshold counting the point itself (our convention)
   * @return labels with noise {@code -1}
   */
  public static PeerFit dbscan(double[][] rows, double eps, int minPoints) {
    DBSCAN<double[]> m = DBSCAN.fit(rows, minPoints - 1, eps);
    int[] labels = new int[rows.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = m.y[i] == PartitionClustering.OUTLIER ? -1 : m.y[i];
    }
    return new PeerFit(labels, null, -1);
  }

  /**
   * Agglomerative clustering (Smile keeps the full proximity matrix as floats), cut into {@code
   * cut} segments.
   *
   * @param rows the data
   * @param ward Ward linkage (else single)
   * @param cut segments of the cut
   * @return labels of the cut
   */
  public static PeerFit hierarchical(double[][] rows, boolean ward, int cut) {
    HierarchicalClustering h =
        HierarchicalClustering.fit(ward ? WardLinkage.of(rows) : SingleLinkage.of(rows));
    return new PeerFit(h.partition(cut), null, -1);
  }

  /**
   * A Smile SOM whose units start at the given vectors (Smile's own {@code SOM.lattice} places them
   * with MDS, which would time something else), Gaussian neighbourhood and learning rate decaying
   * over {@code steps} updates.
   *
   * @param units row-major {@code side*side x d} initial units
   * @param side grid side
   * @param d dimension
   * @param steps total number of updates planned (epochs times rows)
   * @return the map, ready for {@link #epoch}
   */
  public static SOM som(double[] units, int side, int d, long steps) {
    double[][][] lattice = new double[side][side][];
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        int u = i * side + j;
        lattice[i][j] = java.util.Arrays.copyOfRange(units, u * d, u * d + d);
      }
    }
    return new SOM(
        lattice,
        TimeFunction.inverse(0.5, steps / 4.0),
        Neighborhood.Gaussian(side / 2.0, steps / 4.0));
  }

  /**
   * The map's units, row-major in grid order ({@code i * side + j}), as {@link #som} takes them.
   *
   * @param som the map
   * @param side grid side
   * @param d dimension
   * @return {@code side*side x d} units
   */
  public static double[] units(SOM som, int side, int d) {
    double[][][] neurons = som.neurons();
    double[] out = new double[side * side * d];
    for (int u = 0; u < side * side; u++) {
      System.arraycopy(neurons[u / side][u % side], 0, out, u * d, d);
    }
    return out;
  }

  /**
   * One online epoch: every row once, in a seeded random order (Smile's SOM is online only).
   *
   * @param som the map
   * @param rows the data
   * @param seed order seed
   */
  public static void epoch(SOM som, double[][] rows, long seed) {
    MathEx.setSeed(seed);
    for (int i : MathEx.permutate(rows.length)) {
      som.update(rows[i]);
    }
  }
}
