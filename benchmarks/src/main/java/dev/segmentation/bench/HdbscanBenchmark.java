package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.hdbscan.HdbscanModel;
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
 * Our HDBSCAN* alone, on the shapes no peer on the JVM reaches (ELKI's is quadratic): the DBSCAN
 * benchmark's data up to 1M x 2, minSamples 10, minimum cluster size 50. Run with {@code -prof gc}
 * for the allocation per fit, and with a small {@code -Xmx} to show the memory bound.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar HdbscanBenchmark -prof gc
 * java -jar benchmarks/target/benchmarks.jar HdbscanBenchmark -p shape=1000000:2 \
 *     -jvmArgsAppend -Xmx400m
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1)
public class HdbscanBenchmark {
  /** Rows and columns, as {@code n:d}. */
  @Param({"100000:2", "1000000:2", "100000:8"})
  String shape;

  Dataset data;

  /** Builds the data. */
  @Setup
  public void setup() {
    int n = Integer.parseInt(shape.substring(0, shape.indexOf(':')));
    int d = Integer.parseInt(shape.substring(shape.indexOf(':') + 1));
    data = Dataset.ofRowMajor(BenchData.blobsWithNoise(n, d, 20, 2, 0.1, 1), n, BenchData.names(d));
  }

  /**
   * One fit.
   *
   * @return the result (sunk by JMH)
   */
  @Benchmark
  public SegmentationResult<HdbscanModel> fit() {
    return Segmentation.hdbscan().minClusterSize(50).minSamples(10).fit(data);
  }
}
