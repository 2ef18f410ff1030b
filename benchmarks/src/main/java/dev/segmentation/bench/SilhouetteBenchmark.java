package dev.segmentation.bench;

import dev.segmentation.core.evaluate.Quality;
import dev.segmentation.core.parallel.Blocks;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The silhouette of a labeling with 8 segments (the blob each row was drawn from), d = 8, all
 * processors: exact (O(n^2 d)) and sampled (10,000 rows, seeded).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 1)
public class SilhouetteBenchmark {
  @Param({"20000", "100000", "1000000"})
  int n;

  @Param({"8"})
  int d;

  double[] x;
  int[] labels;
  Blocks blocks;
  Blocks sampleBlocks;

  /** Builds the data and its labels. */
  @Setup
  public void setup() {
    x = BenchData.blobs(n, d, 8, 20, 1);
    labels = new int[n];
    // the blob of every row: nearest blob centre would need the centres; label by a fixed rule
    for (int i = 0; i < n; i++) {
      labels[i] = (int) Math.min(7, Math.max(0, Math.floor(x[i * d] / 12.5)));
    }
    int threads = Runtime.getRuntime().availableProcessors();
    blocks = new Blocks(n, threads, Blocks.defaultPool());
    sampleBlocks = new Blocks(Math.min(n, 10_000), threads, Blocks.defaultPool());
  }

  /**
   * The exact mean silhouette (skipped at n = 1M: about 25 minutes here).
   *
   * @return the silhouette
   */
  @Benchmark
  public double exact() {
    return n > 100_000 ? Double.NaN : Quality.silhouette(x, n, d, labels, blocks);
  }

  /**
   * The sampled estimate from 10,000 rows.
   *
   * @return the estimate
   */
  @Benchmark
  public double sampled() {
    return Quality.sampledSilhouette(x, n, d, labels, 10_000, 7, sampleBlocks);
  }
}
