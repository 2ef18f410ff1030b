package dev.segmentation.hierarchical;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.api.SelectionTable;
import dev.segmentation.core.data.DistinctRows;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.preprocess.FittedScaling;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;
import java.util.List;

/**
 * The result of a hierarchical fit: the {@code n - 1} merges that join {@code n} customers into one
 * segment, as parallel arrays in scipy's convention. Merge {@code t} joins nodes {@link #left(int)}
 * and {@link #right(int)} (leaves are rows {@code 0 .. n-1}, merge {@code t} creates node {@code n
 * + t}; left is the smaller id) at {@link #height(int)}, giving a segment of {@link #size(int)}
 * customers. Merges are in order of height for monotone linkages (ties in the order found), and in
 * the order the algorithm made them for centroid and median.
 *
 * <p>Cut it into segments with {@link #cut(int)} or {@link #cutAtHeight(double)}, draw it with
 * {@link #leafOrder()}, export it with {@link #toLinkageMatrix()} (scipy, fastcluster) or {@link
 * #toNewick()}, and assign new customers with {@link #model(int)}. Immutable; accessors copy.
 */
public final class Dendrogram {
  private final int n;
  private final int d;
  private final Linkage linkage;
  private final int[] left;
  private final int[] right;
  private final double[] height;
  private final int[] size;
  private final int[] leafOf;
  private final boolean monotone;
  private final double[] x;
  private final List<String> columns;
  private final List<String> rowIds;
  private final FittedScaling scaling;
  private final FitSummary summary;

  private Dendrogram(
      int n,
      int d,
      Linkage linkage,
      int[] left,
      int[] right,
      double[] height,
      int[] size,
      int[] leafOf,
      double[] x,
      List<String> columns,
      List<String> rowIds,
      FittedScaling scaling,
      FitSummary summary) {
    this.n = n;
    this.d = d;
    this.linkage = linkage;
    this.left = left;
    this.right = right;
    this.height = height;
    this.size = size;
    this.leafOf = leafOf;
    this.x = x;
    this.columns = List.copyOf(columns);
    this.rowIds = rowIds;
    this.scaling = scaling;
    this.summary = summary;
    boolean mono = true;
    for (int t = 0; t < n - 1 && mono; t++) {
      mono = !(height[t] < childHeight(left[t])) && !(height[t] < childHeight(right[t]));
    }
    this.monotone = mono;
  }

