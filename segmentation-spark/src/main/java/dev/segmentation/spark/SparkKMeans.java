package dev.segmentation.spark;

import dev.segmentation.Segmentation;
import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.Progress;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.core.data.Rows;
import dev.segmentation.core.preprocess.FittedScaling;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.io.ModelFiles;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.kmeans.KMeansVariant;
import dev.segmentation.core.pass.NearestSums;
import dev.segmentation.spark.FeatureFrame.Block;
import dev.segmentation.spark.Passes.ColumnStats;
import dev.segmentation.spark.Passes.Farthest;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * K-means over a Spark data set: the same objective, update rule and stopping rule as the local
 * {@code Segmentation.kmeans()}, with the passes over the rows run on the executors. Start from
 * {@link SparkSegmentation#kmeans()}.
 *
 * <pre>{@code
 * SparkFit<KMeansModel> fit = SparkSegmentation.kmeans()
 *     .columns("recency_days", "frequency", "monetary_total")
 *     .k(6).seed(7).restarts(4)
 *     .preprocess(Scaling.log1p().then(Scaling.standard()))
 *     .fit(customers);                       // a Dataset<Row>
 * ModelFiles.save(fit.model(), Path.of("model.json"));
 * }</pre>
 *
 * <p><b>Algorithm.</b> A seeded sample of at most {@link #sampleSize} rows is collected to the
 * driver; the preprocessing is fitted on it, and the local K-means (greedy k-means++, {@link
 * #restarts} restarts) runs on it to give the initial centroids (or they are given: {@link
 * #initialCentroids}, {@link #initialModel}; with given centroids and no preprocessing no sample is
 * drawn). The rows are then packed once into preprocessed row-major blocks cached on the executors,
 * and Lloyd iterations run: each partition assigns its rows with the library's tiled kernel and
 * sums them per centroid ({@link NearestSums}); {@code treeAggregate} merges the sums; the driver
 * moves every centroid to its mean. It stops when the summed squared movement is at most {@code
 * tolerance} times the mean per-column variance of the preprocessed data (over all rows), when no
 * centroid moved beyond rounding (no label changed), or after {@code maxIterations}. An empty
 * cluster gets the row farthest from its centroid, as locally. From the same initial centroids and
 * preprocessing the result is the local one, to floating-point rounding (sums are merged in another
 * order).
 *
 * <p><b>Complexity.</b> Per iteration one distributed pass, O(n k d) work spread over the
 * executors, O(P k d) merged for P partitions; the driver holds O(k d) plus the sample. Before the
 * iterations: two jobs for the sample, one that packs and checks the rows (column statistics);
 * after: one that measures the final objective and segment sizes. Executor memory: the packed rows,
 * {@code 8 n d} bytes (plus weights), at the storage level chosen ({@code MEMORY_AND_DISK} by
 * default).
 *
 * <p>The builder is mutable and meant for one thread; the model is immutable.
 */
public final class SparkKMeans {
  private int k = 8;
  private long seed = 42;
  private int restarts = 1;
  private int maxIterations = 300;
  private double tolerance = 1e-4;
  private double[][] initialCentroids;
  private KMeansModel initialModel;
  private Scaling scaling = Scaling.none();
  private List<String> columns;
  private String weightColumn;
  private String idColumn;
  private int sampleSize = 100_000;
  private StorageLevel storageLevel = StorageLevel.MEMORY_AND_DISK();
  private ProgressListener listener = ProgressListener.NONE;
  private Path checkpointFile;
  private int checkpointEvery;

  SparkKMeans() {}

  /**
   * Sets the number of segments.
   *
   * @param segments {@code >= 1}; default 8
   * @return this builder
   * @throws InvalidOptionException if {@code segments < 1}
   */
  public SparkKMeans k(int segments) {
    if (segments < 1) {
      throw new InvalidOptionException("k", segments, "must be >= 1");
    }
    this.k = segments;
    return this;
  }

  /**
   * Sets the seed of the sample and of the initialisation.
   *
   * @param value any value; default 42
   * @return this builder
   */
  public SparkKMeans seed(long value) {
    this.seed = value;
    return this;
  }

  /**
   * Sets how many k-means++ restarts the local K-means on the sample runs to choose the initial
   * centroids (the lowest objective on the sample wins).
   *
   * @param count {@code >= 1}; default 1
   * @return this builder
   * @throws InvalidOptionException if {@code count < 1}
   */
  public SparkKMeans restarts(int count) {
    if (count < 1) {
      throw new InvalidOptionException("restarts", count, "must be >= 1");
    }
    this.restarts = count;
    return this;
  }

  /**
   * Sets the limit on distributed iterations.
   *
   * @param limit {@code >= 1}; default 300
   * @return this builder
   * @throws InvalidOptionException if {@code limit < 1}
   */
  public SparkKMeans maxIterations(int limit) {
    if (limit < 1) {
      throw new InvalidOptionException("maxIterations", limit, "must be >= 1");
    }
    this.maxIterations = limit;
    return this;
  }

  /**
   * Sets the convergence tolerance, relative to the mean per-column variance (as locally).
   *
   * @param value {@code >= 0}; 0 iterates until no label changes; default 1e-4
   * @return this builder
   * @throws InvalidOptionException if the value is negative or not finite
   */
  public SparkKMeans tolerance(double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new InvalidOptionException("tolerance", value, "must be finite and >= 0");
    }
    this.tolerance = value;
    return this;
  }

  /**
   * Starts from these centroids (original units, one row per segment, columns in the order of
   * {@link #columns}) instead of K-means on the sample; sets {@code k}. The preprocessing is still
   * fitted on the sample.
   *
   * @param centroids at least one row, all of the same length; copied
   * @return this builder
   * @throws InvalidOptionException if there is no row or the rows differ in length
   */
  public SparkKMeans initialCentroids(double[][] centroids) {
    double[][] copy = Rows.copyOption(centroids, "initialCentroids");
    this.initialCentroids = copy;
    this.k = copy.length;
    this.initialModel = null;
    return this;
  }

  /**
   * Continues from a model (a checkpoint, or last month's model): its preprocessing and centroids
   * are used as they are and no sample is drawn; sets {@code k} and, unless given, the columns.
   *
   * @param model a K-means model
   * @return this builder
   */
  public SparkKMeans initialModel(KMeansModel model) {
    this.initialModel = Objects.requireNonNull(model, "model");
    this.k = model.numSegments();
    this.initialCentroids = null;
    return this;
  }

  /**
   * Chooses the preprocessing, fitted on the sample and kept by the model.
   *
   * @param value the recipe; default {@link Scaling#none()}
   * @return this builder
   */
  public SparkKMeans preprocess(Scaling value) {
    this.scaling = Objects.requireNonNull(value, "scaling");
    return this;
  }

  /**
   * Sets the feature columns (numeric, any Spark numeric type).
   *
   * @param names column names; default every numeric column but the weight and id columns
   * @return this builder
   */
  public SparkKMeans columns(String... names) {
    this.columns = List.of(names);
    return this;
  }

  /**
   * Uses a numeric column as sample weights (multiplicities), as a local data set's weights.
   *
   * @param name the column; null for none (default)
   * @return this builder
   */
  public SparkKMeans weightColumn(String name) {
    this.weightColumn = name;
    return this;
  }

  /**
   * Names a column of customer ids, used in error messages to point at a bad row.
   *
   * @param name the column; null for none (default)
   * @return this builder
   */
  public SparkKMeans idColumn(String name) {
    this.idColumn = name;
    return this;
  }

  /**
   * Sets how many rows at most the driver-side sample holds.
   *
   * @param rows {@code >= 1}; default 100,000
   * @return this builder
   * @throws InvalidOptionException if {@code rows < 1}
   */
  public SparkKMeans sampleSize(int rows) {
    if (rows < 1) {
      throw new InvalidOptionException("sampleSize", rows, "must be >= 1");
    }
    this.sampleSize = rows;
    return this;
  }

  /**
   * Sets where the executors keep the packed rows between iterations.
   *
   * @param level a Spark storage level; default {@code MEMORY_AND_DISK}
   * @return this builder
   */
  public SparkKMeans storageLevel(StorageLevel level) {
    this.storageLevel = Objects.requireNonNull(level, "level");
    return this;
  }

  /**
   * Reports progress after every iteration (objective of the centroids the iteration started from)
   * and lets the listener cancel.
   *
   * @param value the listener; default none
   * @return this builder
   */
  public SparkKMeans progress(ProgressListener value) {
    this.listener = Objects.requireNonNull(value, "listener");
    return this;
  }

  /**
   * Saves the model of the current centroids every {@code every} iterations (a model file, {@link
   * ModelFiles}), so a long fit that is stopped can continue with {@link #initialModel}.
   *
   * @param file where to write, on the driver's file system; replaced each time
   * @param every iterations between saves, {@code >= 1}
   * @return this builder
   * @throws InvalidOptionException if {@code every < 1}
   */
  public SparkKMeans checkpoint(Path file, int every) {
    if (every < 1) {
      throw new InvalidOptionException("checkpoint", every, "must save every >= 1 iterations");
    }
    this.checkpointFile = Objects.requireNonNull(file, "file");
    this.checkpointEvery = every;
    return this;
  }

  /**
   * Fits K-means on every row of {@code data}. See the class description for the algorithm and its
   * cost. The data set is read, never modified; the packed rows are unpersisted at the end.
   *
   * @param data the customers, one row each
   * @return the model, summary and segment sizes
   * @throws InvalidOptionException if a column is missing or not numeric, {@code k} exceeds the
   *     distinct rows of the sample, or the initial centroids or model do not fit the columns
   * @throws InvalidDataException if the data set is empty, or a value is null, not finite or
   *     outside the preprocessing's domain (the message names the column and the row)
   * @throws FitCancelledException if the progress listener cancelled
   */
  public SparkFit<KMeansModel> fit(Dataset<Row> data) {
    long started = System.nanoTime();
    List<String> wanted =
        columns == null && initialModel != null ? initialModel.columnNames() : columns;
    FeatureFrame frame = FeatureFrame.of(data.schema(), wanted, weightColumn, idColumn);
    List<String> names = frame.columns;
    int d = names.size();
    FittedScaling fitted;
    double[] start;
    int sampleRows = 0;
    if (initialModel != null) {
      if (!initialModel.columnNames().equals(names)) {
        throw new InvalidOptionException(
            "initialModel",
            initialModel,
            "was trained on " + initialModel.columnNames() + ", not on " + names);
      }
      fitted = initialModel.scaling();
      start = Rows.flatten(initialModel.scaledCentroids(), d, "centroid");
    } else if (initialCentroids != null && "none".equals(scaling.name())) {
      // Nothing to learn from a sample: no preprocessing, and the start is given.
      fitted = scaling.fit(new double[0], 0, names);
      start = given(fitted, names);
    } else {
      dev.segmentation.api.Dataset sample = frame.sample(data, sampleSize, seed);
      sampleRows = sample.numRows();
      if (initialCentroids != null) {
        fitted = scaling.fit(sample.toRowMajor(), sampleRows, names);
        start = given(fitted, names);
      } else {
        // The local fit learns the preprocessing on the sample as this class would.
        KMeansModel local = seed(sample);
        fitted = local.scaling();
        start = Rows.flatten(local.scaledCentroids(), d, "centroid");
      }
    }
    JavaRDD<Block> blocks = frame.blocks(data, fitted, storageLevel);
    try {
      ColumnStats stats = Passes.stats(blocks, d);
      double toleranceSq = tolerance == 0 ? 0 : tolerance * stats.meanVariance();
      // A centroid that moved less than this moved by rounding only: no label changed.
      double slack = 1e-12 * stats.extent();
      double floorSq = slack * slack;
      Lloyd run = new Lloyd(blocks, start, k, d);
      run.iterate(toleranceSq, floorSq, fitted, names);
      NearestSums last = Passes.nearest(blocks, run.centroids, k, d);
      KMeansModel model = KMeansModel.restore(names, fitted, rows(run.centroids, k, d));
      FitSummary summary =
          new FitSummary(
              "k-means (" + KMeansVariant.LLOYD + ", Spark)",
              run.iterations,
              run.converged,
              last.squaredError(),
              (run.iterations + 1) * stats.n * k,
              Duration.ofNanos(System.nanoTime() - started),
              run.trace.toDoubleArray());
      return new SparkFit<>(model, summary, last.counts(), stats.n, sampleRows);
    } finally {
      blocks.unpersist(false);
    }
  }

  private double[] given(FittedScaling fitted, List<String> names) {
    double[] out = new double[k * names.size()];
    for (int c = 0; c < k; c++) {
      if (initialCentroids[c].length != names.size()) {
        throw new InvalidOptionException(
            "initialCentroids",
            "rows of length " + initialCentroids[c].length,
            "must have one value per column (" + names.size() + ": " + names + ")");
      }
      System.arraycopy(
          fitted.transform(initialCentroids[c]), 0, out, c * names.size(), names.size());
    }
    return out;
  }

  /** Local K-means on the sample; its centroids start the distributed iterations. */
  private KMeansModel seed(dev.segmentation.api.Dataset sample) {
    return Segmentation.kmeans()
        .k(k)
        .seed(seed)
        .restarts(restarts)
        .maxIterations(maxIterations)
        .tolerance(tolerance)
        .preprocess(scaling)
        .fit(sample)
        .model();
  }

  private static double[][] rows(double[] flat, int k, int d) {
    double[][] out = new double[k][];
    for (int c = 0; c < k; c++) {
      out[c] = Arrays.copyOfRange(flat, c * d, c * d + d);
    }
    return out;
  }

  /** The distributed Lloyd iterations, driven from here. */
  private final class Lloyd {
    final JavaRDD<Block> blocks;
    final int k;
    final int d;
    double[] centroids;
    int iterations;
    boolean converged;
    final DoubleArrayList trace = new DoubleArrayList();

    Lloyd(JavaRDD<Block> blocks, double[] start, int k, int d) {
      this.blocks = blocks;
      this.centroids = start.clone();
      this.k = k;
      this.d = d;
    }

    void iterate(double toleranceSq, double floorSq, FittedScaling fitted, List<String> names) {
      for (int it = 1; it <= maxIterations; it++) {
        NearestSums sums = Passes.nearest(blocks, centroids, k, d);
        iterations = it;
        trace.add(sums.squaredError());
        double[] next = means(sums, centroids);
        double shift = 0;
        if (repairEmpty(sums, next)) {
          shift = Double.POSITIVE_INFINITY;
        } else {
          for (int q = 0; q < next.length; q++) {
            double t = next[q] - centroids[q];
            shift += t * t;
          }
        }
        centroids = next;
        if (listener != ProgressListener.NONE
            && !listener.onProgress(
                new Progress("spark k-means", it, maxIterations, sums.squaredError()))) {
          throw new FitCancelledException("spark k-means cancelled after iteration " + it);
        }
        if (checkpointFile != null && it % checkpointEvery == 0) {
          ModelFiles.save(
              KMeansModel.restore(names, fitted, rows(centroids, k, d)), checkpointFile);
        }
        if (shift <= toleranceSq || shift <= floorSq) {
          converged = true;
          return;
        }
      }
    }

    /** New centroids from the sums; an empty cluster keeps its old centroid (repaired next). */
    private double[] means(NearestSums sums, double[] old) {
      double[] next = old.clone();
      double[] s = sums.sums();
      double[] w = sums.weights();
      for (int c = 0; c < k; c++) {
        if (w[c] > 0) {
          for (int j = 0; j < d; j++) {
            next[c * d + j] = s[c * d + j] / w[c];
          }
        }
      }
      return next;
    }

    /**
     * As locally: while a cluster is empty, move the row farthest from its centroid into it and
     * recompute the two means it affects. Returns whether any cluster was empty.
     */
    private boolean repairEmpty(NearestSums sums, double[] next) {
      double[] s = sums.sums().clone();
      double[] w = sums.weights().clone();
      LongArrayList moved = new LongArrayList();
      boolean any = false;
      for (int empty = firstEmpty(w); empty >= 0; empty = firstEmpty(w)) {
        any = true;
        Farthest f = Passes.farthest(blocks, centroids, next, k, d, moved.toLongArray());
        if (!(f.distance > 0)) {
          throw new InvalidOptionException(
              "k", k, "must not exceed the number of distinct rows: an empty cluster found no row");
        }
        moved.add(f.block);
        moved.add(f.index);
        moved.add(empty);
        for (int j = 0; j < d; j++) {
          s[f.label * d + j] -= f.weight * f.row[j];
          s[empty * d + j] += f.weight * f.row[j];
        }
        w[f.label] -= f.weight;
        w[empty] += f.weight;
        for (int c : new int[] {f.label, empty}) {
          if (w[c] > 0) {
            for (int j = 0; j < d; j++) {
              next[c * d + j] = s[c * d + j] / w[c];
            }
          }
        }
      }
      return any;
    }

    private int firstEmpty(double[] w) {
      for (int c = 0; c < k; c++) {
        if (!(w[c] > 0)) {
          return c;
        }
      }
      return -1;
    }
  }
}
