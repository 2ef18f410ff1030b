package dev.segmentation.kmeans;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.Progress;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.data.Rows;
import dev.segmentation.core.fit.FitFrame;
import dev.segmentation.core.fit.Prepared;
import dev.segmentation.core.fit.SegmenterBuilder;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.pass.NearestCentres;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Mini-batch K-means (Sculley 2010, "Web-scale k-means clustering", WWW), as scikit-learn's {@code
 * MiniBatchKMeans} runs it: each step draws a batch of rows (with replacement), assigns them to the
 * nearest centre and moves each centre towards the mean of its batch rows with a per-centre
 * learning rate of one over the rows it has seen; centres that have seen far fewer rows than the
 * busiest are moved onto random batch rows now and then; the fit stops when a smoothed batch
 * objective has not improved for {@code maxNoImprovement} steps or after {@code maxEpochs} passes'
 * worth of batches. A last pass assigns every row. Start from {@code
 * Segmentation.miniBatchKMeans()}; the model is an ordinary {@link KMeansModel}.
 *
 * <pre>{@code
 * SegmentationResult<KMeansModel> result = Segmentation.miniBatchKMeans()
 *     .k(8).batchSize(4096).seed(42)
 *     .preprocess(Scaling.standard())
 *     .fit(customers);
 * }</pre>
 *
 * <p><b>Details</b>, following scikit-learn 1.2: each of {@code restarts} starts is greedy
 * k-means++ on its own random sample of {@code 3 batchSize} rows (at least {@code 3 k}, at most n),
 * and the one of least objective on a validation sample of as many rows is run; the smoothed
 * objective is an exponentially weighted average of the batch objective per row with weight {@code
 * min(1, 2 b / (n + 1))}; a random reassignment happens when a centre has seen no row, or after
 * {@code 10 k} rows since the last one, and moves the centres whose count is below {@code
 * reassignmentRatio} times the largest count (at most half the batch) onto distinct random rows of
 * the batch, giving them the smallest count of the others. Row weights are ignored.
 *
 * <p><b>Determinism.</b> Every random draw comes from {@code seed}; batches are assigned and
 * applied in order, and the final pass labels each row independently and sums the objective per
 * fixed block, so the result does not depend on the number of threads.
 *
 * <p><b>Complexity.</b> O(b k d) per step for batch size b, at most {@code maxEpochs n / b} steps,
 * plus one O(n k d) final pass; memory O(n d) for the preprocessed copy plus O(b d + k d). A centre
 * that no row is nearest to in the final pass leaves its segment empty (the labels skip it).
 */
public final class MiniBatchKMeans extends SegmenterBuilder<MiniBatchKMeans, KMeansModel> {
  private static final String NAME = "mini-batch k-means";
  private int k = 8;
  private int batchSize = 1024;
  private int maxEpochs = 100;
  private int maxNoImprovement = 10;
  private double reassignmentRatio = 0.01;
  private int restarts = 3;
  private long seed = 42;

  /** Creates a builder with the defaults; prefer {@code Segmentation.miniBatchKMeans()}. */
  public MiniBatchKMeans() {}

  @Override
  protected MiniBatchKMeans self() {
    return this;
  }

  /**
   * Sets the number of segments.
   *
   * @param segments {@code >= 1}; default 8
   * @return this builder
   * @throws InvalidOptionException if {@code segments < 1}
   */
  public MiniBatchKMeans k(int segments) {
    if (segments < 1) {
      throw new InvalidOptionException("k", segments, "must be >= 1");
    }
    this.k = segments;
    return this;
  }

  /**
   * Sets the rows drawn per step.
   *
   * @param rows {@code >= 1}; default 1024 (as scikit-learn)
   * @return this builder
   * @throws InvalidOptionException if {@code rows < 1}
   */
  public MiniBatchKMeans batchSize(int rows) {
    if (rows < 1) {
      throw new InvalidOptionException("batchSize", rows, "must be >= 1");
    }
    this.batchSize = rows;
    return this;
  }

  /**
   * Sets the most passes' worth of batches: at most {@code epochs n / batchSize} steps.
   *
   * @param epochs {@code >= 1}; default 100 (scikit-learn's {@code max_iter})
   * @return this builder
   * @throws InvalidOptionException if {@code epochs < 1}
   */
  public MiniBatchKMeans maxEpochs(int epochs) {
    if (epochs < 1) {
      throw new InvalidOptionException("maxEpochs", epochs, "must be >= 1");
    }
    this.maxEpochs = epochs;
    return this;
  }

  /**
   * Sets how many steps in a row without a better smoothed objective stop the fit.
   *
   * @param steps {@code >= 1}; default 10 (as scikit-learn)
   * @return this builder
   * @throws InvalidOptionException if {@code steps < 1}
   */
  public MiniBatchKMeans maxNoImprovement(int steps) {
    if (steps < 1) {
      throw new InvalidOptionException("maxNoImprovement", steps, "must be >= 1");
    }
    this.maxNoImprovement = steps;
    return this;
  }

