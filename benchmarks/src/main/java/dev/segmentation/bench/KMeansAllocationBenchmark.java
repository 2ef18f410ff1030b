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
 * Fits of exactly 5 and 40 iterations, per variant, to be run with {@code -prof gc}: the
 * differences between the two, divided by 35, are the time and the allocation of one iteration of
 * each variant (allocation target: about 0). Tolerance 0 on overlapping blobs; a fit that stops
 * early fails the benchmark rather than report a wrong figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class KMeansAllocationBenchmark {
  @Param({"100000", "1000000"})
  int n;

  @Param({"8", "64"})
  int k;

  @Param({"5", "40"})
  int iterations;

  @Param({"LLOYD", "HAMERLY", "ELKAN", "EXPONION"})
  KMeansVariant variant;

  Dataset data;
  double[][] start;

  /** Builds n x 8 overlapping blobs and k starting centroids. */
  @Setup
  public void setup() {
    int d = 8;
    double[] x = BenchData.blobs(n, d, k, 20, 1);
    data = Dataset.ofRowMajor(x, n, BenchData.names(d));
    start = BenchData.someRows(x, n, d, k, 2);
  }

  /**
   * Fits for exactly {@code iterations} iterations.
   *
   * @return the result
   */
  @Benchmark
  public SegmentationResult<KMeansModel> fit() {
    SegmentationResult<KMeansModel> result =
        Segmentation.kmeans()
            .initialCentroids(start)
            .variant(variant)
            .tolerance(0)
            .maxIterations(iterations)
            .fit(data);
    if (result.summary().iterations() != iterations) {
      throw new IllegalStateException(
          "converged after " + result.summary().iterations() + " of " + iterations + " iterations");
    }
    return result;
  }
}
