package dev.segmentation.som;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.Progress;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.api.Segmenter;
import dev.segmentation.api.SelectionTable;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.pass.NearestCentres;
import dev.segmentation.core.pass.NearestSums;
import dev.segmentation.core.preprocess.FittedScaling;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.hierarchical.Hierarchical;
import dev.segmentation.hierarchical.Linkage;
import dev.segmentation.kmeans.KMeans;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * A self-organizing map (Kohonen): a 2-D grid of units, each a point in the customers' space,
 * trained so that similar customers land on nearby units; then the units are grouped into {@code k}
 * segments. Start from {@code Segmentation.som()}.
 *
 * <pre>{@code
 * SegmentationResult<SomModel> result = Segmentation.som()
 *     .grid(12, 8).topology(Topology.HEXAGONAL)
 *     .epochs(30).seed(7).segments(6)
 *     .preprocess(Scaling.standard())
 *     .fit(customers);
 * double[] uMatrix = result.model().uMatrix();
 * }</pre>
 *
 * <p><b>Training.</b> {@link SomTraining#BATCH} (default): each epoch finds every customer's
 * best-matching unit (BMU, the nearest unit; ties to the lower unit) with the tiled K-means kernel,
 * sums the customers per unit over fixed blocks of rows (reduced in block order, so any thread
 * count gives identical results), and sets unit {@code u} to {@code sum_v h(u,v) S_v / sum_v h(u,v)
 * N_v}, where {@code S_v} and {@code N_v} are the sum and (weighted) count of unit {@code v}'s
 * customers and {@code h} the neighbourhood at the epoch's radius; a unit whose neighbourhood holds
 * no customer keeps its vector. {@link SomTraining#ONLINE}: customers one at a time in an order
 * shuffled per epoch from the seed, {@code w_v += lr h(bmu, v) (x - w_v)}, with learning rate and
 * radius decaying per customer. Radius (grid units) and learning rate decay from their start to
 * their end value over the fit ({@link Decay}).
 *
 * <p><b>Quality.</b> After every epoch: the mean squared distance of customers to their BMU (the
 * distortion the batch map decreases; {@link FitSummary#objectiveTrace()}), the mean distance
 * (MiniSom's quantization error; {@link SomModel#quantizationErrors()}) and, if asked with {@link
 * #traceTopographicError(boolean)}, the topographic error (share of customers whose two best units
 * are not adjacent; always computed for the final map).
 *
 * <p><b>Complexity.</b> A batch epoch is one BMU pass, O(n u d) for u units (the same distance work
 * as a Lloyd pass with k = u), plus O(u^2 d) smoothing; an online epoch is O(n u d). Memory: the
 * codebook ({@code u d} doubles, one flat array), {@code u^2} grid distances, and per-block sums
 * ({@code 256 u d} doubles at most).
 *
 * <p>Row weights count as multiplicities in training and grouping. The builder is mutable and meant
 * for one thread; the model it returns is immutable.
 */
public final class Som implements Segmenter<SomModel> {
  private int columns = 10;
  private int rows = 10;
  private Topology topology = Topology.RECTANGULAR;
  private boolean toroidal;
  private Neighborhood neighborhood = Neighborhood.GAUSSIAN;
  private int epochs = 20;
  private long seed = 42;
  private SomTraining training = SomTraining.BATCH;
  private SomInit init = SomInit.PCA;
  private double radiusStart = Double.NaN;
  private double radiusEnd = 1;
  private Decay radiusDecay = Decay.EXPONENTIAL;
  private double rateStart = 0.5;
  private double rateEnd = 0.01;
  private Decay rateDecay = Decay.EXPONENTIAL;
  private int segments = 6;
  private UnitGrouping grouping = UnitGrouping.WARD;
  private KSelection selection;
  private Scaling scaling = Scaling.none();
  private boolean traceTopographic;
  private int threads = Runtime.getRuntime().availableProcessors();
  private ForkJoinPool pool;
  private ProgressListener listener = ProgressListener.NONE;

  /** Creates a builder with the defaults; prefer {@code Segmentation.som()}. */
  public Som() {}

  /**
   * Sets the grid size.
   *
   * @param width columns, {@code >= 1}
   * @param height rows, {@code >= 1}; default 10 x 10
   * @return this builder
   * @throws InvalidOptionException if a side is below 1 or the grid has more than 2^20 units
   */
  public Som grid(int width, int height) {
    if (width < 1 || height < 1 || (long) width * height > 1 << 20) {
      throw new InvalidOptionException(
          "grid", width + "x" + height, "needs sides >= 1 and at most 2^20 units");
    }
    this.columns = width;
    this.rows = height;
    return this;
  }

  /**
   * Chooses the grid's topology.
   *
   * @param value rectangular or hexagonal; default rectangular
   * @return this builder
   */
  public Som topology(Topology value) {
    this.topology = Objects.requireNonNull(value, "topology");
    return this;
  }

  /**
   * Wraps the grid's opposite edges (a torus), so no unit sits on an edge.
   *
   * @param value whether to wrap; default false. A hexagonal torus needs an even number of rows.
   * @return this builder
   */
  public Som toroidal(boolean value) {
    this.toroidal = value;
    return this;
  }

  /**
   * Chooses the neighbourhood function.
   *
   * @param value Gaussian or bubble; default Gaussian
   * @return this builder
   */
  public Som neighborhood(Neighborhood value) {
    this.neighborhood = Objects.requireNonNull(value, "neighborhood");
    return this;
  }

  /**
   * Sets the number of passes over the data.
   *
   * @param count {@code >= 1}; default 20
   * @return this builder
   * @throws InvalidOptionException if {@code count < 1}
   */
  public Som epochs(int count) {
    if (count < 1) {
      throw new InvalidOptionException("epochs", count, "must be >= 1");
    }
    this.epochs = count;
    return this;
  }

  /**
   * Sets the seed of every random choice (random initialization, online order, K-means grouping).
   *
   * @param value any value; default 42
   * @return this builder
   */
  public Som seed(long value) {
    this.seed = value;
    return this;
  }

  /**
   * Chooses batch or online training.
   *
   * @param value the training; default {@link SomTraining#BATCH}
   * @return this builder
   */
  public Som training(SomTraining value) {
    this.training = Objects.requireNonNull(value, "training");
    return this;
  }

  /**
   * Chooses the initialization.
   *
   * @param value the initialization; default {@link SomInit#PCA}
   * @return this builder
   */
  public Som init(SomInit value) {
    this.init = Objects.requireNonNull(value, "init");
    return this;
  }

  /**
   * Sets the neighbourhood radius schedule, in grid units.
   *
   * @param start radius at the start, {@code > 0}; default half the longer grid side (at least 1)
   * @param end radius at the end, {@code > 0} and at most start; default 1
   * @param decay how it shrinks; default exponential
   * @return this builder
   * @throws InvalidOptionException if a radius is not positive and finite or end exceeds start
   */
  public Som radius(double start, double end, Decay decay) {
    if (!(start > 0) || !(end > 0) || end > start || !Double.isFinite(start)) {
      throw new InvalidOptionException(
          "radius", start + " -> " + end, "needs 0 < end <= start, both finite");
    }
    this.radiusStart = start;
    this.radiusEnd = end;
    this.radiusDecay = Objects.requireNonNull(decay, "decay");
    return this;
  }

  /**
   * Sets the learning-rate schedule of online training (batch training has no learning rate).
   *
   * @param start rate at the start, in {@code (0, 1]}; default 0.5
   * @param end rate at the end, in {@code (0, start]}; default 0.01
   * @param decay how it shrinks; default exponential
   * @return this builder
   * @throws InvalidOptionException if the rates are out of range
   */
  public Som learningRate(double start, double end, Decay decay) {
    if (!(start > 0) || start > 1 || !(end > 0) || end > start) {
      throw new InvalidOptionException(
          "learningRate", start + " -> " + end, "needs 0 < end <= start <= 1");
    }
    this.rateStart = start;
    this.rateEnd = end;
    this.rateDecay = Objects.requireNonNull(decay, "decay");
    return this;
  }

  /**
   * Sets how many segments the units are grouped into.
   *
   * @param k {@code >= 1}, at most the number of units; default 6
   * @return this builder
   * @throws InvalidOptionException if {@code k < 1}
   */
  public Som segments(int k) {
    if (k < 1) {
      throw new InvalidOptionException("segments", k, "must be >= 1");
    }
    this.segments = k;
    this.selection = null;
    return this;
  }

  /**
   * Chooses the number of segments: trains the map once, groups its units into every k of the
   * selection's range, scores the resulting customer segments on the preprocessed rows and keeps
   * the k the selection chooses; the result carries the table ({@link
   * SegmentationResult#selection()}). The gap statistic trains a map with the same options on each
   * reference data set. Replaces any {@code segments(int)}.
   *
   * @param value the range, criterion and constraints
   * @return this builder
   */
  public Som segments(KSelection value) {
    this.selection = Objects.requireNonNull(value, "selection");
    return this;
  }

  /**
   * Chooses how units are grouped into segments.
   *
   * @param value Ward or K-means, both weighted by hits; default Ward
   * @return this builder
   */
  public Som grouping(UnitGrouping value) {
    this.grouping = Objects.requireNonNull(value, "grouping");
    return this;
  }

  /**
   * Chooses the preprocessing learned on the training data and kept by the model.
   *
   * @param value the scaling recipe; default {@link Scaling#none()}
   * @return this builder
   */
  public Som preprocess(Scaling value) {
    this.scaling = Objects.requireNonNull(value, "scaling");
    return this;
  }

  /**
   * Records the topographic error after every epoch, not only for the final map (costs one more
   * scan of all units per customer and epoch).
   *
   * @param value whether to record; default false
   * @return this builder
   */
  public Som traceTopographicError(boolean value) {
    this.traceTopographic = value;
    return this;
  }

  /**
   * Sets how many tasks share the batch passes; results do not depend on it.
   *
   * @param count {@code >= 1}; default the number of available processors
   * @return this builder
   * @throws InvalidOptionException if {@code count < 1}
   */
  public Som threads(int count) {
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
  public Som pool(ForkJoinPool value) {
    this.pool = Objects.requireNonNull(value, "pool");
    return this;
  }

  /**
   * Reports progress after every epoch and lets the listener cancel.
   *
   * @param value the listener; default none
   * @return this builder
   */
  public Som progress(ProgressListener value) {
    this.listener = Objects.requireNonNull(value, "listener");
    return this;
  }

  /**
   * Trains the map and groups its units. See the class description.
   *
   * @throws InvalidDataException if the data set is empty or a value is outside the domain of the
   *     preprocessing
   * @throws InvalidOptionException if {@code segments} exceeds the number of units, or a toroidal
   *     hexagonal grid has an odd number of rows
   * @throws FitCancelledException if the progress listener cancelled
   */
  @Override
  public SegmentationResult<SomModel> fit(Dataset data) {
    long started = System.nanoTime();
    int n = data.numRows();
    int d = data.numColumns();
    if (n == 0) {
      throw new InvalidDataException("the data set is empty: a map needs customers");
    }
    int units = columns * rows;
    checkGrid(selection != null ? selection.max() : segments);
    double[] x = data.toRowMajor();
    FittedScaling fitted = scaling.fit(x, n, data.columnNames());
    fitted.transformInPlace(x, n);
    List<String> names = data.columnNames();
    Trained map = train(x, data.weights().orElse(null), n, d);
    int[] ks = selection != null ? selection.ks() : new int[] {segments};
    int[][] unitGroups = groups(map.codebook, map.hits, units, names, ks);
    int[][] partitions = new int[ks.length][];
    for (int i = 0; i < ks.length; i++) {
      partitions[i] = customerLabels(unitGroups[i], map.bmu);
    }
    int chosen = 0;
    SelectionTable table = null;
    if (selection != null) {
      KSelection.Refit refit =
          (rx, rn, rd, rks) -> {
            Trained reference = train(rx, null, rn, rd);
            int[][] g = groups(reference.codebook, reference.hits, units, names, rks);
            int[][] out = new int[rks.length][];
            for (int i = 0; i < rks.length; i++) {
              out[i] = customerLabels(g[i], reference.bmu);
            }
            return out;
          };
      table =
          selection.choose(
              x, n, d, partitions, refit, threads, pool != null ? pool : Blocks.defaultPool());
      chosen = table.chosenK() - ks[0];
    }
    SomModel model = model(map, unitGroups[chosen], ks[chosen], names, fitted);
    FitSummary summary = summary(map, n, "", started);
    return new SegmentationResult<>(partitions[chosen], model, summary, table);
  }

  /**
   * Trains a batch map whose passes over the data run elsewhere (for example on a Spark cluster,
   * see the {@code segmentation-spark} module): the preprocessing is fitted on {@code sample}, the
   * codebook initialised from it (PCA or random rows, as {@link #fit}), then every epoch asks
   * {@code passes} for the per-unit sums over all rows and smooths them exactly as {@link #fit}
   * does. With the whole data as the sample and a pass over the same rows this gives {@link #fit}'s
   * map (to rounding: sums are reduced in another order). The units are grouped into segments with
   * the weights of the last pass. The result's labels are the sample's.
   *
   * <p>Complexity: {@code epochs + 2} passes ({@link BatchPass}), plus O(s d^2) for a PCA start on
   * {@code s} sample rows and the unit grouping of {@link #fit}.
   *
   * @param sample rows in original units, used for the preprocessing and the initial codebook
   * @param passes opens the passes over all rows once the preprocessing is fitted
   * @return the map, its summary (distances counted over all rows) and the sample's labels
   * @throws InvalidOptionException if the training is not batch, or the number of segments is to be
   *     chosen (choose it on a sample with {@link #fit} first), or exceeds the number of units
   * @throws InvalidDataException if the sample is empty or outside the preprocessing's domain
   * @throws FitCancelledException if the progress listener cancelled
   */
  public SegmentationResult<SomModel> fitBatch(Dataset sample, BatchPass.Factory passes) {
    long started = System.nanoTime();
    if (training != SomTraining.BATCH) {
      throw new InvalidOptionException(
          "training", training, "only the batch map trains over data held elsewhere; use BATCH");
    }
    if (selection != null) {
      throw new InvalidOptionException(
          "segments",
          selection.min() + ".." + selection.max(),
          "choose the number of segments on a sample with fit(), then give it here");
    }
    int n = sample.numRows();
    int d = sample.numColumns();
    if (n == 0) {
      throw new InvalidDataException("the sample is empty: a map needs customers");
    }
    checkGrid(segments);
    List<String> names = sample.columnNames();
    double[] x = sample.toRowMajor();
    FittedScaling fitted = scaling.fit(x, n, names);
    fitted.transformInPlace(x, n);
    BatchPass pass = passes.open(fitted);
    Trained map = train(pass, x, n, d);
    int units = columns * rows;
    int[] unitGroups = groups(map.codebook, map.hits, units, names, new int[] {segments})[0];
    SomModel model = model(map, unitGroups, segments, names, fitted);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = unitGroups[NearestCentres.nearest(x, i * d, map.codebook, units, d)];
    }
    long total = 0;
    for (int c : map.counts) {
      total += c;
    }
    return new SegmentationResult<>(labels, model, summary(map, total, ", passes", started));
  }

  private void checkGrid(int largest) {
    int units = columns * rows;
    if (largest > units) {
      throw new InvalidOptionException(
          "segments",
          selection != null ? selection.min() + ".." + largest : largest,
          "must not exceed the number of units (" + units + ")");
    }
    if (toroidal && topology == Topology.HEXAGONAL && rows % 2 == 1) {
      throw new InvalidOptionException(
          "grid", columns + "x" + rows, "a hexagonal torus needs an even number of rows");
    }
  }

  private SomModel model(
      Trained map, int[] unitSegments, int k, List<String> names, FittedScaling fitted) {
    return new SomModel(
        map.grid,
        map.codebook,
        unitSegments,
        k,
        map.counts,
        map.quantization,
        map.topographic,
        names,
        fitted);
  }

  private FitSummary summary(Trained map, long n, String how, long started) {
    return new FitSummary(
        "som (" + training + how + ", " + columns + "x" + rows + " " + topology + ")",
        epochs,
        true,
        map.distortion[epochs - 1],
        n * ((long) columns * rows) * (epochs + 1),
        Duration.ofNanos(System.nanoTime() - started),
        map.distortion);
  }

  private static int[] customerLabels(int[] unitSegment, int[] bmu) {
    int[] labels = new int[bmu.length];
    for (int i = 0; i < bmu.length; i++) {
      labels[i] = unitSegment[bmu[i]];
    }
    return labels;
  }

  /** A trained map: codebook, best units and hits of the training rows, quality traces. */
  private static final class Trained {
    SomGrid grid;
    double[] codebook;
    int[] bmu;
    double[] hits;
    int[] counts;
    double[] distortion;
    double[] quantization;
    double[] topographic;
  }

  private Trained train(double[] x, double[] weights, int n, int d) {
    Blocks blocks = new Blocks(n, threads, pool != null ? pool : Blocks.defaultPool());
    SomTrainer trainer = new SomTrainer(x, weights, n, d, columns * rows, blocks);
    Trained out = train(trainer, x, n, d);
    out.bmu = trainer.bmu.clone();
    return out;
  }

  /**
   * The training loop over any passes; {@code x} (preprocessed, {@code n} rows) gives the initial
   * codebook and, for online training, the rows themselves.
   */
  private Trained train(BatchPass pass, double[] x, int n, int d) {
    int units = columns * rows;
    SomGrid grid = new SomGrid(columns, rows, topology, toroidal);
    double[] gridDist = new double[units * units];
    for (int u = 0; u < units; u++) {
      for (int v = 0; v < units; v++) {
        gridDist[u * units + v] = grid.distance(u, v);
      }
    }
    SplittableRandom root = new SplittableRandom(seed);
    double[] codebook =
        init == SomInit.PCA ? pcaInit(x, n, d, grid) : randomInit(x, n, d, units, root.split());
    double r0 =
        Double.isNaN(radiusStart) ? Math.max(1, Math.max(columns, rows) / 2.0) : radiusStart;
    double r1 = Math.min(radiusEnd, r0);
    double[] distortion = new double[epochs];
    double[] qe = new double[epochs];
    List<Double> te = new ArrayList<>();
    double[] h = new double[units * units];
    SplittableRandom order = root.split();
    NearestSums sums = training == SomTraining.BATCH ? pass.nearest(codebook) : null;
    for (int t = 0; t < epochs; t++) {
      if (training == SomTraining.BATCH) {
        double r = radiusDecay.at(r0, r1, t, epochs);
        for (int k = 0; k < h.length; k++) {
          h[k] = neighborhood.weight(gridDist[k], r);
        }
        smooth(codebook, sums.sums(), sums.weights(), h, units, d);
      } else {
        online(x, n, d, codebook, gridDist, units, t, r0, r1, order.split());
      }
      // the next epoch's assignment measures this epoch's map
      sums = pass.nearest(codebook);
      double total = sums.totalWeight();
      distortion[t] = sums.squaredError() / total;
      qe[t] = sums.distanceSum() / total;
      if (traceTopographic) {
        te.add(pass.topographicError(codebook, grid));
      }
      if (listener != ProgressListener.NONE
          && !listener.onProgress(new Progress("som epoch", t + 1, epochs, distortion[t]))) {
        throw new FitCancelledException("som cancelled after epoch " + (t + 1) + " of " + epochs);
      }
    }
    if (!traceTopographic) {
      te.add(pass.topographicError(codebook, grid));
    }
    Trained out = new Trained();
    out.grid = grid;
    out.codebook = codebook;
    out.hits = sums.weights().clone();
    out.counts = new int[units];
    for (int u = 0; u < units; u++) {
      out.counts[u] = Math.toIntExact(sums.counts()[u]);
    }
    out.distortion = distortion;
    out.quantization = qe;
    out.topographic = te.stream().mapToDouble(Double::doubleValue).toArray();
    return out;
  }

  private static void smooth(
      double[] codebook, double[] sums, double[] counts, double[] h, int units, int d) {
    double[] num = new double[d];
    for (int u = 0; u < units; u++) {
      java.util.Arrays.fill(num, 0);
      double den = 0;
      for (int v = 0; v < units; v++) {
        double w = h[u * units + v];
        if (w == 0 || counts[v] == 0) {
          continue;
        }
        den += w * counts[v];
        for (int j = 0; j < d; j++) {
          num[j] += w * sums[v * d + j];
        }
      }
      if (den > 0) {
        for (int j = 0; j < d; j++) {
          codebook[u * d + j] = num[j] / den;
        }
      }
    }
  }

  private void online(
      double[] x,
      int n,
      int d,
      double[] codebook,
      double[] gridDist,
      int units,
      int epoch,
      double r0,
      double r1,
      SplittableRandom rng) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      int j = rng.nextInt(i + 1);
      perm[i] = perm[j];
      perm[j] = i;
    }
    long steps = (long) n * epochs;
    for (int s = 0; s < n; s++) {
      int i = perm[s];
      long step = (long) epoch * n + s;
      double lr = rateDecay.at(rateStart, rateEnd, step, steps);
      double r = radiusDecay.at(r0, r1, step, steps);
      int b = NearestCentres.nearest(x, i * d, codebook, units, d);
      for (int v = 0; v < units; v++) {
        double w = lr * neighborhood.weight(gridDist[b * units + v], r);
        // beyond a few radii the Gaussian is below rounding: skip the update
        if (w < 1e-12) {
          continue;
        }
        for (int j = 0; j < d; j++) {
          codebook[v * d + j] += w * (x[i * d + j] - codebook[v * d + j]);
        }
      }
    }
  }

  /** Groups the units into each k: one hit-weighted Ward tree cut per k, or K-means per k. */
  private int[][] groups(
      double[] codebook, double[] hits, int units, List<String> names, int[] ks) {
    double[] w = new double[units];
    for (int u = 0; u < units; u++) {
      // units without customers still join a segment, at almost no weight
      w[u] = hits[u] > 0 ? hits[u] : 1e-6;
    }
    Dataset unitData = Dataset.ofRowMajor(codebook, units, names).withWeights(w);
    int[][] out = new int[ks.length][];
    if (grouping == UnitGrouping.WARD) {
      var tree = new Hierarchical().linkage(Linkage.WARD).fit(unitData);
      for (int i = 0; i < ks.length; i++) {
        out[i] = tree.cut(ks[i]);
      }
      return out;
    }
    for (int i = 0; i < ks.length; i++) {
      out[i] = new KMeans().k(ks[i]).seed(seed).restarts(4).fit(unitData).labels();
    }
    return out;
  }

  private static double[] randomInit(double[] x, int n, int d, int units, SplittableRandom rng) {
    double[] c = new double[units * d];
    for (int u = 0; u < units; u++) {
      System.arraycopy(x, rng.nextInt(n) * d, c, u * d, d);
    }
    return c;
  }

  /** The grid spans mean +- one standard deviation along the first two principal components. */
  private static double[] pcaInit(double[] x, int n, int d, SomGrid grid) {
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    DMatrixRMaj cov = new DMatrixRMaj(d, d);
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        double da = x[i * d + a] - mean[a];
        for (int b = 0; b < d; b++) {
          cov.data[a * d + b] += da * (x[i * d + b] - mean[b]);
        }
      }
    }
    for (int k = 0; k < d * d; k++) {
      cov.data[k] /= Math.max(1, n - 1);
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(cov)) {
      throw new InvalidDataException("the covariance of the data could not be decomposed for PCA");
    }
    double[][] axes = new double[2][d];
    int[] picked = {-1, -1};
    for (int p = 0; p < 2 && p < d; p++) {
      int best = -1;
      for (int e = 0; e < d; e++) {
        if (e != picked[0]
            && (best < 0 || eig.getEigenvalue(e).real > eig.getEigenvalue(best).real)) {
          best = e;
        }
      }
      picked[p] = best;
      double sd = Math.sqrt(Math.max(0, eig.getEigenvalue(best).real));
      DMatrixRMaj v = eig.getEigenVector(best);
      // a fixed sign: the largest component positive, so the same data give the same map
      int big = 0;
      for (int j = 1; j < d; j++) {
        if (Math.abs(v.get(j, 0)) > Math.abs(v.get(big, 0))) {
          big = j;
        }
      }
      double sign = v.get(big, 0) < 0 ? -1 : 1;
      for (int j = 0; j < d; j++) {
        axes[p][j] = sign * sd * v.get(j, 0);
      }
    }
    double[][] xy = grid.coordinates();
    double maxX = 0;
    double maxY = 0;
    for (double[] p : xy) {
      maxX = Math.max(maxX, p[0]);
      maxY = Math.max(maxY, p[1]);
    }
    // the longer side of the grid follows the first component
    boolean wide = maxX >= maxY;
    int units = xy.length;
    double[] c = new double[units * d];
    for (int u = 0; u < units; u++) {
      double a = maxX > 0 ? 2 * xy[u][0] / maxX - 1 : 0;
      double b = maxY > 0 ? 2 * xy[u][1] / maxY - 1 : 0;
      double first = wide ? a : b;
      double second = wide ? b : a;
      for (int j = 0; j < d; j++) {
        c[u * d + j] = mean[j] + first * axes[0][j] + second * axes[1][j];
      }
    }
    return c;
  }
}
