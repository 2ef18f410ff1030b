package dev.segmentation.som;

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
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.fit.FitFrame;
import dev.segmentation.core.fit.Prepared;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.parallel.Memory;
import dev.segmentation.core.pass.NearestCentres;
import dev.segmentation.core.pass.NearestSums;
import dev.segmentation.core.preprocess.FittedScaling;
import dev.segmentation.hierarchical.Hierarchical;
import dev.segmentation.hierarchical.Linkage;
import dev.segmentation.kmeans.KMeans;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * One fit of a {@link Som}: the training behind {@link Som#fit} and {@link Som#fitBatch}, with the
 * builder's options read once at the start. Batch and online training, unit grouping, k selection.
 */
final class SomFit {
  private final FitFrame frame;
  private final int columns;
  private final int rows;
  private final Topology topology;
  private final boolean toroidal;
  private final Neighborhood neighborhood;
  private final int epochs;
  private final long seed;
  private final SomTraining training;
  private final SomInit init;
  private final double radiusStart;
  private final double radiusEnd;
  private final Decay radiusDecay;
  private final double rateStart;
  private final double rateEnd;
  private final Decay rateDecay;
  private final int segments;
  private final UnitGrouping grouping;
  private final KSelection selection;
  private final boolean traceTopographic;

  SomFit(Som o, FitFrame frame) {
    this.frame = frame;
    this.columns = o.columns;
    this.rows = o.rows;
    this.topology = o.topology;
    this.toroidal = o.toroidal;
    this.neighborhood = o.neighborhood;
    this.epochs = o.epochs;
    this.seed = o.seed;
    this.training = o.training;
    this.init = o.init;
    this.radiusStart = o.radiusStart;
    this.radiusEnd = o.radiusEnd;
    this.radiusDecay = o.radiusDecay;
    this.rateStart = o.rateStart;
    this.rateEnd = o.rateEnd;
    this.rateDecay = o.rateDecay;
    this.segments = o.segments;
    this.grouping = o.grouping;
    this.selection = o.selection;
    this.traceTopographic = o.traceTopographic;
  }

  SegmentationResult<SomModel> fit(Dataset data) {
    if (data.numRows() > 0) {
      checkGrid(selection != null ? selection.max() : segments);
    }
    Prepared p = frame.prepare(data, "a map needs customers", null);
    int n = p.n();
    int d = p.d();
    int units = columns * rows;
    double[] x = p.rows();
    FittedScaling fitted = p.scaling();
    List<String> names = data.columnNames();
    // Fewer distinct customers than segments would leave segments without a customer (NaN means
    // in every profile).
    int largest = selection != null ? selection.max() : segments;
    DistinctRows.require(
        x,
        n,
        d,
        largest,
        "segments",
        selection != null ? selection.min() + ".." + largest : largest,
        "data");
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
      table = selection.choose(x, n, d, partitions, refit, frame.threads(), frame.pool());
      chosen = table.chosenK() - ks[0];
    }
    FitSummary summary = summary(map, n, "");
    SomModel model =
        model(map, unitGroups[chosen], ks[chosen], names, fitted)
            .withProvenance(frame.provenance(options(ks[chosen]), seed, n, names, summary));
    return new SegmentationResult<>(partitions[chosen], model, summary, table);
  }

  SegmentationResult<SomModel> fitBatch(Dataset sample, BatchPass.Factory passes) {
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
    FittedScaling fitted = frame.scaling().fit(x, n, names);
    fitted.transformInPlace(x, n);
    BatchPass pass = passes.open(fitted);
    Trained map = train(pass, x, n, d);
    int units = columns * rows;
    int[] unitGroups = groups(map.codebook, map.hits, units, names, new int[] {segments})[0];
    long total = 0;
    for (int c : map.counts) {
      total += c;
    }
    FitSummary summary = summary(map, total, ", passes");
    Map<String, String> options = options(segments);
    options.put("passes", "external");
    SomModel model =
        model(map, unitGroups, segments, names, fitted)
            .withProvenance(frame.provenance(options, seed, total, names, summary));
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = unitGroups[NearestCentres.nearest(x, i * d, map.codebook, units, d)];
    }
    return new SegmentationResult<>(labels, model, summary);
  }

  private void checkGrid(int largest) {
    int units = columns * rows;
    // Training keeps two units x units tables (grid distances and neighbourhood weights).
    long cells = (long) units * units;
    long need = 2 * cells * Double.BYTES;
    if (cells > Integer.MAX_VALUE - 8 || !Memory.fits(need)) {
      throw new InvalidOptionException(
          "grid",
          columns + "x" + rows,
          "needs "
              + Memory.gib(need)
              + " for the distances and neighbourhood weights between its "
              + units
              + " units but only "
              + Memory.gib(Memory.freeHeap())
              + " of heap is free; use a smaller grid (a 100x100 map takes 1.5 GiB) or give the"
              + " JVM more (-Xmx)");
    }
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

  private FitSummary summary(Trained map, long n, String how) {
    return frame.summary(
        "som (" + training + how + ", " + columns + "x" + rows + " " + topology + ")",
        epochs,
        true,
        map.distortion[epochs - 1],
        n * ((long) columns * rows) * (epochs + 1),
        map.distortion);
  }

  /** What is recorded of the options in the model's provenance. */
  private Map<String, String> options(int k) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("segments", Integer.toString(k));
    if (selection != null) {
      o.put("selection", selection.toString());
    }
    o.put("grid", columns + "x" + rows);
    o.put("topology", topology.name());
    o.put("toroidal", Boolean.toString(toroidal));
    o.put("neighborhood", neighborhood.name());
    o.put("epochs", Integer.toString(epochs));
    o.put("training", training.name());
    o.put("init", init.name());
    o.put("radius", radiusStart + ".." + radiusEnd + " " + radiusDecay);
    o.put("learningRate", rateStart + ".." + rateEnd + " " + rateDecay);
    o.put("grouping", grouping.name());
    return o;
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
    Blocks blocks = frame.blocks(n);
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
      if (frame.listener() != ProgressListener.NONE
          && !frame
              .listener()
              .onProgress(new Progress("som epoch", t + 1, epochs, distortion[t]))) {
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
      var tree = new Hierarchical().linkage(Linkage.WARD).tree(unitData);
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
    double[] mean = dev.segmentation.core.pass.RowSummary.columnMeans(x, n, d);
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
