package dev.segmentation.bench;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.MixedDataset;
import dev.segmentation.core.distance.Gower;
import dev.segmentation.hierarchical.Dendrogram;
import dev.segmentation.hierarchical.Linkage;
import java.util.Locale;
import java.util.SplittableRandom;
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
 * Categorical data at scale: k-prototypes (k = 8, Cao start) on customers with 6 numeric columns
 * (the K-means benchmark's blobs, 8 blobs) and 3 categorical ones of 5, 20 and 50 levels that
 * follow the blobs 70% of the time; next to it K-means (Lloyd, one restart) on the numeric columns
 * alone, which is what k-prototypes costs without categories; and the Gower tree (average linkage)
 * on 5,000 such customers next to the Euclidean one on their numeric columns.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar "bench.CategoricalBenchmark" -p n=100000,1000000
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g"})
public class CategoricalBenchmark {
  /** The fits compared. */
  public enum Impl {
    /** k-prototypes on the 6 numeric and 3 categorical columns. */
    KPROTOTYPES,
    /** K-means (Lloyd) on the 6 numeric columns. */
    KMEANS_NUMERIC,
    /** Average-linkage tree on Gower's distance, the first 5,000 customers. */
    GOWER_AVERAGE_5000,
    /** Average-linkage tree on the Euclidean distance of the numeric columns, 5,000 customers. */
    EUCLIDEAN_AVERAGE_5000
  }

  /** Rows (the trees take the first 5,000). */
  @Param({"1000000"})
  int n;

  @Param({"KPROTOTYPES", "KMEANS_NUMERIC", "GOWER_AVERAGE_5000", "EUCLIDEAN_AVERAGE_5000"})
  Impl impl;

  MixedDataset mixed;
  MixedDataset small;
  Dataset numeric;
  Dataset smallNumeric;
  FitSummary last;

  /** Builds the customers. */
  @Setup
  public void setup() {
    int d = 6;
    double[] x = BenchData.blobs(n, d, 8, 20, 1);
    SplittableRandom rng = new SplittableRandom(7);
    MixedDataset.Builder b = MixedDataset.builder(Dataset.ofRowMajor(x, n, BenchData.names(d)));
    int[] levels = {5, 20, 50};
    for (int j = 0; j < levels.length; j++) {
      String[] col = new String[n];
      for (int i = 0; i < n; i++) {
        // the blob a row came from shows in its first coordinate's band; categories follow it
        int blob = (int) Math.floorMod((long) Math.floor(x[i * d] / 12.5), 8L);
        int level = rng.nextInt(10) < 7 ? blob % levels[j] : rng.nextInt(levels[j]);
        col[i] = "c" + j + "-" + level;
      }
      b.categorical("cat" + j, col);
    }
    mixed = b.build();
    int[] first = new int[Math.min(5000, n)];
    for (int i = 0; i < first.length; i++) {
      first[i] = i;
    }
    small = mixed.rows(first);
    numeric = mixed.numericPart();
    smallNumeric = small.numericPart();
  }

  /**
   * One fit.
   *
   * @return the summary (sunk by JMH)
   */
  @Benchmark
  public FitSummary fit() {
    last =
        switch (impl) {
          case KPROTOTYPES -> Segmentation.kprototypes().k(8).seed(42).fit(mixed).summary();
          case KMEANS_NUMERIC ->
              Segmentation.kmeans()
                  .k(8)
                  .seed(42)
                  .restarts(1)
                  .variant(dev.segmentation.kmeans.KMeansVariant.LLOYD)
                  .fit(numeric)
                  .summary();
          case GOWER_AVERAGE_5000 ->
              tree(Segmentation.hierarchical().linkage(Linkage.AVERAGE).tree(Gower.of(small)));
          case EUCLIDEAN_AVERAGE_5000 ->
              tree(Segmentation.hierarchical().linkage(Linkage.AVERAGE).tree(smallNumeric));
        };
    return last;
  }

  private static FitSummary tree(Dendrogram d) {
    return d.summary();
  }

  /** Prints the iterations and the objective. */
  @TearDown
  public void report() {
    System.out.printf(
        Locale.ROOT,
        "%nRESULT categorical n=%d impl=%s iterations=%d objective=%.6g converged=%s%n",
        n,
        impl,
        last.iterations(),
        last.objective(),
        last.converged());
  }
}
