package dev.segmentation.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.kmeans.KMeans;
import dev.segmentation.kmeans.KMeansInit;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.kmeans.KMeansVariant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Known answers on tiny hand-checked data, bad input, and larger determinism checks. */
class WholesaleKMeansTest {
  @Test
  void modelAssignsRawValuesThroughItsScaling() {
    Dataset data =
        SampleDatasets.wholesaleCustomers().select(SampleDatasets.wholesaleSpendColumns());
    SegmentationResult<KMeansModel> r =
        Segmentation.kmeans()
            .k(5)
            .restarts(3)
            .preprocess(Scaling.log1p().then(Scaling.standard()))
            .fit(data);
    for (int i = 0; i < data.numRows(); i++) {
      assertThat(r.model().assign(data.row(i))).isEqualTo(r.label(i));
    }
    // Centroids come back in original units: spend in the range of the data, not z-scores.
    double[][] c = r.model().centroids();
    assertThat(c).hasNumberOfRows(5);
    double maxFresh = Arrays.stream(c).mapToDouble(row -> row[0]).max().orElseThrow();
    assertThat(maxFresh).isGreaterThan(1000);
  }

  @Test
  void allVariantsAgreeOnRealData() {
    Dataset data =
        SampleDatasets.wholesaleCustomers().select(SampleDatasets.wholesaleSpendColumns());
    for (int k : new int[] {3, 8, 20}) {
      KMeans lloyd =
          Segmentation.kmeans()
              .k(k)
              .seed(k)
              .tolerance(0)
              .variant(KMeansVariant.LLOYD)
              .preprocess(Scaling.standard());
      SegmentationResult<KMeansModel> expected = lloyd.fit(data);
      for (KMeansVariant v : KMeansVariant.values()) {
        SegmentationResult<KMeansModel> got =
            Segmentation.kmeans()
                .k(k)
                .seed(k)
                .tolerance(0)
                .variant(v)
                .preprocess(Scaling.standard())
                .fit(data);
        assertThat(got.labels()).as(v + " k=" + k).isEqualTo(expected.labels());
        if (v != KMeansVariant.LLOYD && v != KMeansVariant.AUTO) {
          assertThat(got.summary().distanceComputations())
              .as(v + " prunes")
              .isLessThan(expected.summary().distanceComputations());
        }
      }
    }
  }

  @Test
  void restartsKeepTheLowestObjective() {
    Dataset data =
        SampleDatasets.wholesaleCustomers().select(SampleDatasets.wholesaleSpendColumns());
    double best = Double.POSITIVE_INFINITY;
    double single =
        Segmentation.kmeans()
            .k(6)
            .seed(9)
            .restarts(1)
            .init(KMeansInit.RANDOM)
            .preprocess(Scaling.standard())
            .fit(data)
            .summary()
            .objective();
    double many =
        Segmentation.kmeans()
            .k(6)
            .seed(9)
            .restarts(6)
            .init(KMeansInit.RANDOM)
            .preprocess(Scaling.standard())
            .fit(data)
            .summary()
            .objective();
    best = Math.min(best, many);
    assertThat(many).isLessThanOrEqualTo(single);
    assertThat(best).isEqualTo(many);
  }

  @Test
  void progressListenerSeesIterationsAndCanCancel() {
    Dataset data =
        SampleDatasets.wholesaleCustomers().select(SampleDatasets.wholesaleSpendColumns());
    AtomicInteger calls = new AtomicInteger();
    Segmentation.kmeans()
        .k(4)
        .tolerance(0)
        .progress(
            p -> {
              calls.incrementAndGet();
              assertThat(p.stage()).startsWith("k-means restart 1/1");
              return true;
            })
        .fit(data);
    assertThat(calls.get()).isPositive();
    // Step 0 ends the seeding; a listener may stop the fit there or after any iteration.
    assertThatThrownBy(() -> Segmentation.kmeans().k(4).progress(p -> false).fit(data))
        .isInstanceOf(FitCancelledException.class)
        .hasMessageContaining("cancelled after seeding");
    assertThatThrownBy(() -> Segmentation.kmeans().k(4).progress(p -> p.step() < 1).fit(data))
        .isInstanceOf(FitCancelledException.class)
        .hasMessageContaining("iteration 1");
  }

  @Test
  void maxIterationsStopsWithoutConvergence() {
    Dataset data =
        SampleDatasets.wholesaleCustomers().select(SampleDatasets.wholesaleSpendColumns());
    SegmentationResult<KMeansModel> r =
        Segmentation.kmeans().k(8).tolerance(0).maxIterations(1).init(KMeansInit.RANDOM).fit(data);
    assertThat(r.summary().iterations()).isEqualTo(1);
    assertThat(r.summary().converged()).isFalse();
    // Labels still match the final centroids.
    for (int i = 0; i < data.numRows(); i++) {
      assertThat(r.model().assign(data.row(i))).isEqualTo(r.label(i));
    }
    assertThat(r.summary().objective())
        .isCloseTo(sse(data, r), within(1e-6 * r.summary().objective()));
  }

  private static double sse(Dataset data, SegmentationResult<KMeansModel> r) {
    double[][] c = r.model().centroids();
    double s = 0;
    for (int i = 0; i < data.numRows(); i++) {
      double[] row = data.row(i);
      for (int j = 0; j < row.length; j++) {
        double t = row[j] - c[r.label(i)][j];
        s += t * t;
      }
    }
    return s;
  }
}
