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
 * A whole K-means fit, per variant, from the same initial centroids (so seeding is excluded and
 * every variant does the same iterations), on overlapping blobs. Uses all processors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g"})
public class KMeansFitBenchmark {
  @Param({"100000", "1000000"})
  int n;

  @Param({"8"})
  int d;

  @Param({"8", "64"})
  int k;

  @Param({"LLOYD", "HAMERLY", "ELKAN", "EXPONION", "YINYANG"})
  KMeansVariant variant;

  @Param({"1e-4"})
  double tolerance;

  /** Blob spread: 20 overlaps heavily (the default of every K-means benchmark), 2 separates. */
  @Param({"20"})
  double spread;

  Dataset data;
  double[][] start;

  /** Builds the data and the shared starting centroids. */
  @Setup
  public void setup() {
    double[] x = BenchData.blobs(n, d, k, spread, 1);
    data = Dataset.ofRowMajor(x, n, BenchData.names(d));
    start = BenchData.someRows(x, n, d, k, 2);
  }

  /**
   * Fits to convergence.
   *
   * @return the result (sunk by JMH)
   */
  @Benchmark
  public SegmentationResult<KMeansModel> fit() {
    return Segmentation.kmeans()
        .initialCentroids(start)
        .variant(variant)
        .tolerance(tolerance)
        .fit(data);
  }
}
