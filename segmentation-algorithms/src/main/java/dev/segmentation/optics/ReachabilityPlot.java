package dev.segmentation.optics;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.distance.Distance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The result of OPTICS: the rows in reachability order, with each row's reachability distance (the
 * density at which it joins the rows before it) and core distance. Valleys of the plot of
 * reachability against order are clusters; the deeper the valley, the denser the cluster. Extract
 * flat segments with {@link #dbscanCut(double)} (DBSCAN at any radius up to {@code maxEps}, without
 * refitting) or {@link #xi(double, int, boolean)} (the xi-steep method, clusters of varying
 * density).
 *
 * <p>Undefined values are {@link Double#POSITIVE_INFINITY}: the reachability of the first row of
 * every connected group, and the core distance of a row with fewer than {@code minPoints} rows
 * within {@code maxEps}. Immutable; accessors copy.
 */
public final class ReachabilityPlot {
  private final int[] ordering;
  private final double[] reachRank;
  private final double[] coreRank;
  private final double[] reachability;
  private final double[] core;
  private final int[] predecessor;
  private final int minPoints;
  private final double maxEps;
  private final Distance distance;

  /** The ordering with reachability and core distances in rank form ({@link Distance#rank}). */
  ReachabilityPlot(
      int[] ordering,
      double[] reachRank,
      double[] coreRank,
      int[] predecessor,
      int minPoints,
      double maxEps,
      Distance distance) {
    this.ordering = ordering;
    this.reachRank = reachRank;
    this.coreRank = coreRank;
    this.predecessor = predecessor;
    this.minPoints = minPoints;
    this.maxEps = maxEps;
    this.distance = distance;
    this.reachability = new double[reachRank.length];
    this.core = new double[coreRank.length];
    for (int i = 0; i < reachRank.length; i++) {
      reachability[i] = distance.fromRank(reachRank[i]);
      core[i] = distance.fromRank(coreRank[i]);
    }
  }

  /**
   * Returns the rows that are core points at radius {@code eps}: at least {@code minPoints} rows,
   * themselves counted, within {@code eps} (DBSCAN's test, in the same arithmetic).
   *
   * @param eps a radius
   * @return one flag per row
   */
  public boolean[] coreAt(double eps) {
    double r = distance.toRank(eps);
    boolean[] out = new boolean[coreRank.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = coreRank[i] <= r;
    }
    return out;
  }

  /**
   * Returns the smallest number of rows a core point's neighbourhood holds, itself counted.
   *
   * @return minPoints
   */
  public int minPoints() {
    return minPoints;
  }

  /**
   * Returns the largest radius the ordering looked at.
   *
   * @return maxEps, possibly infinite
   */
  public double maxEps() {
    return maxEps;
  }

  /**
   * Returns the number of rows.
   *
   * @return n
   */
  public int size() {
    return ordering.length;
  }

  /**
   * Returns the rows in reachability order: position {@code i} of the plot shows row {@code
   * ordering()[i]}.
   *
   * @return a copy, a permutation of {@code 0 .. n-1}
   */
  public int[] ordering() {
    return ordering.clone();
  }

  /**
   * Returns the reachability distance of every row, by row: {@code max(core(p), d(p, row))} for the
   * row {@code p} it was reached from, infinite where undefined.
   *
   * @return a copy
   */
  public double[] reachability() {
    return reachability.clone();
  }

  /**
   * Returns the core distance of every row, by row: the distance to its {@code minPoints}-th
   * nearest row, itself counted, infinite when that exceeds {@code maxEps}.
   *
   * @return a copy
   */
  public double[] coreDistances() {
    return core.clone();
  }

  /**
   * Returns the row each row was reached from, by row, -1 for the first of a group.
   *
   * @return a copy
   */
  public int[] predecessors() {
    return predecessor.clone();
  }

  /**
   * Returns the reachability in plot order, what the reachability plot draws.
   *
   * @return {@code reachability()[ordering()[i]]} for every position i
   */
  public double[] plot() {
    double[] out = new double[ordering.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = reachability[ordering[i]];
    }
    return out;
  }

  /**
   * The DBSCAN clustering at radius {@code eps} read off the plot (Ankerst et al. 1999, section
   * 4.1, "ExtractDBSCAN-Clustering"): walking the order, a row whose reachability exceeds {@code
   * eps} starts a new segment if it is a core point at {@code eps} and is noise otherwise; any
   * other row joins the current segment. On core points this is exactly DBSCAN with {@code
   * minPoints} and {@code eps}; a border point within reach of a core point that comes later in the
   * order is noise here. Segments are numbered by their lowest core row, as DBSCAN numbers them.
   * O(n).
   *
   * @param eps the radius, {@code > 0} and at most {@code maxEps}
   * @return one label per row, -1 for noise
   * @throws InvalidOptionException if {@code eps} is not positive or exceeds {@code maxEps}
   */
  public int[] dbscanCut(double eps) {
    if (!(eps > 0) || eps > maxEps) {
      throw new InvalidOptionException(
          "eps",
          eps,
          "must be > 0 and at most maxEps = " + maxEps + " (OPTICS knows nothing beyond it)");
    }
    int n = ordering.length;
    int[] labels = new int[n];
    int current = -1;
    int made = 0;
    // in rank form, as DBSCAN compares, so that boundary rows fall the same way
    double r = distance.toRank(eps);
    for (int i = 0; i < n; i++) {
      int row = ordering[i];
      if (reachRank[row] > r) {
        if (coreRank[row] <= r) {
          current = made++;
          labels[row] = current;
        } else {
          labels[row] = SegmentationResult.NOISE;
        }
      } else {
        labels[row] = current;
      }
    }
    // as DBSCAN numbers them: by their lowest core row
    int[] renumber = renumbering(labels, made, coreAt(eps));
    for (int row = 0; row < n; row++) {
      labels[row] = labels[row] < 0 ? -1 : renumber[labels[row]];
    }
    return labels;
  }

  /**
   * The xi-steep clusters (Ankerst et al. 1999, section 4.3): a cluster starts in a steep down area
   * of the plot, where the reachability drops by at least a factor {@code 1 - xi}, and ends in a
   * steep up area, with the corrections of scikit-learn's implementation (Definition 9's steep
   * downward point, Definition 11's end criterion 4c) and, optionally, the predecessor correction
   * of Schubert and Gertz (2018, "Improving the cluster structure extracted from OPTICS plots",
   * LWDA, Algorithm 2): a cluster's last row must have been reached from a row inside it. Areas may
   * hold at most {@code minPoints} consecutive non-steep rows. Clusters nest; each row gets the
   * smallest cluster holding it, and segments are the clusters no smaller one took from, numbered
   * by their lowest row. O(n + clusters x steep areas).
   *
   * @param xi the steepness, in {@code (0, 1)}; scikit-learn's default is 0.05
   * @param minClusterSize the fewest rows in a cluster, {@code >= 2}
   * @param predecessorCorrection whether to apply the predecessor correction (scikit-learn's
   *     default is true)
   * @return the clusters and the labels
   * @throws InvalidOptionException if {@code xi} is outside {@code (0, 1)} or {@code minClusterSize
   *     < 2}
   */
  public XiClusters xi(double xi, int minClusterSize, boolean predecessorCorrection) {
    requireXi(xi, minClusterSize);
    int n = ordering.length;
    double[] r = Arrays.copyOf(plot(), n + 1);
    // an infinite end lets a cluster close at the end of the plot
    r[n] = Double.POSITIVE_INFINITY;
    int[] pred = new int[n];
    for (int i = 0; i < n; i++) {
      pred[i] = predecessor[ordering[i]];
    }
    List<int[]> clusters =
        XiSteep.clusters(r, pred, ordering, xi, minPoints, minClusterSize, predecessorCorrection);
    // each row goes to the smallest cluster holding it: clusters come smaller first
    int[] byPosition = new int[n];
    Arrays.fill(byPosition, -1);
    int made = 0;
    List<int[]> kept = new ArrayList<>();
    for (int[] c : clusters) {
      boolean free = true;
      for (int i = c[0]; i <= c[1] && free; i++) {
        free = byPosition[i] < 0;
      }
      if (free) {
        Arrays.fill(byPosition, c[0], c[1] + 1, made++);
        kept.add(c);
      }
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[ordering[i]] = byPosition[i];
    }
    int[] renumber = renumbering(labels, made, null);
    int[] start = new int[made];
    int[] end = new int[made];
    for (int t = 0; t < made; t++) {
      start[renumber[t]] = kept.get(t)[0];
      end[renumber[t]] = kept.get(t)[1];
    }
    for (int i = 0; i < n; i++) {
      labels[i] = labels[i] < 0 ? -1 : renumber[labels[i]];
    }
    int[][] all = clusters.toArray(new int[0][]);
    return new XiClusters(labels, start, end, all);
  }

  /**
   * Checks the options of {@link #xi(double, int, boolean)} without a plot, so that a caller can
   * refuse them before the ordering's work.
   *
   * @param xi the steepness
   * @param minClusterSize the fewest rows in a cluster
   * @throws InvalidOptionException if {@code xi} is outside {@code (0, 1)} or {@code minClusterSize
   *     < 2}
   */
  public static void requireXi(double xi, int minClusterSize) {
    if (!(xi > 0 && xi < 1)) {
      throw new InvalidOptionException("xi", xi, "must be in (0, 1), for example 0.05");
    }
    if (minClusterSize < 2) {
      throw new InvalidOptionException("minClusterSize", minClusterSize, "must be >= 2");
    }
  }

  /**
   * The new number of each segment, in order of its lowest row among those {@code counted} (every
   * row when null).
   */
  private static int[] renumbering(int[] labels, int made, boolean[] counted) {
    int[] renumber = new int[made];
    Arrays.fill(renumber, -1);
    int next = 0;
    for (int row = 0; row < labels.length; row++) {
      int label = labels[row];
      if (label >= 0 && (counted == null || counted[row]) && renumber[label] < 0) {
        renumber[label] = next++;
      }
    }
    return renumber;
  }

  @Override
  public String toString() {
    return "ReachabilityPlot[rows=" + ordering.length + ", minPoints=" + minPoints + "]";
  }
}
