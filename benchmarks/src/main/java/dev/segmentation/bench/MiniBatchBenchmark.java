package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.kmeans.KMeansModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Mini-batch K-means against the full fit on the K-means benchmark's blobs ({@code
 * BenchData.blobs(n, 8, 8, 20, 1)}: 8 overlapping blobs of spread 20 in a 100-wide cube), k = 8,
 * seed 42: ours with batches of 1024 rows (scikit-learn's default) and ours full (greedy k-means++,
 * one restart, Lloyd to tolerance 1e-4). Each configuration prints its objective; {@code
 * benchmarks/minibatch-speed.sh} runs scikit-learn's {@code MiniBatchKMeans} and {@code KMeans} on
 * the same rows (written by {@link #main}) in the same script.
 *
 * <pre>{@code
 * benchmarks/minibatch-speed.sh
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g"})
public class MiniBatchBenchmark {
  /** The fits compared. */
  public enum Impl {
    /** Mini-batch K-means, batches of 1024. */
    MINI_BATCH,
    /** The full fit: k-means++ and Lloyd's iterations to tolerance 1e-4. */
    FULL
  }

  /** Rows. */
  @Param({"1000000", "10000000"})
  int n;

  @Param({"MINI_BATCH", "FULL"})
  Impl impl;

  Dataset data;
  SegmentationResult<KMeansModel> last;

  /** Builds the blobs. */
  @Setup
  public void setup() {
    data = Dataset.ofRowMajor(BenchData.blobs(n, 8, 8, 20, 1), n, BenchData.names(8));
  }

  /**
   * One fit.
   *
   * @return the result (sunk by JMH)
   */
  @Benchmark
  public SegmentationResult<KMeansModel> fit() {
    last =
        impl == Impl.MINI_BATCH
            ? Segmentation.miniBatchKMeans().k(8).batchSize(1024).seed(42).fit(data)
            : Segmentation.kmeans()
                .k(8)
                .seed(42)
                .restarts(1)
                .variant(dev.segmentation.kmeans.KMeansVariant.LLOYD)
                .fit(data);
    return last;
  }

  /** Prints the objective per row and the steps or iterations. */
  @TearDown
  public void report() {
    System.out.printf(
        Locale.ROOT,
        "%nRESULT minibatch n=%d impl=%s objective-per-row=%.6f steps=%d%n",
        n,
        impl,
        last.summary().objective() / n,
        last.summary().iterations());
  }

  /**
   * Writes the benchmark's rows as little-endian doubles, row-major, for the peer script.
   *
   * @param args the number of rows and the file
   * @throws IOException if the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    double[] x = BenchData.blobs(n, 8, 8, 20, 1);
    ByteBuffer buf = ByteBuffer.allocate(x.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    buf.asDoubleBuffer().put(x);
    try (FileChannel ch =
        FileChannel.open(
            Path.of(args[1]),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    }
  }
}
