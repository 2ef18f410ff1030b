package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.kmeans.KMeansVariant;
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
 * Allocation per fit at two iteration counts, to be run with {@code -prof gc}: the difference in
 * {@code gc.alloc.rate.norm} between 40 and 5 iterations, divided by 35, is the allocation per
 * iteration (target: about 0). Tolerance 0 on overlapping blobs, so every fit runs all its
 * iterations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class KMeansAllocationBenchmark {
  @Param({"5", "40"})
  int iterations;

  @Param({"LLOYD", "HAMERLY", "ELKAN", "EXPONION"})
  KMeansVariant variant;

  Dataset data;
  double[][] start;

  /** Builds 100,000 x 8 overlapping blobs and 64 starting centroids. */
  @Setup
  public void setup() {
    int n = 100_000;
    int d = 8;
    double[] x = BenchData.blobs(n, d, 64, 20, 1);
    data = Dataset.ofRowMajor(x, n, BenchData.names(d));
    start = BenchData.someRows(x, n, d, 64, 2);
  }

  /**
   * Fits for exactly {@code iterations} iterations.
   *
   * @return the result
   */
  @Benchmark
  public SegmentationResult<KMeansModel> fit() {
    return Segmentation.kmeans()
        .initialCentroids(start)
        .variant(variant)
        .tolerance(0)
        .maxIterations(iterations)
        .fit(data);
  }
}
