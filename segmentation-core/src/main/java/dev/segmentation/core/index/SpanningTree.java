package dev.segmentation.core.index;

import dev.segmentation.core.data.Rows;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.parallel.Blocks;
import java.util.Arrays;
import java.util.Objects;

/**
 * The minimum spanning tree of the mutual-reachability graph of indexed points, the backbone of
 * HDBSCAN* (Campello, Moulavi and Sander 2013): the weight of the edge between points {@code a} and
 * {@code b} is {@code max(core(a), core(b), d(a, b))}, where {@code core(p)} is the distance from
 * {@code p} to its {@code minSamples}-th nearest point, itself counted. With {@code minSamples = 1}
 * every core distance is 0 and this is the Euclidean (or Manhattan, cosine) minimum spanning tree,
 * whose sorted edges are single linkage.
 *
 * <p><b>Ties.</b> Edges are totally ordered by weight, then by the lower row, then by the higher
 * row. Under a total order the minimum spanning tree is unique, so both algorithms below return the
 * same tree, and so does any direct implementation that breaks ties the same way; the edges come
 * out sorted in that order.
 *
 * <p><b>Algorithms.</b> On a k-d tree, Borůvka's algorithm over the tree, the approach of McInnes
 * and Healy (2017, "Accelerated hierarchical density based clustering", ICDM Workshops) with a
 * single-tree search per point: every round, each point looks for its lightest edge to another
 * component, skipping tree nodes whose points are all in its own component and nodes whose lower
 * bound {@code max(core(p), min core in node, box distance)} exceeds the lightest edge its
 * component has found so far; a point whose own core distance exceeds that edge is skipped whole.
 * Each round at least halves the number of components, so there are at most {@code log2 n} rounds;
 * on low-dimensional data a round costs about O(n log n) distance computations, so the tree costs
 * O(n log^2 n) in practice (O(n^2 d) per round at worst). On the brute-force index (high
 * dimensions, where a tree prunes nothing), Prim's algorithm with distances computed on the fly,
 * O(n^2 d) time. Memory O(n) beyond the index either way: no distance matrix. Core distances come
 * from the index's k-nearest-neighbour search, O(n (minSamples + log n)).
 *
 * <p><b>Threads.</b> Core distances and each Borůvka round run over fixed blocks of points; each
 * point writes only its own slots and the rounds are combined in point order, so the tree does not
 * depend on the thread count (and would not anyway: it is unique).
 */
public final class SpanningTree {
  private final int[] from;
  private final int[] to;
  private final double[] weight;
  private final double[] core;
  private final int rounds;
  private long distances;

  private SpanningTree(int[] from, int[] to, double[] weight, double[] core, int rounds) {
    this.from = from;
    this.to = to;
    this.weight = weight;
    this.core = core;
    this.rounds = rounds;
  }

  /**
   * Computes the core distances and the minimum spanning tree of the mutual-reachability graph.
   *
   * @param index the points, in the metric the tree measures
   * @param minSamples the neighbour whose distance is the core distance, the point counted, {@code
   *     >= 1} (values above {@code n} mean {@code n})
   * @param blocks the parallel blocks over {@code index.size()} points
   * @return the tree, {@code n - 1} edges sorted by the total order of the class description
   * @throws IllegalArgumentException if {@code minSamples < 1} or the blocks do not cover {@code
   *     index.size()} points
   */
  public static SpanningTree mutualReachability(
      NeighborIndex index, int minSamples, Blocks blocks) {
    Objects.requireNonNull(index, "index");
    if (minSamples < 1) {
      throw new IllegalArgumentException("minSamples must be >= 1, got " + minSamples);
    }
    int n = index.n;
    if (blocks.end(blocks.count() - 1) != n) {
      throw new IllegalArgumentException("blocks cover " + blocks.end(blocks.count() - 1));
    }
    double[] coreRank = new double[n];
    long computed = 0;
    if (minSamples > 1) {
      int k = Math.min(minSamples, n);
      NeighborIndex.Searcher[] searchers = new NeighborIndex.Searcher[blocks.workers()];
      for (int w = 0; w < searchers.length; w++) {
        searchers[w] = index.searcher();
      }
      blocks.run(
          (worker, block, start, end) -> {
            for (int pos = start; pos < end; pos++) {
              coreRank[pos] = searchers[worker].kthRankAtPosition(pos, k);
            }
          });
      for (NeighborIndex.Searcher s : searchers) {
        computed += s.distanceComputations();
      }
    }
    Edges edges = new Edges(n);
    int rounds = 0;
    if (n > 1) {
      if (index.kind == IndexKind.KD_TREE) {
        Boruvka b = new Boruvka(index, coreRank, blocks, edges);
        rounds = b.run();
        for (long c : b.computed) {
          computed += c;
        }
      } else {
        prim(index, coreRank, edges);
        rounds = 1;
        computed += (long) n * (n - 1) / 2;
      }
    }
    double[] core = new double[n];
    for (int pos = 0; pos < n; pos++) {
      core[index.rowOf[pos]] = index.distance.fromRank(coreRank[pos]);
    }
    SpanningTree tree = edges.sorted(index, core, rounds);
    tree.distances = computed;
    return tree;
  }

