package dev.segmentation.core.index;

import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.distance.SquaredEuclidean;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Objects;

/**
 * An exact index for range and k-nearest-neighbour queries over a fixed set of points, shared by
 * every algorithm that searches neighbourhoods (DBSCAN, k-distance curves, model assignment).
 *
 * <p><b>Layout.</b> A k-d tree kept in flat arrays, with no node objects: the points are copied
 * once into tree order ({@code n d} doubles), and node {@code i} has children {@code 2i + 1} and
 * {@code 2i + 2}, a row range and a tight bounding box. A node splits its rows at the median of the
 * widest side of its box, so the tree is balanced whatever the data and its depth is {@code log2(n
 * / LEAF_SIZE)}. The brute-force fallback ({@link IndexKind#BRUTE_FORCE}) is the same structure
 * with a single leaf. Memory beyond the data: {@code n d} doubles for the copy, {@code 2n} ints for
 * the row maps and {@code 2 d} doubles per node ({@code < 4 n d / LEAF_SIZE} doubles).
 *
 * <p><b>Exactness.</b> Queries compare rank forms ({@link Distance#rank}) with the same kernel and
 * summation order as a plain scan, and a node is skipped only when the distance to its bounding box
 * already exceeds the radius, which in floating point never exceeds the distance to any point
 * inside (rounding is monotone). Results are therefore identical to brute force, boundary ties
 * included: a point at exactly the radius is inside.
 *
 * <p><b>Threads.</b> The index is immutable and may be queried from many threads at once, each
 * through its own {@link Searcher}, which holds the reusable scratch space (traversal stack, query
 * copy, heap), so queries allocate nothing. Results go into a caller's {@link IntArrayList} that is
 * cleared and reused, never one list per point.
 */
public final class NeighborIndex {

  /** The most points in a k-d tree leaf. */
  public static final int LEAF_SIZE = 32;

  // package-visible for the spanning tree, which walks the same arrays
  final int n;
  final int d;
  final Distance distance;
  final IndexKind kind;
  final double[] pts;
  final int[] rowOf;
  final int[] posOf;
  final int[] start;
  final int[] end;
  final double[] lo;
  final double[] hi;
  final int depth;
  final int firstLeaf;

  private NeighborIndex(double[] x, int n, int d, Distance distance, IndexKind kind) {
    this.n = n;
    this.d = d;
    this.distance = distance;
    this.kind = kind;
    this.pts = new double[n * d];
    System.arraycopy(x, 0, pts, 0, n * d);
    distance.normalize(pts, n, d);
    this.rowOf = new int[n];
    for (int i = 0; i < n; i++) {
      rowOf[i] = i;
    }
    int levels = 0;
    if (kind == IndexKind.KD_TREE) {
      while (ceilDiv(n, 1L << levels) > LEAF_SIZE) {
        levels++;
      }
    }
    this.depth = levels;
    // nodes above the last level are all split; the last level holds the leaves
    this.firstLeaf = (1 << levels) - 1;
    int nodes = (1 << (levels + 1)) - 1;
    this.start = new int[nodes];
    this.end = new int[nodes];
    this.lo = new double[nodes * d];
    this.hi = new double[nodes * d];
    build(0, 0, n, 0);
    this.posOf = new int[n];
    for (int p = 0; p < n; p++) {
      posOf[rowOf[p]] = p;
    }
  }

  /**
   * Indexes {@code n} rows, choosing the structure automatically ({@link IndexKind#AUTO}).
   *
   * @param x row-major values ({@code n * d}); copied, not modified
   * @param n number of rows
   * @param d number of columns
   * @param distance the distance queries measure
   * @return the index
   * @throws IllegalArgumentException if {@code x} is shorter than {@code n * d}, or for {@link
   *     Distance#COSINE} if a row is all zeros (the message names the row)
   */
  public static NeighborIndex build(double[] x, int n, int d, Distance distance) {
    return build(x, n, d, distance, IndexKind.AUTO);
  }

