package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.bench.peers.ElkiPeer;
import dev.segmentation.bench.peers.SmilePeer;
import dev.segmentation.hierarchical.Linkage;
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
 * Agglomerative clustering, ours against ELKI and Smile on identical data in one run: {@code
 * BenchData.blobs(n, 8, 8 blobs, spread 20, seed 1)}, the whole tree built, then cut into 8
 * segments (the cut is inside the timing for every library). After the run each configuration
 * prints whether its 8-segment cut equals ours. ELKI and Smile hold the full distance matrix and
 * stop at 65,535 points; ours at 50k and 100k runs in {@link HierarchicalBenchmark}.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar PeerHierarchicalBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx12g"})
public class PeerHierarchicalBenchmark {
  /** Library, algorithm and linkage. */
  public enum Method {
    /** Ours, Ward (nearest-neighbour chain on centroids, no matrix). */
    OURS_WARD(true),
    /** ELKI {@code Anderberg}, Ward. */
    ELKI_ANDERBERG_WARD(true),
    /** ELKI {@code NNChain}, Ward. */
    ELKI_NNCHAIN_WARD(true),
    /** Smile {@code HierarchicalClustering} with {@code WardLinkage}. */
    SMILE_WARD(true),
    /** Ours, single linkage (Prim's minimum spanning tree, no matrix). */
    OURS_SINGLE(false),
    /** ELKI {@code SLINK}. */
    ELKI_SLINK_SINGLE(false),
    /** ELKI {@code Anderberg}, single linkage. */
    ELKI_ANDERBERG_SINGLE(false),
    /** Smile {@code HierarchicalClustering} with {@code SingleLinkage}. */
    SMILE_SINGLE(false);

    final boolean ward;

    Method(boolean ward) {
      this.ward = ward;
    }
  }

  @Param({"10000", "20000"})
  int n;

  @Param({"8"})
  int d;

  @Param({
    "OURS_WARD",
    "ELKI_ANDERBERG_WARD",
    "ELKI_NNCHAIN_WARD",
    "SMILE_WARD",
    "OURS_SINGLE",
    "ELKI_SLINK_SINGLE",
    "ELKI_ANDERBERG_SINGLE",
    "SMILE_SINGLE"
  })
  Method method;

  static final int CUT = 8;

  Dataset data;
  double[][] rows;
  Relation<NumberVector> relation;
  int[] reference;
  int[] last;

  /** Builds the data and our reference cut. */
  @Setup
  public void setup() {
    double[] x = BenchData.blobs(n, d, 8, 20, 1);
    data = Dataset.ofRowMajor(x, n, BenchData.names(d));
    rows = BenchData.rows(x, n, d);
    reference = ours(method.ward ? Linkage.WARD : Linkage.SINGLE);
    if (method.name().startsWith("ELKI")) {
      relation = ElkiPeer.relation(rows, false);
    }
  }

  private int[] ours(Linkage linkage) {
    return Segmentation.hierarchical().linkage(linkage).tree(data).cut(CUT);
  }

  /**
   * Builds the tree and cuts it.
   *
   * @return the labels of the cut (sunk by JMH)
   */
  @Benchmark
  public int[] fit() {
    int[] labels =
        switch (method) {
          case OURS_WARD -> ours(Linkage.WARD);
          case OURS_SINGLE -> ours(Linkage.SINGLE);
          case ELKI_ANDERBERG_WARD, ELKI_ANDERBERG_SINGLE ->
              ElkiPeer.hierarchical(relation, ElkiPeer.HierarchicalKind.ANDERBERG, method.ward, CUT)
                  .labels();
          case ELKI_NNCHAIN_WARD ->
              ElkiPeer.hierarchical(relation, ElkiPeer.HierarchicalKind.NN_CHAIN, true, CUT)
                  .labels();
          case ELKI_SLINK_SINGLE ->
              ElkiPeer.hierarchical(relation, ElkiPeer.HierarchicalKind.SLINK, false, CUT).labels();
          case SMILE_WARD, SMILE_SINGLE -> SmilePeer.hierarchical(rows, method.ward, CUT).labels();
        };
    last = labels;
    return labels;
  }

  /** Prints whether the cut equals ours. */
  @TearDown
  public void report() {
    System.out.printf(
        Locale.ROOT,
        "%nRESULT hierarchical n=%d method=%s cut=%d identical-to-ours=%s%n",
        n,
        method,
        CUT,
        BenchData.samePartition(reference, last));
  }
}