  /**
   * Sets the share of the busiest centre's count below which a centre is moved to a random row.
   *
   * @param ratio in {@code [0, 1)}; default 0.01 (as scikit-learn); 0 turns reassignment off
   * @return this builder
   * @throws InvalidOptionException if outside {@code [0, 1)}
   */
  public MiniBatchKMeans reassignmentRatio(double ratio) {
    if (!(ratio >= 0 && ratio < 1)) {
      throw new InvalidOptionException("reassignmentRatio", ratio, "must be in [0, 1)");
    }
    this.reassignmentRatio = ratio;
    return this;
  }

  /**
   * Sets how many starts are drawn: each is greedy k-means++ on its own sample, and the one with
   * the least objective on a validation sample is run (scikit-learn's {@code n_init}).
   *
   * @param count {@code >= 1}; default 3 (as scikit-learn 1.2)
   * @return this builder
   * @throws InvalidOptionException if {@code count < 1}
   */
  public MiniBatchKMeans restarts(int count) {
    if (count < 1) {
      throw new InvalidOptionException("restarts", count, "must be >= 1");
    }
    this.restarts = count;
    return this;
  }

  /**
   * Sets the seed every random draw comes from.
   *
   * @param value any long; default 42
   * @return this builder
   */
  public MiniBatchKMeans seed(long value) {
    this.seed = value;
    return this;
  }

