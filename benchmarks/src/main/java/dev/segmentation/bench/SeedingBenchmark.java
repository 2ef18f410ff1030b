package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitSummary;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.kmeans.KMeansInit;
import dev.segmentation.kmeans.KMeansVariant;
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
 * Seeding at micro-segment scale (issue 25, item 4): greedy k-means++ or k-means|| ({@code -p
 * init=K_MEANS_PARALLEL}, with {@code rounds} and {@code oversampling}) for k = 500 to 2,000 on
 * overlapping blobs with as many centres ({@code BenchData.blobs(n, 16, k, 20, 1)}), two threads.
 * {@code seedAndOnePass} is the seeding plus one Lloyd pass (one iteration); {@code onePass} is the
 * same pass from given starting rows, so the seeding costs the difference; both print the distance
 * computations.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar "bench.SeedingBenchmark" -p n=1000000 -wi 0 -i 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g"})
public class SeedingBenchmark {
  /** Rows. */
  @Param({"100000", "1000000"})
  int n;

  /** Segments. */
  @Param({"500", "1000", "2000"})
  int k;

  /** The seeding: {@code K_MEANS_PLUS_PLUS} (greedy) or {@code K_MEANS_PARALLEL} (k-means||). */
  @Param({"K_MEANS_PLUS_PLUS"})
  String init;

  /** k-means|| passes. */
  @Param({"5"})
  int rounds;

  /** k-means|| candidates per pass, in units of k. */
  @Param({"2"})
  double oversampling;

  /** Lloyd iterations after the seeding in {@link #seedingThenIterations}. */
  @Param({"10"})
  int iterations;

  Dataset data;
  double seedingMillis = Double.NaN;
  double iterationMillis = Double.NaN;
  double[][] start;
  FitSummary last;
  String what;

  /** Builds the blobs and a start of k rows. */
  @Setup
  public void setup() {
    double[] x = BenchData.blobs(n, 16, k, 20, 1);
    data = Dataset.ofRowMajor(x, n, BenchData.names(16));
    start = BenchData.someRows(x, n, 16, k, 2);
  }

  /**
   * Greedy k-means++ and one Lloyd pass.
   *
   * @return the summary
   */
  @Benchmark
  public FitSummary seedAndOnePass() {
    what = "seedAndOnePass";
    last =
        Segmentation.kmeans()
            .k(k)
            .seed(42)
            .restarts(1)
            .maxIterations(1)
            .variant(KMeansVariant.LLOYD)
            .init(KMeansInit.valueOf(init))
            .parallelSeeding(rounds, oversampling)
            .preprocess(Scaling.none())
            .fit(data)
            .summary();
    return last;
  }

  /**
   * Seeding and then {@code iterations} Lloyd iterations, timed apart: the fit's progress events
   * (step 0 ends the seeding, step i ends iteration i) give the seeding time (from the call, so it
   * includes the fit's one-off checks, well under a second here) and the median iteration.
   *
   * @return the summary
   */
  @Benchmark
  public FitSummary seedingThenIterations() {
    what = "seedingThenIterations";
    long[] at = new long[iterations + 1];
    long begin = System.nanoTime();
    last =
        Segmentation.kmeans()
            .k(k)
            .seed(42)
            .restarts(1)
            .maxIterations(iterations)
            .tolerance(0)
            .variant(KMeansVariant.LLOYD)
            .init(KMeansInit.valueOf(init))
            .parallelSeeding(rounds, oversampling)
            .preprocess(Scaling.none())
            .progress(
                p -> {
                  at[(int) p.step()] = System.nanoTime();
                  return true;
                })
            .fit(data)
            .summary();
    seedingMillis = (at[0] - begin) / 1e6;
    double[] its = new double[last.iterations()];
    for (int i = 1; i <= its.length; i++) {
      its[i - 1] = (at[i] - at[i - 1]) / 1e6;
    }
    java.util.Arrays.sort(its);
    iterationMillis = its.length == 0 ? Double.NaN : its[its.length / 2];
    return last;
  }

  /**
   * One Lloyd pass from given rows.
   *
   * @return the summary
   */
  @Benchmark
  public FitSummary onePass() {
    what = "onePass";
    last =
        Segmentation.kmeans()
            .k(k)
            .initialCentroids(start)
            .maxIterations(1)
            .variant(KMeansVariant.LLOYD)
            .preprocess(Scaling.none())
            .fit(data)
            .summary();
    return last;
  }

  /**
   * Writes the benchmark's rows (n, k from the arguments) as little-endian doubles, row-major, for
   * {@code benchmarks/seeding_peer.py}.
   *
   * @param args rows, segments (the blob count) and the file
   * @throws java.io.IOException if the file cannot be written
   */
  public static void main(String[] args) throws java.io.IOException {
    int rows = Integer.parseInt(args[0]);
    int blobs = Integer.parseInt(args[1]);
    double[] x = BenchData.blobs(rows, 16, blobs, 20, 1);
    BenchData.write(x, java.nio.file.Path.of(args[2]));
  }

  /** Prints the distance computations. */
  @TearDown
  public void report() {
    System.out.printf(
        Locale.ROOT,
        "%nRESULT seeding n=%d k=%d init=%s rounds=%d oversampling=%s %s distances=%d"
            + " objective=%.6g iterations=%d seeding_ms=%.0f median_iteration_ms=%.0f%n",
        n,
        k,
        init,
        rounds,
        oversampling,
        what,
        last.distanceComputations(),
        last.objective(),
        last.iterations(),
        seedingMillis,
        iterationMillis);
  }
}
