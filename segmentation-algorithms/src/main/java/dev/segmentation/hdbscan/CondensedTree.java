package dev.segmentation.hdbscan;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The condensed cluster tree of an HDBSCAN* fit (Campello et al. 2015, section 2.3): clusters of at
 * least {@code minClusterSize} rows, each born when it splits off its parent at a density {@code
 * lambda = 1 / distance}, and the rows that fall out of each cluster, each at the lambda where it
 * leaves. Cluster 0 is the root (born at lambda 0); children have higher ids than their parents.
 *
 * <p>The layout of {@link #toJson()} follows the {@code hdbscan} package's {@code condensed_tree_}:
 * entries {@code parent, child, lambda, child_size}, where a child below {@code rows} is a row and
 * {@code rows + c} is cluster {@code c}. Rows at distance 0 from each other part at an infinite
 * lambda; here it is capped at the largest finite lambda of the tree, so that every number is
 * finite and JSON can hold it. Immutable.
 */
public final class CondensedTree {
  private final int rows;
  private final int[] parent;
  private final double[] birth;
  private final int[] size;
  private final double[] stability;
  private final boolean[] selected;
  private final int[] clusterOfRow;
  private final double[] lambdaOfRow;
  // derived: the segment of each selected cluster, and per cluster the segment and lambda scale of
  // the selected cluster at or above it, and the largest lambda in its subtree
  private final int[] segment;
  private final int[] segmentAbove;
  private final double[] topLambda;
  private final double[] subtreeMax;
  private final int segments;

  /**
   * Builds the tree from its parts and derives the segments. Clusters must come after their
   * parents, rows' lambdas must be finite.
   */
  CondensedTree(
      int rows,
      int[] parent,
      double[] birth,
      int[] size,
      double[] stability,
      boolean[] selected,
      int[] clusterOfRow,
      double[] lambdaOfRow) {
    this.rows = rows;
    this.parent = parent;
    this.birth = birth;
    this.size = size;
    this.stability = stability;
    this.selected = selected;
    this.clusterOfRow = clusterOfRow;
    this.lambdaOfRow = lambdaOfRow;
    int k = parent.length;
    int[] selectedAbove = new int[k];
    for (int c = 0; c < k; c++) {
      // parents come first, so theirs is known
      selectedAbove[c] = selected[c] ? c : c == 0 ? -1 : selectedAbove[parent[c]];
    }
    // segments are numbered by their lowest row
    this.segment = new int[k];
    java.util.Arrays.fill(segment, -1);
    int next = 0;
    for (int r = 0; r < rows; r++) {
      int s = selectedAbove[clusterOfRow[r]];
      if (s >= 0 && segment[s] < 0) {
        segment[s] = next++;
      }
    }
    this.segments = next;
    // as scikit-learn: the largest lambda among a selected cluster's direct children
    double[] direct = new double[k];
    this.subtreeMax = new double[k];
    for (int r = 0; r < rows; r++) {
      int c = clusterOfRow[r];
      direct[c] = Math.max(direct[c], lambdaOfRow[r]);
    }
    System.arraycopy(direct, 0, subtreeMax, 0, k);
    for (int c = 1; c < k; c++) {
      direct[parent[c]] = Math.max(direct[parent[c]], birth[c]);
    }
    for (int c = k - 1; c >= 1; c--) {
      subtreeMax[parent[c]] = Math.max(subtreeMax[parent[c]], subtreeMax[c]);
    }
    this.segmentAbove = new int[k];
    this.topLambda = new double[k];
    for (int c = 0; c < k; c++) {
      int s = selectedAbove[c];
      segmentAbove[c] = s < 0 ? -1 : segment[s];
      topLambda[c] = s < 0 ? 0 : direct[s];
    }
  }

  /**
   * Returns the number of segments: selected clusters.
   *
   * @return {@code >= 0}
   */
  public int segments() {
    return segments;
  }

  /** The label of every row: the segment at or above the cluster it falls out of, or -1. */
  int[] labels() {
    int[] out = new int[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = segmentAbove[clusterOfRow[r]];
    }
    return out;
  }

  /** The membership probability of every row, 0 for noise. */
  double[] probabilities() {
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = probability(clusterOfRow[r], lambdaOfRow[r]);
    }
    return out;
  }

  /** The GLOSH score of every row. */
  double[] outlierScores() {
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      double top = subtreeMax[clusterOfRow[r]];
      out[r] = top > 0 ? 1 - lambdaOfRow[r] / top : 0;
    }
    return out;
  }

  /** The stability of each segment's cluster, by segment. */
  double[] persistence() {
    double[] out = new double[segments];
    for (int c = 0; c < parent.length; c++) {
      if (segment[c] >= 0) {
        out[segment[c]] = stability[c];
      }
    }
    return out;
  }

  /** The segment of the selected cluster at or above {@code cluster}, or -1. */
  int segmentAbove(int cluster) {
    return segmentAbove[cluster];
  }

  /** The membership probability of a row at {@code lambda} in {@code cluster}, 0 if in none. */
  double probability(int cluster, double lambda) {
    if (segmentAbove[cluster] < 0) {
      return 0;
    }
    double top = topLambda[cluster];
    return top > 0 ? Math.min(lambda, top) / top : 1;
  }

  /**
   * The cluster a point at density {@code lambda} next to a row of {@code cluster} belongs to: the
   * cluster itself or the nearest ancestor already born at that lambda.
   */
  int clusterAt(int cluster, double lambda) {
    int c = cluster;
    while (c > 0 && birth[c] > lambda) {
      c = parent[c];
    }
    return c;
  }

  /**
   * Returns whether a cluster was selected as a segment.
   *
   * @param cluster in {@code [0, clusters())}
   * @return true if it is one of the segments
   */
  public boolean selected(int cluster) {
    return selected[cluster];
  }

  /**
   * Returns the number of rows the tree was built over.
   *
   * @return n
   */
  public int rows() {
    return rows;
  }

  /**
   * Returns the number of clusters, the root included.
   *
   * @return at least 1
   */
  public int clusters() {
    return parent.length;
  }

  /**
   * Returns the parent of a cluster.
   *
   * @param cluster in {@code [0, clusters())}
   * @return the parent's id, -1 for the root
   */
  public int parent(int cluster) {
    return parent[cluster];
  }

  /**
   * Returns the lambda (1 / mutual-reachability distance) at which a cluster split off its parent.
   *
   * @param cluster in {@code [0, clusters())}
   * @return 0 for the root
   */
  public double birthLambda(int cluster) {
    return birth[cluster];
  }

  /**
   * Returns how many rows a cluster holds at its birth.
   *
   * @param cluster in {@code [0, clusters())}
   * @return at least {@code minClusterSize} (n for the root)
   */
  public int size(int cluster) {
    return size[cluster];
  }

  /**
   * Returns a cluster's stability (excess of mass, Campello et al. 2015, eq. 3): the sum over its
   * rows of the lambda at which each leaves it minus its birth lambda.
   *
   * @param cluster in {@code [0, clusters())}
   * @return {@code >= 0}
   */
  public double stability(int cluster) {
    return stability[cluster];
  }

  /**
   * Returns the segment a selected cluster became, or -1 for a cluster that was not selected.
   *
   * @param cluster in {@code [0, clusters())}
   * @return a segment label or -1
   */
  public int segment(int cluster) {
    return segment[cluster];
  }

  /**
   * Returns the cluster a row falls out of (the deepest cluster it belongs to).
   *
   * @param row in {@code [0, rows())}
   * @return a cluster id
   */
  public int clusterOfRow(int row) {
    return clusterOfRow[row];
  }

  /**
   * Returns the lambda at which a row falls out of {@link #clusterOfRow(int)}.
   *
   * @param row in {@code [0, rows())}
   * @return a finite lambda {@code >= 0}
   */
  public double lambdaOfRow(int row) {
    return lambdaOfRow[row];
  }

  /**
   * Writes the tree as JSON: {@code {"rows": n, "clusters": [{"id", "parent", "birth_lambda",
   * "size", "stability", "segment"}], "tree": [{"parent", "child", "lambda", "child_size"}]}}, the
   * tree entries in the {@code hdbscan} package's convention (child ids of clusters offset by n),
   * in the order of children: clusters first, then rows by row index. O(n) time and text.
   *
   * @return the JSON text
   */
  public String toJson() {
    List<Map<String, Object>> clusters = new ArrayList<>();
    List<Map<String, Object>> tree = new ArrayList<>();
    for (int c = 0; c < parent.length; c++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", rows + c);
      m.put("parent", parent[c] < 0 ? -1 : rows + parent[c]);
      m.put("birth_lambda", birth[c]);
      m.put("size", size[c]);
      m.put("stability", stability[c]);
      m.put("segment", segment[c]);
      clusters.add(m);
      if (c > 0) {
        tree.add(entry(rows + parent[c], rows + c, birth[c], size[c]));
      }
    }
    for (int r = 0; r < rows; r++) {
      tree.add(entry(rows + clusterOfRow[r], r, lambdaOfRow[r], 1));
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("rows", rows);
    root.put("clusters", clusters);
    root.put("tree", tree);
    try {
      return JSON.std.asString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> entry(int parent, int child, double lambda, int size) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("parent", parent);
    m.put("child", child);
    m.put("lambda", lambda);
    m.put("child_size", size);
    return m;
  }

  @Override
  public String toString() {
    return "CondensedTree[rows=" + rows + ", clusters=" + parent.length + "]";
  }
}
