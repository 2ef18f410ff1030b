package dev.segmentation.optics;

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
import dev.segmentation.core.index.NeighborIndex;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.dbscan.DbscanModel;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * OPTICS (Ankerst, Breunig, Kriegel and Sander 1999, "OPTICS: ordering points to identify the
 * clustering structure", SIGMOD): orders the rows so that every density level's clusters are runs
 * of the order, and records how each row was reached. One ordering serves DBSCAN at every radius up
 * to {@code maxEps} and the xi-steep clusters of varying density. Start from {@code
 * Segmentation.optics()}.
 *
 * <pre>{@code
 * ReachabilityPlot plot = Segmentation.optics().minPoints(10).maxEps(2.0)
 *     .preprocess(Scaling.standard())
 *     .order(customers);
 * int[] byXi = plot.xi(0.05, 10, true).labels();
 * int[] atRadius = plot.dbscanCut(0.5);   // DBSCAN(eps = 0.5, minPoints = 10) on core points
 * }</pre>
 *
 * <p><b>Definitions</b>, as this library's DBSCAN: the core distance of a row is the distance to
 * its {@code minPoints}-th nearest row, <em>itself counted</em> (scikit-learn's {@code
 * min_samples}), undefined (infinite) beyond {@code maxEps}. The reachability of row {@code q} from
 * a core row {@code p} is {@code max(core(p), d(p, q))}; each row keeps the smallest reachability
 * from the rows processed before it.
 *
 * <p><b>Order and ties.</b> The next row is the unprocessed row of smallest reachability, ties to
 * the lowest row, and when no unprocessed row has been reached, the lowest unprocessed row: the
 * order scikit-learn's {@code OPTICS} produces. A reachability improves only when strictly smaller.
 *
 * <p><b>Complexity.</b> Core distances from the index's nearest-neighbour search (in parallel);
 * then the ordering walks every row once with a range query of radius {@code maxEps} and an indexed
 * binary heap: O(n log n + sum of neighbourhood sizes within maxEps). With the default infinite
 * {@code maxEps} every row is every core row's neighbour, O(n^2 d); a finite {@code maxEps} a few
 * times the radius of interest makes it near-linear on low-dimensional data. Memory O(n d).
 *
 * <p>{@link #fit(Dataset)} orders and then cuts at {@link #eps(double)}, returning a {@link
 * DbscanModel} (DBSCAN at that radius, the core points' segments read off the ordering), so that
 * OPTICS can stand wherever a segmentation is expected. The builder is mutable and meant for one
 * thread.
 */
public final class Optics extends SegmenterBuilder<Optics, DbscanModel> {
  private static final String NAME = "optics";
  private int minPoints = 5;
  private double maxEps = Double.POSITIVE_INFINITY;
  private double eps = Double.NaN;
  private Distance distance = Distance.EUCLIDEAN;
  private IndexKind index = IndexKind.AUTO;

  /** Creates a builder with the defaults; prefer {@code Segmentation.optics()}. */
  public Optics() {}

  @Override
  protected Optics self() {
    return this;
  }

  /**
   * Sets how many rows a core point's neighbourhood must hold, itself counted.
   *
   * @param count {@code >= 2}; default 5 (as scikit-learn)
   * @return this builder
   * @throws InvalidOptionException if {@code count < 2}
   */
  public Optics minPoints(int count) {
    if (count < 2) {
      throw new InvalidOptionException(
          "minPoints", count, "must be >= 2 (it counts the point itself)");
    }
    this.minPoints = count;
    return this;
  }

  /**
   * Sets the largest radius the ordering looks at: smaller is faster, and no cut above it can be
   * read from the result.
   *
   * @param radius {@code > 0}, possibly infinite; default infinite (as scikit-learn)
   * @return this builder
   * @throws InvalidOptionException if not {@code > 0}
   */
  public Optics maxEps(double radius) {
    if (!(radius > 0)) {
      throw new InvalidOptionException("maxEps", radius, "must be > 0 (infinite for no limit)");
    }
    this.maxEps = radius;
    return this;
  }

  /**
   * Sets the radius {@link #fit(Dataset)} cuts the ordering at.
   *
   * @param radius finite, {@code > 0} and at most {@code maxEps}
   * @return this builder
   * @throws InvalidOptionException if not finite or {@code <= 0}
   */
  public Optics eps(double radius) {
    if (!(radius > 0) || !Double.isFinite(radius)) {
      throw new InvalidOptionException("eps", radius, "must be finite and > 0");
    }
    this.eps = radius;
    return this;
  }

  /**
   * Chooses the distance.
   *
   * @param value the distance; default {@link Distance#EUCLIDEAN}
   * @return this builder
   */
  public Optics distance(Distance value) {
    this.distance = Objects.requireNonNull(value, "distance");
    return this;
  }

  /**
   * Chooses the neighbour index; every kind gives the same ordering.
   *
   * @param value the index; default {@link IndexKind#AUTO}
   * @return this builder
   */
  public Optics index(IndexKind value) {
    this.index = Objects.requireNonNull(value, "index");
    return this;
  }

  /**
   * Computes the OPTICS ordering. See the class description for the definitions, the tie rule and
   * the complexity. The data set is not modified.
   *
   * @param data the customers
   * @return the reachability plot
   * @throws InvalidDataException if the data set is empty, a value is outside the domain of the
   *     preprocessing, or (cosine) a row is all zeros; the message names the row
   * @throws FitCancelledException if the progress listener cancelled
   */
  public ReachabilityPlot order(Dataset data) {
    return order(frame(NAME), data).plot;
  }

  /**
   * Orders the rows and cuts the ordering at {@link #eps(double)}: DBSCAN with {@code eps} and
   * {@code minPoints} (equal on core points; see {@link ReachabilityPlot#dbscanCut(double)} for
   * border points), as a {@link DbscanModel} that assigns new customers to the nearest core point
   * within {@code eps}.
   *
   * @throws InvalidOptionException if {@code eps} was not set or exceeds {@code maxEps}
   * @throws InvalidDataException as {@link #order(Dataset)}
   * @throws FitCancelledException if the progress listener cancelled
   */
  @Override
  public SegmentationResult<DbscanModel> fit(Dataset data) {
    if (Double.isNaN(eps)) {
      throw new InvalidOptionException(
          "eps",
          "unset",
          "fit() cuts the ordering at a radius: set eps(), or call order() and extract with xi()");
    }
    if (eps > maxEps) {
      throw new InvalidOptionException("eps", eps, "must not exceed maxEps = " + maxEps);
    }
    FitFrame frame = frame(NAME);
    Ordered o = order(frame, data);
    int[] labels = o.plot.dbscanCut(eps);
    boolean[] core = o.plot.coreAt(eps);
    IntArrayList coreRows = new IntArrayList();
    int segments = 0;
    for (int i = 0; i < labels.length; i++) {
      if (core[i]) {
        coreRows.add(i);
      }
      segments = Math.max(segments, labels[i] + 1);
    }
    int d = o.prepared.d();
    double[][] points = new double[coreRows.size()][];
    int[] coreLabels = new int[coreRows.size()];
    for (int c = 0; c < points.length; c++) {
      int row = coreRows.getInt(c);
      points[c] = Arrays.copyOfRange(o.prepared.rows(), row * d, row * d + d);
      coreLabels[c] = labels[row];
    }
    DbscanModel model =
        DbscanModel.restore(
            o.prepared.columns(),
            o.prepared.scaling(),
            segments,
            labels.length,
            coreRows.toIntArray(),
            points,
            coreLabels,
            eps,
            minPoints,
            distance);
    FitSummary summary =
        frame.summary(
            "optics (" + o.kind + ", " + distance + ")",
            1,
            true,
            Double.NaN,
            o.distances,
            new double[0]);
    Map<String, String> options = new LinkedHashMap<>();
    options.put("minPoints", Integer.toString(minPoints));
    options.put("maxEps", Double.toString(maxEps));
    options.put("eps", Double.toString(eps));
    options.put("distance", distance.name());
    options.put("index", index.name());
    return new SegmentationResult<>(
        labels,
        model.withProvenance(
            frame.provenance(options, null, labels.length, data.columnNames(), summary)),
        summary);
  }

  /** The ordering and what the fit summary needs. */
  private static final class Ordered {
    final ReachabilityPlot plot;
    final Prepared prepared;
    final IndexKind kind;
    final long distances;

    Ordered(ReachabilityPlot plot, Prepared prepared, IndexKind kind, long distances) {
      this.plot = plot;
      this.prepared = prepared;
      this.kind = kind;
      this.distances = distances;
    }
  }

  private Ordered order(FitFrame frame, Dataset data) {
    Prepared p = frame.prepare(data, "OPTICS needs at least one row", null);
    int n = p.n();
    int d = p.d();
    NeighborIndex tree;
    try {
      tree = NeighborIndex.build(p.rows(), n, d, distance, index);
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException(e.getMessage(), e);
    }
    ProgressListener listener = frame.listener();
    report(listener, "optics index (" + tree.kind() + ")", 1);
    double limit = distance.toRank(maxEps);
    double[] core = new double[n];
    Blocks blocks = frame.blocks(n);
    NeighborIndex.Searcher[] searchers = new NeighborIndex.Searcher[blocks.workers()];
    for (int w = 0; w < searchers.length; w++) {
      searchers[w] = tree.searcher();
    }
    blocks.run(
        (worker, block, start, end) -> {
          for (int row = start; row < end; row++) {
            double c = searchers[worker].kthRankOfRow(row, minPoints);
            core[row] = c <= limit && n >= minPoints ? c : Double.POSITIVE_INFINITY;
          }
        });
    report(listener, "optics core distances", 2);
    double[] reach = new double[n];
    Arrays.fill(reach, Double.POSITIVE_INFINITY);
    int[] predecessor = new int[n];
    Arrays.fill(predecessor, -1);
    int[] ordering = new int[n];
    boolean[] processed = new boolean[n];
    Heap heap = new Heap(reach);
    IntArrayList neighbours = new IntArrayList();
    NeighborIndex.Searcher s = searchers[0];
    long pairs = 0;
    int lowest = 0;
    for (int step = 0; step < n; step++) {
      int row;
      if (heap.isEmpty()) {
        while (processed[lowest]) {
          lowest++;
        }
        row = lowest;
      } else {
        row = heap.pop();
      }
      processed[row] = true;
      ordering[step] = row;
      if (core[row] == Double.POSITIVE_INFINITY) {
        continue;
      }
      neighbours.clear();
      s.rangeOfRow(row, maxEps, neighbours);
      int[] nb = neighbours.elements();
      for (int t = 0, m = neighbours.size(); t < m; t++) {
        int q = nb[t];
        if (processed[q]) {
          continue;
        }
        pairs++;
        double r = Math.max(core[row], tree.rankBetweenRows(row, q));
        if (r < reach[q]) {
          reach[q] = r;
          predecessor[q] = row;
          heap.push(q);
        }
      }
    }
    long distances = pairs;
    for (NeighborIndex.Searcher searcher : searchers) {
      distances += searcher.distanceComputations();
    }
    report(listener, "optics ordering", 3);
    ReachabilityPlot plot =
        new ReachabilityPlot(ordering, reach, core, predecessor, minPoints, maxEps, distance);
    return new Ordered(plot, p, tree.kind(), distances);
  }

  private static void report(ProgressListener listener, String stage, int step) {
    if (listener != ProgressListener.NONE
        && !listener.onProgress(new Progress(stage, step, 3, Double.NaN))) {
      throw new FitCancelledException(stage + " cancelled after step " + step + " of 3");
    }
  }

  /**
   * A binary min-heap of rows keyed by (reachability, row) with decrease-key: each row is in it at
   * most once, and its slot is tracked so an improved reachability moves it up in O(log n).
   */
  private static final class Heap {
    private final double[] key;
    private final int[] rows;
    private final int[] slot;
    private int size;

    Heap(double[] key) {
      this.key = key;
      this.rows = new int[key.length];
      this.slot = new int[key.length];
      Arrays.fill(slot, -1);
    }

    boolean isEmpty() {
      return size == 0;
    }

    /** Inserts the row, or moves it up after its key decreased. */
    void push(int row) {
      int i = slot[row];
      if (i < 0) {
        i = size++;
      }
      up(i, row);
    }

    int pop() {
      int top = rows[0];
      slot[top] = -1;
      int last = rows[--size];
      if (size > 0) {
        down(0, last);
      }
      return top;
    }

    private boolean before(int a, int b) {
      return key[a] < key[b] || (key[a] == key[b] && a < b);
    }

    private void up(int i, int row) {
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!before(row, rows[parent])) {
          break;
        }
        place(i, rows[parent]);
        i = parent;
      }
      place(i, row);
    }

    private void down(int i, int row) {
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && before(rows[child + 1], rows[child])) {
          child++;
        }
        if (!before(rows[child], row)) {
          break;
        }
        place(i, rows[child]);
        i = child;
      }
      place(i, row);
    }

    private void place(int i, int row) {
      rows[i] = row;
      slot[row] = i;
    }
  }

  @Override
  public String toString() {
    return "Optics[minPoints="
        + minPoints
        + ", maxEps="
        + maxEps
        + ", eps="
        + eps
        + ", distance="
        + distance
        + ", index="
        + index
        + "]";
  }
}
