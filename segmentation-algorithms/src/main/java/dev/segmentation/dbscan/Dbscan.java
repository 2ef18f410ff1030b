package dev.segmentation.dbscan;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.Progress;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.fit.FitFrame;
import dev.segmentation.core.fit.Prepared;
import dev.segmentation.core.fit.SegmenterBuilder;
import dev.segmentation.core.index.IndexKind;
import dev.segmentation.core.index.KDistance;
import dev.segmentation.core.index.NeighborIndex;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.preprocess.FittedScaling;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * DBSCAN (Ester, Kriegel, Sander and Xu, 1996): segments are dense regions of any shape, and
 * customers in no dense region are noise ({@link SegmentationResult#NOISE}, label -1), the outliers
 * not worth targeting. Start from {@code Segmentation.dbscan()}.
 *
 * <pre>{@code
 * SegmentationResult<DbscanModel> result = Segmentation.dbscan()
 *     .eps(0.3).minPoints(10)
 *     .preprocess(Scaling.standard())
 *     .fit(customers);
 * }</pre>
 *
 * <p><b>Definitions.</b> The neighbourhood of a row is every row within {@code eps} of it, boundary
 * included, <em>the row itself counted</em>. A row is a <em>core point</em> when its neighbourhood
 * holds at least {@code minPoints} rows, so {@code minPoints} counts the point itself, as in the
 * original paper and scikit-learn ({@code min_samples}); Smile and Commons Math do not count it, so
 * their {@code minPts} is this {@code minPoints - 1}. Core points within {@code eps} of each other
 * are in the same segment. A non-core row within {@code eps} of a core point is a <em>border
 * point</em>; every other row is noise.
 *
 * <p><b>Labels.</b> Segments are numbered 0, 1, ... in order of discovery by row index, that is in
 * order of their lowest core row, as a scan of the rows in order would find them. A border point
 * within reach of several segments goes to the first that reaches it in that scan: the lowest
 * segment label among its core neighbours. Labels depend only on the data and the options: no seed
 * is needed, and the thread count changes nothing.
 *
 * <p><b>Algorithm.</b> The rows go into a {@link NeighborIndex} (a k-d tree on low-dimensional
 * data, brute force otherwise), and all per-point state is kept in the tree's order, where spatial
 * neighbours are neighbours in memory. Parallel passes over fixed blocks of points follow: count
 * each neighbourhood up to {@code minPoints} (core flags); list the neighbourhood of each core
 * point and join it with its core neighbours in a concurrent union-find that always hangs the
 * higher root under the lower, so the sets are the connected components whatever the order; then
 * number the sets by their lowest core row (one sequential O(n) scan); finally list the
 * neighbourhood of each non-core point to label it. Each point writes only its own slots, so the
 * result does not depend on scheduling.
 *
 * <p><b>Complexity.</b> Time O(n log n + sum of neighbourhood sizes) on low-dimensional data with
 * the tree (at worst, and always with brute force, O(n^2 d)); memory O(n d) for the preprocessed
 * copy and the index plus O(n) for flags, union-find and labels: no neighbourhood lists are kept.
 *
 * <p>The {@link FitSummary} reports one iteration, an objective of NaN (DBSCAN minimises nothing)
 * and the point distances the searches computed (points of index nodes lying wholly within eps are
 * taken without one). Row weights are ignored (every row counts once). The builder is mutable and
 * meant for one thread; the model it returns is immutable.
 */
public final class Dbscan extends SegmenterBuilder<Dbscan, DbscanModel> {
  private static final String NAME = "dbscan";
  private double eps = 0.5;
  private int minPoints = 5;
  private Distance distance = Distance.EUCLIDEAN;
  private IndexKind index = IndexKind.AUTO;

  /** Creates a builder with the defaults; prefer {@code Segmentation.dbscan()}. */
  public Dbscan() {}

  @Override
  protected Dbscan self() {
    return this;
  }

  /**
   * Sets the neighbourhood radius, in the units of the preprocessed data.
   *
   * @param radius finite and {@code > 0}; default 0.5 (as scikit-learn). Use {@link
   *     #kDistance(Dataset)} to choose it.
   * @return this builder
   * @throws InvalidOptionException if not finite or {@code <= 0}
   */
  public Dbscan eps(double radius) {
    if (!(radius > 0) || !Double.isFinite(radius)) {
      throw new InvalidOptionException(
          "eps", radius, "must be finite and > 0; kDistance() suggests a value");
    }
    this.eps = radius;
    return this;
  }

  /**
   * Sets how many rows a neighbourhood must hold, the row itself included, for a core point.
   *
   * @param count {@code >= 1}; default 5 (as scikit-learn). 1 makes every row a core point.
   * @return this builder
   * @throws InvalidOptionException if {@code count < 1}
   */
  public Dbscan minPoints(int count) {
    if (count < 1) {
      throw new InvalidOptionException(
          "minPoints", count, "must be >= 1 (it counts the point itself)");
    }
    this.minPoints = count;
    return this;
  }

  /**
   * Chooses the distance.
   *
   * @param value the distance; default {@link Distance#EUCLIDEAN}
   * @return this builder
   */
  public Dbscan distance(Distance value) {
    this.distance = Objects.requireNonNull(value, "distance");
    return this;
  }

  /**
   * Chooses the neighbour index; every kind gives the same labels.
   *
   * @param value the index; default {@link IndexKind#AUTO}
   * @return this builder
   */
  public Dbscan index(IndexKind value) {
    this.index = Objects.requireNonNull(value, "index");
    return this;
  }

  /**
   * Computes the k-distance curve of the data with {@code k = minPoints}, under this builder's
   * preprocessing and distance, to choose {@code eps}: {@link KDistance#suggestedEps()} is the knee
   * of the curve. Complexity O(n (minPoints + log n)) on low-dimensional data.
   *
   * @param data the customers
   * @return the curve
   * @throws InvalidDataException if the data set has fewer rows than {@code minPoints}, a value is
   *     outside the domain of the preprocessing, or (cosine) a row is all zeros
   */
  public KDistance kDistance(Dataset data) {
    if (data.numRows() < minPoints) {
      throw new InvalidDataException(
          "the k-distance curve needs at least minPoints = "
              + minPoints
              + " rows, the data set has "
              + data.numRows());
    }
    FitFrame frame = frame(NAME);
    Indexed p = prepare(frame, data);
    return KDistance.of(p.index, minPoints, frame.blocks(data.numRows()));
  }

  /**
   * Fits DBSCAN. See the class description for the definitions, the algorithm and its complexity.
   * The data set is not modified.
   *
   * @throws InvalidDataException if the data set is empty, a value is outside the domain of the
   *     preprocessing, or (cosine) a row is all zeros; the message names the row
   * @throws FitCancelledException if the progress listener cancelled
   */
  @Override
  public SegmentationResult<DbscanModel> fit(Dataset data) {
    FitFrame frame = frame(NAME);
    Indexed p = prepare(frame, data);
    int n = p.n;
    NeighborIndex tree = p.index;
    ProgressListener listener = frame.listener();
    report(listener, "dbscan index (" + tree.kind() + ")", 1);
    Blocks blocks = frame.blocks(n);
    Worker[] workers = new Worker[blocks.workers()];
    for (int w = 0; w < workers.length; w++) {
      workers[w] = new Worker(tree);
    }

    // Per-point state is kept by tree position, not by row: spatial neighbours then sit close
    // together in memory, which on large data is worth more than the search itself.
    boolean[] core = new boolean[n];
    blocks.run(
        (worker, block, start, end) -> {
          NeighborIndex.Searcher s = workers[worker].searcher;
          for (int pos = start; pos < end; pos++) {
            core[pos] = s.countAtPosition(pos, eps, minPoints) >= minPoints;
          }
        });
    report(listener, "dbscan core points", 2);

    AtomicIntegerArray parent = new AtomicIntegerArray(n);
    for (int i = 0; i < n; i++) {
      parent.set(i, i);
    }
    blocks.run(
        (worker, block, start, end) -> {
          Worker w = workers[worker];
          for (int pos = start; pos < end; pos++) {
            if (!core[pos]) {
              continue;
            }
            w.neighbours.clear();
            // each edge is seen from both ends; joining from the higher end suffices
            w.searcher.rangeBeforePosition(pos, eps, w.neighbours);
            int[] nb = w.neighbours.elements();
            int root = find(parent, pos);
            for (int t = 0, m = w.neighbours.size(); t < m; t++) {
              int other = nb[t];
              if (core[other]) {
                root = union(parent, root, other);
              }
            }
          }
        });
    // point every position straight at its root, so the numbering below reads plain values
    blocks.run(
        (worker, block, start, end) -> {
          for (int i = start; i < end; i++) {
            parent.set(i, find(parent, i));
          }
        });

    // Number the segments in order of their lowest core row, as a scan by row would find them.
    int[] segmentOfRoot = new int[n];
    Arrays.fill(segmentOfRoot, -1);
    int[] labels = new int[n];
    int segments = 0;
    IntArrayList coreRows = new IntArrayList();
    for (int row = 0; row < n; row++) {
      int pos = tree.positionOf(row);
      if (core[pos]) {
        int root = parent.get(pos);
        if (segmentOfRoot[root] < 0) {
          segmentOfRoot[root] = segments++;
        }
        labels[row] = segmentOfRoot[root];
        coreRows.add(row);
      } else {
        labels[row] = SegmentationResult.NOISE;
      }
    }
    report(listener, "dbscan segments", 3);

    // A border point takes the lowest segment among its core neighbours: the first to reach it.
    blocks.run(
        (worker, block, start, end) -> {
          Worker w = workers[worker];
          for (int pos = start; pos < end; pos++) {
            if (core[pos]) {
              continue;
            }
            w.neighbours.clear();
            w.searcher.rangeAtPosition(pos, eps, w.neighbours);
            int best = Integer.MAX_VALUE;
            int[] nb = w.neighbours.elements();
            for (int t = 0, m = w.neighbours.size(); t < m; t++) {
              if (core[nb[t]]) {
                best = Math.min(best, segmentOfRoot[parent.get(nb[t])]);
              }
            }
            labels[tree.rowAt(pos)] = best == Integer.MAX_VALUE ? SegmentationResult.NOISE : best;
          }
        });
    report(listener, "dbscan border points", 4);

    long distances = 0;
    for (Worker w : workers) {
      distances += w.searcher.distanceComputations();
    }
    int[] cores = coreRows.toIntArray();
    double[] corePoints = new double[cores.length * p.d];
    int[] coreLabels = new int[cores.length];
    for (int c = 0; c < cores.length; c++) {
      System.arraycopy(p.x, cores[c] * p.d, corePoints, c * p.d, p.d);
      coreLabels[c] = labels[cores[c]];
    }
    DbscanModel model =
        new DbscanModel(
            segments,
            n,
            cores,
            corePoints,
            coreLabels,
            eps,
            minPoints,
            distance,
            index,
            data.columnNames(),
            p.scaling);
    FitSummary summary =
        frame.summary(
            "dbscan (" + tree.kind() + ", " + distance + ")",
            1,
            true,
            Double.NaN,
            distances,
            new double[0]);
    Map<String, String> options = new LinkedHashMap<>();
    options.put("eps", Double.toString(eps));
    options.put("minPoints", Integer.toString(minPoints));
    options.put("distance", distance.name());
    options.put("index", index.name());
    return new SegmentationResult<>(
        labels,
        model.withProvenance(frame.provenance(options, null, n, data.columnNames(), summary)),
        summary);
  }

  private Indexed prepare(FitFrame frame, Dataset data) {
    Prepared p = frame.prepare(data, "DBSCAN needs at least one row", null);
    NeighborIndex built;
    try {
      built = NeighborIndex.build(p.rows(), p.n(), p.d(), distance, index);
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException(e.getMessage(), e);
    }
    return new Indexed(p.rows(), p.n(), p.d(), p.scaling(), built);
  }

  private static void report(ProgressListener listener, String stage, int step) {
    if (listener != ProgressListener.NONE
        && !listener.onProgress(new Progress(stage, step, 4, Double.NaN))) {
      throw new FitCancelledException(stage + " cancelled after step " + step + " of 4");
    }
  }

  /**
   * Joins the set whose root was {@code root} with the set of {@code b}, hanging the higher root
   * under the lower one (so the result is one set per component whatever the order of the unions),
   * and returns the root of the joined set.
   */
  private static int union(AtomicIntegerArray parent, int root, int b) {
    int ra = root;
    while (true) {
      ra = find(parent, ra);
      int rb = find(parent, b);
      if (ra == rb) {
        return ra;
      }
      int high = Math.max(ra, rb);
      int low = Math.min(ra, rb);
      // fails only if another thread linked `high` meanwhile: then retry from the new roots
      if (parent.compareAndSet(high, high, low)) {
        return low;
      }
    }
  }

  /** Finds the root with path halving; safe under concurrent unions (parents only move up). */
  private static int find(AtomicIntegerArray parent, int x) {
    int i = x;
    while (true) {
      int p = parent.get(i);
      if (p == i) {
        return i;
      }
      int gp = parent.get(p);
      if (gp != p) {
        parent.compareAndSet(i, p, gp);
      }
      i = p;
    }
  }

  private static final class Worker {
    final NeighborIndex.Searcher searcher;
    final IntArrayList neighbours = new IntArrayList();

    Worker(NeighborIndex index) {
      this.searcher = index.searcher();
    }
  }

  /** The preprocessed rows, the fitted scaling and the index over them. */
  private static final class Indexed {
    final double[] x;
    final int n;
    final int d;
    final FittedScaling scaling;
    final NeighborIndex index;

    Indexed(double[] x, int n, int d, FittedScaling scaling, NeighborIndex index) {
      this.x = x;
      this.n = n;
      this.d = d;
      this.scaling = scaling;
      this.index = index;
    }
  }

  @Override
  public String toString() {
    return "Dbscan[eps="
        + eps
        + ", minPoints="
        + minPoints
        + ", distance="
        + distance
        + ", index="
        + index
        + "]";
  }
}
