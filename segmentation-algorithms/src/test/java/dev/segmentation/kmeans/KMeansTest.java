package dev.segmentation.kmeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.preprocess.Scaling;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Known answers on tiny hand-checked data, bad input, and larger determinism checks. */
class KMeansTest {

  /**
   * AUTO's measured rule (BENCHMARKS.md section 22): when the fit may run 40 iterations, Hamerly
   * from 64 segments and Yinyang from 256 in at most 64 dimensions; Lloyd otherwise; a named
   * variant is kept. The fit's summary names the variant that ran.
   */
  @Test
  void autoRunsThePrunedVariantsForManySegmentsAndLongFitsOnly() {
    KMeansVariant auto = KMeansVariant.AUTO;
    assertThat(KMeans.resolve(auto, 256, 16)).isEqualTo(KMeansVariant.YINYANG);
    assertThat(KMeans.resolve(auto, 255, 16)).isEqualTo(KMeansVariant.HAMERLY);
    assertThat(KMeans.resolve(auto, 64, 32)).isEqualTo(KMeansVariant.HAMERLY);
    assertThat(KMeans.resolve(auto, 63, 32)).isEqualTo(KMeansVariant.LLOYD);
    assertThat(KMeans.resolve(auto, 64, 8, 39)).isEqualTo(KMeansVariant.LLOYD);
    assertThat(KMeans.resolve(auto, 2000, 64)).isEqualTo(KMeansVariant.YINYANG);
    assertThat(KMeans.resolve(auto, 2000, 65)).isEqualTo(KMeansVariant.LLOYD);
    assertThat(KMeans.resolve(auto, 2000, 8, 39)).isEqualTo(KMeansVariant.LLOYD);
    assertThat(KMeans.resolve(auto, 2000, 8, 40)).isEqualTo(KMeansVariant.YINYANG);
    assertThat(KMeans.resolve(KMeansVariant.ELKAN, 8, 2, 5)).isEqualTo(KMeansVariant.ELKAN);
    SplittableRandom rng = new SplittableRandom(3);
    double[][] rows = new double[3000][2];
    for (double[] row : rows) {
      row[0] = rng.nextGaussian();
      row[1] = rng.nextGaussian();
    }
    Dataset data = Dataset.of(rows, "a", "b");
    KMeans km = Segmentation.kmeans().k(256).seed(1);
    assertThat(km.fit(data).summary().algorithm()).isEqualTo("k-means (YINYANG)");
    assertThat(km.maxIterations(10).fit(data).summary().algorithm()).isEqualTo("k-means (LLOYD)");
    assertThat(km.k(64).maxIterations(300).fit(data).summary().algorithm())
        .isEqualTo("k-means (HAMERLY)");
  }

  @Test
  void twoPairsInThePlane() {
    Dataset data = Dataset.of(new double[][] {{0, 0}, {0, 1}, {10, 10}, {10, 11}}, "a", "b");
    SegmentationResult<KMeansModel> r = Segmentation.kmeans().k(2).seed(3).fit(data);
    int[] l = r.labels();
    assertThat(l[0]).isEqualTo(l[1]);
    assertThat(l[2]).isEqualTo(l[3]);
    assertThat(l[0]).isNotEqualTo(l[2]);
    assertThat(r.model().centroids()[l[0]]).containsExactly(0, 0.5);
    assertThat(r.model().centroids()[l[2]]).containsExactly(10, 10.5);
    // Each point is 0.5 from its centroid: 4 * 0.25.
    assertThat(r.summary().objective()).isEqualTo(1.0);
    assertThat(r.segmentSizes()).containsExactly(2, 2);
    assertThat(r.summary().converged()).isTrue();
  }