  /**
   * Indexes {@code n} rows with the given structure. Complexity O(n d log n) for the k-d tree, O(n
   * d) for brute force.
   *
   * @param x row-major values ({@code n * d}); copied, not modified
   * @param n number of rows, {@code >= 0}
   * @param d number of columns, {@code >= 1}
   * @param distance the distance queries measure
   * @param kind the structure; {@link IndexKind#AUTO} picks as documented there
   * @return the index
   * @throws IllegalArgumentException if {@code n < 0}, {@code d < 1}, {@code x} is shorter than
   *     {@code n * d}, or for {@link Distance#COSINE} if a row is all zeros (naming the row)
   */
  public static NeighborIndex build(double[] x, int n, int d, Distance distance, IndexKind kind) {
    Objects.requireNonNull(distance, "distance");
    Objects.requireNonNull(kind, "kind");
    if (n < 0 || d < 1 || (long) n * d > x.length) {
      throw new IllegalArgumentException(
          "cannot index n=" + n + " rows of d=" + d + " from an array of " + x.length);
    }
    IndexKind chosen = kind;
    if (kind == IndexKind.AUTO) {
      chosen = d < 28 && n >= (8L << d) ? IndexKind.KD_TREE : IndexKind.BRUTE_FORCE;
    }
    return new NeighborIndex(x, n, d, distance, chosen);
  }

  /**
   * Returns the number of indexed points.
   *
   * @return {@code n}
   */
  public int size() {
    return n;
  }

  /**
   * Returns the number of columns of every point.
   *
   * @return {@code d}
   */
  public int dimension() {
    return d;
  }

  /**
   * Returns the distance queries measure.
   *
   * @return the distance
   */
  public Distance distance() {
    return distance;
  }

  /**
   * Returns the structure in use: {@link IndexKind#KD_TREE} or {@link IndexKind#BRUTE_FORCE}, never
   * {@code AUTO}.
   *
   * @return the resolved kind
   */
  public IndexKind kind() {
    return kind;
  }

  /**
   * Returns the row stored at a position of the tree order. Visiting positions in order keeps
   * consecutive queries close in space, so their paths through the tree share cache lines: parallel
   * passes over all rows should iterate by position.
   *
   * @param position in {@code [0, n)}
   * @return the row index
   * @throws ArrayIndexOutOfBoundsException if out of range
   */
  public int rowAt(int position) {
    return rowOf[position];
  }

  /**
   * Returns the position of a row in the tree order; the inverse of {@link #rowAt(int)}.
   *
   * @param row a row index in {@code [0, n)}
   * @return its position
   * @throws ArrayIndexOutOfBoundsException if out of range
   */
  public int positionOf(int row) {
    return posOf[row];
  }

  /**
   * Returns the rank form ({@link Distance#rank}) of the distance between two indexed rows, from
   * the index's own copy (for cosine, the rows scaled to unit length) and kernel, so that it
   * compares exactly with the searches' radii and {@link Searcher#kthRankOfRow}. O(d).
   *
   * @param a an indexed row
   * @param b another indexed row
   * @return the rank-form distance
   * @throws ArrayIndexOutOfBoundsException if a row is out of range
   */
  public double rankBetweenRows(int a, int b) {
    return distance.rank(pts, posOf[a] * d, pts, posOf[b] * d, d);
  }

  /**
   * The rank form of the distance from a query to the bounding box of a node: a lower bound of its
   * distance to every point in the node (rounding is monotone, so it never exceeds one).
   */
  double boxRank(double[] q, int qOff, int node) {
    boolean l2 = distance.isSquaredEuclideanRank();
    double near = 0;
    int b = node * d;
    for (int j = 0; j < d; j++) {
      double v = q[qOff + j];
      double gap = Math.max(0, Math.max(lo[b + j] - v, v - hi[b + j]));
      near += l2 ? gap * gap : gap;
    }
    return near;
  }

  /**
   * Creates the per-thread scratch space queries need. Cheap; create one per worker, not per query.
   *
   * @return a new searcher over this index
   */
  public Searcher searcher() {
    return new Searcher();
  }

