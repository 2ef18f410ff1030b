package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.data.Rows;
import dev.segmentation.core.evaluate.Agreement;
import dev.segmentation.core.evaluate.Quality;
import dev.segmentation.kmeans.KMeans;
import dev.segmentation.kmeans.KMeansModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Clustering quality on the UEF clustering benchmark sets (Fränti and Sieranoja 2018), read from a
 * folder given on the command line (they are not bundled): per set, the centroid index against the
 * ground-truth centroids, ARI and NMI against the labels, the objective (SSE) and the time, for
 * K-means (k-means++, 10 restarts) and K-means refined by random swap.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.segmentation.bench.QualityHarness ../shared/data/sipu
 * }</pre>
 */
public final class QualityHarness {
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private QualityHarness() {}

  /** One benchmark set: data, ground truth, k. */
  private record Set(String name, String folder, String file, int k) {}

  /**
   * Runs the harness.
   *
   * @param args the folder holding {@code s-sets}, {@code a-sets}, {@code unbalance}, {@code
   *     dim-sets}, {@code birch}; optionally the random-swap trials (default 1000)
   */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: QualityHarness <sipu folder> [random-swap trials]");
      System.exit(2);
    }
    Path root = Path.of(args[0]);
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
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
        "%-10s %7s %4s %-22s %4s %7s %7s %14s %9s%n",
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
      double[][] gt = read(dir.resolve(s.file() + "-gt.txt"));
      int[] truth = labels(dir.resolve(s.file() + "-labels.txt"));
      String[] names = new String[rows[0].length];
      for (int j = 0; j < names.length; j++) {
        names[j] = "x" + j;
      }
      Dataset data = Dataset.of(rows, names);
      report(
          s, data, gt, truth, Segmentation.kmeans().k(s.k()).restarts(10).seed(1), "k-means++ x10");
      report(
          s,
          data,
          gt,
          truth,
          Segmentation.kmeans().k(s.k()).restarts(10).seed(1).randomSwap(trials),
          "x10 + swap " + trials);
    }
  }

  private static void report(
      Set s, Dataset data, double[][] gt, int[] truth, KMeans km, String method) {
    long t0 = System.nanoTime();
    SegmentationResult<KMeansModel> r = km.fit(data);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    int d = data.numColumns();
    double[] found = Rows.flatten(r.model().centroids(), d, "centroids");
    double[] expected = Rows.flatten(gt, d, "ground truth");
    int[] labels = r.labels();
    double sse = Quality.inertia(data.toRowMajor(), data.numRows(), d, labels);
    System.out.printf(
        Locale.ROOT,
        "%-10s %7d %4d %-22s %4d %7.4f %7.4f %14.6g %9d%n",
        s.name(),
        data.numRows(),
        s.k(),
        method,
        Quality.centroidIndex(found, expected, d),
        truth.length == labels.length ? Agreement.adjustedRandIndex(truth, labels) : Double.NaN,
        truth.length == labels.length
            ? Agreement.normalizedMutualInformation(truth, labels)
            : Double.NaN,
        sse,
        ms);
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
