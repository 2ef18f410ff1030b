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
  private final int[] segment;
  private final int[] clusterOfRow;
  private final double[] lambdaOfRow;

  CondensedTree(
      int rows,
      int[] parent,
      double[] birth,
      int[] size,
      double[] stability,
      int[] segment,
      int[] clusterOfRow,
      double[] lambdaOfRow) {
    this.rows = rows;
    this.parent = parent;
    this.birth = birth;
    this.size = size;
    this.stability = stability;
    this.segment = segment;
    this.clusterOfRow = clusterOfRow;
    this.lambdaOfRow = lambdaOfRow;
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
