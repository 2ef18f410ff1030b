package dev.segmentation.hdbscan;

import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.Provenance;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.data.Rows;
import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.index.NeighborIndex;
import dev.segmentation.core.preprocess.FittedScaling;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fitted HDBSCAN* segmentation: the training rows (preprocessed) with their core distances, the
 * condensed tree and the selected segments, and per training row its membership probability and
 * GLOSH outlier score.
 *
 * <p><b>Assigning new customers</b> follows the {@code hdbscan} package's approximate prediction
 * (McInnes, Healy and Astels 2017): the new row's core distance is the distance to its {@code
 * minSamples}-th nearest training row; among its {@code 2 minSamples} nearest training rows it
 * joins the one nearest in mutual reachability {@code m} (ties: nearer in plain distance, then the
 * lower row), at density {@code lambda = 1 / m}. If that is at least as dense as where the
 * neighbour falls out of the tree, it takes the neighbour's place; otherwise it climbs to the
 * neighbour's nearest ancestor cluster already born at {@code lambda}. Its segment is the selected
 * cluster at or above that, or noise when there is none (a row far from every segment climbs to the
 * root). On a training row this is exact: its nearest in mutual reachability is itself (distance 0,
 * core distance its own), so it gets its fitted segment and probability. (Exact duplicates take the
 * lowest of their rows; they can differ only when a split of equal weight separates them.)
 *
 * <p>Complexity of {@link #assign}: one {@code 2 minSamples}-nearest-neighbour query over the
 * training rows, O(minSamples log n) on low-dimensional data, plus a climb of the condensed tree.
 * Immutable and thread-safe; the index over the training rows is built once at construction.
 */
public final class HdbscanModel implements SegmentModel {
  private final Provenance provenance;
  private final List<String> columns;
  private final FittedScaling scaling;
  private final Distance distance;
  private final int minSamples;
  private final int minClusterSize;
  private final int n;
  private final double[] points;
  private final double[] core;
  private final CondensedTree tree;
  private final double[] linkage;
  private final int[] labels;
  private final double[] probabilities;
  private final double[] outlierScores;
  private final NeighborIndex index;

  HdbscanModel(
      List<String> columns,
      FittedScaling scaling,
      Distance distance,
      int minSamples,
      int minClusterSize,
      double[] points,
      NeighborIndex index,
      HdbscanEngine.Result r) {
    this(
        null,
        index,
        columns,
        scaling,
        distance,
        minSamples,
        minClusterSize,
        points,
        r.coreDistances,
        r.condensed,
        r.linkage);
  }

  private HdbscanModel(
      Provenance provenance,
      NeighborIndex index,
      List<String> columns,
      FittedScaling scaling,
      Distance distance,
      int minSamples,
      int minClusterSize,
      double[] points,
      double[] core,
      CondensedTree tree,
      double[] linkage) {
    this.provenance = provenance;
    this.columns = List.copyOf(columns);
    this.scaling = scaling;
    this.distance = distance;
    this.minSamples = minSamples;
    this.minClusterSize = minClusterSize;
    this.n = core.length;
    this.points = points;
    this.core = core;
    this.tree = tree;
    this.linkage = linkage;
    this.labels = tree.labels();
    this.probabilities = tree.probabilities();
    this.outlierScores = tree.outlierScores();
    this.index = index != null ? index : NeighborIndex.build(points, n, columns.size(), distance);
  }

  /**
   * Rebuilds a model from its parts, as saved by a model file. Prefer fitting.
   *
   * @param columns the column names
   * @param scaling the fitted preprocessing, on the same columns
   * @param distance the distance
   * @param minSamples the core-distance neighbour, the row counted, {@code >= 1}
   * @param minClusterSize the smallest cluster, {@code >= 2}
   * @param points the training rows in the preprocessed space, n rows
   * @param coreDistances their core distances, finite and {@code >= 0}
   * @param clusterParents the parent of every condensed cluster (-1 for cluster 0, the root; every
   *     other below its own id)
   * @param clusterBirths the birth lambda of every cluster, finite and {@code >= 0}
   * @param clusterSizes the rows of every cluster at its birth
   * @param clusterStability the stability of every cluster
   * @param selectedClusters the ids of the clusters selected as segments, none nested in another
   * @param clusterOfRow the cluster every training row falls out of
   * @param lambdaOfRow the lambda at which it falls out, finite and {@code >= 0}
   * @param linkage the single-linkage tree, n - 1 rows of 4 (scipy's layout)
   * @return the model
   * @throws InvalidDataException if the shapes disagree or a value is out of range; the message
   *     names the part
   */
  public static HdbscanModel restore(
      List<String> columns,
      FittedScaling scaling,
      Distance distance,
      int minSamples,
      int minClusterSize,
      double[][] points,
      double[] coreDistances,
      int[] clusterParents,
      double[] clusterBirths,
      int[] clusterSizes,
      double[] clusterStability,
      int[] selectedClusters,
      int[] clusterOfRow,
      double[] lambdaOfRow,
      double[][] linkage) {
    Rows.requireSameColumns(scaling, columns);
    int rows = points.length;
    int k = clusterParents.length;
    if (rows < 1
        || minSamples < 1
        || minClusterSize < 2
        || coreDistances.length != rows
        || clusterOfRow.length != rows
        || lambdaOfRow.length != rows
        || k < 1
        || clusterBirths.length != k
        || clusterSizes.length != k
        || clusterStability.length != k
        || linkage.length != rows - 1) {
      throw new InvalidDataException(
          "an HDBSCAN* model needs at least one point, one core distance, cluster and lambda per"
              + " point, one birth, size and stability per cluster, n - 1 linkage rows,"
              + " minSamples >= 1 and minClusterSize >= 2");
    }
    if (clusterParents[0] != -1) {
      throw new InvalidDataException("cluster 0 must be the root, with parent -1");
    }
    for (int c = 1; c < k; c++) {
      if (clusterParents[c] < 0 || clusterParents[c] >= c) {
        throw new InvalidDataException(
            "cluster "
                + c
                + " has parent "
                + clusterParents[c]
                + "; expected one in [0, "
                + c
                + ")");
      }
    }
    requireLambdas(coreDistances, "core distance");
    requireLambdas(clusterBirths, "cluster birth");
    requireLambdas(lambdaOfRow, "row lambda");
    Rows.requireLabels(clusterOfRow, 0, k, "cluster of row");
    Rows.requireLabels(selectedClusters, 0, k, "selected cluster");
    boolean[] selected = new boolean[k];
    for (int c : selectedClusters) {
      selected[c] = true;
    }
    for (int c = 1; c < k; c++) {
      for (int a = clusterParents[c]; a >= 0; a = clusterParents[a]) {
        if (selected[c] && selected[a]) {
          throw new InvalidDataException(
              "selected cluster " + c + " lies under selected cluster " + a);
        }
      }
    }
    double[] flatLinkage = Rows.flatten(linkage, 4, "linkage row");
    CondensedTree tree =
        new CondensedTree(
            rows,
            clusterParents.clone(),
            clusterBirths.clone(),
            clusterSizes.clone(),
            clusterStability.clone(),
            selected,
            clusterOfRow.clone(),
            lambdaOfRow.clone());
    return new HdbscanModel(
        null,
        null,
        columns,
        scaling,
        distance,
        minSamples,
        minClusterSize,
        Rows.flatten(points, columns.size(), "point"),
        coreDistances.clone(),
        tree,
        flatLinkage);
  }

  private static void requireLambdas(double[] values, String what) {
    for (int i = 0; i < values.length; i++) {
      if (!(values[i] >= 0) || !Double.isFinite(values[i])) {
        throw new InvalidDataException(what + " " + i + " is " + values[i] + "; expected >= 0");
      }
    }
  }

  @Override
  public int numSegments() {
    return tree.segments();
  }

  @Override
  public List<String> columnNames() {
    return columns;
  }

  /**
   * Returns the segment of a customer by the approximate prediction of the class description, or
   * {@link SegmentationResult#NOISE}.
   *
   * @param row the customer's values in original units
   * @return a segment label, or -1 for noise
   * @throws DimensionMismatchException if {@code row.length} differs from the number of columns
   * @throws InvalidDataException if a value is not finite or outside the preprocessing's domain, or
   *     (cosine) the preprocessed row is all zeros
   */
  @Override
  public int assign(double[] row) {
    return explain(row).segment();
  }

  /**
   * Assigns a customer and says why: the training row nearest in mutual reachability, its segment,
   * the reachability and the membership probability. See the class description.
   *
   * @param row the customer's values in original units
   * @return the membership; its segment is what {@link #assign} returns
   * @throws DimensionMismatchException if {@code row.length} differs from the number of columns
   * @throws InvalidDataException as {@link #assign}
   */
  public HdbscanMembership explain(double[] row) {
    double[] z = scaling.transform(row);
    int k = Math.min(2 * minSamples, n);
    int[] rows = new int[k];
    double[] dist = new double[k];
    try {
      index.searcher().knn(z, 0, k, rows, dist);
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException(e.getMessage(), e);
    }
    double own = dist[Math.min(minSamples, n) - 1];
    int best = 0;
    double bestReach = Double.POSITIVE_INFINITY;
    for (int t = 0; t < k; t++) {
      double reach = Math.max(Math.max(own, core[rows[t]]), dist[t]);
      // neighbours come nearer first, ties by row, so the first of equal reach wins
      if (reach < bestReach) {
        bestReach = reach;
        best = t;
      }
    }
    int nearest = rows[best];
    double lambda = bestReach > 0 ? 1 / bestReach : Double.POSITIVE_INFINITY;
    int cluster = tree.clusterOfRow(nearest);
    if (tree.lambdaOfRow(nearest) <= lambda) {
      lambda = tree.lambdaOfRow(nearest);
    } else {
      cluster = tree.clusterAt(cluster, lambda);
    }
    int segment = tree.segmentAbove(cluster);
    return new HdbscanMembership(
        segment, tree.probability(cluster, lambda), nearest, labels[nearest], bestReach);
  }

  /**
   * Returns the fitted segment of every training row (what the fit returned as labels).
   *
   * @return a copy, -1 for noise
   */
  public int[] trainingLabels() {
    return labels.clone();
  }

  /**
   * Returns the membership probability of every training row: its lambda over the largest lambda in
   * its segment (scikit-learn's {@code probabilities_}), 0 for noise.
   *
   * @return a copy, values in {@code [0, 1]}
   */
  public double[] probabilities() {
    return probabilities.clone();
  }

  /**
   * Returns the GLOSH outlier score of every training row (Campello et al. 2015, section 5): {@code
   * 1 - lambda_row / lambda_max} over the subtree of the cluster the row falls out of; 0 for the
   * densest rows, towards 1 for customers who defy the segmentation.
   *
   * @return a copy, values in {@code [0, 1]}
   */
  public double[] outlierScores() {
    return outlierScores.clone();
  }

  /**
   * Returns the persistence of every segment: the stability (excess of mass) of its cluster.
   *
   * @return a copy, one value per segment
   */
  public double[] persistence() {
    return tree.persistence();
  }

  /**
   * Returns the core distance of every training row, in preprocessed units.
   *
   * @return a copy
   */
  public double[] coreDistances() {
    return core.clone();
  }

  /**
   * Returns the condensed tree (exportable with {@link CondensedTree#toJson()}).
   *
   * @return the immutable tree
   */
  public CondensedTree condensedTree() {
    return tree;
  }

  /**
   * Returns the single-linkage tree of mutual reachability as scipy's linkage matrix: row {@code t}
   * merges clusters {@code Z[t][0] < Z[t][1]} (ids below n are rows, {@code n + s} the cluster made
   * by row s) at height {@code Z[t][2]} into {@code Z[t][3]} rows, heights non-decreasing.
   *
   * @return a new {@code (n - 1) x 4} array
   */
  public double[][] singleLinkage() {
    double[][] out = new double[n - 1][];
    for (int t = 0; t < out.length; t++) {
      out[t] = Arrays.copyOfRange(linkage, 4 * t, 4 * t + 4);
    }
    return out;
  }

  /**
   * Returns the training rows in the preprocessed space, one array per row.
   *
   * @return a new {@code n x d} array
   */
  public double[][] scaledPoints() {
    int d = columns.size();
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = Arrays.copyOfRange(points, i * d, i * d + d);
    }
    return out;
  }

  /**
   * Returns the number of training rows.
   *
   * @return n
   */
  public int trainingRows() {
    return n;
  }

  /**
   * Returns the core-distance neighbour count, the row counted.
   *
   * @return minSamples
   */
  public int minSamples() {
    return minSamples;
  }

  /**
   * Returns the smallest cluster size the tree was condensed at.
   *
   * @return minClusterSize
   */
  public int minClusterSize() {
    return minClusterSize;
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

  /**
   * Returns this model with a provenance record (what {@code ModelFiles} does when it loads one).
   *
   * @param value how the model was made
   * @return a model that assigns exactly as this one and carries {@code value}
   */
  public HdbscanModel withProvenance(Provenance value) {
    return new HdbscanModel(
        Objects.requireNonNull(value, "value"),
        index,
        columns,
        scaling,
        distance,
        minSamples,
        minClusterSize,
        points,
        core,
        tree,
        linkage);
  }

  @Override
  public Optional<Provenance> provenance() {
    return Optional.ofNullable(provenance);
  }

  @Override
  public String toString() {
    return "HdbscanModel[segments="
        + tree.segments()
        + ", rows="
        + n
        + ", minClusterSize="
        + minClusterSize
        + ", minSamples="
        + minSamples
        + ", "
        + distance
        + ", columns="
        + columns
        + "]";
  }
}