  @Test
  void oneDimensionFromGivenCentroids() {
    Dataset data = Dataset.of(new double[][] {{1}, {2}, {3}, {10}, {11}, {12}}, "x");
    SegmentationResult<KMeansModel> r =
        Segmentation.kmeans().initialCentroids(new double[][] {{1}, {2}}).fit(data);
    // From 1 and 2: {1} | {2..12} -> centroids 1, 7.6 -> {1,2,3} | {10,11,12} -> 2, 11.
    assertThat(r.labels()).containsExactly(0, 0, 0, 1, 1, 1);
    assertThat(r.model().centroids()).isDeepEqualTo(new double[][] {{2}, {11}});
    assertThat(r.summary().objective()).isEqualTo(4.0);
    assertThat(r.summary().iterations()).isEqualTo(3);
  }

  @Test
  void weightsPullTheCentroid() {
    Dataset data = Dataset.of(new double[][] {{0}, {10}}, "x").withWeights(new double[] {1, 3});
    SegmentationResult<KMeansModel> r = Segmentation.kmeans().k(1).fit(data);
    assertThat(r.model().centroids()[0][0]).isEqualTo(7.5);
    assertThat(r.summary().objective()).isEqualTo(1 * 56.25 + 3 * 6.25);
  }

  @Test
  void emptyClusterGetsTheFarthestRow() {
    Dataset data = Dataset.of(new double[][] {{0}, {1}, {2}, {20}}, "x");
    // The centre at 100 attracts nothing; the row farthest from its centroid (20) moves to it.
    SegmentationResult<KMeansModel> r =
        Segmentation.kmeans()
            .initialCentroids(new double[][] {{1}, {100}})
            .variant(KMeansVariant.LLOYD)
            .fit(data);
    assertThat(r.labels()).containsExactly(0, 0, 0, 1);
    assertThat(r.model().centroids()).isDeepEqualTo(new double[][] {{1}, {20}});
    for (KMeansVariant v : KMeansVariant.values()) {
      assertThat(
              Segmentation.kmeans()
                  .initialCentroids(new double[][] {{1}, {100}})
                  .variant(v)
                  .fit(data)
                  .labels())
          .as(v.name())
          .containsExactly(0, 0, 0, 1);
    }
  }