  /**
   * Returns the number of edges, {@code n - 1} (0 for no points).
   *
   * @return the edge count
   */
  public int size() {
    return weight.length;
  }

  /**
   * Returns the lower row of edge {@code e}.
   *
   * @param e an edge in {@code [0, size())}, in ascending order
   * @return a row index
   */
  public int from(int e) {
    return from[e];
  }

  /**
   * Returns the higher row of edge {@code e}.
   *
   * @param e an edge in {@code [0, size())}
   * @return a row index above {@link #from(int)}
   */
  public int to(int e) {
    return to[e];
  }

  /**
   * Returns the mutual-reachability distance of edge {@code e}.
   *
   * @param e an edge in {@code [0, size())}
   * @return its weight, non-decreasing in {@code e}
   */
  public double weight(int e) {
    return weight[e];
  }

  /**
   * Returns the core distances by row (a copy).
   *
   * @return {@code n} distances, 0 everywhere when {@code minSamples = 1}
   */
  public double[] coreDistances() {
    return core.clone();
  }

  /**
   * Returns the number of point distances computed: the core distances' searches and the tree's.
   *
   * @return the count
   */
  public long distanceComputations() {
    return distances;
  }

  /**
   * Returns the number of Borůvka rounds the tree took (1 for Prim), for benchmarks and tests.
   *
   * @return the rounds
   */
  public int rounds() {
    return rounds;
  }

  /** Whether edge (w1; a1, b1) comes before (w2; a2, b2), rows compared low then high. */
  static boolean before(double w1, int a1, int b1, double w2, int a2, int b2) {
    if (w1 != w2) {
      return w1 < w2;
    }
    int lo1 = Math.min(a1, b1);
    int lo2 = Math.min(a2, b2);
    if (lo1 != lo2) {
      return lo1 < lo2;
    }
    return Math.max(a1, b1) < Math.max(a2, b2);
  }

  private static double rank(NeighborIndex index, int p, int q) {
    int d = index.d;
    return index.distance.isSquaredEuclideanRank()
        ? SquaredEuclidean.distance(index.pts, p * d, index.pts, q * d, d)
        : index.distance.rank(index.pts, p * d, index.pts, q * d, d);
  }

  /** Prim's algorithm on the mutual-reachability graph, points by position. */
  private static void prim(NeighborIndex index, double[] core, Edges edges) {
    int n = index.n;
    int[] rowOf = index.rowOf;
    boolean[] in = new boolean[n];
    double[] best = new double[n];
    int[] via = new int[n];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    Arrays.fill(via, -1);
    int current = 0;
    in[0] = true;
    for (int e = 0; e < n - 1; e++) {
      int next = -1;
      int rc = rowOf[current];
      for (int j = 0; j < n; j++) {
        if (in[j]) {
          continue;
        }
        double w = Math.max(Math.max(core[current], core[j]), rank(index, current, j));
        int rj = rowOf[j];
        if (via[j] < 0 || before(w, rc, rj, best[j], rowOf[via[j]], rj)) {
          best[j] = w;
          via[j] = current;
        }
        if (next < 0
            || before(best[j], rowOf[via[j]], rj, best[next], rowOf[via[next]], rowOf[next])) {
          next = j;
        }
      }
      edges.add(via[next], next, best[next]);
      in[next] = true;
      current = next;
    }
  }

