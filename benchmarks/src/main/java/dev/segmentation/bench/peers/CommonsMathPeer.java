package dev.segmentation.bench.peers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.DBSCANClusterer;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.ml.neuralnet.FeatureInitializer;
import org.apache.commons.math3.ml.neuralnet.Network;
import org.apache.commons.math3.ml.neuralnet.Neuron;
import org.apache.commons.math3.ml.neuralnet.SquareNeighbourhood;
import org.apache.commons.math3.ml.neuralnet.sofm.KohonenTrainingTask;
import org.apache.commons.math3.ml.neuralnet.sofm.KohonenUpdateAction;
import org.apache.commons.math3.ml.neuralnet.sofm.LearningFactorFunctionFactory;
import org.apache.commons.math3.ml.neuralnet.sofm.NeighbourhoodSizeFunctionFactory;
import org.apache.commons.math3.ml.neuralnet.twod.NeuronSquareMesh2D;
import org.apache.commons.math3.random.JDKRandomGenerator;

/**
 * Apache Commons Math 3.6.1 (Apache-2.0). Its K-means seeds with its own k-means++ and does not
 * accept initial centroids; it stops when no point changes cluster. Its DBSCAN is brute force
 * (O(n^2) distances) and does not count the point itself in {@code minPts}: {@link #dbscan} passes
 * ours minus one.
 */
public final class CommonsMathPeer {
  private CommonsMathPeer() {}

  /** A row that remembers its index, so labels come back without a hash lookup. */
  public static final class Row implements Clusterable {
    final int index;
    final double[] point;

    Row(int index, double[] point) {
      this.index = index;
      this.point = point;
    }

    @Override
    public double[] getPoint() {
      return point;
    }
  }

  /**
   * Wraps rows (shared, not copied) as Commons Math clusterables.
   *
   * @param rows the data
   * @return one {@link Row} per row
   */
  public static List<Row> rows(double[][] rows) {
    List<Row> out = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      out.add(new Row(i, rows[i]));
    }
    return out;
  }

  /**
   * K-means ({@code KMeansPlusPlusClusterer}: k-means++ then Lloyd).
   *
   * @param rows the data
   * @param k clusters
   * @param maxIterations iteration limit
   * @param seed seed of its random generator
   * @return labels and centroids (iterations are not reported)
   */
  public static PeerFit kmeans(List<Row> rows, int k, int maxIterations, long seed) {
    JDKRandomGenerator rng = new JDKRandomGenerator();
    rng.setSeed(seed);
    List<CentroidCluster<Row>> clusters =
        new KMeansPlusPlusClusterer<Row>(k, maxIterations, new EuclideanDistance(), rng)
            .cluster(rows);
    int d = rows.get(0).point.length;
    int[] labels = new int[rows.size()];
    double[] centroids = new double[clusters.size() * d];
    for (int c = 0; c < clusters.size(); c++) {
      System.arraycopy(clusters.get(c).getCenter().getPoint(), 0, centroids, c * d, d);
      for (Row r : clusters.get(c).getPoints()) {
        labels[r.index] = c;
      }
    }
    return new PeerFit(labels, centroids, -1);
  }

  /**
   * DBSCAN (brute-force neighbour search).
   *
   * @param rows the data
   * @param eps radius
   * @param minPoints core threshold counting the point itself (our convention)
   * @return labels with noise {@code -1}
   */
  public static PeerFit dbscan(List<Row> rows, double eps, int minPoints) {
    List<Cluster<Row>> clusters = new DBSCANClusterer<Row>(eps, minPoints - 1).cluster(rows);
    int[] labels = new int[rows.size()];
    java.util.Arrays.fill(labels, -1);
    for (int c = 0; c < clusters.size(); c++) {
      for (Row r : clusters.get(c).getPoints()) {
        labels[r.index] = c;
      }
    }
    return new PeerFit(labels, null, -1);
  }

  /**
   * A Commons Math SOM ({@code NeuronSquareMesh2D}, Moore neighbourhood) whose units start at the
   * given vectors, learning rate and neighbourhood decaying exponentially over {@code steps}
   * updates.
   *
   * @param units row-major {@code side*side x d} initial units
   * @param side grid side
   * @param d dimension
   * @param steps total number of updates planned
   * @return the network and its update rule
   */
  public static Som som(double[] units, int side, int d, long steps) {
    FeatureInitializer[] init = new FeatureInitializer[d];
    for (int j = 0; j < d; j++) {
      int column = j;
      // The mesh asks each column's initializer for one value per neuron, neurons in row order.
      init[j] =
          new FeatureInitializer() {
            int unit;

            @Override
            public double value() {
              return units[unit++ * d + column];
            }
          };
    }
    NeuronSquareMesh2D mesh =
        new NeuronSquareMesh2D(side, false, side, false, SquareNeighbourhood.MOORE, init);
    KohonenUpdateAction action =
        new KohonenUpdateAction(
            new EuclideanDistance(),
            LearningFactorFunctionFactory.exponentialDecay(0.5, 0.01, steps),
            NeighbourhoodSizeFunctionFactory.exponentialDecay(side / 2.0, 1, steps));
    return new Som(mesh.getNetwork(), action);
  }

  /**
   * A Commons Math map and its update rule.
   *
   * @param network the neurons
   * @param action the Kohonen update
   */
  public record Som(Network network, KohonenUpdateAction action) {
    /**
     * One online epoch: every row once, in a seeded random order.
     *
     * @param rows the data
     * @param seed order seed
     */
    public void epoch(double[][] rows, long seed) {
      List<double[]> order = new ArrayList<>(List.of(rows));
      Collections.shuffle(order, new Random(seed));
      Iterator<double[]> it = order.iterator();
      new KohonenTrainingTask(network, it, action).run();
    }

    /**
     * The units, row-major, in the order the neurons were created (their identifiers).
     *
     * @return {@code units x d} features
     */
    public double[] units() {
      List<Neuron> neurons =
          List.copyOf(network.getNeurons(Comparator.comparingLong(Neuron::getIdentifier)));
      int d = network.getFeaturesSize();
      double[] out = new double[neurons.size() * d];
      for (int u = 0; u < neurons.size(); u++) {
        System.arraycopy(neurons.get(u).getFeatures(), 0, out, u * d, d);
      }
      return out;
    }
  }
}
