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
import dev.segmentation.core.evaluate.Agreement;
import dev.segmentation.core.evaluate.Quality;
import dev.segmentation.hierarchical.Linkage;
import dev.segmentation.kmeans.KMeans;
import dev.segmentation.kmeans.KMeansModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Clustering quality on the UEF clustering benchmark sets (Fränti and Sieranoja 2018), read from a
 * folder given on the command line (they are not bundled): per set and method, the centroid index
 * (CI) against the ground-truth centroids, ARI and NMI against the labels, the objective (SSE of
 * the method's centroids, computed the same way for everyone) and the wall time.
 *
 * <p>Methods: ours (k-means++, 10 and 100 restarts, the default otherwise), ours refined by random
 * swap, and the peers' K-means with the same number of restarts (each its own k-means++ with seeds
 * 1 to 10, keeping the lowest SSE): ELKI Hamerly, Smile's default {@code KMeans.fit} (BBD tree),
 * Commons Math and Tribuo; then Ward (one tree, cut at k) for ours and, up to 20,000 rows, ELKI's
 * Anderberg and Smile (both hold the full matrix). Ward's centroids are the means of its segments.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.segmentation.bench.QualityHarness ../shared/data/sipu
 * java -cp benchmarks/target/benchmarks.jar dev.segmentation.bench.QualityHarness ../shared/data/sipu 5000 ours
 * java -cp benchmarks/target/benchmarks.jar dev.segmentation.bench.QualityHarness ../shared/data/sipu 1000 small
 * }</pre>
 */
public final class QualityHarness {
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final int RESTARTS = 10;
  private static final int PEER_WARD_LIMIT = 20_000;

  private QualityHarness() {}

  /** One benchmark set: data, ground truth, k. */
  private record Set(String name, String folder, String file, int k) {}

