package dev.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.evaluate.Criterion;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.evaluate.Stability;
import dev.segmentation.core.evaluate.StabilityReport;
import dev.segmentation.hierarchical.Dendrogram;
import dev.segmentation.kmeans.KMeansModel;
import org.junit.jupiter.api.Test;

/** k selection and stability through the algorithm builders: options, errors, stable blobs. */
class SelectionTest {

  private static Dataset blobs(int k, long seed) {
    return SelectionProperties.blobs(k, 0, seed, new int[1][]);
  }

  @Test
  void wellSeparatedSegmentsAreStableForKMeansAndWard() {
    Dataset data = blobs(4, 3);
    StabilityReport kmeans =
        Stability.of(Segmentation.kmeans().k(4).restarts(3)).refits(10).assess(data);
    assertThat(kmeans.unstableSegments()).isEmpty();
    assertThat(kmeans.meanJaccard()).containsOnly(1.0);
    assertThat(kmeans.meanAdjustedRandIndex()).isEqualTo(1.0);
    StabilityReport ward =
        Stability.of(d -> Segmentation.hierarchical().tree(d).segmentation(4))
            .resampling(Stability.Resampling.SUBSAMPLE)
            .refits(10)
            .assess(data);
    assertThat(ward.unstableSegments()).isEmpty();
    assertThat(ward.meanPairwiseAdjustedRandIndex()).isEqualTo(1.0);
  }

  @Test
  void tooManySegmentsForThePartitionAreFlagged() {
    // two blobs cut into 6: the splits inside a blob move from refit to refit
    Dataset data = blobs(2, 5);
    StabilityReport r =
        Stability.of(Segmentation.kmeans().k(6).restarts(1)).refits(15).seed(2).assess(data);
    assertThat(r.unstableSegments()).isNotEmpty();
    assertThat(r.meanAdjustedRandIndex()).isLessThan(1.0);
  }

  @Test
  void selectionOptionsThatCannotWorkAreNamed() {
    Dataset data = blobs(3, 1);
    assertThatThrownBy(
            () ->
                Segmentation.kmeans()
                    .initialCentroids(new double[][] {{0, 0, 0}, {1, 1, 1}})
                    .k(KSelection.range(2, 4))
                    .fit(data))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("cannot be combined with a k selection");
    Dataset tiny = Dataset.of(new double[][] {{0}, {1}, {1}, {2}}, "x");
    assertThatThrownBy(() -> Segmentation.kmeans().k(KSelection.range(2, 4)).fit(tiny))
        .hasMessageContaining("option k")
        .hasMessageContaining("2..4")
        .hasMessageContaining("distinct rows in the data (3)");
    Dendrogram tree = Segmentation.hierarchical().tree(tiny);
    assertThatThrownBy(() -> tree.segmentation(KSelection.range(2, 5)))
        .hasMessageContaining("number of customers in the tree (4)");
    assertThatThrownBy(
            () -> Segmentation.som().grid(2, 2).segments(KSelection.range(2, 5)).fit(data))
        .hasMessageContaining("option segments")
        .hasMessageContaining("number of units (4)");
  }

  @Test
  void aPlainKAfterASelectionWins() {
    Dataset data = blobs(3, 2);
    SegmentationResult<KMeansModel> r =
        Segmentation.kmeans().k(KSelection.range(2, 6)).k(5).fit(data);
    assertThat(r.model().numSegments()).isEqualTo(5);
    assertThat(r.selection()).isEmpty();
    assertThat(
            Segmentation.som()
                .grid(4, 4)
                .segments(KSelection.range(2, 4).by(Criterion.CALINSKI_HARABASZ))
                .segments(2)
                .fit(data)
                .selection())
        .isEmpty();
  }
}
