package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.pass.NearestCentres;
import dev.segmentation.som.SomModel;
import dev.segmentation.som.SomTraining;
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
 * Self-organizing map fits at 1 and 6 epochs (the difference over 5 is the cost of one epoch,
 * without initialization and grouping), and one Lloyd assignment pass with k = units on the same
 * data and the same fixed blocks of rows, all processors. n = 100,000, d = 8, 8 overlapping blobs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1)
public class SomBenchmark {
  @Param({"100000"})
  int n;

  @Param({"8"})
  int d;

  /** Grid side: side x side units. */
  @Param({"10", "20"})
  int side;

  @Param({"BATCH", "ONLINE"})
  SomTraining training;

  @Param({"1", "6"})
  int epochs;

  Dataset data;
  double[] x;
  double[] units;
  int[] labels;
  Blocks blocks;
  NearestCentres.Workspace[] ws;

  /** Builds the data, a codebook of random rows for the Lloyd pass, and its workspaces. */
  @Setup
  public void setup() {
    x = BenchData.blobs(n, d, 8, 20, 1);
    data = Dataset.ofRowMajor(x, n, BenchData.names(d));
    int k = side * side;
    double[][] rows = BenchData.someRows(x, n, d, k, 2);
    units = new double[k * d];
    for (int u = 0; u < k; u++) {
      System.arraycopy(rows[u], 0, units, u * d, d);
    }
    labels = new int[n];
    blocks = new Blocks(n, Runtime.getRuntime().availableProcessors(), Blocks.defaultPool());
    ws = new NearestCentres.Workspace[blocks.workers()];
    for (int w = 0; w < ws.length; w++) {
      ws[w] = new NearestCentres.Workspace(d, k);
    }
  }

  /**
   * Trains the map and groups its units into 6 segments.
   *
   * @return the result (sunk by JMH)
   */
  @Benchmark
  public SegmentationResult<SomModel> fit() {
    return Segmentation.som().grid(side, side).training(training).epochs(epochs).fit(data);
  }

  /**
   * One Lloyd assignment pass with k = side^2 centroids, parallel over the same blocks (only run
   * for one training and epoch value; the others repeat it).
   *
   * @return a label (sunk by JMH)
   */
  @Benchmark
  public int lloydPass() {
    int k = side * side;
    blocks.run(
        (worker, block, start, end) ->
            NearestCentres.assign(x, d, start, end, units, k, ws[worker], labels));
    return labels[n - 1];
  }
}
