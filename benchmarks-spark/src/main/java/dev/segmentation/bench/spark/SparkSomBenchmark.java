package dev.segmentation.bench.spark;

import dev.segmentation.Segmentation;
import dev.segmentation.som.Som;
import dev.segmentation.som.SomModel;
import dev.segmentation.spark.SparkFit;
import dev.segmentation.spark.SparkSegmentation;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A batch map at 1M rows, in one run: the local library and the Spark module in local mode (no
 * peer: MLlib has no self-organizing map). The same map (grid, epochs, PCA start, no
 * preprocessing); the Spark side starts from a 100,000-row sample (its PCA start and unit
 * grouping), the local one from all rows. Each prints a RESULT line with the final distortion.
 */
@State(Scope.Benchmark)
public class SparkSomBenchmark extends SparkBench {
  @Param({"1000000"})
  int rows;

  @Param({"10"})
  int side;

  @Param({"10"})
  int epochs;

  private BenchTable table;

  @Setup(Level.Trial)
  public void setUp() {
    table = new BenchTable("SparkSomBenchmark", rows);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    table.close();
  }

  private Som map() {
    return Segmentation.som().grid(side, side).epochs(epochs).segments(6).seed(1);
  }

  @Benchmark
  public SomModel library() {
    var fit = map().fit(table.local);
    SparkKMeansBenchmark.result(
        "som-library", fit.summary().iterations(), distortion(fit.summary()));
    return fit.model();
  }

  @Benchmark
  public SomModel sparkModule() {
    SparkFit<SomModel> fit = SparkSegmentation.som(map()).columns(table.columns).fit(table.frame);
    SparkKMeansBenchmark.result(
        "som-spark-module", fit.summary().iterations(), distortion(fit.summary()));
    return fit.model();
  }

  private static double distortion(dev.segmentation.api.FitSummary s) {
    double[] t = s.objectiveTrace();
    return t[t.length - 1];
  }
}