  /**
   * Runs the harness.
   *
   * @param args the folder holding {@code s-sets}, {@code a-sets}, {@code unbalance}, {@code
   *     dim-sets}, {@code birch}; optionally the random-swap trials (default 1000); optionally
   *     {@code ours} to skip the peers, or {@code small} to skip the sets above 20,000 rows
   */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: QualityHarness <sipu folder> [random-swap trials] [ours|small]");
      System.exit(2);
    }
    Path root = Path.of(args[0]);
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    boolean peers = args.length < 3 || !args[2].equals("ours");
    boolean small = args.length >= 3 && args[2].equals("small");
    List<Set> sets =
        List.of(
            new Set("S1", "s-sets", "s1", 15),
            new Set("S2", "s-sets", "s2", 15),
            new Set("S3", "s-sets", "s3", 15),
            new Set("S4", "s-sets", "s4", 15),
            new Set("A1", "a-sets", "a1", 20),
            new Set("A2", "a-sets", "a2", 35),
            new Set("A3", "a-sets", "a3", 50),
            new Set("Unbalance", "unbalance", "unbalance", 8),
            new Set("dim032", "dim-sets", "dim032", 16),
            new Set("Birch1", "birch", "birch1", 100),
            new Set("Birch2", "birch", "birch2", 100));
    System.out.printf(
        Locale.ROOT,
        "%-10s %7s %4s %-24s %4s %7s %7s %14s %9s%n",
        "set",
        "n",
        "k",
        "method",
        "CI",
        "ARI",
        "NMI",
        "SSE",
        "time ms");
    for (Set s : sets) {
      Path dir = root.resolve(s.folder());
      double[][] rows = read(dir.resolve(s.file() + ".txt"));
      if (small && rows.length > PEER_WARD_LIMIT) {
        continue;
      }
      double[] gt = Rows.flatten(read(dir.resolve(s.file() + "-gt.txt")), rows[0].length, "gt");
      int[] truth = labels(dir.resolve(s.file() + "-labels.txt"));
      runAll(s, rows, gt, truth, trials, peers);
    }
    // Smile keeps a non-daemon thread alive.
    System.exit(0);
  }

  private static void runAll(
      Set s, double[][] rows, double[] gt, int[] truth, int trials, boolean peers) {
    int n = rows.length;
    int d = rows[0].length;
    int k = s.k();
    String[] names = new String[d];
    for (int j = 0; j < names.length; j++) {
      names[j] = "x" + j;
    }
    Dataset data = Dataset.of(rows, names);
    double[] x = data.toRowMajor();
    Row row = new Row(s, x, n, d, gt, truth);
    KMeans ours = Segmentation.kmeans().k(k).restarts(RESTARTS).seed(1);
    row.print("ours k-means++ x10", () -> ours(ours, data));
    row.print(
        "ours k-means++ x100",
        () -> ours(Segmentation.kmeans().k(k).restarts(10 * RESTARTS).seed(1), data));
    row.print(
        "ours x10 + swap " + trials,
        () -> ours(Segmentation.kmeans().k(k).restarts(RESTARTS).seed(1).randomSwap(trials), data));
    var relation = peers ? ElkiPeer.relation(rows, false) : null;
    if (peers) {
      row.print(
          "ELKI Hamerly x10",
          () ->
              best(
                  x,
                  n,
                  d,
                  seed ->
                      ElkiPeer.kmeans(relation, ElkiPeer.KMeansKind.HAMERLY, k, null, 1000, seed)));
      row.print(
          "Smile KMeans.fit x10",
          () -> best(x, n, d, seed -> SmilePeer.bbdTree(rows, k, 1000, seed)));
      var cmRows = CommonsMathPeer.rows(rows);
      row.print(
          "Commons Math x10",
          () -> best(x, n, d, seed -> CommonsMathPeer.kmeans(cmRows, k, 1000, seed)));
      var tribuo = TribuoPeer.dataset(rows);
      row.print(
          "Tribuo x10", () -> best(x, n, d, seed -> TribuoPeer.kmeans(tribuo, k, 1000, 2, seed)));
    }
    row.print(
        "ours Ward",
        () ->
            new PeerFit(
                Segmentation.hierarchical().linkage(Linkage.WARD).tree(data).cut(k), null, -1));
    if (peers && n <= PEER_WARD_LIMIT) {
      row.print(
          "ELKI Anderberg Ward",
          () -> ElkiPeer.hierarchical(relation, ElkiPeer.HierarchicalKind.ANDERBERG, true, k));
      row.print("Smile Ward", () -> SmilePeer.hierarchical(rows, true, k));
    }
  }

  private static PeerFit ours(KMeans km, Dataset data) {
    SegmentationResult<KMeansModel> r = km.fit(data);
    return new PeerFit(
        r.labels(), Rows.flatten(r.model().centroids(), data.numColumns(), "centroids"), -1);
  }

  /** One restart of a peer from a seed. */
  private interface Restart {
    PeerFit fit(long seed);
  }

  /** The lowest-SSE fit over seeds 1 to {@link #RESTARTS}. */
  private static PeerFit best(double[] x, int n, int d, Restart restart) {
    PeerFit best = null;
    double bestSse = Double.POSITIVE_INFINITY;
    for (long seed = 1; seed <= RESTARTS; seed++) {
      PeerFit f = restart.fit(seed);
      double sse = BenchData.sse(x, n, d, f.centroids());
      if (sse < bestSse) {
        bestSse = sse;
        best = f;
      }
    }
    return best;
  }

  /** Prints one line per method of a set. */
  @SuppressWarnings("ArrayRecordComponent") // private carrier of one set's data, never compared
  private record Row(Set set, double[] x, int n, int d, double[] gt, int[] truth) {
    void print(String method, Supplier<PeerFit> fit) {
      long t0 = System.nanoTime();
      PeerFit f = fit.get();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      double[] centroids = f.centroids() != null ? f.centroids() : means(f.labels());
      int[] labels = f.labels() != null ? f.labels() : nearest(centroids);
      boolean labelled = truth.length == labels.length;
      System.out.printf(
          Locale.ROOT,
          "%-10s %7d %4d %-24s %4d %7.4f %7.4f %14.6g %9d%n",
          set.name(),
          n,
          set.k(),
          method,
          Quality.centroidIndex(centroids, gt, d),
          labelled ? Agreement.adjustedRandIndex(truth, labels) : Double.NaN,
          labelled ? Agreement.normalizedMutualInformation(truth, labels) : Double.NaN,
          BenchData.sse(x, n, d, centroids),
          ms);
    }

    private double[] means(int[] labels) {
      int k = set.k();
      double[] sums = new double[k * d];
      int[] counts = new int[k];
      for (int i = 0; i < n; i++) {
        counts[labels[i]]++;
        for (int j = 0; j < d; j++) {
          sums[labels[i] * d + j] += x[i * d + j];
        }
      }
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          sums[c * d + j] /= Math.max(1, counts[c]);
        }
      }
      return sums;
    }

    private int[] nearest(double[] centroids) {
      int[] labels = new int[n];
      BenchData.nearest(x, n, d, centroids, labels);
      return labels;
    }
  }

  private static double[][] read(Path file) {
    try {
      List<double[]> rows = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        String t = line.trim();
        if (t.isEmpty()) {
          continue;
        }
        String[] f = SPACES.splitAsStream(t).toArray(String[]::new);
        double[] row = new double[f.length];
        for (int j = 0; j < f.length; j++) {
          row[j] = Double.parseDouble(f[j]);
        }
        rows.add(row);
      }
      return rows.toArray(new double[0][]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int[] labels(Path file) {
    double[][] v = read(file);
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (int) v[i][0];
    }
    return out;
  }
}