  /** Edges by position and rank-form weight, as found. */
  private static final class Edges {
    final int[] a;
    final int[] b;
    final double[] w;
    int size;

    Edges(int n) {
      a = new int[Math.max(0, n - 1)];
      b = new int[a.length];
      w = new double[a.length];
    }

    void add(int p, int q, double weight) {
      a[size] = p;
      b[size] = q;
      w[size] = weight;
      size++;
    }

    SpanningTree sorted(NeighborIndex index, double[] core, int rounds) {
      int m = size;
      int[] lo = new int[m];
      int[] hi = new int[m];
      for (int e = 0; e < m; e++) {
        int ra = index.rowOf[a[e]];
        int rb = index.rowOf[b[e]];
        lo[e] = Math.min(ra, rb);
        hi[e] = Math.max(ra, rb);
      }
      int[] order =
          Rows.stableOrder(
              m,
              (x, y) -> {
                int c = Double.compare(w[x], w[y]);
                if (c != 0) {
                  return c;
                }
                c = Integer.compare(lo[x], lo[y]);
                return c != 0 ? c : Integer.compare(hi[x], hi[y]);
              });
      int[] from = new int[m];
      int[] to = new int[m];
      double[] weight = new double[m];
      for (int t = 0; t < m; t++) {
        int e = order[t];
        from[t] = lo[e];
        to[t] = hi[e];
        weight[t] = index.distance.fromRank(w[e]);
      }
      return new SpanningTree(from, to, weight, core, rounds);
    }
  }

  /** Borůvka's algorithm over the k-d tree, points by position, weights in rank form. */
  private static final class Boruvka {
    private final NeighborIndex index;
    private final double[] core;
    private final Blocks blocks;
    private final Edges edges;
    private final int n;
    private final int d;
    private final int[] component;
    private final int[] nodeComponent;
    private final double[] nodeMinCore;
    private final double[] bestWeight;
    private final int[] bestTo;
    private final double[][] bound;
    private final int[][] stacks;
    private final double[][] stackBounds;
    final long[] computed;

    Boruvka(NeighborIndex index, double[] core, Blocks blocks, Edges edges) {
      this.index = index;
      this.core = core;
      this.blocks = blocks;
      this.edges = edges;
      this.n = index.n;
      this.d = index.d;
      this.component = new int[n];
      for (int p = 0; p < n; p++) {
        component[p] = p;
      }
      int nodes = index.start.length;
      this.nodeComponent = new int[nodes];
      this.nodeMinCore = new double[nodes];
      for (int node = nodes - 1; node >= 0; node--) {
        double m = Double.POSITIVE_INFINITY;
        if (node >= index.firstLeaf) {
          for (int p = index.start[node]; p < index.end[node]; p++) {
            m = Math.min(m, core[p]);
          }
        } else {
          m = Math.min(nodeMinCore[2 * node + 1], nodeMinCore[2 * node + 2]);
        }
        nodeMinCore[node] = m;
      }
      this.bestWeight = new double[n];
      this.bestTo = new int[n];
      int workers = blocks.workers();
      this.bound = new double[workers][n];
      this.stacks = new int[workers][2 * index.depth + 4];
      this.stackBounds = new double[workers][2 * index.depth + 4];
      this.computed = new long[workers];
    }

    int run() {
      int components = n;
      int rounds = 0;
      int[] chosen = new int[n];
      while (components > 1) {
        rounds++;
        labelNodes();
        for (double[] b : bound) {
          Arrays.fill(b, Double.POSITIVE_INFINITY);
        }
        blocks.run(
            (worker, block, start, end) -> {
              for (int p = start; p < end; p++) {
                search(worker, p);
              }
            });
        // the lightest edge of each component, by the total order
        Arrays.fill(chosen, -1);
        int[] rowOf = index.rowOf;
        for (int p = 0; p < n; p++) {
          int q = bestTo[p];
          if (q < 0) {
            continue;
          }
          int c = component[p];
          int o = chosen[c];
          if (o < 0
              || before(
                  bestWeight[p], rowOf[p], rowOf[q], bestWeight[o], rowOf[o], rowOf[bestTo[o]])) {
            chosen[c] = p;
          }
        }
        for (int c = 0; c < n; c++) {
          int p = chosen[c];
          if (p < 0) {
            continue;
          }
          int q = bestTo[p];
          int rp = find(p);
          int rq = find(q);
          // two components may choose the same edge; under a total order no other cycle forms
          if (rp != rq) {
            component[Math.max(rp, rq)] = Math.min(rp, rq);
            edges.add(p, q, bestWeight[p]);
            components--;
          }
        }
        for (int p = 0; p < n; p++) {
          component[p] = find(p);
        }
      }
      return rounds;
    }