  private void build(int node, int s, int e, int level) {
    start[node] = s;
    end[node] = e;
    int widest = 0;
    double extent = -1;
    for (int j = 0; j < d; j++) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int p = s; p < e; p++) {
        double v = pts[p * d + j];
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      lo[node * d + j] = min;
      hi[node * d + j] = max;
      if (max - min > extent) {
        extent = max - min;
        widest = j;
      }
    }
    if (level == depth) {
      return;
    }
    int mid = (s + e) >>> 1;
    select(s, e - 1, mid, widest);
    build(2 * node + 1, s, mid, level + 1);
    build(2 * node + 2, mid, e, level + 1);
  }

  /**
   * Rearranges rows {@code [left, right]} so that row {@code k} holds the value of rank {@code k}
   * in column {@code j}, smaller-or-equal rows before it and greater-or-equal after (Hoare
   * partition: runs of equal values split evenly, so duplicates cannot unbalance the tree).
   */
  private void select(int left, int right, int k, int j) {
    int l = left;
    int r = right;
    while (r > l) {
      int m = (l + r) >>> 1;
      // median of three as pivot keeps sorted and reverse-sorted input linear
      double a = key(l, j);
      double b = key(m, j);
      double c = key(r, j);
      double pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
      int i = l;
      int h = r;
      while (i <= h) {
        while (key(i, j) < pivot) {
          i++;
        }
        while (key(h, j) > pivot) {
          h--;
        }
        if (i <= h) {
          swap(i, h);
          i++;
          h--;
        }
      }
      if (k <= h) {
        r = h;
      } else if (k >= i) {
        l = i;
      } else {
        return;
      }
    }
  }

  private double key(int p, int j) {
    return pts[p * d + j];
  }

  private void swap(int a, int b) {
    for (int j = 0; j < d; j++) {
      double t = pts[a * d + j];
      pts[a * d + j] = pts[b * d + j];
      pts[b * d + j] = t;
    }
    int t = rowOf[a];
    rowOf[a] = rowOf[b];
    rowOf[b] = t;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /**
   * Per-thread query state over one index: a traversal stack, a buffer for the query in the index's
   * space and a k-nearest-neighbour heap, all allocated once. Not thread-safe; each thread creates
   * its own with {@link NeighborIndex#searcher()}.
   */
  public final class Searcher {
    private final int[] stack = new int[2 * depth + 4];
    private final double[] stackBound = new double[2 * depth + 4];
    private final double[] query = new double[d];
    private final int[] one = new int[1];
    private final double[] oneDistance = new double[1];
    private int[] heapRows = new int[0];
    private double[] heapDist = new double[0];
    private long computed;

    private Searcher() {}

    /**
     * Appends to {@code out} every indexed row within {@code radius} of {@code q} (boundary
     * included), in a deterministic order (tree order). Complexity: O(log n + m) node visits on
     * low-dimensional data with {@code m} results; at worst O(n d).
     *
     * @param q array holding the query
     * @param qOff offset of the query in {@code q}
     * @param radius a distance, {@code >= 0}
     * @param out receives row indices; not cleared first
     * @throws IllegalArgumentException if {@code radius} is negative or NaN, or for {@link
     *     Distance#COSINE} if the query is all zeros
     */
    public void range(double[] q, int qOff, double radius, IntArrayList out) {
      search(prepare(q, qOff), 0, rankRadius(radius), out, Integer.MAX_VALUE, rowOf, n);
    }

    /**
     * Appends to {@code out} every indexed row within {@code radius} of indexed row {@code row},
     * the row itself included. Complexity as {@link #range(double[], int, double, IntArrayList)}.
     *
     * @param row an indexed row, in {@code [0, n)}
     * @param radius a distance, {@code >= 0}
     * @param out receives row indices; not cleared first
     * @throws IllegalArgumentException if {@code radius} is negative or NaN
     * @throws ArrayIndexOutOfBoundsException if {@code row} is out of range
     */
    public void rangeOfRow(int row, double radius, IntArrayList out) {
      search(pts, posOf[row] * d, rankRadius(radius), out, Integer.MAX_VALUE, rowOf, n);
    }

    /**
     * Counts indexed rows within {@code radius} of indexed row {@code row} (itself included),
     * stopping as soon as {@code limit} are found: a density test needs to know only whether a
     * neighbourhood reaches a size, which in dense regions is far cheaper than listing it.
     *
     * @param row an indexed row, in {@code [0, n)}
     * @param radius a distance, {@code >= 0}
     * @param limit stop counting at this many, {@code >= 1}
     * @return {@code min(limit, count)}
     * @throws IllegalArgumentException if {@code radius} is negative or NaN
     * @throws ArrayIndexOutOfBoundsException if {@code row} is out of range
     */
    public int countOfRow(int row, double radius, int limit) {
      return search(pts, posOf[row] * d, rankRadius(radius), null, limit, rowOf, n);
    }

    /**
     * Appends to {@code out} the tree-order <em>positions</em> ({@link NeighborIndex#rowAt(int)})
     * of every point within {@code radius} of the point at {@code position}, itself included.
     * Algorithms that run many queries keep their per-point state by position: neighbours are then
     * close together in memory, which on large data is worth more than the search itself.
     *
     * @param position a position in {@code [0, n)}
     * @param radius a distance, {@code >= 0}
     * @param out receives positions; not cleared first
     * @throws IllegalArgumentException if {@code radius} is negative or NaN
     * @throws ArrayIndexOutOfBoundsException if {@code position} is out of range
     */
    public void rangeAtPosition(int position, double radius, IntArrayList out) {
      search(pts, position * d, rankRadius(radius), out, Integer.MAX_VALUE, null, n);
    }

    /**
     * As {@link #rangeAtPosition}, but only positions below {@code position}: the neighbours a
     * symmetric pass over all points has not yet visited from their own side. Whole subtrees past
     * {@code position} are skipped, which halves the work of such a pass.
     *
     * @param position a position in {@code [0, n)}
     * @param radius a distance, {@code >= 0}
     * @param out receives positions below {@code position}; not cleared first
     * @throws IllegalArgumentException if {@code radius} is negative or NaN
     * @throws ArrayIndexOutOfBoundsException if {@code position} is out of range
     */
    public void rangeBeforePosition(int position, double radius, IntArrayList out) {
      search(pts, position * d, rankRadius(radius), out, Integer.MAX_VALUE, null, position);
    }

    /**
     * Counts points within {@code radius} of the point at {@code position} (itself included),
     * stopping at {@code limit}; {@link #countOfRow} by position.
     *
     * @param position a position in {@code [0, n)}
     * @param radius a distance, {@code >= 0}
     * @param limit stop counting at this many, {@code >= 1}
     * @return {@code min(limit, count)}
     * @throws IllegalArgumentException if {@code radius} is negative or NaN
     * @throws ArrayIndexOutOfBoundsException if {@code position} is out of range
     */
    public int countAtPosition(int position, double radius, int limit) {
      return search(pts, position * d, rankRadius(radius), null, limit, null, n);
    }

    /**
     * Finds the {@code k} indexed rows nearest to {@code q}, ordered by distance, ties by row
     * index. Complexity O(k log k + log n) node visits on low-dimensional data, at worst O(n d).
     *
     * @param q array holding the query
     * @param qOff offset of the query in {@code q}
     * @param k how many neighbours, {@code >= 1}
     * @param rows receives the row indices, length {@code >= min(k, n)}
     * @param distances receives their distances, length {@code >= min(k, n)}
     * @return the number found, {@code min(k, n)}
     * @throws IllegalArgumentException if {@code k < 1}, or for {@link Distance#COSINE} if the
     *     query is all zeros
     */
    public int knn(double[] q, int qOff, int k, int[] rows, double[] distances) {
      return nearest(prepare(q, qOff), 0, k, rows, distances);
    }

    /**
     * Finds the {@code k} indexed rows nearest to indexed row {@code row}, the row itself (at
     * distance 0) included; ordered by distance, ties by row index.
     *
     * @param row an indexed row, in {@code [0, n)}
     * @param k how many neighbours, {@code >= 1}
     * @param rows receives the row indices, length {@code >= min(k, n)}
     * @param distances receives their distances, length {@code >= min(k, n)}
     * @return the number found, {@code min(k, n)}
     * @throws IllegalArgumentException if {@code k < 1}
     * @throws ArrayIndexOutOfBoundsException if {@code row} is out of range
     */
    public int knnOfRow(int row, int k, int[] rows, double[] distances) {
      return nearest(pts, posOf[row] * d, k, rows, distances);
    }

    /**
     * Returns the indexed row nearest to {@code q} if it lies within {@code radius} (boundary
     * included), else -1; ties go to the lowest row. Complexity as a 1-nearest-neighbour query.
     *
     * @param q array holding the query
     * @param qOff offset of the query in {@code q}
     * @param radius a distance, {@code >= 0}
     * @return a row index, or -1 if no indexed row is within {@code radius}
     * @throws IllegalArgumentException if {@code radius} is negative or NaN, or for {@link
     *     Distance#COSINE} if the query is all zeros
     */
    public int nearestWithin(double[] q, int qOff, double radius) {
      double r = rankRadius(radius);
      double[] z = prepare(q, qOff);
      if (n == 0) {
        return -1;
      }
      nearest(z, 0, 1, one, oneDistance);
      int row = one[0];
      // the same kernel as the search, so the test agrees with range queries at the boundary
      return distance.rank(z, 0, pts, posOf[row] * d, d) <= r ? row : -1;
    }

    /**
     * Returns the number of point distances this searcher has computed so far (points of boxes
     * entirely inside a radius are taken without computing theirs).
     *
     * @return the running count
     */
    public long distanceComputations() {
      return computed;
    }

    private double[] prepare(double[] q, int qOff) {
      System.arraycopy(q, qOff, query, 0, d);
      try {
        distance.normalize(query, 1, d);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "the query is all zeros and has no direction for the cosine distance", e);
      }
      return query;
    }

    private double rankRadius(double radius) {
      if (!(radius >= 0)) {
        throw new IllegalArgumentException("radius must be >= 0, got " + radius);
      }
      return distance.toRank(radius);
    }

    /** Range search in rank space. With {@code out == null} it only counts, up to {@code limit}. */
    private int search(
        double[] q, int qOff, double r, IntArrayList out, int limit, int[] ids, int endPos) {
      boolean l2 = distance.isSquaredEuclideanRank();
      int found = 0;
      int top = 0;
      stack[top++] = 0;
      while (top > 0) {
        int node = stack[--top];
        int s = start[node];
        int e = Math.min(end[node], endPos);
        if (s >= e) {
          continue;
        }
        double near = 0;
        double far = 0;
        int b = node * d;
        for (int j = 0; j < d; j++) {
          double v = q[qOff + j];
          double below = lo[b + j] - v;
          double above = v - hi[b + j];
          double gap = Math.max(0, Math.max(below, above));
          double span = Math.max(-below, -above);
          near += l2 ? gap * gap : gap;
          far += l2 ? span * span : span;
        }
        if (near > r) {
          continue;
        }
        if (far <= r) {
          if (out != null) {
            for (int p = s; p < e; p++) {
              out.add(ids == null ? p : ids[p]);
            }
          }
          found += e - s;
          if (found >= limit) {
            return limit;
          }
          continue;
        }
        if (node < firstLeaf) {
          stack[top++] = 2 * node + 2;
          stack[top++] = 2 * node + 1;
          continue;
        }
        computed += e - s;
        for (int p = s; p < e; p++) {
          double dist = rank(l2, q, qOff, p);
          if (dist <= r) {
            if (out != null) {
              out.add(ids == null ? p : ids[p]);
            }
            if (++found >= limit) {
              return limit;
            }
          }
        }
      }
      return found;
    }

    /**
     * Returns the rank form ({@link Distance#rank}) of the distance from indexed row {@code row} to
     * its {@code k}-th nearest indexed row, itself counted: the core distance of density-based
     * methods, kept in rank form so that it compares exactly with other rank forms (DBSCAN's radius
     * test is {@code rank <= toRank(eps)}). Complexity as {@link #knnOfRow}.
     *
     * @param row an indexed row, in {@code [0, n)}
     * @param k which neighbour, {@code >= 1}; above n means the farthest
     * @return the rank-form distance
     * @throws IllegalArgumentException if {@code k < 1}
     * @throws ArrayIndexOutOfBoundsException if {@code row} is out of range
     */
    public double kthRankOfRow(int row, int k) {
      return kthRankAtPosition(posOf[row], k);
    }

    /** {@link #kthRankOfRow} by tree position. */
    double kthRankAtPosition(int position, int k) {
      fillHeap(pts, position * d, k);
      return heapDist[0]; // the root of the max-heap is the farthest of the k
    }

    private int nearest(double[] q, int qOff, int k, int[] rows, double[] distances) {
      int size = fillHeap(q, qOff, k);
      // pop the max-heap from the back to get ascending order
      for (int i = size - 1; i >= 0; i--) {
        rows[i] = heapRows[0];
        distances[i] = distance.fromRank(heapDist[0]);
        int lastRow = heapRows[i];
        double lastDist = heapDist[i];
        if (i > 0) {
          siftDown(i, lastDist, lastRow);
        }
      }
      return size;
    }

    /** Fills the max-heap with the {@code min(k, n)} nearest points; returns how many. */
    private int fillHeap(double[] q, int qOff, int k) {
      if (k < 1) {
        throw new IllegalArgumentException("k must be >= 1, got " + k);
      }
      int want = Math.min(k, n);
      if (heapRows.length < want) {
        heapRows = new int[want];
        heapDist = new double[want];
      }
      boolean l2 = distance.isSquaredEuclideanRank();
      int size = 0;
      int top = 0;
      stack[top] = 0;
      stackBound[top++] = 0;
      while (top > 0) {
        top--;
        int node = stack[top];
        if (size == want && stackBound[top] > heapDist[0]) {
          continue;
        }
        int s = start[node];
        int e = end[node];
        if (node < firstLeaf) {
          int left = 2 * node + 1;
          int right = left + 1;
          double dl = boxDistance(q, qOff, left);
          double dr = boxDistance(q, qOff, right);
          // the nearer child goes on top so it is searched first and tightens the heap
          int first = dl <= dr ? left : right;
          int second = first == left ? right : left;
          stack[top] = second;
          stackBound[top++] = Math.max(dl, dr);
          stack[top] = first;
          stackBound[top++] = Math.min(dl, dr);
          continue;
        }
        computed += e - s;
        for (int p = s; p < e; p++) {
          double dist = rank(l2, q, qOff, p);
          int row = rowOf[p];
          if (size < want) {
            siftUp(size++, dist, row);
          } else if (before(dist, row, heapDist[0], heapRows[0])) {
            siftDown(size, dist, row);
          }
        }
      }
      return size;
    }

    private double boxDistance(double[] q, int qOff, int node) {
      return boxRank(q, qOff, node);
    }

    private double rank(boolean l2, double[] q, int qOff, int p) {
      // a direct call for the common squared-Euclidean case keeps the leaf loop monomorphic
      return l2
          ? SquaredEuclidean.distance(q, qOff, pts, p * d, d)
          : distance.rank(q, qOff, pts, p * d, d);
    }

    /** Whether (d1, r1) comes before (d2, r2): nearer, or as near with a lower row. */
    private boolean before(double d1, int r1, double d2, int r2) {
      return d1 < d2 || (d1 == d2 && r1 < r2);
    }

    private void siftUp(int i, double dist, int row) {
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!before(heapDist[parent], heapRows[parent], dist, row)) {
          break;
        }
        heapDist[i] = heapDist[parent];
        heapRows[i] = heapRows[parent];
        i = parent;
      }
      heapDist[i] = dist;
      heapRows[i] = row;
    }

    /** Replaces the root of a heap of {@code size} entries by (dist, row) and restores order. */
    private void siftDown(int size, double dist, int row) {
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size
            && before(heapDist[child], heapRows[child], heapDist[child + 1], heapRows[child + 1])) {
          child++;
        }
        if (!before(dist, row, heapDist[child], heapRows[child])) {
          break;
        }
        heapDist[i] = heapDist[child];
        heapRows[i] = heapRows[child];
        i = child;
      }
      heapDist[i] = dist;
      heapRows[i] = row;
    }
  }
}
