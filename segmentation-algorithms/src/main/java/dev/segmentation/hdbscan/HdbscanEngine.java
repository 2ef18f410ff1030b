package dev.segmentation.hdbscan;

import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.index.NeighborIndex;
import dev.segmentation.core.index.SpanningTree;
import dev.segmentation.core.parallel.Blocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The HDBSCAN* computation (Campello, Moulavi and Sander 2013; Campello, Moulavi, Zimek and Sander
 * 2015, "Hierarchical density estimates for data clustering, visualization, and outlier detection",
 * ACM TKDD 10(1)) on indexed, preprocessed rows, the engine {@link Hdbscan} wraps:
 *
 * <ol>
 *   <li>core distances and the minimum spanning tree of the mutual-reachability graph {@code
 *       max(core(a), core(b), d(a, b))}, by {@link SpanningTree} (Borůvka over the k-d tree, Prim
 *       on the brute-force index), O(n) memory beyond the index, no distance matrix;
 *   <li>the single-linkage tree of the tree's edges in their total order;
 *   <li>the condensed tree at {@code minClusterSize}: a split with both sides at least that large
 *       makes two clusters, a smaller side falls out of its cluster row by row at that lambda = 1 /
 *       distance;
 *   <li>stability (excess of mass) of each cluster, selection by excess of mass (the root only with
 *       {@code allowSingleCluster}) or by leaves;
 *   <li>labels (noise -1), membership probabilities ({@code lambda_p / lambda_max}, the maximum
 *       over the selected cluster's direct children, rows and clusters, as scikit-learn), and GLOSH
 *       outlier scores {@code 1 - lambda_p / lambda_max(C)} with C the cluster the row falls out of
 *       and the maximum over C's whole subtree (Campello et al. 2015, section 5).
 * </ol>
 *
 * <p>Segments are numbered by their lowest row. <b>Ties.</b> Edges are ordered by weight, then
 * lower row, then higher row; the spanning tree is unique under that order, the single-linkage tree
 * merges in it and the condensed tree removes edges in its reverse; a cluster whose stability
 * equals the sum of its children's is selected (scikit-learn's rule). Rows at distance 0 part at
 * lambda = infinity, which is capped at the largest finite lambda.
 */
final class HdbscanEngine {
  /**
   * What one run found: the condensed tree (labels, probabilities, outlier scores and persistence
   * are derived from it, as the model derives them), the core distances, the single-linkage tree,
   * and for the fit summary the spanning tree's rounds and distance computations.
   */
  static final class Result {
    final CondensedTree condensed;
    final double[] coreDistances;

    /** The single-linkage tree of mutual reachability, scipy's layout flat: 4 values a merge. */
    final double[] linkage;

    final int rounds;
    final long distances;

    Result(
        CondensedTree condensed,
        double[] coreDistances,
        double[] linkage,
        int rounds,
        long distances) {
      this.condensed = condensed;
      this.coreDistances = coreDistances;
      this.linkage = linkage;
      this.rounds = rounds;
      this.distances = distances;
    }

    int[] labels() {
      return condensed.labels();
    }

    double[] probabilities() {
      return condensed.probabilities();
    }

    double[] outlierScores() {
      return condensed.outlierScores();
    }

    double[] persistence() {
      return condensed.persistence();
    }
  }

  private HdbscanEngine() {}

  /**
   * Runs HDBSCAN* on indexed, preprocessed rows.
   *
   * @param index the rows in the metric
   * @param blocks parallel blocks over the rows
   * @param minClusterSize the smallest cluster, {@code >= 2}
   * @param minSamples the density's neighbours, the row counted, {@code >= 1}
   * @param leaf select the leaves of the condensed tree instead of by excess of mass
   * @param allowSingleCluster let the root be selected (one cluster of everything)
   * @param selectionEpsilon clusters born below this distance give way to their ancestor born at or
   *     above it (Malzer and Baum 2020), 0 for none
   * @return the condensed tree (whence labels, probabilities, outlier scores, persistence), the
   *     core distances and the single-linkage tree
   */
  static Result run(
      NeighborIndex index,
      Blocks blocks,
      int minClusterSize,
      int minSamples,
      boolean leaf,
      boolean allowSingleCluster,
      double selectionEpsilon) {
    int n = index.size();
    SpanningTree mst = SpanningTree.mutualReachability(index, minSamples, blocks);
    double[] tree = singleLinkage(mst, n);
    CondensedTree condensed =
        condense(tree, n, minClusterSize, leaf, allowSingleCluster, selectionEpsilon);
    return new Result(
        condensed, mst.coreDistances(), tree, mst.rounds(), mst.distanceComputations());
  }