  /**
   * Builds the tree from merges of representative leaves: optionally sorts them by height (stable,
   * for algorithms such as the nearest-neighbour chain that find merges out of order) and numbers
   * the nodes with a union-find, as scipy does.
   */
  static Dendrogram of(
      Merges m,
      boolean sortByHeight,
      int n,
      int d,
      Linkage linkage,
      double[] x,
      List<String> columns,
      List<String> rowIds,
      FittedScaling scaling,
      FitSummary summary) {
    int merges = n - 1;
    int[] order = new int[merges];
    for (int t = 0; t < merges; t++) {
      order[t] = t;
    }
    if (sortByHeight) {
      double[] h = m.height;
      IntArrays.mergeSort(order, (i, j) -> Double.compare(h[i], h[j]));
    }
    int[] parent = new int[n];
    int[] nodeOf = new int[n];
    int[] members = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
      nodeOf[i] = i;
      members[i] = 1;
    }
    int[] left = new int[merges];
    int[] right = new int[merges];
    double[] height = new double[merges];
    int[] size = new int[merges];
    int[] leafOf = new int[merges];
    for (int t = 0; t < merges; t++) {
      int s = order[t];
      int ra = find(parent, m.a[s]);
      int rb = find(parent, m.b[s]);
      int na = nodeOf[ra];
      int nb = nodeOf[rb];
      left[t] = Math.min(na, nb);
      right[t] = Math.max(na, nb);
      height[t] = m.height[s];
      size[t] = members[ra] + members[rb];
      leafOf[t] = Math.min(ra, rb);
      int root = Math.min(ra, rb);
      parent[Math.max(ra, rb)] = root;
      members[root] = size[t];
      nodeOf[root] = n + t;
    }
    return new Dendrogram(
        n, d, linkage, left, right, height, size, leafOf, x, columns, rowIds, scaling, summary);
  }

  private static int find(int[] parent, int i) {
    int r = i;
    while (parent[r] != r) {
      parent[r] = parent[parent[r]];
      r = parent[r];
    }
    return r;
  }

  private double childHeight(int node) {
    return node < n ? 0 : height[node - n];
  }

  /**
   * Returns the number of customers (leaves).
   *
   * @return n
   */
  public int numLeaves() {
    return n;
  }

  /**
   * Returns the linkage the tree was built with.
   *
   * @return the linkage
   */
  public Linkage linkage() {
    return linkage;
  }

  /**
   * Returns how the fit went: {@code n - 1} merges as iterations, the largest merge height as the
   * objective, wall-clock time, and the distances computed (matrix entries read, for the matrix
   * linkages).
   *
   * @return the summary
   */
  public FitSummary summary() {
    return summary;
  }

  /**
   * Returns the smaller node id joined by merge {@code t}.
   *
   * @param t merge index in {@code [0, n - 1)}
   * @return a leaf row ({@code < n}) or the node {@code n + s} created by an earlier merge {@code
   *     s}
   */
  public int left(int t) {
    return left[t];
  }

  /**
   * Returns the larger node id joined by merge {@code t}.
   *
   * @param t merge index
   * @return a node id
   */
  public int right(int t) {
    return right[t];
  }

  /**
   * Returns the height of merge {@code t} (see {@link Linkage} for the convention).
   *
   * @param t merge index
   * @return the height
   */
  public double height(int t) {
    return height[t];
  }

  /**
   * Returns the number of customers under merge {@code t}.
   *
   * @param t merge index
   * @return the size
   */
  public int size(int t) {
    return size[t];
  }

  /**
   * Returns all merge heights, in merge order.
   *
   * @return a copy of the {@code n - 1} heights
   */
  public double[] heights() {
    return height.clone();
  }

  /**
   * Returns whether no merge is lower than a merge below it (scipy's {@code is_monotonic}). Always
   * true for single, complete, average, weighted and Ward; centroid and median trees can have
   * inversions, and then only {@link #cut(int)} gives segments.
   *
   * @return true if monotone
   */
  public boolean isMonotone() {
    return monotone;
  }

  /**
   * Returns the tree as scipy's linkage matrix: one row {@code [left, right, height, size]} per
   * merge, usable with {@code scipy.cluster.hierarchy.dendrogram} and {@code fcluster}.
   *
   * @return a new {@code (n - 1) x 4} array
   */
  public double[][] toLinkageMatrix() {
    double[][] z = new double[n - 1][];
    for (int t = 0; t < n - 1; t++) {
      z[t] = new double[] {left[t], right[t], height[t], size[t]};
    }
    return z;
  }

  /**
   * Splits the customers into {@code k} segments by undoing the last {@code k - 1} merges. For a
   * monotone tree these are the {@code k} segments below the {@code k - 1} highest merges. Segments
   * are numbered in order of their lowest row. Complexity O(n α(n)).
   *
   * @param k number of segments, in {@code [1, n]}
   * @return one label per row, in {@code [0, k)}
   * @throws InvalidOptionException if {@code k} is outside {@code [1, n]}
   */
  public int[] cut(int k) {
    if (k < 1 || k > n) {
      throw new InvalidOptionException("k", k, "must be in [1, " + n + "] (the number of rows)");
    }
    return labelsAfter(n - k);
  }

  /**
   * Splits the customers where the tree is cut at height {@code h}: merges at heights {@code <= h}
   * are kept. A height at or above the root gives one segment; a height below every merge gives one
   * segment per customer. Complexity O(n α(n)).
   *
   * @param h a height, not NaN
   * @return one label per row, segments numbered in order of their lowest row
   * @throws InvalidOptionException if {@code h} is NaN, or the tree is not monotone: in a centroid
   *     or median tree a merge can sit below a lower merge, so "the segments at height h" is not a
   *     partition of the tree; use {@link #cut(int)}
   */
  public int[] cutAtHeight(double h) {
    if (Double.isNaN(h)) {
      throw new InvalidOptionException("height", h, "must be a number");
    }
    if (!monotone) {
      throw new InvalidOptionException(
          "height",
          h,
          "cannot cut a non-monotone "
              + linkage
              + " tree at a height: some merge is lower than a merge below it, so the merges under"
              + " a height do not form a partition of the tree; use cut(k) instead");
    }
    int kept = 0;
    while (kept < n - 1 && height[kept] <= h) {
      kept++;
    }
    return labelsAfter(kept);
  }

  private int[] labelsAfter(int merges) {
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int t = 0; t < merges; t++) {
      int ra = find(parent, leaf(left[t]));
      int rb = find(parent, leaf(right[t]));
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
    int[] labels = new int[n];
    int[] labelOfRoot = new int[n];
    Arrays.fill(labelOfRoot, -1);
    int next = 0;
    for (int i = 0; i < n; i++) {
      int r = find(parent, i);
      if (labelOfRoot[r] < 0) {
        labelOfRoot[r] = next++;
      }
      labels[i] = labelOfRoot[r];
    }
    return labels;
  }

  private int leaf(int node) {
    return node < n ? node : leafOf[node - n];
  }

  /**
   * Returns the leaves in drawing order: a depth-first walk from the root, left child first, so
   * every segment of every cut is a contiguous run. Complexity O(n).
   *
   * @return a permutation of the rows
   */
  public int[] leafOrder() {
    int[] order = new int[n];
    if (n == 1) {
      return order;
    }
    int[] stack = new int[n];
    int top = 0;
    int count = 0;
    stack[top++] = 2 * n - 2;
    while (top > 0) {
      int node = stack[--top];
      if (node < n) {
        order[count++] = node;
      } else {
        stack[top++] = right[node - n];
        stack[top++] = left[node - n];
      }
    }
    return order;
  }

  /**
   * Returns the tree in Newick format, {@code ((a:1.5,b:1.5):0.5,c:2);}: leaves are named by row id
   * when the data set had ids, else by row index; branch lengths are the height differences
   * (negative under an inversion of a non-monotone tree). Names with Newick's special characters
   * are quoted. Complexity O(n), iterative (no recursion limit).
   *
   * @return the Newick string, ending with {@code ;}
   */
  public String toNewick() {
    StringBuilder sb = new StringBuilder();
    if (n == 1) {
      return sb.append(name(0)).append(';').toString();
    }
    // an explicit stack (trees can be n deep): node id, and whether its '(' is already written
    int[] stack = new int[2 * n];
    boolean[] open = new boolean[2 * n];
    int[] parentOf = new int[2 * n - 1];
    for (int t = 0; t < n - 1; t++) {
      parentOf[left[t]] = n + t;
      parentOf[right[t]] = n + t;
    }
    parentOf[2 * n - 2] = -1;
    int top = 0;
    stack[top] = 2 * n - 2;
    open[top++] = false;
    while (top > 0) {
      int node = stack[top - 1];
      if (node < n || open[top - 1]) {
        top--;
        if (node < n) {
          sb.append(name(node));
        } else {
          sb.append(')');
        }
        int p = parentOf[node];
        if (p >= 0) {
          sb.append(':').append(height[p - n] - childHeight(node));
          // the left child is followed by its sibling
          if (left[p - n] == node) {
            sb.append(',');
          }
        }
        continue;
      }
      open[top - 1] = true;
      sb.append('(');
      stack[top] = right[node - n];
      open[top++] = false;
      stack[top] = left[node - n];
      open[top++] = false;
    }
    return sb.append(';').toString();
  }

  private String name(int row) {
    String s = rowIds != null ? rowIds.get(row) : Integer.toString(row);
    for (int i = 0; i < s.length(); i++) {
      if ("()[]':;, \t".indexOf(s.charAt(i)) >= 0) {
        return "'" + s.replace("'", "''") + "'";
      }
    }
    return s;
  }

  /**
   * Returns the cophenetic correlation: the Pearson correlation between the Euclidean distances of
   * all pairs of (preprocessed) rows and the heights at which the tree first joins them. Close to 1
   * when the tree preserves the data's distances. Complexity O(n^2 d) time, O(n) memory (no
   * distance matrix).
   *
   * @return the correlation, NaN if {@code n < 3} or either side is constant
   */
  public double copheneticCorrelation() {
    int[] next = new int[n];
    int[] first = new int[2 * n - 1];
    int[] last = new int[2 * n - 1];
    for (int i = 0; i < n; i++) {
      next[i] = -1;
      first[i] = i;
      last[i] = i;
    }
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int t = 0; t < n - 1; t++) {
      double h = height[t];
      for (int i = first[left[t]]; i >= 0; i = next[i]) {
        for (int j = first[right[t]]; j >= 0; j = next[j]) {
          double dist = Math.sqrt(SquaredEuclidean.distance(x, i * d, x, j * d, d));
          sx += dist;
          sy += h;
          sxx += dist * dist;
          syy += h * h;
          sxy += dist * h;
        }
      }
      next[last[left[t]]] = first[right[t]];
      first[n + t] = first[left[t]];
      last[n + t] = last[right[t]];
    }
    double pairs = (double) n * (n - 1) / 2;
    double cov = sxy - sx * sy / pairs;
    double vx = sxx - sx * sx / pairs;
    double vy = syy - sy * sy / pairs;
    return n < 3 ? Double.NaN : cov / Math.sqrt(vx * vy);
  }

  /**
   * Returns a model of the {@code k} segments of {@link #cut(int)} that assigns new customers: to
   * the segment of the nearest member for single linkage, else to the segment with the nearest
   * centroid (mean of the preprocessed members). Complexity O(n d) to build.
   *
   * @param k number of segments, in {@code [1, n]}
   * @return the model
   * @throws InvalidOptionException if {@code k} is outside {@code [1, n]} or exceeds the number of
   *     distinct rows
   */
  public HierarchicalModel model(int k) {
    int[] labels = cut(k);
    // Cutting identical rows apart (at height 0) makes segments that differ in nothing.
    DistinctRows.require(x, n, d, k, "k", k, "data");
    if (linkage == Linkage.SINGLE) {
      return new HierarchicalModel(k, x.clone(), labels, n, false, columns, scaling).withTree(this);
    }
    int[] segmentOf = new int[k];
    for (int c = 0; c < k; c++) {
      segmentOf[c] = c;
    }
    double[] centroids = HierarchicalModel.means(x, labels, k, d);
    return new HierarchicalModel(k, centroids, segmentOf, k, true, columns, scaling).withTree(this);
  }

  /**
   * Returns the {@code k}-segment cut as a {@link SegmentationResult}, with the model of {@link
   * #model(int)}, for code that handles every algorithm alike.
   *
   * @param k number of segments, in {@code [1, n]}
   * @return labels, sizes, model and the fit summary
   * @throws InvalidOptionException if {@code k} is outside {@code [1, n]}
   */
  public SegmentationResult<HierarchicalModel> segmentation(int k) {
    HierarchicalModel model = model(k);
    return new SegmentationResult<>(cut(k), model, summary);
  }

  /**
   * Chooses the number of segments among the cuts of this tree: cuts it at every k of the
   * selection's range, scores the cuts on the preprocessed rows and returns the chosen cut with the
   * table of the choice ({@link SegmentationResult#selection()}). The gap statistic builds a tree
   * of the same linkage on each reference data set. Cost: O(n) per cut plus the criterion (see
   * {@link KSelection}).
   *
   * @param selection the range, criterion and constraints
   * @return the chosen cut, its model and the table
   * @throws InvalidOptionException if the range exceeds the number of leaves, or no k is eligible
   */
  public SegmentationResult<HierarchicalModel> segmentation(KSelection selection) {
    if (selection.max() > n) {
      throw new InvalidOptionException(
          "k",
          selection.min() + ".." + selection.max(),
          "must not exceed the number of customers in the tree (" + n + ")");
    }
    DistinctRows.require(
        x, n, d, selection.max(), "k", selection.min() + ".." + selection.max(), "data");
    int[] ks = selection.ks();
    int[][] partitions = new int[ks.length][];
    for (int i = 0; i < ks.length; i++) {
      partitions[i] = cut(ks[i]);
    }
    KSelection.Refit refit =
        (rx, rn, rd, rks) -> {
          Dendrogram reference =
              new Hierarchical().linkage(linkage).tree(Dataset.ofRowMajor(rx, rn, columns));
          int[][] out = new int[rks.length][];
          for (int i = 0; i < rks.length; i++) {
            out[i] = reference.cut(rks[i]);
          }
          return out;
        };
    SelectionTable table =
        selection.choose(
            x,
            n,
            d,
            partitions,
            refit,
            Runtime.getRuntime().availableProcessors(),
            Blocks.defaultPool());
    int k = table.chosenK();
    return new SegmentationResult<>(partitions[k - ks[0]], model(k), summary, table);
  }

  @Override
  public String toString() {
    return "Dendrogram["
        + linkage
        + ", n="
        + n
        + ", root height="
        + (n > 1 ? height[n - 2] : 0)
        + (monotone ? "" : ", not monotone")
        + "]";
  }
}
