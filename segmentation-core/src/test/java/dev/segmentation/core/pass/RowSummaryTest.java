package dev.segmentation.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowSummaryTest {

  @Test
  void columnMeansAverageEachColumnAndGiveZerosWithoutRows() {
    double[] x = {1, 10, 2, 20, 6, 60};
    assertThat(RowSummary.columnMeans(x, 3, 2)).containsExactly(3, 30);
    assertThat(RowSummary.columnMeans(new double[0], 0, 2)).containsExactly(0, 0);
  }

  @Test
  void meanVarianceIsTheMeanOfThePopulationVariances() {
    double[] x = {1, 10, 2, 20, 6, 60};
    // Variances 14/3 and 1400/3 about the means 3 and 30.
    assertThat(RowSummary.meanVariance(x, 3, 2))
        .isCloseTo((14.0 / 3 + 1400.0 / 3) / 2, org.assertj.core.data.Offset.offset(1e-12));
  }
}
