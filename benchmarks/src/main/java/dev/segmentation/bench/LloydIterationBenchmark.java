package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitSummary;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.kmeans.KMeansVariant;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lloyd per iteration, not per fit (issue 25, item 2): a plain Lloyd fit of 1M x 8 overlapping
 * blobs ({@code BenchData.blobs(n, 8, k, 20, 1)}) from k given rows, tolerance 0, run for 1 and for
 * 11 (the k = 8 fit converges after 15); one iteration costs (t11 - t1) / 10, which leaves out what
 * a fit does once (reading the data set, the distinct-row check, the column tiles). {@code
 * lloyd_peer.py} times scikit-learn's {@code KMeans(algorithm="lloyd")} the same way on the rows
 * {@link #main} writes.
 *
 * <pre>{@code
 * benchmarks/lloyd-speed.sh
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4)
@Measurement(iterations = 8)
// A pre-touched fixed heap: without it one fit in three waited on heap growth for 300-600 ms.
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+AlwaysPreTouch"})
public class LloydIterationBenchmark {
  /** Rows. */
  @Param({"1000000"})
  int n;

  /** Segments, also the number of blobs. */
  @Param({"8", "64"})
  int k;

  /** Worker threads. */
  @Param({"1", "2"})
  int threads;

  /** Iterations of the fit. */
  @Param({"1", "11"})
  int iterations;

  Dataset data;
  double[][] start;
  FitSummary last;

  /** Time between consecutive iterations of every fit, from the progress listener, in ns. */
  final it.unimi.dsi.fastutil.longs.LongArrayList gaps =
      new it.unimi.dsi.fastutil.longs.LongArrayList();

  private long lastStamp;

  /** Per fit of the trial, the mean of its iterations after the first, in ns. */
  final it.unimi.dsi.fastutil.doubles.DoubleArrayList fitMeans =
      new it.unimi.dsi.fastutil.doubles.DoubleArrayList();

  /** Builds the blobs and a start of k rows. */
  @Setup
  public void setup() {
    double[] x = BenchData.blobs(n, 8, k, 20, 1);
    data = Dataset.ofRowMajor(x, n, BenchData.names(8));
    start = BenchData.someRows(x, n, 8, k, 2);
  }

  /**
   * A plain Lloyd fit of exactly {@link #iterations} iterations.
   *
   * @return the summary
   */
  @Benchmark
  public FitSummary lloydFit() {
    final int from = gaps.size();
    lastStamp = System.nanoTime();
    last =
        Segmentation.kmeans()
            .k(k)
            .initialCentroids(start)
            .maxIterations(iterations)
            .tolerance(0)
            .variant(KMeansVariant.LLOYD)
            .preprocess(Scaling.none())
            .threads(threads)
            .progress(
                p -> {
                  long now = System.nanoTime();
                  // The first report follows the fit's setup as well; only the later gaps are
                  // iterations alone.
                  if (p.step() > 1) {
                    gaps.add(now - lastStamp);
                  }
                  lastStamp = now;
                  return true;
                })
            .fit(data)
            .summary();
    if (gaps.size() > from) {
      long total = 0;
      for (int i = from; i < gaps.size(); i++) {
        total += gaps.getLong(i);
      }
      fitMeans.add((double) total / (gaps.size() - from));
    }
    return last;
  }

  /**
   * Prints the iterations run, the objective (to compare with the peer's), and the median and the
   * mean time between consecutive iterations over every fit of the trial: one iteration, measured
   * inside the fit, robust to the fits whose setup waited on the collector. Late iterations, where
   * few rows change label, update their sums instead of summing every row, so the median is below
   * the mean; the peer's figure, {@code (t11 - t1) / 10} from its best fits of 11 and of 1
   * iterations, is a mean over its best fit, and {@code best_fit_iteration_ms} is ours: the lowest
   * over the trial's fits of their mean iteration.
   */
  @TearDown
  public void report() {
    long[] g = gaps.toLongArray();
    java.util.Arrays.sort(g);
    double total = 0;
    for (long v : g) {
      total += v;
    }
    System.out.printf(
        Locale.ROOT,
        "%nRESULT lloyd n=%d k=%d threads=%d iterations=%d objective=%.10g"
            + " median_iteration_ms=%s mean_iteration_ms=%s best_fit_iteration_ms=%s over %d%n",
        n,
        k,
        threads,
        last.iterations(),
        last.objective(),
        g.length == 0 ? "-" : String.format(Locale.ROOT, "%.2f", g[g.length / 2] / 1e6),
        g.length == 0 ? "-" : String.format(Locale.ROOT, "%.2f", total / g.length / 1e6),
        fitMeans.isEmpty()
            ? "-"
            : String.format(
                Locale.ROOT,
                "%.2f",
                java.util.Arrays.stream(fitMeans.toDoubleArray()).min().getAsDouble() / 1e6),
        g.length);
  }

  /**
   * Writes the rows and the start for {@code lloyd_peer.py}, little-endian doubles, row-major.
   *
   * @param args rows, segments, the rows file and the start file
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    BenchData.writeBlobsAndStart(
        Integer.parseInt(args[0]),
        8,
        Integer.parseInt(args[1]),
        Path.of(args[2]),
        Path.of(args[3]));
  }
}
