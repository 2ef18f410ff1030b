package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.bench.peers.CommonsMathPeer;
import dev.segmentation.bench.peers.SmilePeer;
import dev.segmentation.core.data.Rows;
import dev.segmentation.som.SomInit;
import dev.segmentation.som.SomTraining;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import smile.vq.SOM;

/**
 * Self-organizing maps, ours against Smile and Commons Math on identical data in one run: {@code
 * BenchData.blobs(100000, 8, 8, spread 20, seed 1)}, square grids, the same number of epochs (an
 * epoch presents every row once). Smile and Commons Math train online only and start from {@code
 * side^2} rows of the data ({@link BenchData#someRows}, seed 2), built fresh before every
 * invocation outside the timing; ours starts from random rows too and its timed fit includes that
 * and the final grouping, so the cost of one epoch is read as the difference between the {@code
 * epochs = 1} and {@code epochs = 3} scores divided by 2 for every library. After the run each
 * configuration prints its mean squared quantization error.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar PeerSomBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
public class PeerSomBenchmark {
  /** The implementations compared. */
  public enum Impl {
    /** Ours, batch training (2 threads). */
    OURS_BATCH,
    /** Ours, online training. */
    OURS_ONLINE,
    /** Smile {@code SOM} (online). */
    SMILE,
    /** Commons Math {@code NeuronSquareMesh2D} with {@code KohonenTrainingTask} (online). */
    COMMONS_MATH
  }

  @Param({"100000"})
  int n;

  @Param({"8"})
  int d;

  @Param({"10", "20"})
  int side;

  @Param({"1", "3"})
  int epochs;

  @Param({"OURS_BATCH", "OURS_ONLINE", "SMILE", "COMMONS_MATH"})
  Impl impl;

  double[] x;
  double[][] rows;
  double[] start;
  Dataset data;
  SOM smile;
  CommonsMathPeer.Som commonsMath;
  double[] lastUnits;

  /** Builds the data and the shared starting units. */
  @Setup
  public void setup() {
    x = BenchData.blobs(n, d, 8, 20, 1);
    data = Dataset.ofRowMajor(x, n, BenchData.names(d));
    rows = BenchData.rows(x, n, d);
    start = Rows.flatten(BenchData.someRows(x, n, d, side * side, 2), d, "units");
  }

  /** A fresh peer map before every fit (outside the timing). */
  @Setup(Level.Invocation)
  public void freshMap() {
    long steps = (long) epochs * n;
    if (impl == Impl.SMILE) {
      smile = SmilePeer.som(start, side, d, steps);
    } else if (impl == Impl.COMMONS_MATH) {
      commonsMath = CommonsMathPeer.som(start, side, d, steps);
    }
  }

  /**
   * Trains {@code epochs} epochs.
   *
   * @return the codebook, row-major (sunk by JMH)
   */
  @Benchmark
  public double[] fit() {
    double[] units =
        switch (impl) {
          case OURS_BATCH -> ours(SomTraining.BATCH);
          case OURS_ONLINE -> ours(SomTraining.ONLINE);
          case SMILE -> {
            for (int e = 0; e < epochs; e++) {
              SmilePeer.epoch(smile, rows, e);
            }
            yield SmilePeer.units(smile, side, d);
          }
          case COMMONS_MATH -> {
            for (int e = 0; e < epochs; e++) {
              commonsMath.epoch(rows, e);
            }
            yield commonsMath.units();
          }
        };
    lastUnits = units;
    return units;
  }

  private double[] ours(SomTraining training) {
    return Rows.flatten(
        Segmentation.som()
            .grid(side, side)
            .training(training)
            .init(SomInit.RANDOM_ROWS)
            .epochs(epochs)
            .seed(2)
            .fit(data)
            .model()
            .codebook(),
        d,
        "codebook");
  }

  /** Prints the mean squared quantization error of the last map. */
  @TearDown
  public void report() {
    System.out.printf(
        Locale.ROOT,
        "%nRESULT som side=%d epochs=%d impl=%s mean-squared-quantization-error=%.4f%n",
        side,
        epochs,
        impl,
        BenchData.sse(x, n, d, lastUnits) / n);
  }
}
