package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.dbscan.DbscanModel;
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
 * A whole DBSCAN fit (index build included) on 20 Gaussian blobs (standard deviation 2 in a box of
 * side 100) with 10% uniform noise, minPoints 10. eps is the k-distance knee of each data set,
 * computed once in setup, so neighbourhoods hold about as many points at every n and the growth of
 * the time with n measures the search, not denser data. Uses all processors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1)
public class DbscanBenchmark {
  /** Rows and columns, as {@code n:d}. */
  @Param({"100000:2", "1000000:2", "100000:8"})
  String shape;

  @Param({"10"})
  int minPoints;

  Dataset data;
  double eps;

  /** Builds the data and picks eps at the knee of its k-distance curve. */
  @Setup
  public void setup() {
    int n = Integer.parseInt(shape.substring(0, shape.indexOf(':')));
    int d = Integer.parseInt(shape.substring(shape.indexOf(':') + 1));
    double[] x = BenchData.blobsWithNoise(n, d, 20, 2, 0.1, 1);
    data = Dataset.ofRowMajor(x, n, BenchData.names(d));
    eps = Segmentation.dbscan().minPoints(minPoints).kDistance(data).suggestedEps();
    SegmentationResult<DbscanModel> r = fit();
    System.out.printf(
        "%n%s: eps %.4g, %d segments, %d core, %d noise, %d distance computations%n",
        shape,
        eps,
        r.model().numSegments(),
        r.model().coreCount(),
        r.noiseCount(),
        r.summary().distanceComputations());
  }

  /**
   * Fits DBSCAN.
   *
   * @return the result (sunk by JMH)
   */
  @Benchmark
  public SegmentationResult<DbscanModel> fit() {
    return Segmentation.dbscan().eps(eps).minPoints(minPoints).fit(data);
  }
}