    private int find(int p) {
      int root = p;
      while (component[root] != root) {
        root = component[root];
      }
      while (component[p] != root) {
        int up = component[p];
        component[p] = root;
        p = up;
      }
      return root;
    }

    /** Marks each tree node with the component of all its points, or -1 if they differ. */
    private void labelNodes() {
      for (int node = nodeComponent.length - 1; node >= 0; node--) {
        int c;
        if (node >= index.firstLeaf) {
          int s = index.start[node];
          int e = index.end[node];
          c = s < e ? component[s] : -1;
          for (int p = s + 1; p < e && c >= 0; p++) {
            if (component[p] != c) {
              c = -1;
            }
          }
        } else {
          int l = nodeComponent[2 * node + 1];
          c = l == nodeComponent[2 * node + 2] ? l : -1;
        }
        nodeComponent[node] = c;
      }
    }

    /** The lightest edge from the point at {@code p} to another component, within the bound. */
    private void search(int worker, int p) {
      int c = component[p];
      double[] compBound = bound[worker];
      double cp = core[p];
      bestTo[p] = -1;
      bestWeight[p] = Double.POSITIVE_INFINITY;
      if (cp > compBound[c]) {
        return; // every edge of p weighs at least its core distance
      }
      double[] pts = index.pts;
      int[] rowOf = index.rowOf;
      int rp = rowOf[p];
      boolean l2 = index.distance.isSquaredEuclideanRank();
      int[] stack = stacks[worker];
      double[] stackBound = stackBounds[worker];
      double limit = compBound[c];
      int best = -1;
      double bestW = Double.POSITIVE_INFINITY;
      int top = 0;
      stack[top] = 0;
      stackBound[top++] = cp;
      while (top > 0) {
        top--;
        int node = stack[top];
        // ties must still be searched: an equal weight may win on its rows
        if (stackBound[top] > limit || nodeComponent[node] == c) {
          continue;
        }
        if (node < index.firstLeaf) {
          int left = 2 * node + 1;
          int right = left + 1;
          double bl = lowerBound(p, cp, left);
          double br = lowerBound(p, cp, right);
          int first = bl <= br ? left : right;
          int second = first == left ? right : left;
          stack[top] = second;
          stackBound[top++] = Math.max(bl, br);
          stack[top] = first;
          stackBound[top++] = Math.min(bl, br);
          continue;
        }
        int leafStart = index.start[node];
        int leafEnd = index.end[node];
        computed[worker] += leafEnd - leafStart;
        for (int q = leafStart; q < leafEnd; q++) {
          if (component[q] == c) {
            continue;
          }
          double w = Math.max(cp, core[q]);
          if (w > limit) {
            continue;
          }
          double dist =
              l2
                  ? SquaredEuclidean.distance(pts, p * d, pts, q * d, d)
                  : index.distance.rank(pts, p * d, pts, q * d, d);
          w = Math.max(w, dist);
          if (w > limit) {
            continue;
          }
          if (best < 0 || before(w, rp, rowOf[q], bestW, rp, rowOf[best])) {
            best = q;
            bestW = w;
            limit = w;
          }
        }
      }
      if (best >= 0) {
        bestTo[p] = best;
        bestWeight[p] = bestW;
        compBound[c] = Math.min(compBound[c], bestW);
      }
    }

    private double lowerBound(int p, double cp, int node) {
      return Math.max(Math.max(cp, nodeMinCore[node]), index.boxRank(index.pts, p * d, node));
    }
  }
}
