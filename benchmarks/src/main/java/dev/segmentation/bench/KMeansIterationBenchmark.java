package dev.segmentation.bench;

import dev.segmentation.core.pass.NearestCentres;
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
 * One plain Lloyd assignment pass (single thread) against the memory-bandwidth floor: summing the
 * same data array once. Target: at n = 1M, d = 8, k = 8 the pass costs at most 3x the sum.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KMeansIterationBenchmark {
  @Param({"100000", "1000000"})
  int n;

  @Param({"8"})
  int d;

  @Param({"8", "64"})
  int k;

  double[] x;
  double[] centroids;
  NearestCentres.Workspace workspace;
  int[] labels;

  /** Builds overlapping blobs and k starting centroids. */
  @Setup
  public void setup() {
    x = BenchData.blobs(n, d, k, 20, 1);
    double[][] c = BenchData.someRows(x, n, d, k, 2);
    centroids = new double[k * d];
    for (int i = 0; i < k; i++) {
      System.arraycopy(c[i], 0, centroids, i * d, d);
    }
    labels = new int[n];
    workspace = new NearestCentres.Workspace(d, k);
  }

  /**
   * The floor: read every value once.
   *
   * @return the sum
   */
  @Benchmark
  public double sumArray() {
    double s = 0;
    final double[] a = x;
    for (int i = 0; i < a.length; i++) {
      s += a[i];
    }
    return s;
  }

  /**
   * One assignment pass of plain Lloyd over all rows.
   *
   * @return the number of changed labels
   */
  @Benchmark
  public int lloydAssignPass() {
    return NearestCentres.assign(x, d, 0, n, centroids, k, workspace, labels);
  }
}
