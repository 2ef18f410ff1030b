package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.hierarchical.Dendrogram;
import dev.segmentation.hierarchical.Linkage;
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
 * A whole hierarchical fit with an O(n)-memory linkage on 8 overlapping Gaussian blobs (spread 20
 * in [0, 100]^d), d = 8; and, as a yardstick, one pass over all {@code n (n - 1) / 2} pairwise
 * distances (single thread, the same kernel, summed so nothing is optimised away). The fork runs
 * with a 1 GiB heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class HierarchicalBenchmark {
  @Param({"10000", "20000", "50000", "100000"})
  int n;

  @Param({"8"})
  int d;

  @Param({"WARD", "SINGLE"})
  Linkage linkage;

  Dataset data;
  double[] x;

  /** Builds the data. */
  @Setup
  public void setup() {
    x = BenchData.blobs(n, d, 8, 20, 1);
    data = Dataset.ofRowMajor(x, n, BenchData.names(d));
  }

  /**
   * Builds the tree.
   *
   * @return the dendrogram (sunk by JMH)
   */
  @Benchmark
  public Dendrogram fit() {
    return Segmentation.hierarchical().linkage(linkage).tree(data);
  }

  /**
   * Computes every pairwise Euclidean distance once (the same kernel the fit uses), one thread.
   *
   * @return the sum of the distances
   */
  @Benchmark
  public double allPairwiseDistances() {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        sum += Math.sqrt(SquaredEuclidean.distance(x, i * d, x, j * d, d));
      }
    }
    return sum;
  }
}