  /** Runs on plain rows with one thread and the automatic index, for tests. */
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
    return run(
        NeighborIndex.build(x, n, d, distance),
        new Blocks(n, 1, Blocks.defaultPool()),
        minClusterSize,
        minSamples,
        leaf,
        allowSingleCluster,
        selectionEpsilon);
  }

  /**
   * The single-linkage tree of the spanning tree's edges (already in ascending total order), as
   * scipy's linkage matrix: row t merges clusters {@code left, right} (ids below n are rows, n + s
   * is merge s) at {@code height} into {@code size} rows.
   */
  static double[] singleLinkage(SpanningTree mst, int n) {
    int[] parent = new int[Math.max(1, 2 * n - 1)];
    int[] size = new int[parent.length];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
      size[i] = i < n ? 1 : 0;
    }
    double[] out = new double[4 * mst.size()];
    for (int t = 0; t < mst.size(); t++) {
      int a = find(parent, mst.from(t));
      int b = find(parent, mst.to(t));
      int merged = n + t;
      parent[a] = merged;
      parent[b] = merged;
      size[merged] = size[a] + size[b];
      out[4 * t] = Math.min(a, b);
      out[4 * t + 1] = Math.max(a, b);
      out[4 * t + 2] = mst.weight(t);
      out[4 * t + 3] = size[merged];
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

  /** Condenses the tree and selects the clusters. */
  static CondensedTree condense(
      double[] tree,
      int n,
      int minClusterSize,
      boolean leaf,
      boolean allowSingleCluster,
      double selectionEpsilon) {
    if (n == 1) {
      return new CondensedTree(
          1,
          new int[] {-1},
          new double[1],
          new int[] {1},
          new double[1],
          new boolean[1],
          new int[1],
          new double[1]);
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
    int[] stack = new int[n];
    // top-down: node ids from the root down (a merge's id is above its children's)
    for (int node = root; node >= n; node--) {
      int c = clusterOfNode[node];
      if (c < 0) {
        continue;
      }
      int m = 4 * (node - n);
      double lambda = lambda(tree[m + 2]);
      int left = (int) tree[m];
      int right = (int) tree[m + 1];
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
            fallOut(tree, child, n, c, lambda, clusterOfRow, lambdaOfRow, stack);
          }
        }
      }
    }
    int k = birth.size();
    int[] parents = new int[k];
    double[] uncapped = new double[k];
    for (int c = 0; c < k; c++) {
      parents[c] = parentOf.get(c);
      uncapped[c] = birth.get(c);
    }
    // rows at distance 0 part at lambda = infinity: capped at the largest finite lambda
    double finiteMax = 0;
    for (int i = 0; i < n; i++) {
      finiteMax = Double.isFinite(lambdaOfRow[i]) ? Math.max(finiteMax, lambdaOfRow[i]) : finiteMax;
    }
    for (int c = 0; c < k; c++) {
      finiteMax = Double.isFinite(uncapped[c]) ? Math.max(finiteMax, uncapped[c]) : finiteMax;
    }
    double[] births = new double[k];
    for (int c = 0; c < k; c++) {
      births[c] = Math.min(uncapped[c], finiteMax);
    }
    for (int i = 0; i < n; i++) {
      lambdaOfRow[i] = Math.min(lambdaOfRow[i], finiteMax);
    }
    int[] size = new int[k];
    for (int i = 0; i < n; i++) {
      size[clusterOfRow[i]]++;
    }
    for (int c = k - 1; c >= 1; c--) {
      size[parents[c]] += size[c];
    }
    // stability: over the rows and child clusters leaving C, (lambda - birth(C)) x rows
    double[] stability = new double[k];
    for (int i = 0; i < n; i++) {
      int c = clusterOfRow[i];
      stability[c] += lambdaOfRow[i] - births[c];
    }
    for (int c = 1; c < k; c++) {
      stability[parents[c]] += size[c] * (births[c] - births[parents[c]]);
    }
    List<List<Integer>> children = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      children.add(new ArrayList<>());
    }
    for (int c = 1; c < k; c++) {
      children.get(parents[c]).add(c);
    }
    boolean[] selected = select(k, children, stability, leaf, allowSingleCluster);
    if (selectionEpsilon > 0) {
      selected =
          epsilonSearch(
              selected, parents, uncapped, children, selectionEpsilon, allowSingleCluster);
    }
    return new CondensedTree(
        n, parents, births, size, stability, selected, clusterOfRow, lambdaOfRow);
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
      int[] parentOf,
      double[] birth,
      List<List<Integer>> children,
      double epsilon,
      boolean allowSingleCluster) {
    int k = selected.length;
    boolean[] out = new boolean[k];
    for (int c = 0; c < k; c++) {
      if (!selected[c]) {
        continue;
      }
      if (c == 0 || 1 / birth[c] >= epsilon) {
        out[c] = true;
        continue;
      }
      int at = c;
      while (true) {
        int p = parentOf[at];
        if (p == 0) {
          at = allowSingleCluster ? 0 : at;
          break;
        }
        if (1 / birth[p] > epsilon) {
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

  /** Clears the selection of every cluster below {@code c}; iterative, as trees can be deep. */
  private static void deselectBelow(int c, List<List<Integer>> children, boolean[] selected) {
    java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>(children.get(c));
    while (!todo.isEmpty()) {
      int child = todo.pop();
      selected[child] = false;
      todo.addAll(children.get(child));
    }
  }

  private static double lambda(double height) {
    return height > 0 ? 1 / height : Double.POSITIVE_INFINITY;
  }

  private static int sizeOf(double[] tree, int node, int n) {
    return node < n ? 1 : (int) tree[4 * (node - n) + 3];
  }

  /**
   * Every row under {@code node} falls out of cluster {@code c} at {@code lambda}; iterative, as a
   * single-linkage tree can be as deep as it has rows.
   */
  private static void fallOut(
      double[] tree,
      int node,
      int n,
      int c,
      double lambda,
      int[] clusterOfRow,
      double[] lambdaOfRow,
      int[] stack) {
    int top = 0;
    stack[top++] = node;
    while (top > 0) {
      int v = stack[--top];
      if (v < n) {
        clusterOfRow[v] = c;
        lambdaOfRow[v] = lambda;
      } else {
        stack[top++] = (int) tree[4 * (v - n)];
        stack[top++] = (int) tree[4 * (v - n) + 1];
      }
    }
  }
}
