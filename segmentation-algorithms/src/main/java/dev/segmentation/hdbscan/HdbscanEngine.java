package dev.segmentation.hdbscan;

import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.index.NeighborIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The HDBSCAN* computation (Campello, Moulavi and Sander 2013; Campello, Moulavi, Zimek and Sander
 * 2015, "Hierarchical density estimates for data clustering, visualization, and outlier detection",
 * ACM TKDD 10(1)) on preprocessed rows, the engine a public builder will wrap:
 *
 * <ol>
 *   <li>core distances: the distance to the {@code minSamples}-th nearest row, the row itself
 *       counted (as this library's DBSCAN and scikit-learn's HDBSCAN count), from the k-d tree;
 *   <li>the minimum spanning tree of the mutual-reachability graph {@code max(core(a), core(b),
 *       d(a, b))} by Prim's algorithm with distances computed on the fly: O(n^2 d) time, O(n)
 *       memory, no distance matrix (the Boruvka-over-k-d-tree speed-up is a later step);
 *   <li>the single-linkage tree of the MST edges, sorted by weight (ties by the order Prim added
 *       them);
 *   <li>the condensed tree at {@code minClusterSize}: a split with both sides at least that large
 *       makes two clusters, a smaller side falls out of its cluster point by point at that lambda =
 *       1 / distance;
 *   <li>stability (excess of mass) of each cluster, selection by excess of mass (the root only with
 *       {@code allowSingleCluster}) or by leaves;
 *   <li>labels (noise -1), membership probabilities ({@code lambda_p / lambda_max}, the maximum
 *       over the selected cluster's direct children, rows and clusters, as scikit-learn), and GLOSH
 *       outlier scores {@code 1 - lambda_p / lambda_max(C)} with C the cluster the point falls out
 *       of and the maximum over C's whole subtree (Campello et al. 2015, section 5).
 * </ol>
 *
 * <p>Segments are numbered by their lowest row. <b>Ties.</b> Prim starts at row 0 and adds the
 * lowest-index row among equal weights; equal edge weights keep that order in the single-linkage
 * tree; a cluster's stability that equals the sum of its children's selects the cluster
 * (scikit-learn's rule). Rows at distance 0 merge at lambda = infinity, which is capped at the
 * largest finite lambda for scores.
 */
final class HdbscanEngine {
  /** What one run found. */
  static final class Result {
    final int[] labels;
    final double[] probabilities;
    final double[] outlierScores;
    final double[] persistence;
    final double[] coreDistances;

    Result(
        int[] labels,
        double[] probabilities,
        double[] outlierScores,
        double[] persistence,
        double[] coreDistances) {
      this.labels = labels;
      this.probabilities = probabilities;
      this.outlierScores = outlierScores;
      this.persistence = persistence;
      this.coreDistances = coreDistances;
    }
  }

  private HdbscanEngine() {}

  /**
   * Runs HDBSCAN* on the rows.
   *
   * @param x row-major values, n rows of d
   * @param n rows, {@code >= 1}
   * @param d columns
   * @param distance the metric
   * @param minClusterSize the smallest cluster, {@code >= 2}
   * @param minSamples the density's neighbours, the row counted, {@code >= 1}
   * @param leaf select the leaves of the condensed tree instead of by excess of mass
   * @param allowSingleCluster let the root be selected (one cluster of everything)
   * @param selectionEpsilon clusters born below this distance give way to their ancestor born at or
   *     above it (Malzer and Baum 2020), 0 for none
   * @return labels, probabilities, outlier scores, persistence per selected cluster
   */
  static Result run(
      double[] x,
      int n,
      int d,
      Distance distance,
      int minClusterSize,
      int minSamples,
      boolean leaf,
      boolean allowSingleCluster,
      double selectionEpsilon) {
    double[] core = coreDistances(x, n, d, distance, minSamples);
    double[][] mst = primMst(x, n, d, distance, core);
    double[][] tree = singleLinkage(mst, n);
    return condense(tree, n, core, minClusterSize, leaf, allowSingleCluster, selectionEpsilon);
  }

  /** The distance of every row to its {@code minSamples}-th nearest row, itself counted. */
  static double[] coreDistances(double[] x, int n, int d, Distance distance, int minSamples) {
    NeighborIndex index = NeighborIndex.build(x, n, d, distance);
    NeighborIndex.Searcher s = index.searcher();
    int k = Math.min(minSamples, n);
    int[] rows = new int[k];
    double[] dist = new double[k];
    double[] core = new double[n];
    for (int i = 0; i < n; i++) {
      int found = s.knnOfRow(i, k, rows, dist);
      core[i] = dist[found - 1];
    }
    return core;
  }

  /**
   * Prim's algorithm on the mutual-reachability graph: n - 1 edges {a, b, weight} in the order
   * added.
   */
  static double[][] primMst(double[] x, int n, int d, Distance distance, double[] core) {
    double[][] edges = new double[Math.max(0, n - 1)][];
    boolean[] in = new boolean[n];
    double[] best = new double[n];
    int[] from = new int[n];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    int current = 0;
    in[0] = true;
    for (int e = 0; e < n - 1; e++) {
      int next = -1;
      for (int j = 0; j < n; j++) {
        if (in[j]) {
          continue;
        }
        double mr =
            Math.max(
                Math.max(core[current], core[j]), distance.between(x, current * d, x, j * d, d));
        if (mr < best[j]) {
          best[j] = mr;
          from[j] = current;
        }
        if (next < 0 || best[j] < best[next]) {
          next = j;
        }
      }
      edges[e] = new double[] {from[next], next, best[next]};
      in[next] = true;
      current = next;
    }
    return edges;
  }

  /**
   * The single-linkage tree of MST edges, as scipy's linkage matrix: row t merges clusters {@code
   * left, right} (ids below n are rows, n + s is merge s) at {@code height} into {@code size} rows.
   */
  static double[][] singleLinkage(double[][] mst, int n) {
    Integer[] order = new Integer[mst.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(mst[a][2], mst[b][2]));
    int[] parent = new int[2 * n - 1];
    int[] size = new int[2 * n - 1];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
      size[i] = i < n ? 1 : 0;
    }
    double[][] out = new double[mst.length][];
    for (int t = 0; t < order.length; t++) {
      double[] e = mst[order[t]];
      int a = find(parent, (int) e[0]);
      int b = find(parent, (int) e[1]);
      int merged = n + t;
      parent[a] = merged;
      parent[b] = merged;
      size[merged] = size[a] + size[b];
      out[t] = new double[] {Math.min(a, b), Math.max(a, b), e[2], size[merged]};
    }
    return out;
  }

  private static int find(int[] parent, int i) {
    int root = i;
    while (parent[root] != root) {
      root = parent[root];
    }
    while (parent[i] != root) {
      int up = parent[i];
      parent[i] = root;
      i = up;
    }
    return root;
  }

  /** Condenses the tree, selects clusters and labels the rows. */
  static Result condense(
      double[][] tree,
      int n,
      double[] core,
      int minClusterSize,
      boolean leaf,
      boolean allowSingleCluster,
      double selectionEpsilon) {
    if (n == 1) {
      return new Result(new int[] {-1}, new double[1], new double[1], new double[0], core);
    }
    int root = 2 * n - 2;
    // condensed clusters: birth lambda, parent, the rows that fall out and their lambdas
    List<Double> birth = new ArrayList<>();
    List<Integer> parentOf = new ArrayList<>();
    int[] clusterOfRow = new int[n];
    double[] lambdaOfRow = new double[n];
    int[] clusterOfNode = new int[2 * n - 1];
    Arrays.fill(clusterOfNode, -1);
    birth.add(0.0);
    parentOf.add(-1);
    clusterOfNode[root] = 0;
    // top-down: node ids from the root down (a merge's id is above its children's)
    for (int node = root; node >= n; node--) {
      int c = clusterOfNode[node];
      if (c < 0) {
        continue;
      }
      double[] m = tree[node - n];
      double lambda = lambda(m[2]);
      int left = (int) m[0];
      int right = (int) m[1];
      int leftSize = sizeOf(tree, left, n);
      int rightSize = sizeOf(tree, right, n);
      boolean bigLeft = leftSize >= minClusterSize;
      boolean bigRight = rightSize >= minClusterSize;
      if (bigLeft && bigRight) {
        // both sides hold at least minClusterSize >= 2 rows: both are merges, not rows
        for (int child : new int[] {left, right}) {
          birth.add(lambda);
          parentOf.add(c);
          clusterOfNode[child] = birth.size() - 1;
        }
      } else {
        for (int child : new int[] {left, right}) {
          boolean big = child == left ? bigLeft : bigRight;
          if (big) {
            clusterOfNode[child] = c; // the cluster goes on under the larger side, a merge
          } else {
            fallOut(tree, child, n, c, lambda, clusterOfRow, lambdaOfRow);
          }
        }
      }
    }
    int k = birth.size();
    // stability: sum over the rows and child clusters leaving C of (lambda - birth(C)) x size
    double[] stability = new double[k];
    double[] maxLambda = new double[k];
    double finiteMax = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(lambdaOfRow[i])) {
        finiteMax = Math.max(finiteMax, lambdaOfRow[i]);
      }
    }
    for (int c = 0; c < k; c++) {
      finiteMax = Math.max(finiteMax, Double.isFinite(birth.get(c)) ? birth.get(c) : 0);
    }
    for (int i = 0; i < n; i++) {
      double l = Math.min(lambdaOfRow[i], finiteMax);
      int c = clusterOfRow[i];
      stability[c] += l - birth.get(c);
      maxLambda[c] = Math.max(maxLambda[c], l);
    }
    List<List<Integer>> children = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      children.add(new ArrayList<>());
    }
    for (int c = 1; c < k; c++) {
      children.get(parentOf.get(c)).add(c);
      // a child cluster leaves its parent at its birth, with all its rows
    }
    int[] sizeOfCluster = new int[k];
    for (int i = 0; i < n; i++) {
      sizeOfCluster[clusterOfRow[i]]++;
    }
    for (int c = k - 1; c >= 1; c--) {
      sizeOfCluster[parentOf.get(c)] += sizeOfCluster[c];
    }
    for (int c = 1; c < k; c++) {
      int p = parentOf.get(c);
      stability[p] += sizeOfCluster[c] * (Math.min(birth.get(c), finiteMax) - birth.get(p));
    }
    // the largest lambda in each cluster's whole subtree, for GLOSH
    double[] subtreeMax = maxLambda.clone();
    for (int c = k - 1; c >= 1; c--) {
      int p = parentOf.get(c);
      subtreeMax[p] = Math.max(subtreeMax[p], subtreeMax[c]);
    }
    boolean[] selected = select(k, children, stability, leaf, allowSingleCluster);
    if (selectionEpsilon > 0) {
      selected =
          epsilonSearch(selected, parentOf, birth, children, selectionEpsilon, allowSingleCluster);
    }
    // as scikit-learn: the largest lambda among a cluster's direct children, rows and clusters
    double[] directMax = maxLambda.clone();
    for (int c = 1; c < k; c++) {
      int p = parentOf.get(c);
      directMax[p] = Math.max(directMax[p], Math.min(birth.get(c), finiteMax));
    }
    // labels: the selected cluster at or above the one a row falls out of, numbered in order
    int[] number = new int[k];
    Arrays.fill(number, -1);
    int next = 0;
    List<Integer> selectedIds = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      if (selected[c]) {
        number[c] = next++;
        selectedIds.add(c);
      }
    }
    int[] labels = new int[n];
    double[] probabilities = new double[n];
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      int c = clusterOfRow[i];
      int s = c;
      while (s >= 0 && !selected[s]) {
        s = parentOf.get(s);
      }
      double l = Math.min(lambdaOfRow[i], finiteMax);
      labels[i] = s < 0 ? -1 : number[s];
      if (s >= 0) {
        double top = directMax[s];
        probabilities[i] = top > 0 ? Math.min(l, top) / top : 1;
      }
      scores[i] = subtreeMax[c] > 0 ? 1 - l / subtreeMax[c] : 0;
    }
    // segments are numbered by their lowest row, as this library's other families number them
    int[] renumber = new int[selectedIds.size()];
    Arrays.fill(renumber, -1);
    int seen = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] >= 0 && renumber[labels[i]] < 0) {
        renumber[labels[i]] = seen++;
      }
    }
    double[] persistence = new double[seen];
    for (int t = 0; t < selectedIds.size(); t++) {
      if (renumber[t] >= 0) {
        persistence[renumber[t]] = stability[selectedIds.get(t)];
      }
    }
    for (int i = 0; i < n; i++) {
      labels[i] = labels[i] < 0 ? -1 : renumber[labels[i]];
    }
    return new Result(labels, probabilities, scores, persistence, core);
  }

  private static boolean[] select(
      int k,
      List<List<Integer>> children,
      double[] stability,
      boolean leaf,
      boolean allowSingleCluster) {
    boolean[] selected = new boolean[k];
    if (leaf) {
      for (int c = 0; c < k; c++) {
        selected[c] = children.get(c).isEmpty() && (c > 0 || allowSingleCluster);
      }
      return selected;
    }
    double[] best = stability.clone();
    // bottom-up: cluster ids grow downwards, so children come after their parent
    for (int c = k - 1; c >= 0; c--) {
      if (children.get(c).isEmpty()) {
        selected[c] = c > 0 || allowSingleCluster;
        continue;
      }
      double sum = 0;
      for (int child : children.get(c)) {
        sum += best[child];
      }
      if (c == 0 && !allowSingleCluster) {
        continue;
      }
      if (stability[c] >= sum) {
        selected[c] = true;
        deselectBelow(c, children, selected);
      } else {
        best[c] = sum;
      }
    }
    return selected;
  }

  /**
   * The cluster selection epsilon of Malzer and Baum (2020, "A hybrid approach to hierarchical
   * density-based cluster selection", IEEE MFI), as scikit-learn applies it: a selected cluster
   * born at a distance below {@code epsilon} is replaced by its nearest ancestor born at a distance
   * above it (a child of the root stays itself unless a single cluster is allowed); a cluster under
   * another selected one is then dropped, so that selections never nest.
   */
  static boolean[] epsilonSearch(
      boolean[] selected,
      List<Integer> parentOf,
      List<Double> birth,
      List<List<Integer>> children,
      double epsilon,
      boolean allowSingleCluster) {
    int k = selected.length;
    boolean[] out = new boolean[k];
    for (int c = 0; c < k; c++) {
      if (!selected[c]) {
        continue;
      }
      if (c == 0 || 1 / birth.get(c) >= epsilon) {
        out[c] = true;
        continue;
      }
      int at = c;
      while (true) {
        int p = parentOf.get(at);
        if (p == 0) {
          at = allowSingleCluster ? 0 : at;
          break;
        }
        if (1 / birth.get(p) > epsilon) {
          at = p;
          break;
        }
        at = p;
      }
      out[at] = true;
    }
    for (int c = 0; c < k; c++) {
      if (out[c]) {
        deselectBelow(c, children, out);
      }
    }
    return out;
  }

  private static void deselectBelow(int c, List<List<Integer>> children, boolean[] selected) {
    for (int child : children.get(c)) {
      selected[child] = false;
      deselectBelow(child, children, selected);
    }
  }

  private static double lambda(double height) {
    return height > 0 ? 1 / height : Double.POSITIVE_INFINITY;
  }

  private static int sizeOf(double[][] tree, int node, int n) {
    return node < n ? 1 : (int) tree[node - n][3];
  }

  /** Every row under {@code node} falls out of cluster {@code c} at {@code lambda}. */
  private static void fallOut(
      double[][] tree,
      int node,
      int n,
      int c,
      double lambda,
      int[] clusterOfRow,
      double[] lambdaOfRow) {
    if (node < n) {
      clusterOfRow[node] = c;
      lambdaOfRow[node] = lambda;
      return;
    }
    double[] m = tree[node - n];
    fallOut(tree, (int) m[0], n, c, lambda, clusterOfRow, lambdaOfRow);
    fallOut(tree, (int) m[1], n, c, lambda, clusterOfRow, lambdaOfRow);
  }
}
