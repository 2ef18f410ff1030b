package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
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
 * A whole hierarchical fit with a matrix linkage (packed n (n - 1) / 2 distance matrix: 0.37 GiB at
 * n = 10,000, 1.49 GiB at 20,000) on the data of {@link HierarchicalBenchmark}. The fork runs with
 * a 4 GiB heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
public class HierarchicalMatrixBenchmark {
  @Param({"10000", "20000"})
  int n;

  @Param({"8"})
  int d;

  @Param({"AVERAGE", "COMPLETE"})
  Linkage linkage;

  Dataset data;

  /** Builds the data. */
  @Setup
  public void setup() {
    data = Dataset.ofRowMajor(BenchData.blobs(n, d, 8, 20, 1), n, BenchData.names(d));
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
}
