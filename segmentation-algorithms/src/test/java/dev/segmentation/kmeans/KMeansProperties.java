package dev.segmentation.kmeans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of K-means over random data. */
class KMeansProperties {

  /** A random data set and a k it can support (a test value; the array is never shared). */
  @SuppressWarnings("ArrayRecordComponent")
  record Case(double[][] rows, int k, long seed) {
    Dataset dataset() {
      return KMeansProperties.dataset(rows);
    }

    int distinct() {
      return (int) Arrays.stream(rows).map(r -> Arrays.toString(r)).distinct().count();
    }
  }

  /** Rows as a data set with columns f0, f1, ... */
  static Dataset dataset(double[][] rows) {
    String[] names = new String[rows[0].length];
    for (int j = 0; j < names.length; j++) {
      names[j] = "f" + j;
    }
    return Dataset.of(rows, names);
  }

  /**
   * n rows whose columns mix three overlapping blobs, drawn row by row with each row's weight into
   * {@code weights}: between 0.25 and 4.25 when {@code weighted}, else 1.
   */
  static double[][] blobs(SplittableRandom rng, int n, int d, boolean weighted, double[] weights) {
    double[][] rows = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        rows[i][j] = rng.nextGaussian() * 10 + rng.nextInt(3) * 15;
      }
      weights[i] = weighted ? 0.25 + rng.nextDouble() * 4 : 1;
    }
    return rows;
  }

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 150),
            Arbitraries.integers().between(1, 5),
            Arbitraries.integers().between(1, 12),
            Arbitraries.longs(),
            Arbitraries.of(true, false))
        .as(
            (n, d, k, seed, integral) -> {
              SplittableRandom rng = new SplittableRandom(seed);
              double[][] rows = new double[n][d];
              for (double[] row : rows) {
                for (int j = 0; j < d; j++) {
                  // Integral values make ties and duplicate rows common.
                  row[j] = integral ? rng.nextInt(6) : rng.nextGaussian() * 10;
                }
              }
              Case c = new Case(rows, k, seed);
              return new Case(rows, Math.min(k, c.distinct()), seed);
            });
  }

  private static KMeans base(Case c) {
    return Segmentation.kmeans().k(c.k).seed(c.seed).tolerance(0).threads(1);
  }

  @Property(tries = 200)
  void labelsAreInRangeAndSizesAddUp(@ForAll("cases") Case c) {
    SegmentationResult<KMeansModel> r = base(c).fit(c.dataset());
    assertThat(Arrays.stream(r.labels()).boxed())
        .allSatisfy(l -> assertThat(l).isBetween(0, c.k - 1));
    assertThat(Arrays.stream(r.segmentSizes()).sum()).isEqualTo(c.rows.length);
    assertThat(Arrays.stream(r.segmentSizes()).min().orElseThrow()).isPositive();
  }

  @Property(tries = 200)
  void objectiveNeverIncreases(@ForAll("cases") Case c) {
    SegmentationResult<KMeansModel> r = base(c).traceObjective(true).fit(c.dataset());
    double[] trace = r.summary().objectiveTrace();
    // One value per update: the last iteration may have found no change and made none.
    assertThat(trace.length).isBetween(r.summary().iterations() - 1, r.summary().iterations());
    for (int t = 1; t < trace.length; t++) {
      assertThat(trace[t]).isLessThanOrEqualTo(trace[t - 1] * (1 + 1e-12) + 1e-12);
    }
    if (trace.length > 0) {
      assertThat(r.summary().objective())
          .isLessThanOrEqualTo(trace[trace.length - 1] * (1 + 1e-12) + 1e-12);
    }
  }

  @Property(tries = 300)
  void prunedVariantsReproduceLloydExactly(@ForAll("cases") Case c) {
    prunedVariantsReproduceLloyd(base(c), c.dataset());
  }

  /**
   * Fits {@code data} with Lloyd and with every pruned variant from the same options, and asserts
   * the same labels, centroids, iterations and objective, bit for bit.
   */
  static void prunedVariantsReproduceLloyd(KMeans base, Dataset data) {
    SegmentationResult<KMeansModel> lloyd = base.variant(KMeansVariant.LLOYD).fit(data);
    for (KMeansVariant v :
        List.of(
            KMeansVariant.HAMERLY,
            KMeansVariant.ELKAN,
            KMeansVariant.EXPONION,
            KMeansVariant.YINYANG)) {
      SegmentationResult<KMeansModel> other = base.variant(v).fit(data);
      assertThat(other.labels()).as(v.name()).isEqualTo(lloyd.labels());
      assertThat(other.model().scaledCentroids())
          .as(v.name())
          .isEqualTo(lloyd.model().scaledCentroids());
      assertThat(other.summary().iterations()).as(v.name()).isEqualTo(lloyd.summary().iterations());
      assertThat(other.summary().objective()).isEqualTo(lloyd.summary().objective());
    }
  }

  /**
   * Yinyang with many groups (k up to 150: up to 15 groups), clustered data where rows move between
   * groups, and small integers where distances tie: Lloyd's fit exactly.
   */
  @Property(tries = 60)
  void yinyangWithManyGroupsReproducesLloyd(
      @ForAll @IntRange(min = 200, max = 3000) int n,
      @ForAll @IntRange(min = 1, max = 6) int d,
      @ForAll @IntRange(min = 11, max = 150) int k,
      @ForAll boolean integral,
      @ForAll @IntRange(min = 1, max = 2) int threads,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] rows = new double[n][d];
    for (int i = 0; i < n; i++) {
      int blob = rng.nextInt(Math.max(1, k / 3));
      for (int j = 0; j < d; j++) {
        rows[i][j] = integral ? rng.nextInt(9) : blob * 3 + rng.nextGaussian() * 2;
      }
    }
    Dataset data = dataset(rows);
    Case c = new Case(rows, k, seed);
    int segments = Math.min(k, c.distinct());
    KMeans base = Segmentation.kmeans().k(segments).seed(seed).tolerance(0).threads(threads);
    SegmentationResult<KMeansModel> lloyd = base.variant(KMeansVariant.LLOYD).fit(data);
    SegmentationResult<KMeansModel> yinyang = base.variant(KMeansVariant.YINYANG).fit(data);
    assertThat(yinyang.labels()).isEqualTo(lloyd.labels());
    assertThat(yinyang.model().scaledCentroids()).isEqualTo(lloyd.model().scaledCentroids());
    assertThat(yinyang.summary().iterations()).isEqualTo(lloyd.summary().iterations());
    assertThat(yinyang.summary().distanceComputations())
        .isLessThanOrEqualTo(2 * lloyd.summary().distanceComputations());
  }

  /**
   * Lloyd reads column tiles and sums them tile by tile; the pruned variants read the row-major
   * rows: on weighted data over many tiles, and with two threads, the fits are still equal bit for
   * bit.
   */
  @Property(tries = 40)
  void lloydOnColumnTilesEqualsHamerlyWeighted(
      @ForAll @IntRange(min = 257, max = 9000) int n,
      @ForAll @IntRange(min = 1, max = 9) int d,
      @ForAll @IntRange(min = 1, max = 24) int k,
      @ForAll @IntRange(min = 1, max = 2) int threads,
      @ForAll long seed) {
    double[] weights = new double[n];
    double[][] rows = blobs(new SplittableRandom(seed), n, d, true, weights);
    Dataset data = dataset(rows).withWeights(weights);
    KMeans base = Segmentation.kmeans().k(k).seed(seed).tolerance(0).threads(threads);
    SegmentationResult<KMeansModel> lloyd = base.variant(KMeansVariant.LLOYD).fit(data);
    SegmentationResult<KMeansModel> hamerly = base.variant(KMeansVariant.HAMERLY).fit(data);
    assertThat(lloyd.labels()).isEqualTo(hamerly.labels());
    assertThat(lloyd.model().scaledCentroids()).isEqualTo(hamerly.model().scaledCentroids());
    assertThat(lloyd.summary().objective()).isEqualTo(hamerly.summary().objective());
  }

  /**
   * Blocks where few labels changed update their sums by the moved rows alone; a converged fit
   * still ends on centroids that are the means of their rows bit for bit: per block of 4,096 rows
   * summed in row order, the blocks added in order (KMeansRun#resum).
   */
  @Property(tries = 40)
  void convergedCentroidsAreTheMeansOfTheirRowsBitForBit(
      @ForAll @IntRange(min = 257, max = 12000) int n,
      @ForAll @IntRange(min = 1, max = 6) int d,
      @ForAll @IntRange(min = 1, max = 16) int k,
      @ForAll @IntRange(min = 1, max = 2) int threads,
      @ForAll boolean weighted,
      @ForAll KMeansVariant variant,
      @ForAll long seed) {
    double[] weights = new double[n];
    double[][] rows = blobs(new SplittableRandom(seed), n, d, weighted, weights);
    Dataset data = weighted ? dataset(rows).withWeights(weights) : dataset(rows);
    SegmentationResult<KMeansModel> fit =
        Segmentation.kmeans()
            .k(k)
            .seed(seed)
            .tolerance(0)
            .maxIterations(1000)
            .threads(threads)
            .variant(variant)
            .preprocess(dev.segmentation.core.preprocess.Scaling.none())
            .fit(data);
    assertThat(fit.summary().converged()).isTrue();
    int[] labels = fit.labels();
    double[][] sums = new double[k][d];
    double[] weight = new double[k];
    final int block = dev.segmentation.core.parallel.Blocks.DEFAULT_BLOCK_ROWS;
    for (int start = 0; start < n; start += block) {
      double[][] local = new double[k][d];
      double[] localWeight = new double[k];
      for (int i = start; i < Math.min(n, start + block); i++) {
        for (int j = 0; j < d; j++) {
          local[labels[i]][j] += weights[i] * rows[i][j];
        }
        localWeight[labels[i]] += weights[i];
      }
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          sums[c][j] += local[c][j];
        }
        weight[c] += localWeight[c];
      }
    }
    double[][] centroids = fit.model().scaledCentroids();
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        assertThat(centroids[c][j])
            .as("centre %d, column %d", c, j)
            .isEqualTo(sums[c][j] / weight[c]);
      }
    }
  }

  @Property(tries = 100)
  void variantsAgreeFromGivenCentroidsWithTolerance(@ForAll("cases") Case c) {
    double[][] start = Arrays.copyOf(distinctRows(c.rows), c.k);
    Dataset data = c.dataset();
    KMeans lloyd = Segmentation.kmeans().initialCentroids(start).variant(KMeansVariant.LLOYD);
    int[] expected = lloyd.fit(data).labels();
    for (KMeansVariant v : KMeansVariant.values()) {
      int[] got = Segmentation.kmeans().initialCentroids(start).variant(v).fit(data).labels();
      assertThat(got).as(v.name()).isEqualTo(expected);
    }
  }

  /**
   * A fit stopped by the tolerance or the iteration cap ends after an update whose movement the
   * bounds have not yet taken in; the last fresh sum of the updated blocks moves the centroids
   * again, and the relabelling must still see both movements (it did not: Hamerly then kept stale
   * bounds and 18 of the CDNOW customers at k = 100 got other labels than Lloyd's).
   */
  @Property(tries = 40)
  void variantsAgreeOverManyBlocksWhenStoppedEarly(
      @ForAll @IntRange(min = 4097, max = 14000) int n,
      @ForAll @IntRange(min = 1, max = 5) int d,
      @ForAll @IntRange(min = 2, max = 80) int k,
      @ForAll @IntRange(min = 1, max = 2) int threads,
      @ForAll @IntRange(min = 2, max = 60) int maxIterations,
      @ForAll boolean weighted,
      @ForAll long seed) {
    double[] weights = new double[n];
    double[][] rows = blobs(new SplittableRandom(seed), n, d, weighted, weights);
    Dataset data = weighted ? dataset(rows).withWeights(weights) : dataset(rows);
    KMeans base =
        Segmentation.kmeans()
            .k(k)
            .seed(seed)
            .tolerance(1e-4)
            .maxIterations(maxIterations)
            .threads(threads);
    prunedVariantsReproduceLloyd(base, data);
  }

  @Property(tries = 200)
  void sameSeedSameResult(@ForAll("cases") Case c) {
    SegmentationResult<KMeansModel> a = base(c).restarts(2).fit(c.dataset());
    SegmentationResult<KMeansModel> b = base(c).restarts(2).fit(c.dataset());
    assertThat(a.labels()).isEqualTo(b.labels());
    assertThat(a.model().scaledCentroids()).isEqualTo(b.model().scaledCentroids());
    assertThat(a.summary().objective()).isEqualTo(b.summary().objective());
  }

  @Property(tries = 200)
  void assignOfATrainingRowGivesItsLabel(@ForAll("cases") Case c) {
    SegmentationResult<KMeansModel> r = base(c).fit(c.dataset());
    for (int i = 0; i < c.rows.length; i++) {
      assertThat(r.model().assign(c.rows[i])).isEqualTo(r.label(i));
    }
    assertThat(r.model().assignAll(c.dataset())).isEqualTo(r.labels());
  }

  @Property(tries = 150)
  void rowPermutationGivesTheSamePartition(@ForAll("cases") Case c) {
    // Integral data keeps every centroid sum exact, so row order cannot change any rounding.
    double[][] rows = new double[c.rows.length][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Arrays.stream(c.rows[i]).map(v -> Math.rint(v) + 0.0).toArray();
    }
    Case ic = new Case(rows, 1, c.seed);
    ic = new Case(rows, Math.min(c.k, ic.distinct()), c.seed);
    double[][] start = Arrays.copyOf(distinctRows(rows), ic.k);
    int[] perm = permutation(rows.length, new SplittableRandom(c.seed));
    double[][] shuffled = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      shuffled[i] = rows[perm[i]];
    }
    Case sc = new Case(shuffled, ic.k, c.seed);
    int[] a = Segmentation.kmeans().initialCentroids(start).tolerance(0).fit(ic.dataset()).labels();
    int[] b = Segmentation.kmeans().initialCentroids(start).tolerance(0).fit(sc.dataset()).labels();
    for (int i = 0; i < rows.length; i++) {
      assertThat(b[i]).isEqualTo(a[perm[i]]);
    }
  }

  /**
   * The case that found the repair's tie rule order-dependent: cluster 2 empties, and (2, 0) and
   * (4, 0) are equally far from their centroids; the row chosen went by position, so the shuffled
   * rows converged elsewhere. Ties now go by value.
   */
  @org.junit.jupiter.api.Test
  void anEmptyClusterRepairDoesNotDependOnRowOrder() {
    double[][] rows = {
      {3, 3}, {4, 4}, {0, 2}, {4, 3}, {3, 1}, {1, 1}, {5, 5}, {1, 4}, {1, 2}, {2, 0}, {4, 0}, {0, 5}
    };
    double[][] start = Arrays.copyOf(rows, 6);
    int[] perm = permutation(rows.length, new SplittableRandom(1042091100106254511L));
    double[][] shuffled = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      shuffled[i] = rows[perm[i]];
    }
    int[] a =
        Segmentation.kmeans()
            .initialCentroids(start)
            .tolerance(0)
            .fit(new Case(rows, 6, 0).dataset())
            .labels();
    int[] b =
        Segmentation.kmeans()
            .initialCentroids(start)
            .tolerance(0)
            .fit(new Case(shuffled, 6, 0).dataset())
            .labels();
    for (int i = 0; i < rows.length; i++) {
      assertThat(b[i]).as("row %d", perm[i]).isEqualTo(a[perm[i]]);
    }
  }

  @Property(tries = 100)
  void kEqualToDistinctRowsGivesZeroInertia(@ForAll("cases") Case c) {
    int distinct = c.distinct();
    SegmentationResult<KMeansModel> r =
        Segmentation.kmeans().k(distinct).seed(c.seed).fit(c.dataset());
    assertThat(r.summary().objective()).isZero();
  }

  @Property(tries = 50)
  void wellSeparatedBlobsAreRecoveredExactly(
      @ForAll @IntRange(min = 2, max = 10) int k,
      @ForAll @IntRange(min = 1, max = 6) int d,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int per = 30;
    double[][] rows = new double[k * per][d];
    int[] truth = new int[k * per];
    for (int c = 0; c < k; c++) {
      double[] centre = new double[d];
      centre[0] = 1000.0 * c;
      for (int j = 1; j < d; j++) {
        centre[j] = rng.nextDouble() * 1000;
      }
      for (int p = 0; p < per; p++) {
        int i = c * per + p;
        truth[i] = c;
        for (int j = 0; j < d; j++) {
          rows[i][j] = centre[j] + rng.nextGaussian();
        }
      }
    }
    int[] labels =
        Segmentation.kmeans()
            .k(k)
            .seed(seed)
            .restarts(3)
            .fit(new Case(rows, k, seed).dataset())
            .labels();
    int[] map = new int[k];
    Arrays.fill(map, -1);
    for (int i = 0; i < labels.length; i++) {
      if (map[truth[i]] < 0) {
        map[truth[i]] = labels[i];
      }
      assertThat(labels[i]).isEqualTo(map[truth[i]]);
    }
    assertThat(Arrays.stream(map).distinct().count()).isEqualTo(k);
  }

  static double[][] distinctRows(double[][] rows) {
    List<double[]> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (double[] r : rows) {
      if (seen.add(Arrays.toString(r))) {
        out.add(r.clone());
      }
    }
    return out.toArray(new double[0][]);
  }

  static int[] permutation(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
