package dev.segmentation.kmeans;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.api.Segmenter;
import dev.segmentation.api.SelectionTable;
import dev.segmentation.core.data.DistinctRows;
import dev.segmentation.core.data.Rows;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.preprocess.FittedScaling;
import dev.segmentation.core.preprocess.Scaling;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * K-means segmentation: {@code k} segments minimising the (weighted) sum of squared Euclidean
 * distances of customers to their segment's centroid. Start from {@code Segmentation.kmeans()}.
 *
 * <pre>{@code
 * SegmentationResult<KMeansModel> result = Segmentation.kmeans()
 *     .k(8).restarts(4).seed(42)
 *     .preprocess(Scaling.standard())
 *     .fit(customers);
 * }</pre>
 *
 * <p><b>Algorithm.</b> Each restart seeds centroids ({@link KMeansInit}, greedy k-means++ by
 * default), then alternates assignment and update: Lloyd's iteration, accelerated by
 * triangle-inequality bounds ({@link KMeansVariant}) that skip distances but never change the
 * result. It stops when no label changes, when the summed squared centroid movement is at most
 * {@code tolerance} times the mean per-column variance of the preprocessed data (scikit-learn's
 * rule), or after {@code maxIterations}; labels are always those of the final centroids. An empty
 * cluster gets the row farthest from its centroid. The restart with the lowest objective wins (the
 * first one on ties).
 *
 * <p><b>Complexity.</b> Seeding O(n k log k d); each iteration O(n k d) for Lloyd, usually far less
 * for the pruned variants; memory O(n d) for the preprocessed copy plus O(n) (Hamerly, Exponion) or
 * O(n k) (Elkan) bounds plus O(256 k d) per-block sums.
 *
 * <p><b>Determinism.</b> Every random choice comes from {@code seed} through {@link
 * SplittableRandom#split()} (one split per restart); parallel work is summed per fixed block of
 * rows in block order. The same seed and data give bit-identical results for any number of threads.
 *
 * <p>Row weights of the data set are used as sample weights. The builder is mutable and meant for
 * one thread; the model it returns is immutable.
 */
public final class KMeans implements Segmenter<KMeansModel> {
  private int k = 8;
  private int restarts = 1;
  private long seed = 42;
  private int maxIterations = 300;
  private double tolerance = 1e-4;
  private KMeansVariant variant = KMeansVariant.AUTO;
  private KMeansInit init = KMeansInit.K_MEANS_PLUS_PLUS;
  private double[][] initialCentroids;
  private KSelection selection;
  private Scaling scaling = Scaling.none();
  private int threads = Runtime.getRuntime().availableProcessors();
  private ForkJoinPool pool;
  private ProgressListener listener = ProgressListener.NONE;
  private boolean traceObjective;
  private int swapTrials;

  /** Creates a builder with the defaults; prefer {@code Segmentation.kmeans()}. */
  public KMeans() {}

  /**
   * Sets the number of segments.
   *
   * @param segments {@code k >= 1}, at most the number of distinct rows; default 8
   * @return this builder
   * @throws InvalidOptionException if {@code segments < 1}
   */
  public KMeans k(int segments) {
    if (segments < 1) {
      throw new InvalidOptionException("k", segments, "must be >= 1");
    }
    this.k = segments;
    this.selection = null;
    return this;
  }

  /**
   * Chooses the number of segments: fits every k of the selection's range (each exactly as {@code
   * k(int)} would, same seed and restarts), scores them on the preprocessed rows and keeps the k
   * the selection's criterion and constraints choose. The result carries the table of the choice
   * ({@link SegmentationResult#selection()}). Replaces any {@code k(int)}; cannot be combined with
   * {@link #initialCentroids(double[][])}.
   *
   * <p>Cost: one K-means fit per k, plus the criterion (see {@link KSelection}); the gap statistic
   * refits on its reference data sets with the same options.
   *
   * @param value the range, criterion and constraints
   * @return this builder
   */
  public KMeans k(KSelection value) {
    this.selection = Objects.requireNonNull(value, "selection");
    return this;
  }

  /**
   * Sets how many times to seed and fit; the lowest objective wins.
   *
   * @param count {@code >= 1}; default 1
   * @return this builder
   * @throws InvalidOptionException if {@code count < 1}
   */
  public KMeans restarts(int count) {
    if (count < 1) {
      throw new InvalidOptionException("restarts", count, "must be >= 1");
    }
    this.restarts = count;
    return this;
  }

  /**
   * Sets the seed every random choice derives from.
   *
   * @param value any value; default 42, so fits are reproducible unless asked otherwise
   * @return this builder
   */
  public KMeans seed(long value) {
    this.seed = value;
    return this;
  }

  /**
   * Sets the iteration limit per restart.
   *
   * @param limit {@code >= 1}; default 300
   * @return this builder
   * @throws InvalidOptionException if {@code limit < 1}
   */
  public KMeans maxIterations(int limit) {
    if (limit < 1) {
      throw new InvalidOptionException("maxIterations", limit, "must be >= 1");
    }
    this.maxIterations = limit;
    return this;
  }

  /**
   * Sets the convergence tolerance, relative to the mean per-column variance of the preprocessed
   * data; 0 iterates until no label changes.
   *
   * @param value finite and {@code >= 0}; default 1e-4
   * @return this builder
   * @throws InvalidOptionException if negative or not finite
   */
  public KMeans tolerance(double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new InvalidOptionException("tolerance", value, "must be finite and >= 0");
    }
    this.tolerance = value;
    return this;
  }

  /**
   * Chooses the assignment algorithm; all give the same result.
   *
   * @param value the variant; default {@link KMeansVariant#AUTO}
   * @return this builder
   */
  public KMeans variant(KMeansVariant value) {
    this.variant = Objects.requireNonNull(value, "variant");
    return this;
  }

  /**
   * Chooses the seeding.
   *
   * @param value the seeding; default {@link KMeansInit#K_MEANS_PLUS_PLUS}
   * @return this builder
   */
  public KMeans init(KMeansInit value) {
    this.init = Objects.requireNonNull(value, "init");
    return this;
  }

  /**
   * Starts from these centroids, in the original units of the data (they go through the same
   * preprocessing), instead of seeding. Sets {@code k} to their number; one run is made whatever
   * {@link #restarts(int)} says.
   *
   * @param centroids {@code k} rows of {@code d} finite values; copied
   * @return this builder
   * @throws InvalidOptionException if empty or ragged
   */
  public KMeans initialCentroids(double[][] centroids) {
    double[][] copy = Rows.copyOption(centroids, "initialCentroids");
    this.initialCentroids = copy;
    this.k = copy.length;
    return this;
  }

  /**
   * Chooses the preprocessing learned on the training data and kept by the model.
   *
   * @param value the scaling recipe; default {@link Scaling#none()}
   * @return this builder
   */
  public KMeans preprocess(Scaling value) {
    this.scaling = Objects.requireNonNull(value, "scaling");
    return this;
  }

  /**
   * Sets how many tasks share the work; results do not depend on it.
   *
   * @param count {@code >= 1}; default the number of available processors
   * @return this builder
   * @throws InvalidOptionException if {@code count < 1}
   */
  public KMeans threads(int count) {
    if (count < 1) {
      throw new InvalidOptionException("threads", count, "must be >= 1");
    }
    this.threads = count;
    return this;
  }

  /**
   * Runs parallel work in this pool instead of the library's shared default pool.
   *
   * @param value the pool
   * @return this builder
   */
  public KMeans pool(ForkJoinPool value) {
    this.pool = Objects.requireNonNull(value, "pool");
    return this;
  }

  /**
   * Reports progress after every iteration and lets the listener cancel.
   *
   * @param value the listener; default none
   * @return this builder
   */
  public KMeans progress(ProgressListener value) {
    this.listener = Objects.requireNonNull(value, "listener");
    return this;
  }

  /**
   * Records the objective of every iteration in {@link FitSummary#objectiveTrace()} (costs one
   * extra distance per row and iteration).
   *
   * @param value whether to record; default false
   * @return this builder
   */
  public KMeans traceObjective(boolean value) {
    this.traceObjective = value;
    return this;
  }

  /**
   * Refines the best restart by random swap (Fränti 2018, "Efficiency of random swap clustering"):
   * each trial moves one randomly chosen centroid onto a randomly chosen row, runs two K-means
   * iterations, and keeps the result if the objective fell; then K-means runs to convergence from
   * the kept centroids. Finds clusters that k-means++ with restarts misses (two centroids in one
   * cluster, none in another). Deterministic from the seed; the objective never rises.
   *
   * <p>Cost: {@code trials} times two iterations, O(trials n k d) for Lloyd (less with bounds).
   *
   * @param trials {@code >= 0}; default 0 (no refinement)
   * @return this builder
   * @throws InvalidOptionException if {@code trials < 0}
   */
  public KMeans randomSwap(int trials) {
    if (trials < 0) {
      throw new InvalidOptionException("randomSwap", trials, "must be >= 0");
    }
    this.swapTrials = trials;
    return this;
  }

  /**
   * Returns the variant a fit with {@code segments} segments really runs: {@code v} itself, or for
   * {@link KMeansVariant#AUTO} the one measured fastest for that k (see BENCHMARKS.md).
   *
   * @param v the requested variant
   * @param segments k
   * @return {@code v} unless it is {@code AUTO}; then {@code HAMERLY} for {@code k <= 16}, else
   *     {@code EXPONION}
   */
  public static KMeansVariant resolve(KMeansVariant v, int segments) {
    if (v != KMeansVariant.AUTO) {
      return v;
    }
    return segments <= 16 ? KMeansVariant.HAMERLY : KMeansVariant.EXPONION;
  }

  /**
   * Fits K-means. See the class description for the algorithm and its complexity. The data set is
   * not modified.
   *
   * @throws InvalidDataException if the data set is empty, or a value is outside the domain of the
   *     preprocessing
   * @throws InvalidOptionException if {@code k} exceeds the number of distinct rows, or the initial
   *     centroids do not match the data's width or are not finite
   * @throws dev.segmentation.api.FitCancelledException if the progress listener cancelled
   */
  @Override
  public SegmentationResult<KMeansModel> fit(Dataset data) {
    long started = System.nanoTime();
    int n = data.numRows();
    int d = data.numColumns();
    List<String> columns = data.columnNames();
    if (n == 0) {
      throw new InvalidDataException(
          "the data set is empty: K-means needs at least k = " + k + " distinct rows");
    }
    double[] x = data.toRowMajor();
    FittedScaling fitted = scaling.fit(x, n, columns);
    fitted.transformInPlace(x, n);
    double[] weights = data.weights().orElse(null);

    double[] given = null;
    if (initialCentroids != null) {
      given = new double[k * d];
      for (int c = 0; c < k; c++) {
        if (initialCentroids[c].length != d) {
          throw new InvalidOptionException(
              "initialCentroids",
              "rows of length " + initialCentroids[c].length,
              "must have one value per column (" + d + ": " + columns + ")");
        }
        System.arraycopy(fitted.transform(initialCentroids[c]), 0, given, c * d, d);
      }
    }
    if (selection != null && given != null) {
      throw new InvalidOptionException(
          "initialCentroids",
          initialCentroids.length + " rows",
          "cannot be combined with a k selection; give either k(KSelection) or initial centroids");
    }
    int largest = selection != null ? selection.max() : k;
    int distinct = DistinctRows.countAtLeast(x, n, d, largest);
    if (distinct < largest) {
      throw new InvalidOptionException(
          "k",
          selection != null ? selection.min() + ".." + largest : largest,
          "must not exceed the number of distinct rows in the data (" + distinct + ")");
    }
    Blocks blocks = new Blocks(n, threads, pool != null ? pool : Blocks.defaultPool());
    Seeding seeding = new Seeding(x, weights, n, d, blocks);
    double[] limits = limits(x, n, d);
    long[] distances = new long[1];
    KMeansRun best;
    int chosenK = k;
    SelectionTable table = null;
    if (selection == null) {
      best = bestRun(x, weights, n, d, k, given, seeding, blocks, limits, "k-means", distances);
    } else {
      int[] ks = selection.ks();
      KMeansRun[] runs = new KMeansRun[ks.length];
      int[][] partitions = new int[ks.length][];
      for (int i = 0; i < ks.length; i++) {
        runs[i] =
            bestRun(
                x,
                weights,
                n,
                d,
                ks[i],
                null,
                seeding,
                blocks,
                limits,
                "k-means k=" + ks[i],
                distances);
        partitions[i] = runs[i].labels;
      }
      KSelection.Refit refit =
          (rx, rn, rd, rks) -> {
            Blocks rb = new Blocks(rn, threads, pool != null ? pool : Blocks.defaultPool());
            Seeding rs = new Seeding(rx, null, rn, rd, rb);
            double[] refLimits = limits(rx, rn, rd);
            int[][] out = new int[rks.length][];
            for (int i = 0; i < rks.length; i++) {
              out[i] =
                  bestRun(
                          rx,
                          null,
                          rn,
                          rd,
                          rks[i],
                          null,
                          rs,
                          rb,
                          refLimits,
                          "gap reference",
                          distances)
                      .labels;
            }
            distances[0] += rs.distances;
            return out;
          };
      table =
          selection.choose(
              x, n, d, partitions, refit, threads, pool != null ? pool : Blocks.defaultPool());
      chosenK = table.chosenK();
      best = runs[chosenK - ks[0]];
    }
    distances[0] += seeding.distances;

    KMeansModel model = new KMeansModel(best.centroids, chosenK, columns, fitted);
    FitSummary summary =
        new FitSummary(
            "k-means (" + resolve(variant, chosenK) + ")",
            best.iterations,
            best.converged,
            best.objective,
            distances[0],
            Duration.ofNanos(System.nanoTime() - started),
            best.trace.toDoubleArray());
    return new SegmentationResult<>(best.labels, model, summary, table);
  }

  /** Seeds and fits {@code restarts} times (once from {@code given}); the lowest objective wins. */
  private KMeansRun bestRun(
      double[] x,
      double[] weights,
      int n,
      int d,
      int segments,
      double[] given,
      Seeding seeding,
      Blocks blocks,
      double[] limits,
      String stage,
      long[] distances) {
    double absSlack = limits[0];
    double toleranceSq = limits[1];
    KMeansVariant resolved = resolve(variant, segments);
    SplittableRandom root = new SplittableRandom(seed);
    int runs = given != null ? 1 : restarts;
    KMeansRun best = null;
    for (int r = 0; r < runs; r++) {
      SplittableRandom rng = root.split();
      double[] start;
      if (given != null) {
        start = given;
      } else if (init == KMeansInit.RANDOM) {
        start = seeding.random(segments, rng);
      } else {
        start = seeding.kMeansPlusPlus(segments, rng);
      }
      KMeansRun run = new KMeansRun(x, weights, n, d, start, segments, resolved, blocks, absSlack);
      run.iterate(
          maxIterations,
          toleranceSq,
          traceObjective,
          listener,
          stage + " restart " + (r + 1) + "/" + runs);
      distances[0] += run.distances;
      if (best == null || run.objective < best.objective) {
        best = run;
      }
    }
    return swapTrials == 0
        ? best
        : swap(
            best,
            x,
            weights,
            n,
            d,
            segments,
            resolved,
            blocks,
            absSlack,
            toleranceSq,
            root,
            stage,
            distances);
  }

  private KMeansRun swap(
      KMeansRun best,
      double[] x,
      double[] weights,
      int n,
      int d,
      int segments,
      KMeansVariant resolved,
      Blocks blocks,
      double absSlack,
      double toleranceSq,
      SplittableRandom root,
      String stage,
      long[] distances) {
    SplittableRandom rng = root.split();
    double[] current = best.centroids.clone();
    double currentObjective = best.objective;
    for (int t = 0; t < swapTrials; t++) {
      double[] trial = current.clone();
      int c = rng.nextInt(segments);
      int row = rng.nextInt(n);
      System.arraycopy(x, row * d, trial, c * d, d);
      KMeansRun r = new KMeansRun(x, weights, n, d, trial, segments, resolved, blocks, absSlack);
      r.iterate(2, 0, false, ProgressListener.NONE, stage);
      distances[0] += r.distances;
      if (r.objective < currentObjective) {
        current = r.centroids.clone();
        currentObjective = r.objective;
      }
      if (listener != ProgressListener.NONE
          && (t + 1) % 16 == 0
          && !listener.onProgress(
              new dev.segmentation.api.Progress(
                  stage + " random swap", t + 1, swapTrials, currentObjective))) {
        throw new dev.segmentation.api.FitCancelledException(
            stage + " cancelled after " + (t + 1) + " random-swap trials");
      }
    }
    KMeansRun last = new KMeansRun(x, weights, n, d, current, segments, resolved, blocks, absSlack);
    last.iterate(
        maxIterations, toleranceSq, traceObjective, listener, stage + " after random swap");
    distances[0] += last.distances;
    return last.objective <= best.objective ? last : best;
  }

  /**
   * The rounding slack of the bounds (relative to the data's extent) and the squared convergence
   * threshold (tolerance times the mean column variance): properties of the rows, computed once per
   * data set rather than per k or restart.
   */
  private double[] limits(double[] x, int n, int d) {
    return new double[] {
      1e-12 * extent(x, n, d), tolerance == 0 ? 0 : tolerance * meanVariance(x, n, d)
    };
  }

  // Both scan the rows in memory order (one or two passes); per column, the values are summed in
  // row order as a column-wise loop would, so the results are the same to the last bit.
  private static double extent(double[] x, int n, int d) {
    double[] min = new double[d];
    double[] max = new double[d];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      int off = i * d;
      for (int j = 0; j < d; j++) {
        min[j] = Math.min(min[j], x[off + j]);
        max[j] = Math.max(max[j], x[off + j]);
      }
    }
    double sq = 0;
    for (int j = 0; j < d; j++) {
      sq += (max[j] - min[j]) * (max[j] - min[j]);
    }
    return Math.sqrt(sq);
  }

  private static double meanVariance(double[] x, int n, int d) {
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      int off = i * d;
      for (int j = 0; j < d; j++) {
        mean[j] += x[off + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[] ss = new double[d];
    for (int i = 0; i < n; i++) {
      int off = i * d;
      for (int j = 0; j < d; j++) {
        double t = x[off + j] - mean[j];
        ss[j] += t * t;
      }
    }
    double total = 0;
    for (int j = 0; j < d; j++) {
      total += ss[j] / n;
    }
    return total / d;
  }
}
