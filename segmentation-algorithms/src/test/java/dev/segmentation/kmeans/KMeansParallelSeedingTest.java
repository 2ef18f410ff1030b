package dev.segmentation.kmeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.Segmentation;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.Progress;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.parallel.Blocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * k-means|| seeding (Bahmani, Moseley, Vattani, Kumar and Vassilvitskii, "Scalable K-Means++",
 * PVLDB 5(7), 2012): the paper's GaussMixture experiment, independence from threads, and the corner
 * of data with exactly k distinct rows.
 */
class KMeansParallelSeedingTest {

  /**
   * GaussMixture of section 5.1: k centres drawn from a 15-dimensional spherical Gaussian of
   * variance R around the origin, then n points from unit-variance Gaussians around centres drawn
   * uniformly.
   */
  static double[] gaussMixture(int n, int d, int k, double r, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] centres = new double[k * d];
    double sd = Math.sqrt(r);
    for (int i = 0; i < centres.length; i++) {
      centres[i] = sd * rng.nextGaussian();
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(k);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = centres[c * d + j] + rng.nextGaussian();
      }
    }
    return x;
  }

  static double cost(double[] x, int n, int d, double[] c, int k) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int q = 0; q < k; q++) {
        best = Math.min(best, SquaredEuclidean.distance(x, i * d, c, q * d, d));
      }
      total += best;
    }
    return total;
  }

  static double lloyd(double[] x, int n, int d, double[] start, int k, Blocks blocks) {
    KMeansRun run = new KMeansRun(x, null, null, n, d, start, k, KMeansVariant.LLOYD, blocks, 0);
    run.iterate(300, 0, false, ProgressListener.NONE, "final");
    return run.objective;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  /**
   * Table 1 of the paper: median cost over 11 runs on GaussMixture (n = 10,000, d = 15, k = 50),
   * scaled down by 10^4, of the seed and of Lloyd run from it, for k-means|| with 5 rounds and
   * {@code l = k/2} and {@code l = 2k}. The paper's figures at R = 1: seeds 21 and 17, final 14; at
   * R = 100: seeds 23 and 16, final 15. At R = 10 our costs come out lower than the paper's
   * (BENCHMARKS.md section 22, "Seeding at scale"), so that column is not asserted. The data are
   * drawn anew, so each figure may differ by sampling: 10% for seeds, 5% for final costs.
   */
  @Test
  void reproducesTable1OfBahmaniEtAl() {
    int n = 10_000;
    int d = 15;
    int k = 50;
    double[][] paper = {{1, 21, 17, 14}, {100, 23, 16, 15}};
    for (double[] row : paper) {
      double[] half = new double[11];
      double[] twice = new double[11];
      double[] fin = new double[11];
      for (int run = 0; run < 11; run++) {
        double[] x = gaussMixture(n, d, k, row[0], 1000 + run);
        Blocks blocks = new Blocks(n, 1, null);
        Seeding s = new Seeding(x, null, n, d, blocks);
        double[] a = s.kMeansParallel(k, 5, 0.5, new SplittableRandom(run), 0, 0);
        double[] b = s.kMeansParallel(k, 5, 2, new SplittableRandom(run), 0, 0);
        half[run] = cost(x, n, d, a, k) / 1e4;
        twice[run] = cost(x, n, d, b, k) / 1e4;
        fin[run] = lloyd(x, n, d, b, k, blocks) / 1e4;
      }
      assertThat(median(half))
          .as("R=%s, l=k/2 seed", row[0])
          .isCloseTo(row[1], within(row[1], 0.1));
      assertThat(median(twice))
          .as("R=%s, l=2k seed", row[0])
          .isCloseTo(row[2], within(row[2], 0.1));
      assertThat(median(fin)).as("R=%s, final", row[0]).isCloseTo(row[3], within(row[3], 0.05));
      assertThat(median(twice)).isLessThan(median(half));
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double value, double fraction) {
    return org.assertj.core.data.Offset.offset(value * fraction);
  }

  @Property(tries = 60)
  void centresDoNotDependOnThreads(
      @ForAll @IntRange(min = 1, max = 12_000) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 40) int k,
      @ForAll boolean weighted,
      @ForAll long seed) {
    SplittableRandom data = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = data.nextInt(5) == 0 ? data.nextInt(3) : Math.floor(data.nextGaussian() * 40) / 8;
    }
    double[] w = null;
    if (weighted) {
      w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = 0.25 + data.nextInt(4);
      }
    }
    int kk = Math.min(k, distinct(x, n, d).size());
    Seeding one = new Seeding(x, w, n, d, new Blocks(n, 1, Blocks.defaultPool()));
    Seeding two = new Seeding(x, w, n, d, new Blocks(n, 2, Blocks.defaultPool()));
    double[] a = one.kMeansParallel(kk, 2, 1.5, new SplittableRandom(seed ^ 7), 0, 0);
    double[] b = two.kMeansParallel(kk, 2, 1.5, new SplittableRandom(seed ^ 7), 0, 0);
    assertThat(b).isEqualTo(a);
    assertThat(a).hasSize(kk * d);
    assertThat(Arrays.stream(a).allMatch(Double::isFinite)).isTrue();
    assertThat(one.distances).isEqualTo(two.distances).isGreaterThanOrEqualTo(n);
  }

  /**
   * Exactly k distinct rows, most of them repeated: sampling never draws a row already a candidate,
   * duplicates drawn in one pass own nothing, and passes go on until k distinct candidates own
   * rows, so the centres are the k distinct rows.
   */
  @Property(tries = 80)
  void exactlyKDistinctRowsGiveThoseRows(
      @ForAll @IntRange(min = 1, max = 30) int k,
      @ForAll @IntRange(min = 0, max = 3000) int extra,
      @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<double[]> levels = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    while (levels.size() < k) {
      double[] r = new double[d];
      for (int j = 0; j < d; j++) {
        r[j] = rng.nextInt(100) - 50;
      }
      if (seen.add(Arrays.toString(r))) {
        levels.add(r);
      }
    }
    int n = k + extra;
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      double[] r = levels.get(i < k ? i : rng.nextInt(k));
      System.arraycopy(r, 0, x, i * d, d);
    }
    Seeding s = new Seeding(x, null, n, d, new Blocks(n, 1, null));
    // One round with a tiny oversampling: extra passes are needed to reach k candidates.
    double[] c = s.kMeansParallel(k, 1, 0.01, new SplittableRandom(seed), 0, 0);
    assertThat(distinct(c, k, d)).isEqualTo(seen);
  }

  private static Set<String> distinct(double[] x, int n, int d) {
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      out.add(Arrays.toString(Arrays.copyOfRange(x, i * d, i * d + d)));
    }
    return out;
  }

  @Test
  void theFitReportsSeedingApartAndRecordsTheOptions() {
    double[] x = gaussMixture(3000, 4, 12, 50, 3);
    double[][] rows = new double[3000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Arrays.copyOfRange(x, i * 4, i * 4 + 4);
    }
    List<Progress> events = new ArrayList<>();
    var result =
        Segmentation.kmeans()
            .k(12)
            .init(KMeansInit.K_MEANS_PARALLEL)
            .parallelSeeding(3, 1)
            .progress(
                p -> {
                  events.add(p);
                  return true;
                })
            .fit(KMeansProperties.dataset(rows));
    assertThat(events.get(0).step()).isZero();
    assertThat(events.get(1).step()).isEqualTo(1);
    assertThat(result.model().provenance().orElseThrow().options())
        .containsEntry("init", "K_MEANS_PARALLEL")
        .containsEntry("seedingRounds", "3")
        .containsEntry("oversampling", "1.0");
    double greedy =
        Segmentation.kmeans().k(12).fit(KMeansProperties.dataset(rows)).summary().objective();
    assertThat(result.summary().objective()).isLessThan(greedy * 1.05);
  }

  /** The estimate checked before k-means|| allocates: rows, plus candidates capped at the rows. */
  @Test
  void memoryEstimateCountsRowsAndExpectedCandidates() {
    // 1M x 16 at k = 2,000 with the paper's setting: 1 + 5 x 4,000 candidates.
    assertThat(Seeding.bytesParallel(1_000_000, 16, 5, 4000))
        .isEqualTo(24_000_000L + 20_001L * (32 * 16 + 64));
    // However large the oversampling, there are no more candidates than rows.
    assertThat(Seeding.bytesParallel(100, 2, 5, 1e12)).isEqualTo(2_400L + 100L * (32 * 2 + 64));
  }

  @Test
  void badSeedingOptionsNameTheOption() {
    KMeans kmeans = Segmentation.kmeans();
    assertThatThrownBy(() -> kmeans.parallelSeeding(0, 2))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("seedingRounds")
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> kmeans.parallelSeeding(5, Double.NaN))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("oversampling");
    assertThatThrownBy(() -> kmeans.parallelSeeding(5, 0))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("oversampling");
  }
}