  /**
   * Fits mini-batch K-means. See the class description. The data set is not modified.
   *
   * @throws InvalidDataException if the data set is empty or a value is outside the domain of the
   *     preprocessing
   * @throws InvalidOptionException if {@code k} exceeds the number of rows or the distinct rows of
   *     the start's sample
   * @throws FitCancelledException if the progress listener cancelled
   */
  @Override
  public SegmentationResult<KMeansModel> fit(Dataset data) {
    FitFrame frame = frame(NAME);
    Prepared p = frame.prepare(data, "mini-batch K-means needs at least one row", null);
    int n = p.n();
    int d = p.d();
    double[] x = p.rows();
    if (k > n) {
      throw new InvalidOptionException("k", k, "must not exceed the number of rows (" + n + ")");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    Blocks blocks = frame.blocks(n);
    // the start, as scikit-learn: greedy k-means++ on a fresh sample of init_size = 3 batch_size
    // rows per restart, the one of least objective on one validation sample of as many rows kept
    int m = Math.min(n, Math.max(3 * batchSize, 3 * k));
    double[] valid = new double[m * d];
    for (int t = 0; t < m; t++) {
      System.arraycopy(x, rng.nextInt(n) * d, valid, t * d, d);
    }
    double[] centres = null;
    double bestStart = Double.POSITIVE_INFINITY;
    long distances = 0;
    double[] sx = new double[m * d];
    int[] validLabels = new int[m];
    double[] validDist = new double[m];
    NearestCentres.Workspace startSpace = new NearestCentres.Workspace(d, k);
    for (int r = 0; r < restarts; r++) {
      int[] sample = Rows.sample(n, m, rng.split());
      for (int t = 0; t < m; t++) {
        System.arraycopy(x, sample[t] * d, sx, t * d, d);
      }
      Seeding seeding = new Seeding(sx, null, m, d, new Blocks(m, frame.threads(), frame.pool()));
      double[] start = seeding.kMeansPlusPlus(k, rng.split());
      distances += seeding.distances;
      NearestCentres.assignWithBounds(
          valid, d, 0, m, start, k, startSpace, validLabels, validDist, null, null);
      distances += (long) m * k;
      double cost = 0;
      for (double v : validDist) {
        cost += v * v;
      }
      if (cost < bestStart) {
        bestStart = cost;
        centres = start;
      }
    }
    ProgressListener listener = frame.listener();
    report(listener, "mini-batch start", 1, 3);

    int b = Math.min(batchSize, n);
    double[] batch = new double[b * d];
    int[] rows = new int[b];
    int[] labels = new int[b];
    double[] dist = new double[b];
    double[] counts = new double[k];
    double[] sums = new double[k * d];
    int[] inBatch = new int[k];
    NearestCentres.Workspace ws = new NearestCentres.Workspace(d, k);
    long steps = Math.max(1, (long) maxEpochs * n / b);
    double alpha = Math.min(1, 2.0 * b / (n + 1.0));
    double ewa = Double.NaN;
    double ewaMin = Double.POSITIVE_INFINITY;
    int noImprovement = 0;
    long sinceReassign = 0;
    long step = 0;
    boolean converged = false;
    while (step < steps) {
      for (int t = 0; t < b; t++) {
        rows[t] = rng.nextInt(n);
        System.arraycopy(x, rows[t] * d, batch, t * d, d);
      }
      NearestCentres.assignWithBounds(batch, d, 0, b, centres, k, ws, labels, dist, null, null);
      distances += (long) b * k;
      double inertia = 0;
      Arrays.fill(sums, 0);
      Arrays.fill(inBatch, 0);
      for (int t = 0; t < b; t++) {
        inertia += dist[t] * dist[t];
        int c = labels[t];
        inBatch[c]++;
        for (int j = 0; j < d; j++) {
          sums[c * d + j] += batch[t * d + j];
        }
      }
      // each centre moves to the mean of everything it has seen: learning rate 1 / count
      for (int c = 0; c < k; c++) {
        if (inBatch[c] > 0) {
          double total = counts[c] + inBatch[c];
          for (int j = 0; j < d; j++) {
            centres[c * d + j] = (centres[c * d + j] * counts[c] + sums[c * d + j]) / total;
          }
          counts[c] = total;
        }
      }
      sinceReassign += b;
      if (reassignmentRatio > 0 && (hasZero(counts) || sinceReassign >= 10L * k)) {
        sinceReassign = 0;
        reassign(centres, counts, batch, b, d, rng);
      }
      step++;
      inertia /= b;
      // scikit-learn judges convergence from the second step on
      if (step > 1) {
        ewa = Double.isNaN(ewa) ? inertia : ewa * (1 - alpha) + inertia * alpha;
        if (ewa < ewaMin) {
          ewaMin = ewa;
          noImprovement = 0;
        } else if (++noImprovement >= maxNoImprovement) {
          converged = true;
          break;
        }
      }
    }
    report(listener, "mini-batch steps", 2, 3);
    int[] all = new int[n];
    double[] part = new double[blocks.count()];
    NearestCentres.Workspace[] spaces = new NearestCentres.Workspace[blocks.workers()];
    double[] upper = new double[n];
    for (int w = 0; w < spaces.length; w++) {
      spaces[w] = new NearestCentres.Workspace(d, k);
    }
    double[] finalCentres = centres;
    blocks.run(
        (worker, block, start, end) -> {
          NearestCentres.assignWithBounds(
              x, d, start, end, finalCentres, k, spaces[worker], all, upper, null, null);
          double s = 0;
          for (int i = start; i < end; i++) {
            s += upper[i] * upper[i];
          }
          part[block] = s;
        });
    distances += (long) n * k;
    double objective = 0;
    for (double s : part) {
      objective += s;
    }
    report(listener, "mini-batch final assignment", 3, 3);
    KMeansModel model =
        new KMeansModel(centres, k, p.columns(), p.scaling())
            .withSegmentWeights(KMeansModel.segmentWeights(all, null, k));
    FitSummary summary =
        frame.summary(
            NAME + " (batch " + b + ")",
            (int) Math.min(Integer.MAX_VALUE, step),
            converged,
            objective,
            distances,
            new double[0]);
    Map<String, String> options = new LinkedHashMap<>();
    options.put("k", Integer.toString(k));
    options.put("batchSize", Integer.toString(batchSize));
    options.put("maxEpochs", Integer.toString(maxEpochs));
    options.put("maxNoImprovement", Integer.toString(maxNoImprovement));
    options.put("reassignmentRatio", Double.toString(reassignmentRatio));
    options.put("restarts", Integer.toString(restarts));
    return new SegmentationResult<>(
        all,
        model.withProvenance(frame.provenance(options, seed, n, data.columnNames(), summary)),
        summary);
  }

  /**
   * scikit-learn's random reassignment: centres whose count is below {@code reassignmentRatio}
   * times the largest (at most half the batch of them, the least seen first) move onto distinct
   * random batch rows and take the smallest count of the others.
   */
  private void reassign(
      double[] centres, double[] counts, double[] batch, int b, int d, SplittableRandom rng) {
    double most = 0;
    for (double c : counts) {
      most = Math.max(most, c);
    }
    double limit = reassignmentRatio * most;
    Integer[] order = new Integer[k];
    for (int c = 0; c < k; c++) {
      order[c] = c;
    }
    Arrays.sort(order, (a, z) -> Double.compare(counts[a], counts[z]));
    int moved = 0;
    boolean[] move = new boolean[k];
    for (int t = 0; t < k && counts[order[t]] < limit && moved < Math.max(1, b / 2); t++) {
      move[order[t]] = true;
      moved++;
    }
    if (moved == 0) {
      return;
    }
    double least = Double.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      least = move[c] ? least : Math.min(least, counts[c]);
    }
    int[] picks = Rows.sample(b, Math.min(moved, b), rng);
    int next = 0;
    for (int c = 0; c < k && next < picks.length; c++) {
      if (move[c]) {
        System.arraycopy(batch, picks[next++] * d, centres, c * d, d);
        counts[c] = Double.isInfinite(least) ? 0 : least;
      }
    }
  }

  private static boolean hasZero(double[] counts) {
    for (double c : counts) {
      if (c == 0) {
        return true;
      }
    }
    return false;
  }

  private static void report(ProgressListener listener, String stage, int step, int of) {
    if (listener != ProgressListener.NONE
        && !listener.onProgress(new Progress(stage, step, of, Double.NaN))) {
      throw new FitCancelledException(stage + " cancelled after step " + step + " of " + of);
    }
  }

  @Override
  public String toString() {
    return "MiniBatchKMeans[k="
        + k
        + ", batchSize="
        + batchSize
        + ", maxEpochs="
        + maxEpochs
        + ", maxNoImprovement="
        + maxNoImprovement
        + ", reassignmentRatio="
        + reassignmentRatio
        + ", restarts="
        + restarts
        + ", seed="
        + seed
        + "]";
  }
}
