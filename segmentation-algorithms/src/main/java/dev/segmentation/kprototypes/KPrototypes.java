package dev.segmentation.kprototypes;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.MixedDataset;
import dev.segmentation.api.Progress;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.fit.FitFrame;
import dev.segmentation.core.fit.Prepared;
import dev.segmentation.core.fit.SegmenterBuilder;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.parallel.Memory;
import dev.segmentation.core.preprocess.FittedScaling;
import dev.segmentation.core.preprocess.Scaling;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * k-prototypes (Huang 1998, "Extensions to the k-means algorithm for clustering large data sets
 * with categorical values", Data Mining and Knowledge Discovery 2(3), 283-304): K-means for
 * customers with numeric and categorical columns. Each segment has a prototype, the mean of its
 * numeric columns and the mode of each categorical column, and a customer belongs to the prototype
 * of least cost
 *
 * <pre>
 *   cost(x, c) = sum_j (x_j - mean_cj)^2 + gamma * #{k : x_k != mode_ck}
 * </pre>
 *
 * on the preprocessed numeric columns. With no numeric column this is k-modes (Huang 1998, section
 * 3); with no categorical column, Lloyd's K-means. Start from {@code Segmentation.kprototypes()}.
 *
 * <pre>{@code
 * MixedDataset customers = CsvDatasets.reader()
 *     .categorical("region", "channel")
 *     .loadMixed(Path.of("customers.csv")).dataset();
 * SegmentationResult<KPrototypesModel> result = Segmentation.kprototypes()
 *     .k(5).preprocess(Scaling.standard()).seed(42)
 *     .fit(customers);
 * }</pre>
 *
 * <p><b>gamma</b> weighs one categorical mismatch against squared numeric distance. Huang (1998,
 * section 4) ties it to the spread of the numeric columns; the default, as in the {@code kmodes}
 * package, is half the mean standard deviation of the preprocessed numeric columns (1 when there is
 * none or they are constant). Set it to make categories matter more or less.
 *
 * <p><b>Algorithm.</b> Batch iterations (as Lloyd's): assign every row to its least-cost prototype
 * (ties to the lowest segment), then move each prototype to its members' weighted mean and modes (a
 * tied mode keeps the current level if it is among the most frequent, otherwise the lowest level; a
 * segment left empty keeps its prototype). Each step can only lower the total cost, so the cost
 * never increases and the fit stops when no row changes segment, or after {@code maxIterations}.
 * Starts: {@link KPrototypesInit}; with {@code HUANG} the best of {@code restarts} runs (least
 * cost, ties to the earlier) is kept.
 *
 * <p><b>Determinism.</b> Rows are assigned independently and numeric sums combined per fixed block
 * in block order; category counts are accumulated in row order; every random draw comes from {@code
 * seed}. The result does not depend on the number of threads.
 *
 * <p><b>Complexity.</b> O(n k (p + q)) per iteration; memory O(n (p + q)) for the data and O(k (p +
 * L)) for the prototypes and counts, L the number of levels over all categorical columns, checked
 * against the free heap first. Every value must be present: missing values are refused, naming the
 * row and column (read missing categories as a level, or impute).
 */
public final class KPrototypes extends SegmenterBuilder<KPrototypes, KPrototypesModel> {
  private static final String NAME = "k-prototypes";
  private int k = 8;
  private double gamma = Double.NaN;
  private KPrototypesInit init = KPrototypesInit.CAO;
  private int restarts = 4;
  private long seed = 42;
  private int maxIterations = 100;

  /** Creates a builder with the defaults; prefer {@code Segmentation.kprototypes()}. */
  public KPrototypes() {}

  @Override
  protected KPrototypes self() {
    return this;
  }

  /**
   * Sets the number of segments.
   *
   * @param segments {@code >= 1}; default 8
   * @return this builder
   * @throws InvalidOptionException if {@code segments < 1}
   */
  public KPrototypes k(int segments) {
    if (segments < 1) {
      throw new InvalidOptionException("k", segments, "must be >= 1");
    }
    this.k = segments;
    return this;
  }

  /**
   * Sets the weight of one categorical mismatch against squared numeric distance.
   *
   * @param value finite, {@code >= 0}; default: half the mean standard deviation of the
   *     preprocessed numeric columns
   * @return this builder
   * @throws InvalidOptionException if negative or not finite
   */
  public KPrototypes gamma(double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new InvalidOptionException("gamma", value, "must be finite and >= 0");
    }
    this.gamma = value;
    return this;
  }

  /**
   * Chooses how prototypes start.
   *
   * @param value the method; default {@link KPrototypesInit#CAO}
   * @return this builder
   */
  public KPrototypes init(KPrototypesInit value) {
    this.init = Objects.requireNonNull(value, "init");
    return this;
  }

  /**
   * Sets the number of runs from different random starts ({@link KPrototypesInit#HUANG} only; Cao's
   * start is deterministic and runs once).
   *
   * @param value {@code >= 1}; default 4
   * @return this builder
   * @throws InvalidOptionException if {@code value < 1}
   */
  public KPrototypes restarts(int value) {
    if (value < 1) {
      throw new InvalidOptionException("restarts", value, "must be >= 1");
    }
    this.restarts = value;
    return this;
  }

  /**
   * Sets the seed every random draw comes from.
   *
   * @param value any long; default 42
   * @return this builder
   */
  public KPrototypes seed(long value) {
    this.seed = value;
    return this;
  }

  /**
   * Sets the most iterations per run.
   *
   * @param value {@code >= 1}; default 100
   * @return this builder
   * @throws InvalidOptionException if {@code value < 1}
   */
  public KPrototypes maxIterations(int value) {
    if (value < 1) {
      throw new InvalidOptionException("maxIterations", value, "must be >= 1");
    }
    this.maxIterations = value;
    return this;
  }

  /**
   * Fits numeric data only: Lloyd's K-means with this builder's starts.
   *
   * @param data the customers
   * @return labels, model and summary
   * @throws InvalidDataException as {@link #fit(MixedDataset)}
   */
  @Override
  public SegmentationResult<KPrototypesModel> fit(Dataset data) {
    return fit(MixedDataset.builder(data).build());
  }

  /**
   * Fits k-prototypes. See the class description for the algorithm and its complexity.
   *
   * @param data the customers; not modified
   * @return labels, model and summary (the objective is the total weighted cost)
   * @throws InvalidDataException if the data set is empty, a value is missing (naming row and
   *     column), or there are fewer distinct customers than k
   * @throws InvalidOptionException if k exceeds the rows, or the counts do not fit in the heap
   * @throws FitCancelledException if the progress listener cancelled
   */
  public SegmentationResult<KPrototypesModel> fit(MixedDataset data) {
    Objects.requireNonNull(data, "data");
    FitFrame frame = frame(NAME);
    int n = data.numRows();
    if (n == 0) {
      throw new InvalidDataException("the data set is empty: k-prototypes needs rows");
    }
    if (k > n) {
      throw new InvalidOptionException("k", k, "exceeds the " + n + " rows");
    }
    int p = data.numNumeric();
    int q = data.numCategorical();
    requireComplete(data);
    double[] z;
    FittedScaling scaling;
    if (p > 0) {
      Prepared prepared = frame.prepare(data.numericPart(), "k-prototypes needs rows", null);
      z = prepared.rows();
      scaling = prepared.scaling();
    } else {
      z = new double[0];
      scaling = Scaling.none().fit(z, n, List.of());
    }
    Problem pr = new Problem(data, z, p, q, data.weights().orElse(null));
    double g = Double.isNaN(gamma) ? defaultGamma(z, n, p) : gamma;
    Blocks blocks = frame.blocks(n);
    long bytes = 8L * k * (p + pr.totalLevels + 2) * 2 + 8L * blocks.count() * k * (p + 1);
    if (!Memory.fits(bytes)) {
      throw new InvalidOptionException(
          "k",
          k,
          "the prototypes and category counts need "
              + Memory.gib(bytes)
              + " but only "
              + Memory.gib(Memory.freeHeap())
              + " of heap is free; give the JVM more (-Xmx), lower k or group rare levels");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int runs = init == KPrototypesInit.CAO ? 1 : restarts;
    Run best = null;
    for (int r = 0; r < runs; r++) {
      SplittableRandom draw = rng.split();
      int[] start = init == KPrototypesInit.CAO ? pr.cao(k, g) : pr.huang(k, g, draw);
      Run run = pr.iterate(start, k, g, maxIterations, blocks, frame.listener(), r, runs);
      if (best == null || run.cost < best.cost) {
        best = run;
      }
    }
    double[] sizes = new double[k];
    double[] shares = new double[k * q];
    pr.profile(best.labels, best.modes, k, sizes, shares);
    FitSummary summary =
        frame.summary(
            "k-prototypes (" + init + (p == 0 ? ", k-modes" : "") + ")",
            best.iterations,
            best.converged,
            best.cost,
            (long) runs * n * k * best.iterations,
            best.trace);
    Map<String, String> options = new LinkedHashMap<>();
    options.put("k", Integer.toString(k));
    options.put("gamma", Double.toString(g));
    options.put("init", init.name());
    options.put("restarts", Integer.toString(runs));
    options.put("maxIterations", Integer.toString(maxIterations));
    KPrototypesModel model =
        new KPrototypesModel(
            k,
            data.numericNames(),
            data.categoricalNames(),
            levelsOf(data),
            scaling,
            best.centres,
            best.modes,
            g,
            sizes,
            shares,
            null);
    model = model.withProvenance(frame.provenance(options, seed, n, data.columnNames(), summary));
    return new SegmentationResult<>(best.labels, model, summary);
  }

  private static List<List<String>> levelsOf(MixedDataset data) {
    List<List<String>> levels = new ArrayList<>();
    for (int c = 0; c < data.numCategorical(); c++) {
      levels.add(data.levels(c));
    }
    return levels;
  }

  private static void requireComplete(MixedDataset data) {
    for (int i = 0; i < data.numRows(); i++) {
      for (int j = 0; j < data.numNumeric(); j++) {
        if (Double.isNaN(data.numeric(i, j))) {
          throw new InvalidDataException(
              "row "
                  + i
                  + ", column '"
                  + data.numericNames().get(j)
                  + "': missing value; k-prototypes needs every value: impute or drop missing"
                  + " numbers");
        }
      }
      for (int j = 0; j < data.numCategorical(); j++) {
        if (data.code(i, j) == MixedDataset.MISSING) {
          throw new InvalidDataException(
              "row "
                  + i
                  + ", column '"
                  + data.categoricalNames().get(j)
                  + "': missing category; k-prototypes needs every value: read missing"
                  + " categories as a level of their own (the default) or impute the mode");
        }
      }
    }
  }

  /** Half the mean standard deviation of the numeric columns; 1 if there is no spread. */
  static double defaultGamma(double[] z, int n, int p) {
    if (p == 0) {
      return 1;
    }
    double total = 0;
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += z[i * p + j];
      }
      mean /= n;
      double var = 0;
      for (int i = 0; i < n; i++) {
        double t = z[i * p + j] - mean;
        var += t * t;
      }
      total += Math.sqrt(var / n);
    }
    double g = 0.5 * total / p;
    return g > 0 ? g : 1;
  }

  /** One run's result. */
  static final class Run {
    double[] centres;
    int[] modes;
    int[] labels;
    double cost;
    int iterations;
    boolean converged;
    double[] trace;
  }

  /** The data of one fit, in the form the loops read. */
  static final class Problem {
    final int n;
    final int p;
    final int q;
    final double[] z;
    final int[] codes;
    final double[] weight;
    final int[] levels;
    final int[] offset;
    final int totalLevels;

    Problem(MixedDataset data, double[] z, int p, int q, double[] weight) {
      this.n = data.numRows();
      this.p = p;
      this.q = q;
      this.z = z;
      this.codes = data.codes();
      this.weight = weight;
      this.levels = new int[q];
      this.offset = new int[q];
      int at = 0;
      for (int c = 0; c < q; c++) {
        levels[c] = data.levels(c).size();
        offset[c] = at;
        at += levels[c];
      }
      this.totalLevels = at;
    }

    double w(int i) {
      return weight == null ? 1 : weight[i];
    }

    /** The cost of row i against prototype c. */
    double cost(int i, double[] centres, int[] modes, int c, double gamma) {
      return KPrototypesModel.cost(z, i * p, codes, i * q, centres, modes, c, p, q, gamma);
    }

    /** Row i's numbers and levels as a one-prototype array pair. */
    double[] centreOf(int i) {
      double[] c = new double[p];
      System.arraycopy(z, i * p, c, 0, p);
      return c;
    }

    int[] modesOf(int i) {
      int[] m = new int[q];
      System.arraycopy(codes, i * q, m, 0, q);
      return m;
    }

    /** Cao et al. (2009) with the k-prototypes cost as the dissimilarity. */
    int[] cao(int k, double gamma) {
      double[] freq = new double[totalLevels];
      double total = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < q; j++) {
          freq[offset[j] + codes[i * q + j]] += w(i);
        }
        total += w(i);
      }
      double[] density = new double[n];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < q; j++) {
          s += freq[offset[j] + codes[i * q + j]];
        }
        density[i] = q == 0 ? 1 : s / (q * total);
      }
      int first = 0;
      for (int i = 1; i < n; i++) {
        if (density[i] > density[first]) {
          first = i;
        }
      }
      return spread(k, gamma, first, density);
    }

    /**
     * From a first start, repeatedly takes the row maximising {@code score[i] * min cost to the
     * starts so far}; fails if every remaining row coincides with a start.
     */
    private int[] spread(int k, double gamma, int first, double[] score) {
      int[] start = new int[k];
      start[0] = first;
      double[] least = new double[n];
      double[] firstCentre = centreOf(first);
      int[] firstModes = modesOf(first);
      for (int i = 0; i < n; i++) {
        least[i] = cost(i, firstCentre, firstModes, 0, gamma);
      }
      for (int c = 1; c < k; c++) {
        int best = -1;
        double bestScore = 0;
        for (int i = 0; i < n; i++) {
          double s = score[i] * least[i];
          if (s > bestScore) {
            bestScore = s;
            best = i;
          }
        }
        if (best < 0) {
          throw tooFewDistinct(k, c);
        }
        start[c] = best;
        double[] centre = centreOf(best);
        int[] mode = modesOf(best);
        for (int i = 0; i < n; i++) {
          least[i] = Math.min(least[i], cost(i, centre, mode, 0, gamma));
        }
      }
      return start;
    }

    /** Huang (1998): levels drawn by frequency, numbers of a random row, then the nearest row. */
    int[] huang(int k, double gamma, SplittableRandom rng) {
      double[] cumulative = new double[totalLevels];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < q; j++) {
          cumulative[offset[j] + codes[i * q + j]] += w(i);
        }
      }
      for (int j = 0; j < q; j++) {
        for (int l = 1; l < levels[j]; l++) {
          cumulative[offset[j] + l] += cumulative[offset[j] + l - 1];
        }
      }
      int[] start = new int[k];
      double[] least = new double[n];
      java.util.Arrays.fill(least, Double.POSITIVE_INFINITY);
      for (int c = 0; c < k; c++) {
        double[] centre = centreOf(rng.nextInt(n));
        int[] mode = new int[q];
        for (int j = 0; j < q; j++) {
          double top = cumulative[offset[j] + levels[j] - 1];
          double u = rng.nextDouble() * top;
          int l = 0;
          while (l < levels[j] - 1 && cumulative[offset[j] + l] <= u) {
            l++;
          }
          mode[j] = l;
        }
        int best = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          if (least[i] > 0) {
            double v = cost(i, centre, mode, 0, gamma);
            if (v < bestCost) {
              bestCost = v;
              best = i;
            }
          }
        }
        if (best < 0) {
          throw tooFewDistinct(k, c);
        }
        start[c] = best;
        double[] chosen = centreOf(best);
        int[] chosenModes = modesOf(best);
        for (int i = 0; i < n; i++) {
          least[i] = Math.min(least[i], cost(i, chosen, chosenModes, 0, gamma));
        }
      }
      return start;
    }

    private static InvalidDataException tooFewDistinct(int k, int found) {
      return new InvalidDataException(
          "k = "
              + k
              + " but the data has only "
              + found
              + " distinct customers (after preprocessing); lower k");
    }

    Run iterate(
        int[] start,
        int k,
        double gamma,
        int maxIterations,
        Blocks blocks,
        ProgressListener listener,
        int run,
        int runs) {
      Run out = new Run();
      double[] centres = new double[k * p];
      int[] modes = new int[k * q];
      for (int c = 0; c < k; c++) {
        System.arraycopy(z, start[c] * p, centres, c * p, p);
        System.arraycopy(codes, start[c] * q, modes, c * q, q);
      }
      int[] labels = new int[n];
      java.util.Arrays.fill(labels, -1);
      int count = blocks.count();
      double[] blockCost = new double[count];
      int[] blockChanged = new int[count];
      double[] blockSums = new double[count * k * (p + 1)];
      double[] counts = new double[k * totalLevels];
      DoubleArrayList trace = new DoubleArrayList();
      int it = 0;
      boolean converged = false;
      double cost = Double.NaN;
      while (true) {
        blocks.run(
            (worker, block, from, to) -> {
              double sum = 0;
              int changed = 0;
              for (int i = from; i < to; i++) {
                int best = 0;
                double bestCost = cost(i, centres, modes, 0, gamma);
                for (int c = 1; c < k; c++) {
                  double v = cost(i, centres, modes, c, gamma);
                  if (v < bestCost) {
                    bestCost = v;
                    best = c;
                  }
                }
                if (labels[i] != best) {
                  labels[i] = best;
                  changed++;
                }
                sum += w(i) * bestCost;
              }
              blockCost[block] = sum;
              blockChanged[block] = changed;
            });
        it++;
        cost = 0;
        int changed = 0;
        for (int b = 0; b < count; b++) {
          cost += blockCost[b];
          changed += blockChanged[b];
        }
        trace.add(cost);
        String stage = "k-prototypes run " + (run + 1) + " of " + runs;
        if (listener != ProgressListener.NONE
            && !listener.onProgress(new Progress(stage, it, maxIterations, cost))) {
          throw new FitCancelledException(stage + " cancelled after iteration " + it);
        }
        if (changed == 0) {
          converged = true;
          break;
        }
        if (it >= maxIterations) {
          break;
        }
        update(labels, centres, modes, k, blocks, blockSums, counts);
      }
      out.centres = centres;
      out.modes = modes;
      out.labels = labels;
      out.cost = cost;
      out.iterations = it;
      out.converged = converged;
      out.trace = trace.toDoubleArray();
      return out;
    }

    private void update(
        int[] labels,
        double[] centres,
        int[] modes,
        int k,
        Blocks blocks,
        double[] blockSums,
        double[] counts) {
      int stride = k * (p + 1);
      java.util.Arrays.fill(blockSums, 0);
      blocks.run(
          (worker, block, from, to) -> {
            int base = block * stride;
            for (int i = from; i < to; i++) {
              int c = labels[i];
              double wi = w(i);
              int at = base + c * (p + 1);
              blockSums[at + p] += wi;
              for (int j = 0; j < p; j++) {
                blockSums[at + j] += wi * z[i * p + j];
              }
            }
          });
      for (int c = 0; c < k; c++) {
        double size = 0;
        double[] sum = new double[p];
        for (int b = 0; b < blocks.count(); b++) {
          int at = b * stride + c * (p + 1);
          size += blockSums[at + p];
          for (int j = 0; j < p; j++) {
            sum[j] += blockSums[at + j];
          }
        }
        if (size > 0) {
          for (int j = 0; j < p; j++) {
            centres[c * p + j] = sum[j] / size;
          }
        }
      }
      if (q == 0) {
        return;
      }
      java.util.Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        int base = labels[i] * totalLevels;
        for (int j = 0; j < q; j++) {
          counts[base + offset[j] + codes[i * q + j]] += w(i);
        }
      }
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < q; j++) {
          int base = c * totalLevels + offset[j];
          int best = modes[c * q + j];
          double most = counts[base + best];
          for (int l = 0; l < levels[j]; l++) {
            if (counts[base + l] > most) {
              most = counts[base + l];
              best = l;
            }
          }
          modes[c * q + j] = best;
        }
      }
    }

    /** Weighted sizes and, per segment and column, the share of members holding the mode. */
    void profile(int[] labels, int[] modes, int k, double[] sizes, double[] shares) {
      double[] hits = new double[k * q];
      for (int i = 0; i < n; i++) {
        int c = labels[i];
        sizes[c] += w(i);
        for (int j = 0; j < q; j++) {
          if (codes[i * q + j] == modes[c * q + j]) {
            hits[c * q + j] += w(i);
          }
        }
      }
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < q; j++) {
          shares[c * q + j] = sizes[c] > 0 ? hits[c * q + j] / sizes[c] : 0;
        }
      }
    }
  }

  @Override
  public String toString() {
    return "KPrototypes[k="
        + k
        + ", gamma="
        + (Double.isNaN(gamma) ? "auto" : gamma)
        + ", init="
        + init
        + ", restarts="
        + restarts
        + ", seed="
        + seed
        + "]";
  }
}
