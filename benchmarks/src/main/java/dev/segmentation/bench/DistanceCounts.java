package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitSummary;
import dev.segmentation.kmeans.KMeans;
import dev.segmentation.kmeans.KMeansVariant;
import java.util.Locale;

/**
 * Prints, for each variant, iterations, distance computations and their ratio to plain Lloyd on the
 * data of {@link KMeansFitBenchmark}, from the same initial centroids. Distance counts are
 * machine-independent, so one run suffices; the times are of one fit each, in one JVM, in the order
 * given (run a variant twice to see it warm). Usage: {@code java -cp benchmarks.jar
 * dev.segmentation.bench.DistanceCounts [n] [k] [spread] [d] [variants] [maxIterations]
 * [tolerance]}.
 */
public final class DistanceCounts {
  private DistanceCounts() {}

  /**
   * Runs the comparison.
   *
   * @param args optional n (default 1,000,000), k (default 64), blob spread (default 20), d
   *     (default 8) and the variants, comma-separated (default all but AUTO; the ratio column is
   *     against the last LLOYD fit, so list LLOYD first), the iteration limit (default 300) and the
   *     tolerance (default 1e-4)
   */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int k = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    double spread = args.length > 2 ? Double.parseDouble(args[2]) : 20;
    int d = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    KMeansVariant[] variants =
        args.length > 4
            ? java.util.Arrays.stream(args[4].split(","))
                .map(KMeansVariant::valueOf)
                .toArray(KMeansVariant[]::new)
            : new KMeansVariant[] {
              KMeansVariant.LLOYD,
              KMeansVariant.HAMERLY,
              KMeansVariant.ELKAN,
              KMeansVariant.EXPONION,
              KMeansVariant.YINYANG
            };
    double[] x = BenchData.blobs(n, d, k, spread, 1);
    Dataset data = Dataset.ofRowMajor(x, n, BenchData.names(d));
    double[][] start = BenchData.someRows(x, n, d, k, 2);
    int maxIterations = args.length > 5 ? Integer.parseInt(args[5]) : KMeans.DEFAULT_MAX_ITERATIONS;
    double tolerance = args.length > 6 ? Double.parseDouble(args[6]) : 1e-4;
    System.out.printf(Locale.ROOT, "n=%d d=%d k=%d spread=%.1f%n", n, d, k, spread);
    long lloyd = 0;
    System.out.printf(
        Locale.ROOT,
        "%-9s %6s %16s %9s %10s %12s %s%n",
        "variant",
        "iters",
        "distances",
        "vs Lloyd",
        "fit ms",
        "ms/iter",
        "inertia");
    for (KMeansVariant v : variants) {
      FitSummary s =
          Segmentation.kmeans()
              .initialCentroids(start)
              .variant(v)
              .maxIterations(maxIterations)
              .tolerance(tolerance)
              .fit(data)
              .summary();
      if (v == KMeansVariant.LLOYD) {
        lloyd = s.distanceComputations();
      }
      System.out.printf(
          Locale.ROOT,
          "%-9s %6d %16d %8.1fx %10d %12.1f %.6g%n",
          v,
          s.iterations(),
          s.distanceComputations(),
          (double) lloyd / s.distanceComputations(),
          s.elapsed().toMillis(),
          (double) s.elapsed().toMillis() / s.iterations(),
          s.objective());
    }
  }
}
