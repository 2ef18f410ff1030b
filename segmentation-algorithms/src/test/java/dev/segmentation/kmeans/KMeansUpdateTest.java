package dev.segmentation.kmeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.io.ModelFiles;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class KMeansUpdateTest {

  static Dataset blobs(int n, int d, double shift, SplittableRandom rng) {
    double[][] rows = new double[n][d];
    for (double[] r : rows) {
      int c = rng.nextInt(4);
      for (int j = 0; j < d; j++) {
        r[j] = 6 * ((c >> (j % 2)) & 1) + shift + rng.nextGaussian();
      }
    }
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "x" + j;
    }
    return Dataset.of(rows, names);
  }

  @Property(tries = 40)
  void anEmptyBatchChangesNothingAndTheTrainingDataGivesTheFitBack(
      @ForAll long seed,
      @ForAll @IntRange(min = 20, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll @DoubleRange(min = 0, max = 1) double forgetting) {
    Dataset data = blobs(n, d, 0, new SplittableRandom(seed));
    SegmentationResult<KMeansModel> fit =
        Segmentation.kmeans().k(k).seed(seed).tolerance(0).preprocess(Scaling.standard()).fit(data);
    KMeansModel model = fit.model();
    if (!fit.summary().converged()) {
      return;
    }
    KMeansUpdate empty = model.update(data.rows(new int[0]), forgetting);
    assertThat(empty.model()).isSameAs(model);
    assertThat(empty.transitions()).isDeepEqualTo(new long[k][k]);

    KMeansUpdate again = model.update(data, forgetting);
    assertThat(again.labels()).isEqualTo(fit.labels());
    assertThat(again.previousLabels()).isEqualTo(fit.labels());
    assertThat(again.moved()).isZero();
    double[][] before = model.scaledCentroids();
    double[][] after = again.model().scaledCentroids();
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        assertThat(after[c][j]).isCloseTo(before[c][j], Offset.offset(1e-9));
      }
    }
    double[] w = model.segmentWeights().orElseThrow();
    double[] w2 = again.model().segmentWeights().orElseThrow();
    for (int c = 0; c < k; c++) {
      assertThat(w2[c]).isCloseTo((1 + forgetting) * w[c], Offset.offset(1e-9));
    }
  }

  @Test
  void centroidsFollowTheNewDataAndKeepTheirIdentity() {
    SplittableRandom rng = new SplittableRandom(3);
    Dataset january = blobs(2000, 2, 0, rng);
    KMeansModel model = Segmentation.kmeans().k(4).seed(1).fit(january).model();
    Dataset february = blobs(2000, 2, 1.0, rng);
    KMeansUpdate all = model.update(february, 1);
    KMeansUpdate none = model.update(february, 0);
    double[][] old = model.centroids();
    double[][] kept = all.model().centroids();
    double[][] forgot = none.model().centroids();
    for (int c = 0; c < 4; c++) {
      // each segment moves towards the shifted data; less when the past is kept
      double movedAll = Math.hypot(kept[c][0] - old[c][0], kept[c][1] - old[c][1]);
      double movedNone = Math.hypot(forgot[c][0] - old[c][0], forgot[c][1] - old[c][1]);
      assertThat(movedNone).isBetween(1.2, 1.6);
      assertThat(movedAll).isBetween(0.5, 0.9);
      // and stays the nearest of the new centroids to where it was: identity kept
      int nearest = 0;
      for (int t = 1; t < 4; t++) {
        if (Math.hypot(forgot[t][0] - old[c][0], forgot[t][1] - old[c][1])
            < Math.hypot(forgot[nearest][0] - old[c][0], forgot[nearest][1] - old[c][1])) {
          nearest = t;
        }
      }
      assertThat(nearest).isEqualTo(c);
    }
    long total = 0;
    for (long[] row : none.transitions()) {
      for (long v : row) {
        total += v;
      }
    }
    assertThat(total).isEqualTo(2000);
    assertThat(none.model().assignAll(february)).isEqualTo(none.labels());
  }

  @Test
  void segmentWeightsSurviveModelFilesAndAreRequiredToUpdate() {
    Dataset data = blobs(200, 2, 0, new SplittableRandom(5));
    KMeansModel model = Segmentation.kmeans().k(3).fit(data).model();
    KMeansModel loaded = (KMeansModel) ModelFiles.fromJson(ModelFiles.toJson(model), "m.json");
    assertThat(loaded.segmentWeights().orElseThrow())
        .containsExactly(model.segmentWeights().orElseThrow());
    assertThat(loaded.segmentWeights().orElseThrow()).hasSize(3);
    KMeansModel bare =
        KMeansModel.restore(model.columnNames(), model.scaling(), model.scaledCentroids());
    assertThatThrownBy(() -> bare.update(data, 0.5))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("segment weights");
    assertThatThrownBy(() -> model.update(data, 1.5))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("[0, 1]");
    assertThat(Segmentation.miniBatchKMeans().k(3).fit(data).model().segmentWeights().orElseThrow())
        .hasSize(3);
  }
}
