package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.bench.peers.CommonsMathPeer;
import dev.segmentation.bench.peers.ElkiPeer;
import dev.segmentation.bench.peers.PeerFit;
import dev.segmentation.bench.peers.SmilePeer;
import dev.segmentation.bench.peers.TribuoPeer;
import dev.segmentation.core.data.Rows;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.kmeans.KMeansVariant;
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
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;

/**
 * K-means, ours against every peer on identical data in one run: overlapping Gaussian clusters
 * (spread 20, so fits take tens to hundreds of iterations), {@code n x 8}, one restart, tolerance 0
 * ("stop when no point moves", ELKI's and Commons Math's rule). Ours and ELKI start from the same k
 * rows ({@link BenchData#someRows}, seed 2); Smile, Commons Math and Tribuo accept no initial
 * centroids, so they seed with their own k-means++, compared with ours seeded by our k-means++
 * ({@code OURS_PP}). After the run each configuration prints its iterations (where the library
 * reports them) and its objective (SSE of the final centroids), so speed is read next to quality.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar PeerKMeansBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms12g", "-Xmx12g", "-XX:+AlwaysPreTouch"})
public class PeerKMeansBenchmark {
  /** The implementations compared. */
  public enum Impl {
    /**
     * Ours, {@code KMeansVariant.AUTO} (Yinyang from k = 2,000 at d <= 8, else Lloyd), same start
     * as ELKI.
     */
    OURS,
    /** Ours, plain (vectorised) Lloyd, same start. */
    OURS_LLOYD,
    /** Ours, Exponion, same start. */
    OURS_EXPONION,
    /** Ours, Yinyang, same start. */
    OURS_YINYANG,
    /** Ours, Elkan, same start. */
    OURS_ELKAN,
    /** Ours, AUTO, from our own k-means++ (the counterpart of the peers that seed themselves). */
    OURS_PP,
    /** ELKI {@code ParallelLloydKMeans}, same start. */
    ELKI_LLOYD,
    /** ELKI {@code HamerlyKMeans}, same start. */
    ELKI_HAMERLY,
    /** ELKI {@code ElkanKMeans}, same start. */
    ELKI_ELKAN,
    /** ELKI {@code ExponionKMeans}, same start. */
    ELKI_EXPONION,
    /** Smile {@code KMeans.lloyd}, its own k-means++. */
    SMILE_LLOYD,
    /** Commons Math {@code KMeansPlusPlusClusterer}, its own k-means++. */
    COMMONS_MATH,
    /** Tribuo {@code KMeansTrainer}, k-means++, 2 threads. */
    TRIBUO
  }

  @Param({"100000", "1000000"})
  int n;

  @Param({"8"})
  int d;

  @Param({"8", "64"})
  int k;

  @Param({
    "OURS",
    "OURS_LLOYD",
    "OURS_PP",
    "OURS_EXPONION",
    "OURS_YINYANG",
    "OURS_ELKAN",
    "ELKI_LLOYD",
    "ELKI_HAMERLY",
    "ELKI_ELKAN",
    "ELKI_EXPONION",
    "SMILE_LLOYD",
    "COMMONS_MATH",
    "TRIBUO"
  })
  Impl impl;

  /**
   * Iteration limit; a small value (10, 20) times a fixed number of iterations for every library.
   */
  @Param({"1000"})
  int maxIterations;

  double[] x;
  double[][] rows;
  double[][] start;
  Dataset data;
  Relation<NumberVector> relation;
  List<CommonsMathPeer.Row> cmRows;
  MutableDataset<ClusterID> tribuo;
  Object last;

  /** Builds the data and, for the peer under test only, its own copy of it. */
  @Setup
  public void setup() {
    x = BenchData.blobs(n, d, k, 20, 1);
    start = BenchData.someRows(x, n, d, k, 2);
    data = Dataset.ofRowMajor(x, n, BenchData.names(d));
    if (impl.name().startsWith("OURS")) {
      return;
    }
    rows = BenchData.rows(x, n, d);
    switch (impl) {
      case ELKI_LLOYD, ELKI_HAMERLY, ELKI_ELKAN, ELKI_EXPONION ->
          relation = ElkiPeer.relation(rows, false);
      case COMMONS_MATH -> cmRows = CommonsMathPeer.rows(rows);
      case TRIBUO -> tribuo = TribuoPeer.dataset(rows);
      default -> {}
    }
  }

  /**
   * One fit to convergence (or to {@code maxIterations}).
   *
   * @return the result (sunk by JMH)
   */
  @Benchmark
  public Object fit() {
    Object r =
        switch (impl) {
          case OURS -> ours(KMeansVariant.AUTO, true);
          case OURS_LLOYD -> ours(KMeansVariant.LLOYD, true);
          case OURS_PP -> ours(KMeansVariant.AUTO, false);
          case OURS_EXPONION -> ours(KMeansVariant.EXPONION, true);
          case OURS_YINYANG -> ours(KMeansVariant.YINYANG, true);
          case OURS_ELKAN -> ours(KMeansVariant.ELKAN, true);
          case ELKI_LLOYD ->
              ElkiPeer.kmeans(relation, ElkiPeer.KMeansKind.LLOYD, k, start, maxIterations, 1);
          case ELKI_HAMERLY ->
              ElkiPeer.kmeans(relation, ElkiPeer.KMeansKind.HAMERLY, k, start, maxIterations, 1);
          case ELKI_ELKAN ->
              ElkiPeer.kmeans(relation, ElkiPeer.KMeansKind.ELKAN, k, start, maxIterations, 1);
          case ELKI_EXPONION ->
              ElkiPeer.kmeans(relation, ElkiPeer.KMeansKind.EXPONION, k, start, maxIterations, 1);
          case SMILE_LLOYD -> SmilePeer.lloyd(rows, k, maxIterations, 1);
          case COMMONS_MATH -> CommonsMathPeer.kmeans(cmRows, k, maxIterations, 1);
          case TRIBUO -> TribuoPeer.kmeans(tribuo, k, maxIterations, 2, 1);
        };
    last = r;
    return r;
  }

  private SegmentationResult<KMeansModel> ours(KMeansVariant variant, boolean sameStart) {
    var km =
        Segmentation.kmeans()
            .k(k)
            .variant(variant)
            .tolerance(0)
            .maxIterations(maxIterations)
            .seed(1);
    if (sameStart) {
      km.initialCentroids(start);
    }
    return km.fit(data);
  }

  /**
   * Writes this benchmark's rows and start for {@code microsegments_peer.py}.
   *
   * @param args n, d, k, the rows file and the start file
   * @throws java.io.IOException if a file cannot be written
   */
  public static void main(String[] args) throws java.io.IOException {
    BenchData.writeBlobsAndStart(
        Integer.parseInt(args[0]),
        Integer.parseInt(args[1]),
        Integer.parseInt(args[2]),
        java.nio.file.Path.of(args[3]),
        java.nio.file.Path.of(args[4]));
  }

  /** Prints the last fit's iterations and objective, the quality half of the comparison. */
  @TearDown
  @SuppressWarnings("unchecked")
  public void report() {
    double[] centroids;
    int iterations;
    if (last instanceof SegmentationResult<?> r) {
      KMeansModel m = ((SegmentationResult<KMeansModel>) r).model();
      centroids = Rows.flatten(m.centroids(), d, "centroids");
      iterations = r.summary().iterations();
    } else {
      PeerFit f = (PeerFit) last;
      centroids = f.centroids();
      iterations = f.iterations();
    }
    System.out.printf(
        Locale.ROOT,
        "%nRESULT kmeans n=%d k=%d impl=%s iterations=%s sse=%.6e%n",
        n,
        k,
        impl,
        iterations < 0 ? "not reported" : Integer.toString(iterations),
        BenchData.sse(x, n, d, centroids));
  }
}
