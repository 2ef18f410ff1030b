package dev.segmentation.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DatasetTest {
  @Test
  void copiesInAndOut() {
    double[][] rows = {{1, 2}, {3, 4}};
    Dataset ds = Dataset.of(rows, "a", "b");
    rows[0][0] = 99;
    assertThat(ds.get(0, 0)).isEqualTo(1);
    ds.row(0)[0] = 99;
    ds.toRowMajor()[0] = 99;
    ds.toMatrix().set(0, 0, 99);
    assertThat(ds.get(0, 0)).isEqualTo(1);
    DMatrixRMaj m = new DMatrixRMaj(new double[][] {{5, 6}});
    Dataset fromMatrix = Dataset.of(m, List.of("a", "b"));
    m.set(0, 0, 0);
    assertThat(fromMatrix.get(0, 0)).isEqualTo(5);
    double[] w = {1, 2};
    Dataset weighted = ds.withWeights(w);
    w[0] = 7;
    assertThat(weighted.weights().orElseThrow()).containsExactly(1, 2);
    weighted.weights().orElseThrow()[0] = 7;
    assertThat(weighted.weights().orElseThrow()).containsExactly(1, 2);
    assertThat(ds.hasWeights()).isFalse();
  }

  @Test
  void rejectsNonFiniteValuesNamingRowAndColumn() {
    assertThatThrownBy(() -> Dataset.of(new double[][] {{1, 2}, {3, Double.NaN}}, "a", "b"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 1")
        .hasMessageContaining("'b'")
        .hasMessageContaining("NaN");
  }

  @Test
  void rejectsRaggedRowsBadNamesAndBadWeights() {
    assertThatThrownBy(() -> Dataset.of(new double[][] {{1, 2}, {3}}, "a", "b"))
        .isInstanceOf(DimensionMismatchException.class)
        .hasMessageContaining("row 1");
    assertThatThrownBy(() -> Dataset.of(new double[][] {{1, 2}}, "a", "a"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> Dataset.of(new double[][] {{1}}, " "))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("blank");
    Dataset ds = Dataset.of(new double[][] {{1}, {2}}, "a");
    assertThatThrownBy(() -> ds.withWeights(new double[] {1, -1}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 1");
    assertThatThrownBy(() -> ds.withWeights(new double[] {1}))
        .isInstanceOf(DimensionMismatchException.class);
    assertThatThrownBy(() -> ds.withRowIds(List.of("x")))
        .isInstanceOf(DimensionMismatchException.class);
    assertThatThrownBy(() -> Dataset.ofRowMajor(new double[3], 2, List.of("a", "b")))
        .isInstanceOf(DimensionMismatchException.class);
  }

  @Test
  void selectKeepsIdsAndWeights() {
    Dataset ds =
        Dataset.of(new double[][] {{1, 2, 3}, {4, 5, 6}}, "a", "b", "c")
            .withRowIds(List.of("x", "y"))
            .withWeights(new double[] {1, 2});
    Dataset s = ds.select("c", "a");
    assertThat(s.columnNames()).containsExactly("c", "a");
    assertThat(s.row(1)).containsExactly(6, 4);
    assertThat(s.rowIds()).contains(List.of("x", "y"));
    assertThat(s.weights().orElseThrow()).containsExactly(1, 2);
    assertThat(s.columnIndex("a")).isEqualTo(1);
    assertThat(s.columnIndex("b")).isEqualTo(-1);
    assertThatThrownBy(() -> ds.select("zz"))
        .isInstanceOf(DimensionMismatchException.class)
        .hasMessageContaining("zz");
  }

  @Test
  void resultCountsSegmentsAndNoise() {
    SegmentModel model =
        new SegmentModel() {
          @Override
          public int numSegments() {
            return 2;
          }

          @Override
          public List<String> columnNames() {
            return List.of("a");
          }

          @Override
          public int assign(double[] row) {
            return row[0] > 0 ? 1 : 0;
          }
        };
    FitSummary summary = new FitSummary("t", 1, true, 0, 0, Duration.ZERO, new double[0]);
    SegmentationResult<SegmentModel> r =
        new SegmentationResult<>(new int[] {0, 1, 1, -1}, model, summary);
    assertThat(r.segmentSizes()).containsExactly(1, 2);
    assertThat(r.noiseCount()).isEqualTo(1);
    assertThatThrownBy(() -> new SegmentationResult<>(new int[] {2}, model, summary))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label 2");
    Dataset ds = Dataset.of(new double[][] {{-1}, {3}}, "a");
    assertThat(model.assignAll(ds)).containsExactly(0, 1);
  }

  @Test
  void rowsTakesRowsInOrderWithRepeatsIdsAndWeights() {
    Dataset ds =
        Dataset.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}, "a", "b")
            .withRowIds(List.of("x", "y", "z"))
            .withWeights(new double[] {1, 2, 3});
    Dataset picked = ds.rows(new int[] {2, 0, 2});
    assertThat(picked.numRows()).isEqualTo(3);
    assertThat(picked.toRowMajor()).containsExactly(5, 6, 1, 2, 5, 6);
    assertThat(picked.rowIds().orElseThrow()).containsExactly("z", "x", "z");
    assertThat(picked.weights().orElseThrow()).containsExactly(3, 1, 3);
    assertThat(picked.columnNames()).containsExactly("a", "b");
    assertThat(Dataset.of(new double[][] {{1}}, "a").rows(new int[0]).numRows()).isZero();
    assertThatThrownBy(() -> ds.rows(new int[] {0, 3}))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("indices[1] = 3");
  }
}
