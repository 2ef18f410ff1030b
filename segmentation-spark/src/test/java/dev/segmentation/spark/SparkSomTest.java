package dev.segmentation.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.segmentation.Segmentation;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.som.Som;
import dev.segmentation.som.SomInit;
import dev.segmentation.som.SomModel;
import dev.segmentation.som.SomTraining;
import dev.segmentation.som.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SparkSomTest {

  private static Som map(SomInit init) {
    return Segmentation.som()
        .grid(5, 4)
        .topology(Topology.HEXAGONAL)
        .epochs(6)
        .init(init)
        .seed(3)
        .segments(3)
        .traceTopographicError(true)
        .preprocess(Scaling.standard());
  }

  @ParameterizedTest
  @EnumSource(SomInit.class)
  void trainsTheLocalMapWhenTheSampleIsEveryRow(SomInit init) {
    double[][] rows = SparkTesting.blobs(2500, 3, 4, 6, 21);
    double[] w = new double[rows.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = 1 + (i % 3);
    }
    SegmentationResult<SomModel> local = map(init).fit(SparkTesting.local(rows, w));
    SparkFit<SomModel> spark =
        SparkSegmentation.som(map(init))
            .columns("x0", "x1", "x2")
            .weightColumn("w")
            .sampleSize(rows.length)
            .fit(SparkTesting.frame(rows, w, 4));
    SomModel a = spark.model();
    SomModel b = local.model();
    double[][] ca = a.codebook();
    double[][] cb = b.codebook();
    for (int u = 0; u < cb.length; u++) {
      for (int j = 0; j < cb[u].length; j++) {
        assertThat(ca[u][j]).isCloseTo(cb[u][j], within(1e-9 * (1 + Math.abs(cb[u][j]))));
      }
    }
    assertThat(a.hitCounts()).containsExactly(b.hitCounts());
    assertThat(a.unitSegments()).containsExactly(b.unitSegments());
    assertThat(a.topographicErrors()).containsExactly(b.topographicErrors(), within(1e-12));
    assertThat(a.quantizationErrors()).containsExactly(b.quantizationErrors(), within(1e-9));
    assertThat(spark.summary().objectiveTrace())
        .containsExactly(local.summary().objectiveTrace(), within(1e-9));
    long[] sizes = new long[3];
    for (int l : local.labels()) {
      sizes[l]++;
    }
    assertThat(spark.segmentSizes()).containsExactly(sizes);
    assertThat(spark.rows()).isEqualTo(rows.length);
  }

  @Test
  void refusesWhatOnlyALocalMapCanDo() {
    var frame = SparkTesting.frame(SparkTesting.blobs(100, 2, 2, 1, 1), null, 2);
    assertThatThrownBy(
            () -> SparkSegmentation.som(Segmentation.som().training(SomTraining.ONLINE)).fit(frame))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("BATCH");
    assertThatThrownBy(
            () ->
                SparkSegmentation.som(Segmentation.som().segments(KSelection.range(2, 4)))
                    .fit(frame))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("choose the number of segments");
  }
}
