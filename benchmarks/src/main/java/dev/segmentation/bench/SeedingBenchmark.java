package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitSummary;
import dev.segmentation.core.preprocess.Scaling;
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
 * Seeding at micro-segment scale (issue 25, item 4): greedy k-means++ for k = 500 to 2,000 on
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

  Dataset data;
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
            .preprocess(Scaling.none())
            .fit(data)
            .summary();
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
        "%nRESULT seeding n=%d k=%d %s distances=%d objective=%.6g%n",
        n,
        k,
        what,
        last.distanceComputations(),
        last.objective());
  }
}
