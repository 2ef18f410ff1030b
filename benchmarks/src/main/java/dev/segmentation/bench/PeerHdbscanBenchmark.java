package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.bench.peers.ElkiPeer;
import dev.segmentation.bench.peers.PeerFit;
import dev.segmentation.core.evaluate.Agreement;
import elki.data.NumberVector;
import elki.database.relation.Relation;
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
 * HDBSCAN*, ours against ELKI 0.8's {@code HDBSCANLinearMemory} (the only JVM peer that has it) on
 * identical data, minPts and minimum cluster size, in one run: the DBSCAN benchmark's data (20
 * blobs, 10% uniform noise), {@code minSamples = minPts = 10} counting the point itself in both,
 * minimum cluster size 50, Euclidean. ELKI's database is built before the timing (its HDBSCAN* does
 * not use an index: Prim over all pairs). After the run each configuration prints segments, noise
 * and the adjusted Rand index against ours: ELKI measures a cluster's stability from its own first
 * merge rather than from where it splits off its parent, so its labels can differ on nested shapes.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar PeerHdbscanBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g"})
public class PeerHdbscanBenchmark {
  /** The implementations compared. */
  public enum Impl {
    /** Ours (Borůvka over the k-d tree, 2 threads). */
    OURS,
    /** ELKI {@code HDBSCANLinearMemory} and {@code HDBSCANHierarchyExtraction}. */
    ELKI
  }

  /** Rows and columns, as {@code n:d}. */
  @Param({"100000:2", "100000:8"})
  String shape;

  @Param({"OURS", "ELKI"})
  Impl impl;

  @Param({"10"})
  int minPts;

  @Param({"50"})
  int minClusterSize;

  Dataset data;
  double[][] rows;
  Relation<NumberVector> relation;
  int[] reference;
  int[] last;

  /** Builds the data and fits ours once as the reference. */
  @Setup
  public void setup() {
    int n = Integer.parseInt(shape.substring(0, shape.indexOf(':')));
    int d = Integer.parseInt(shape.substring(shape.indexOf(':') + 1));
    double[] x = BenchData.blobsWithNoise(n, d, 20, 2, 0.1, 1);
    data = Dataset.ofRowMajor(x, n, BenchData.names(d));
    reference = ours();
    if (impl == Impl.ELKI) {
      relation = ElkiPeer.relation(BenchData.rows(x, n, d), false);
    }
  }

  /**
   * One fit.
   *
   * @return the labels (sunk by JMH)
   */
  @Benchmark
  public int[] fit() {
    last = impl == Impl.OURS ? ours() : ElkiPeer.hdbscan(relation, minPts, minClusterSize).labels();
    return last;
  }

  private int[] ours() {
    return Segmentation.hdbscan()
        .minClusterSize(minClusterSize)
        .minSamples(minPts)
        .fit(data)
        .labels();
  }

  /** Prints segments, noise and the agreement with ours. */
  @TearDown
  public void report() {
    int noise = 0;
    for (int l : last) {
      noise += l < 0 ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "%nRESULT hdbscan shape=%s impl=%s segments=%d noise=%d ari-to-ours=%.4f identical=%s%n",
        shape,
        impl,
        new PeerFit(last, null, -1).segments(),
        noise,
        Agreement.adjustedRandIndex(reference, last),
        BenchData.samePartition(reference, last));
  }
}
