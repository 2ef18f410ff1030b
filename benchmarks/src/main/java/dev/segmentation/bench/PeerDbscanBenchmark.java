package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.bench.peers.CommonsMathPeer;
import dev.segmentation.bench.peers.ElkiPeer;
import dev.segmentation.bench.peers.PeerFit;
import dev.segmentation.bench.peers.SmilePeer;
import dev.segmentation.dbscan.DbscanModel;
import elki.data.NumberVector;
import elki.database.relation.Relation;
import java.util.List;
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
 * DBSCAN, ours against the peers on identical data, eps and minPoints in one run. Data as {@link
 * DbscanBenchmark} (20 blobs, 10% uniform noise), eps the knee of our k-distance curve, minPoints
 * 10 counting the point itself (Smile and Commons Math are passed 9, their convention). Each peer
 * with its best index: ours and ELKI a k-d tree, Smile its k-d tree ({@code DBSCAN.fit} on arrays),
 * Commons Math has none (brute force). The index build is inside the timed fit for ours and Smile;
 * ELKI builds its index when the database is loaded, so {@code ELKI} times DBSCAN on a ready tree
 * and {@code ELKI_WITH_INDEX} loads the database and builds the tree inside the timing too. After
 * the run each configuration prints whether its clustering is identical to ours (same partition and
 * the same noise, up to the numbering of segments).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar PeerDbscanBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g"})
public class PeerDbscanBenchmark {
  /** The implementations compared. */
  public enum Impl {
    /** Ours (k-d tree, 2 threads). */
    OURS,
    /** ELKI {@code DBSCAN} on its in-memory k-d tree, built before the timing. */
    ELKI,
    /** ELKI, loading the database and building the k-d tree inside the timing. */
    ELKI_WITH_INDEX,
    /** Smile {@code DBSCAN} on its k-d tree. */
    SMILE,
    /** Commons Math {@code DBSCANClusterer}, brute force. */
    COMMONS_MATH
  }

  /** Rows and columns, as {@code n:d}. */
  @Param({"100000:2", "100000:8"})
  String shape;

  @Param({"OURS", "ELKI", "ELKI_WITH_INDEX", "SMILE", "COMMONS_MATH"})
  Impl impl;

  @Param({"10"})
  int minPoints;

  double[][] rows;
  Dataset data;
  double eps;
  int[] reference;
  Relation<NumberVector> relation;
  List<CommonsMathPeer.Row> cmRows;
  int[] last;

  /** Builds the data, picks eps, fits ours once as the reference clustering. */
  @Setup
  public void setup() {
    int n = Integer.parseInt(shape.substring(0, shape.indexOf(':')));
    int d = Integer.parseInt(shape.substring(shape.indexOf(':') + 1));
    double[] x = BenchData.blobsWithNoise(n, d, 20, 2, 0.1, 1);
    data = Dataset.ofRowMajor(x, n, BenchData.names(d));
    eps = Segmentation.dbscan().minPoints(minPoints).kDistance(data).suggestedEps();
    reference = ours().labels();
    rows = BenchData.rows(x, n, d);
    if (impl == Impl.ELKI) {
      relation = ElkiPeer.relation(rows, true);
    } else if (impl == Impl.COMMONS_MATH) {
      cmRows = CommonsMathPeer.rows(rows);
    }
  }

  /**
   * One fit.
   *
   * @return the labels (sunk by JMH)
   */
  @Benchmark
  public int[] fit() {
    int[] labels =
        switch (impl) {
          case OURS -> ours().labels();
          case ELKI -> ElkiPeer.dbscan(relation, eps, minPoints).labels();
          case ELKI_WITH_INDEX ->
              ElkiPeer.dbscan(ElkiPeer.relation(rows, true), eps, minPoints).labels();
          case SMILE -> SmilePeer.dbscan(rows, eps, minPoints).labels();
          case COMMONS_MATH -> CommonsMathPeer.dbscan(cmRows, eps, minPoints).labels();
        };
    last = labels;
    return labels;
  }

  private SegmentationResult<DbscanModel> ours() {
    return Segmentation.dbscan().eps(eps).minPoints(minPoints).fit(data);
  }

  /** Prints segments, noise and whether the clustering equals ours. */
  @TearDown
  public void report() {
    PeerFit f = new PeerFit(last, null, -1);
    int noise = 0;
    for (int l : last) {
      noise += l < 0 ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "%nRESULT dbscan shape=%s impl=%s eps=%.4g segments=%d noise=%d identical-to-ours=%s%n",
        shape,
        impl,
        eps,
        f.segments(),
        noise,
        BenchData.samePartition(reference, last));
  }
}