  @Property(tries = 4)
  void sameResultForOneTwoAndFourThreads(@ForAll long seed) {
    // 20,000 rows make 5 blocks, so threads really split the work.
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] rows = new double[20_000][3];
    for (double[] row : rows) {
      int blob = rng.nextInt(6);
      for (int j = 0; j < 3; j++) {
        row[j] = blob * 2 + rng.nextGaussian();
      }
    }
    Dataset data = Dataset.of(rows, "a", "b", "c");
    for (KMeansVariant v : KMeansVariant.values()) {
      SegmentationResult<KMeansModel> one =
          Segmentation.kmeans().k(6).seed(seed).variant(v).threads(1).fit(data);
      for (int t : new int[] {2, 4}) {
        SegmentationResult<KMeansModel> many =
            Segmentation.kmeans().k(6).seed(seed).variant(v).threads(t).fit(data);
        assertThat(many.labels()).as(v + " threads=" + t).isEqualTo(one.labels());
        assertThat(many.model().scaledCentroids()).isEqualTo(one.model().scaledCentroids());
        assertThat(many.summary().objective()).isEqualTo(one.summary().objective());
        assertThat(many.summary().distanceComputations())
            .isEqualTo(one.summary().distanceComputations());
      }
    }
  }

  @Test
  void rejectsNonPositiveK() {
    assertThatThrownBy(() -> Segmentation.kmeans().k(0))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("k")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> Segmentation.kmeans().k(-3))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("-3");
  }

  @Test
  void rejectsMoreSegmentsThanDistinctRows() {
    Dataset data = Dataset.of(new double[][] {{1, 1}, {1, 1}, {2, 2}, {-0.0, 0}, {0, 0}}, "a", "b");
    assertThatThrownBy(() -> Segmentation.kmeans().k(4).fit(data))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("k")
        .hasMessageContaining("distinct rows in the data (3)")
        .hasMessageContaining("was 4");
    assertThat(Segmentation.kmeans().k(3).fit(data).summary().objective()).isZero();
  }

  @Test
  void rejectsEmptyData() {
    Dataset empty = Dataset.of(new double[0][], "a", "b");
    assertThatThrownBy(() -> Segmentation.kmeans().k(2).fit(empty))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void assignRejectsWrongWidthAndNonFiniteValues() {
    Dataset data = Dataset.of(new double[][] {{0, 0}, {5, 5}}, "a", "b");
    KMeansModel model = Segmentation.kmeans().k(2).fit(data).model();
    assertThatThrownBy(() -> model.assign(new double[] {1, 2, 3}))
        .isInstanceOf(DimensionMismatchException.class)
        .hasMessageContaining("3 values")
        .hasMessageContaining("expects 2");
    assertThatThrownBy(() -> model.assign(new double[] {1, Double.NaN}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'b'");
    Dataset other = Dataset.of(new double[][] {{1, 2}}, "a", "c");
    assertThatThrownBy(() -> model.assignAll(other))
        .isInstanceOf(DimensionMismatchException.class)
        .hasMessageContaining("'b'");
  }

  @Test
  void assignAllMatchesColumnsByName() {
    Dataset data = Dataset.of(new double[][] {{0, 0}, {5, 5}, {0, 1}}, "a", "b");
    KMeansModel model = Segmentation.kmeans().k(2).fit(data).model();
    Dataset reordered = Dataset.of(new double[][] {{7, 0, 0}, {7, 5, 5}}, "extra", "b", "a");
    assertThat(model.assignAll(reordered))
        .containsExactly(model.assign(new double[] {0, 0}), model.assign(new double[] {5, 5}));
  }

  @Test
  void rejectsBadOptions() {
    assertThatThrownBy(() -> Segmentation.kmeans().restarts(0))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("restarts");
    assertThatThrownBy(() -> Segmentation.kmeans().maxIterations(0))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("maxIterations");
    assertThatThrownBy(() -> Segmentation.kmeans().tolerance(-1))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("tolerance");
    assertThatThrownBy(() -> Segmentation.kmeans().tolerance(Double.NaN))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> Segmentation.kmeans().threads(0))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("threads");
    Dataset data = Dataset.of(new double[][] {{0, 0}, {5, 5}}, "a", "b");
    assertThatThrownBy(() -> Segmentation.kmeans().initialCentroids(new double[][] {{1}}).fit(data))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("initialCentroids");
    assertThatThrownBy(() -> Segmentation.kmeans().initialCentroids(new double[][] {{1, 2}, {3}}))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("row 1");
  }

  @Test
  void aRefitAlignedToThePreviousModelKeepsSegmentIdentities() {
    double[][] rows = new double[60][2];
    for (int i = 0; i < 60; i++) {
      int c = i % 4;
      rows[i][0] = 50 * (c % 2) + (i % 7) * 0.1;
      rows[i][1] = 50 * Math.floorDiv(c, 2) + (i % 5) * 0.1;
    }
    Dataset data = Dataset.of(rows, "a", "b");
    KMeansModel before = Segmentation.kmeans().k(4).seed(1).fit(data).model();
    SegmentationResult<KMeansModel> refit =
        Segmentation.kmeans().k(4).seed(99).preprocess(Scaling.standard()).fit(data);
    KMeansModel after = refit.model().alignedTo(before);
    int[] relabelled =
        dev.segmentation.core.evaluate.SegmentAlignment.relabel(
            refit.labels(), refit.model().alignment(before));
    for (int i = 0; i < 60; i++) {
      assertThat(after.assign(rows[i])).isEqualTo(before.assign(rows[i]));
      assertThat(relabelled[i]).isEqualTo(before.assign(rows[i]));
    }
    KMeansModel fewer = Segmentation.kmeans().k(3).fit(data).model();
    assertThatThrownBy(() -> fewer.alignedTo(before))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("alignment(previous)");
    assertThat(fewer.alignment(before)).hasSize(3).doesNotHaveDuplicates();
    KMeansModel other = Segmentation.kmeans().k(4).fit(Dataset.of(rows, "a", "c")).model();
    assertThatThrownBy(() -> other.alignment(before))
        .isInstanceOf(DimensionMismatchException.class)
        .hasMessageContaining("same columns");
  }

  @Test
  void randomSwapFindsTheClusterAStuckStartMisses() {
    double[][] rows = new double[90][1];
    for (int i = 0; i < 90; i++) {
      rows[i][0] = 10 * (i % 3) + (i % 10) * 0.01;
    }
    Dataset data = Dataset.of(rows, "x");
    // two centroids in the first cluster, one between the others: Lloyd keeps that split
    double[][] stuck = {{0}, {0.05}, {15}};
    SegmentationResult<KMeansModel> plain = Segmentation.kmeans().initialCentroids(stuck).fit(data);
    SegmentationResult<KMeansModel> swapped =
        Segmentation.kmeans().initialCentroids(stuck).randomSwap(40).seed(3).fit(data);
    assertThat(plain.summary().objective()).isGreaterThan(1000);
    assertThat(swapped.summary().objective()).isLessThan(1);
    int[] sizes = swapped.segmentSizes();
    Arrays.sort(sizes);
    assertThat(sizes).containsExactly(30, 30, 30);
    assertThatThrownBy(
            () ->
                Segmentation.kmeans()
                    .initialCentroids(stuck)
                    .randomSwap(20)
                    .progress(p -> !p.stage().contains("random swap"))
                    .fit(data))
        .isInstanceOf(FitCancelledException.class)
        .hasMessageContaining("after 16 random-swap trials");
    assertThatThrownBy(() -> Segmentation.kmeans().randomSwap(-1))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("option randomSwap");
  }

  @Test
  void randomSwapNeverRaisesTheObjectiveAndIsSeeded() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int rep = 0; rep < 10; rep++) {
      double[][] rows = new double[200][2];
      for (double[] r : rows) {
        r[0] = rng.nextDouble(0, 100);
        r[1] = rng.nextDouble(0, 100);
      }
      Dataset data = Dataset.of(rows, "a", "b");
      double plain = Segmentation.kmeans().k(9).seed(rep).fit(data).summary().objective();
      SegmentationResult<KMeansModel> a =
          Segmentation.kmeans().k(9).seed(rep).randomSwap(30).fit(data);
      SegmentationResult<KMeansModel> b =
          Segmentation.kmeans().k(9).seed(rep).randomSwap(30).threads(1).fit(data);
      assertThat(a.summary().objective()).isLessThanOrEqualTo(plain);
      assertThat(a.labels()).isEqualTo(b.labels());
    }
  }

  /** Issue 19, item 5: values around 1e155 overflow squared distances; never "converged". */
  @Test
  void valuesWhoseSquaredDistancesOverflowAreRefusedNamingTheColumn() {
    Dataset d =
        Dataset.of(
            new double[][] {{1e155, 2}, {-1e155, 4}, {1e155, 6}, {1, 1}, {2, 2}, {3, 3}}, "a", "b");
    assertThatThrownBy(() -> Segmentation.kmeans().k(2).fit(d))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("column 'a'")
        .hasMessageContaining("overflow");
    assertThatThrownBy(() -> Segmentation.kmeans().k(2).preprocess(Scaling.standard()).fit(d))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("column 'a'")
        .hasMessageContaining("too large for standard scaling");
    assertThatThrownBy(() -> Segmentation.hierarchical().k(2).fit(d))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("column 'a'");
    // scaled down, the same rows fit
    Dataset ok =
        Dataset.of(
            new double[][] {{1e150, 2}, {-1e150, 4}, {1e150, 6}, {1, 1}, {2, 2}, {3, 3}}, "a", "b");
    assertThat(Segmentation.kmeans().k(2).fit(ok).summary().objective()).isFinite();
  }
}
