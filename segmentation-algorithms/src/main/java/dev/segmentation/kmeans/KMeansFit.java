package dev.segmentation.kmeans;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.Progress;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.api.SelectionTable;
import dev.segmentation.core.data.DistinctRows;
import dev.segmentation.core.data.Rows;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.fit.FitFrame;
import dev.segmentation.core.fit.Prepared;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.parallel.Memory;
import dev.segmentation.core.pass.CentrePass;
import dev.segmentation.core.pass.ColumnTiles;
import dev.segmentation.core.pass.NearestSums;
import dev.segmentation.core.pass.RowSummary;
import dev.segmentation.core.preprocess.FittedScaling;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One local K-means fit: the training behind {@link KMeans#fit}, with the builder's options read
 * once at the start (a builder changed during a fit does not change it). Restarts, k selection and
 * random swap around {@link KMeansRun}.
 */
final class KMeansFit {
  private final int k;
  private final int restarts;
  private final long seed;
  private final int maxIterations;
  private final double tolerance;
  private final KMeansVariant variant;
  private final KMeansInit init;
  private final int seedingRounds;
  private final double oversampling;
  private final double[][] initialCentroids;
  private final KMeansModel initialModel;
  private final KSelection selection;
  private final FitFrame frame;
  private final boolean traceObjective;
  private final int swapTrials;

  KMeansFit(KMeans o, FitFrame frame) {
    this.frame = frame;
    this.k = o.k;
    this.restarts = o.restarts;
    this.seed = o.seed;
    this.maxIterations = o.maxIterations;
    this.tolerance = o.tolerance;
    this.variant = o.variant;
    this.init = o.init;
    this.seedingRounds = o.seedingRounds;
    this.oversampling = o.oversampling;
    this.initialCentroids = o.initialCentroids;
    this.initialModel = o.initialModel;
    this.selection = o.selection;
    this.traceObjective = o.traceObjective;
    this.swapTrials = o.swapTrials;
  }

  /** {@link KMeans#learnsFromSample}: nothing is learned from a sample when the start is given. */
  boolean learnsFromSample() {
    return initialModel == null
        && (initialCentroids == null || !"none".equals(frame.scaling().name()));
  }

  /** The initial model's preprocessing, to apply as it is, or null to learn one. */
  private FittedScaling givenScaling(List<String> columns) {
    if (initialModel == null) {
      return null;
    }
    if (!initialModel.columnNames().equals(columns)) {
      throw new InvalidOptionException(
          "initialModel",
          "a model of " + initialModel.columnNames(),
          "was trained on other columns than the data's " + columns);
    }
    return initialModel.scaling();
  }

  /** What is recorded of the options in the model's provenance. */
  private Map<String, String> options(int chosenK) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("k", Integer.toString(chosenK));
    if (selection != null) {
      o.put("selection", selection.toString());
    }
    o.put("restarts", Integer.toString(restarts));
    o.put("maxIterations", Integer.toString(maxIterations));
    o.put("tolerance", Double.toString(tolerance));
    o.put("variant", variant.name());
    o.put("init", init.name());
    if (init == KMeansInit.K_MEANS_PARALLEL) {
      o.put("seedingRounds", Integer.toString(seedingRounds));
      o.put("oversampling", Double.toString(oversampling));
    }
    if (initialCentroids != null || initialModel != null) {
      o.put("start", initialModel != null ? "initial model" : "initial centroids");
    }
    if (swapTrials > 0) {
      o.put("randomSwap", Integer.toString(swapTrials));
    }
    return o;
  }

  /** The given start in the preprocessed space, row-major, or null when the fit seeds itself. */
  double[] given(FittedScaling fitted, List<String> columns) {
    int d = columns.size();
    if (initialModel != null) {
      return Rows.flatten(initialModel.scaledCentroids(), d, "centroid");
    }
    if (initialCentroids == null) {
      return null;
    }
    double[] given = new double[k * d];
    for (int c = 0; c < k; c++) {
      if (initialCentroids[c].length != d) {
        throw new InvalidOptionException(
            "initialCentroids",
            "rows of length " + initialCentroids[c].length,
            "must have one value per column (" + d + ": " + columns + ")");
      }
      System.arraycopy(fitted.transform(initialCentroids[c]), 0, given, c * d, d);
    }
    return given;
  }

  SegmentationResult<KMeansModel> fit(Dataset data) {
    List<String> columns = data.columnNames();
    Prepared p =
        frame.prepare(
            data,
            "K-means needs at least k = " + k + " distinct rows",
            data.numRows() == 0 ? null : givenScaling(columns));
    int n = p.n();
    int d = p.d();
    double[] x = p.rows();
    FittedScaling fitted = p.scaling();
    double[] weights = p.weights();

    double[] given = given(fitted, columns);
    if (selection != null && given != null) {
      throw new InvalidOptionException(
          initialModel != null ? "initialModel" : "initialCentroids",
          initialModel != null
              ? initialModel.numSegments() + " centroids"
              : initialCentroids.length + " rows",
          "cannot be combined with a k selection; give either k(KSelection) or initial centroids");
    }
    int largest = selection != null ? selection.max() : k;
    DistinctRows.require(
        x,
        n,
        d,
        largest,
        "k",
        selection != null ? selection.min() + ".." + largest : largest,
        "data");
    Blocks blocks = frame.blocks(n);
    Seeding seeding = new Seeding(x, weights, n, d, blocks);
    double[] limits = limits(p.extent(), x, n, d);
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
            Blocks rb = frame.blocks(rn);
            Seeding rs = new Seeding(rx, null, rn, rd, rb);
            double[] refLimits = limits(RowSummary.extent(rx, rn, rd), rx, rn, rd);
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
      table = selection.choose(x, n, d, partitions, refit, frame.threads(), frame.pool());
      chosenK = table.chosenK();
      best = runs[chosenK - ks[0]];
    }
    distances[0] += seeding.distances;

    FitSummary summary =
        frame.summary(
            "k-means (" + best.variant + ")",
            best.iterations,
            best.converged,
            best.objective,
            distances[0],
            best.trace.toDoubleArray());
    KMeansModel model =
        new KMeansModel(best.centroids, chosenK, columns, fitted)
            .withSegmentWeights(
                KMeansModel.segmentWeights(best.labels, data.weights().orElse(null), chosenK))
            .withProvenance(frame.provenance(options(chosenK), seed, n, columns, summary));
    return new SegmentationResult<>(best.labels, model, summary, table);
  }

  /** {@link KMeans#fitBatch}: see there. */
  SegmentationResult<KMeansModel> fitBatch(
      Dataset sample, CentrePass.Factory passes, KMeans.Checkpoint checkpoint) {
    if (selection != null) {
      throw new InvalidOptionException(
          "k",
          selection.min() + ".." + selection.max(),
          "choose the number of segments on a sample with fit(), then give it here");
    }
    if (swapTrials > 0) {
      throw new InvalidOptionException(
          "randomSwap", swapTrials, "cannot run over passes; refine on a sample with fit()");
    }
    List<String> names = sample.columnNames();
    int d = names.size();
    int n = sample.numRows();
    boolean learns = learnsFromSample();
    if (learns && n == 0) {
      throw new InvalidDataException(
          "the sample is empty: K-means over passes learns "
              + (initialCentroids == null ? "its start" : "the preprocessing")
              + " from the sample's rows");
    }
    FittedScaling fitted;
    double[] start;
    if (initialModel != null || initialCentroids != null) {
      FittedScaling model = givenScaling(names);
      fitted =
          model != null
              ? model
              : frame
                  .scaling()
                  .fit(learns ? sample.toRowMajor() : new double[0], learns ? n : 0, names);
      start = given(fitted, names);
    } else {
      // The local fit on the sample learns the preprocessing and the start.
      KMeansModel local = fit(sample).model();
      fitted = local.scaling();
      start = Rows.flatten(local.scaledCentroids(), d, "centroid");
    }
    if (n > 0) {
      // Rows the sample shows identical cannot fill more clusters than they are (the repair would
      // move rows at a rounding distance forever): the local fit's check, on the sample.
      DistinctRows.require(sample.toRowMajor(), n, d, k, "k", k, "sample");
    }
    CentrePass pass = passes.open(fitted);
    RowSummary rows = pass.summary();
    if (rows.rows() == 0) {
      throw new InvalidDataException("there are no rows to fit K-means on");
    }
    double toleranceSq = tolerance == 0 ? 0 : tolerance * rows.meanVariance();
    // A centroid that moved less than this moved by rounding only: no label changed.
    double slack = 1e-12 * rows.extent();
    BatchLloyd run = new BatchLloyd(pass, start, k, d);
    run.iterate(
        maxIterations,
        toleranceSq,
        slack * slack,
        frame.listener(),
        it -> checkpoint.after(it, new KMeansModel(run.centroids.clone(), k, names, fitted)));
    NearestSums last = pass.nearest(run.centroids);
    FitSummary summary =
        frame.summary(
            "k-means (" + KMeansVariant.LLOYD + ", " + pass.name() + ")",
            run.iterations,
            run.converged,
            last.squaredError(),
            (run.iterations + 1) * rows.rows() * k,
            run.trace.toDoubleArray());
    Map<String, String> options = options(k);
    options.put("variant", KMeansVariant.LLOYD.name());
    options.put("passes", pass.name());
    KMeansModel model =
        new KMeansModel(run.centroids.clone(), k, names, fitted)
            .withSegmentWeights(last.weights())
            .withProvenance(frame.provenance(options, seed, rows.rows(), names, summary));
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = model.assign(sample.row(i));
    }
    return new SegmentationResult<>(labels, model, summary);
  }

  /**
   * The column tiles of {@code x} for a Lloyd fit, made once per data array and shared by its runs
   * and restarts; null for the pruned variants (they visit rows one by one) or when the heap cannot
   * hold the copy, in which case the kernel transposes each tile per pass: the same labels, slower.
   * The float screen comes first (4 n d bytes): it finds the nearest centroids in single precision
   * and confirms them exactly, the same labels up to 1.5x faster per pass (BENCHMARKS.md section
   * 22); the double tiles (8 n d bytes) when only they fit.
   */
  private ColumnTiles tilesFor(KMeansVariant resolved, double[] x, int n, int d) {
    if (resolved != KMeansVariant.LLOYD) {
      return null;
    }
    if (tilesSource != x) {
      tilesSource = x;
      if (Memory.fits(ColumnTiles.screenBytes(n, d))) {
        tiles = new ColumnTiles(x, n, d, true);
      } else {
        tiles = Memory.fits(ColumnTiles.bytes(n, d)) ? new ColumnTiles(x, n, d) : null;
      }
    }
    return tiles;
  }

  /** The array {@link #tiles} were made from. */
  private double[] tilesSource;

  private ColumnTiles tiles;

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
    KMeansVariant resolved = KMeans.resolve(variant, segments, d, maxIterations);
    if (variant == KMeansVariant.AUTO
        && resolved == KMeansVariant.YINYANG
        && !Memory.fits(YinyangStep.bytes(n, segments))) {
      resolved = KMeansVariant.LLOYD;
    }
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
      } else if (init == KMeansInit.K_MEANS_PARALLEL) {
        start =
            seeding.kMeansParallel(
                segments, seedingRounds, oversampling, rng, absSlack, toleranceSq);
      } else {
        start = seeding.kMeansPlusPlus(segments, rng);
      }
      String restart = stage + " restart " + (r + 1) + "/" + runs;
      // Step 0 marks the end of seeding, so that a listener can time seeding and iterations apart.
      if (frame.listener() != ProgressListener.NONE
          && !frame.listener().onProgress(new Progress(restart, 0, maxIterations, Double.NaN))) {
        throw new FitCancelledException(restart + " cancelled after seeding");
      }
      KMeansRun run =
          new KMeansRun(
              x,
              tilesFor(resolved, x, n, d),
              weights,
              n,
              d,
              start,
              segments,
              resolved,
              blocks,
              absSlack);
      run.iterate(maxIterations, toleranceSq, traceObjective, frame.listener(), restart);
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
      KMeansRun r =
          new KMeansRun(
              x,
              tilesFor(resolved, x, n, d),
              weights,
              n,
              d,
              trial,
              segments,
              resolved,
              blocks,
              absSlack);
      r.iterate(2, 0, false, ProgressListener.NONE, stage);
      distances[0] += r.distances;
      if (r.objective < currentObjective) {
        current = r.centroids.clone();
        currentObjective = r.objective;
      }
      if (frame.listener() != ProgressListener.NONE
          && (t + 1) % 16 == 0
          && !frame
              .listener()
              .onProgress(
                  new dev.segmentation.api.Progress(
                      stage + " random swap", t + 1, swapTrials, currentObjective))) {
        throw new dev.segmentation.api.FitCancelledException(
            stage + " cancelled after " + (t + 1) + " random-swap trials");
      }
    }
    KMeansRun last =
        new KMeansRun(
            x,
            tilesFor(resolved, x, n, d),
            weights,
            n,
            d,
            current,
            segments,
            resolved,
            blocks,
            absSlack);
    last.iterate(
        maxIterations, toleranceSq, traceObjective, frame.listener(), stage + " after random swap");
    distances[0] += last.distances;
    return last.objective <= best.objective ? last : best;
  }

  /**
   * The rounding slack of the bounds (relative to the data's extent) and the squared convergence
   * threshold (tolerance times the mean column variance): properties of the rows, computed once per
   * data set rather than per k or restart.
   */
  private double[] limits(double extent, double[] x, int n, int d) {
    return new double[] {
      1e-12 * extent, tolerance == 0 ? 0 : tolerance * RowSummary.meanVariance(x, n, d)
    };
  }
}
