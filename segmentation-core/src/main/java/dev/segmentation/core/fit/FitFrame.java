package dev.segmentation.core.fit;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.api.Provenance;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.pass.RowSummary;
import dev.segmentation.core.preprocess.FittedScaling;
import dev.segmentation.core.preprocess.Scaling;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * The steps every fit takes, written once: the empty check, the preprocessing of a copy of the
 * rows, the parallel blocks, the fit summary and the provenance record. Read from a {@link
 * SegmenterBuilder} at the start of a fit. Immutable.
 */
public final class FitFrame {
  private final String algorithm;
  private final Scaling scaling;
  private final int threads;
  private final ForkJoinPool pool;
  private final ProgressListener listener;
  private final long started = System.nanoTime();

  FitFrame(
      String algorithm,
      Scaling scaling,
      int threads,
      ForkJoinPool pool,
      ProgressListener listener) {
    this.algorithm = algorithm;
    this.scaling = scaling;
    this.threads = threads;
    this.pool = pool;
    this.listener = listener;
  }

  /**
   * Returns the preprocessing recipe.
   *
   * @return the scaling
   */
  public Scaling scaling() {
    return scaling;
  }

  /**
   * Returns how many tasks share the work.
   *
   * @return the thread count
   */
  public int threads() {
    return threads;
  }

  /**
   * Returns the pool parallel work runs in: the one given, else the library's shared pool.
   *
   * @return the pool
   */
  public ForkJoinPool pool() {
    return pool != null ? pool : Blocks.defaultPool();
  }

  /**
   * Returns the progress listener.
   *
   * @return the listener
   */
  public ProgressListener listener() {
    return listener;
  }

  /**
   * Returns fixed blocks over {@code n} rows for this fit's threads and pool.
   *
   * @param n the number of rows
   * @return the blocks
   */
  public Blocks blocks(int n) {
    return new Blocks(n, threads, pool());
  }

  /**
   * Checks that the data set has rows and preprocesses a copy of them: the scaling is learned on
   * the rows, unless {@code given} is not null. O(n d).
   *
   * @param data the training data; not modified
   * @param empty what to say when the data set has no row (after "the data set is empty: ")
   * @param given a preprocessing to apply as it is, or null to learn one
   * @return the preprocessed rows and what they came from
   * @throws InvalidDataException if the data set is empty, or a value is outside the domain of the
   *     preprocessing
   */
  public Prepared prepare(Dataset data, String empty, FittedScaling given) {
    int n = data.numRows();
    if (n == 0) {
      throw new InvalidDataException("the data set is empty: " + empty);
    }
    double[] x = data.toRowMajor();
    FittedScaling fitted = given != null ? given : scaling.fit(x, n, data.columnNames());
    fitted.transformInPlace(x, n);
    double extent = requireFiniteDistances(x, n, data.numColumns(), data.columnNames(), fitted);
    data.weights().ifPresent(w -> requireFiniteWeightedSums(w, extent));
    return new Prepared(x, n, data.numColumns(), data, fitted, extent);
  }

  /**
   * Refuses weights so large that weighted sums overflow (a weight of 1e308): centroids and the
   * objective would be infinite or NaN. Only the weights' ratios matter to the segments. O(n).
   */
  private static void requireFiniteWeightedSums(double[] w, double extent) {
    double total = 0;
    double most = 0;
    for (double v : w) {
      total += v;
      most = Math.max(most, v);
    }
    if (!Double.isFinite(total) || !Double.isFinite(most * extent * extent * w.length)) {
      throw new InvalidDataException(
          "row weights up to "
              + most
              + " make weighted sums overflow a double; rescale the weights (only their ratios"
              + " matter to the segments), for example divide them by their largest value");
    }
  }

  /**
   * Refuses rows whose squared distances would overflow a double (values around 1e155): every
   * objective, bound and comparison would be infinite, and a fit would report "converged" on
   * nonsense. Returns the extent (the bounding box's diagonal), computed as {@code
   * RowSummary.extent} computes it, to the last bit, so a fit need not scan the rows again. O(n d).
   */
  private static double requireFiniteDistances(
      double[] x, int n, int d, java.util.List<String> columns, FittedScaling fitted) {
    double[] span = RowSummary.spans(x, n, d);
    double total = 0;
    for (int j = 0; j < d; j++) {
      total += span[j] * span[j];
      if (!Double.isFinite(total)) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          min = Math.min(min, x[i * d + j]);
          max = Math.max(max, x[i * d + j]);
        }
        throw new InvalidDataException(
            "column '"
                + columns.get(j)
                + "' spans "
                + min
                + " to "
                + max
                + (fitted.numStages() == 0 ? "" : " after the preprocessing")
                + ": squared distances overflow a double; choose a scaling (standard, log1p) or"
                + " divide the column by a power of ten");
      }
    }
    return Math.sqrt(total);
  }

  /**
   * Returns the summary of this fit, timed from the frame's creation.
   *
   * @param name the algorithm as the summary shows it, for example {@code "k-means (HAMERLY)"}
   * @param iterations iterations of the run that produced the result
   * @param converged whether that run converged
   * @param objective the final objective
   * @param distances distance computations over the whole fit
   * @param trace objective per iteration, or an empty array
   * @return the summary
   */
  public FitSummary summary(
      String name,
      int iterations,
      boolean converged,
      double objective,
      long distances,
      double[] trace) {
    return new FitSummary(
        name,
        iterations,
        converged,
        objective,
        distances,
        Duration.ofNanos(System.nanoTime() - started),
        trace);
  }

  /**
   * Returns the provenance of a model fitted on {@code data}: this frame's algorithm and
   * preprocessing, the family's own options, the seed and the summary.
   *
   * @param options the family's options that change the result, as text, in a stable order
   * @param seed the seed, or null for a deterministic algorithm
   * @param rows the number of training rows
   * @param columns the training columns
   * @param summary the fit summary
   * @return the record
   */
  public Provenance provenance(
      Map<String, String> options,
      Long seed,
      long rows,
      java.util.List<String> columns,
      FitSummary summary) {
    Map<String, String> all = new LinkedHashMap<>(options);
    all.put("preprocess", scaling.name());
    return new Provenance(
        algorithm, all, seed, Provenance.LIBRARY_VERSION, rows, columns, summary, Instant.now());
  }
}
