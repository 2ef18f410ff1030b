package dev.segmentation.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  private static FitSummary summary(int iterations, double[] trace) {
    return new FitSummary(
        "k-means (LLOYD)", iterations, true, 2.5, 40, Duration.ofMillis(12), trace);
  }

  @Test
  void fitSummaryKeepsItsValuesAndCopiesTheTrace() {
    double[] trace = {3, 2.5};
    FitSummary s = summary(2, trace);
    trace[0] = 99;
    assertThat(s.algorithm()).isEqualTo("k-means (LLOYD)");
    assertThat(s.iterations()).isEqualTo(2);
    assertThat(s.converged()).isTrue();
    assertThat(s.objective()).isEqualTo(2.5);
    assertThat(s.distanceComputations()).isEqualTo(40);
    assertThat(s.elapsed()).isEqualTo(Duration.ofMillis(12));
    assertThat(s.objectiveTrace()).containsExactly(3, 2.5);
    s.objectiveTrace()[0] = 99;
    assertThat(s.objectiveTrace()).containsExactly(3, 2.5);
    assertThat(s.toString()).contains("2 iterations").contains("(converged)").contains("12 ms");
  }

  @Test
  void fitSummaryEquality() {
    FitSummary a = summary(2, new double[] {3, 2.5});
    assertThat(a).isEqualTo(summary(2, new double[] {3, 2.5}));
    assertThat(a.hashCode()).isEqualTo(summary(2, new double[] {3, 2.5}).hashCode());
    assertThat(a).isNotEqualTo(summary(3, new double[] {3, 2.5}));
    assertThat(a).isNotEqualTo(summary(2, new double[] {3}));
    assertThat(a).isNotEqualTo("not a summary");
    FitSummary notConverged = new FitSummary("x", 1, false, 1, 1, Duration.ZERO, new double[0]);
    assertThat(notConverged.toString()).doesNotContain("converged");
  }

  @Test
  void exceptionsCarryTheirMessageOptionAndCause() {
    InvalidOptionException e = new InvalidOptionException("k", 0, "must be >= 1");
    assertThat(e.option()).isEqualTo("k");
    assertThat(e)
        .hasMessage("option k must be >= 1 (was 0)")
        .isInstanceOf(SegmentationException.class);
    IOException io = new IOException("disk");
    assertThat(new InvalidDataException("cannot read x", io)).hasCause(io);
    assertThat(new SegmentationException("boom", io)).hasCause(io).hasMessage("boom");
    assertThat(new FitCancelledException("stopped")).hasMessage("stopped");
    assertThat(new DimensionMismatchException("width")).isInstanceOf(SegmentationException.class);
  }

  @Test
  void progressAndTheSilentListener() {
    Progress p = new Progress("k-means restart 1/1", 3, 300, 1.5);
    assertThat(p.stage()).isEqualTo("k-means restart 1/1");
    assertThat(p.step()).isEqualTo(3);
    assertThat(p.maxSteps()).isEqualTo(300);
    assertThat(p.objective()).isEqualTo(1.5);
    assertThat(ProgressListener.NONE.onProgress(p)).isTrue();
  }

  @Test
  void datasetAccessorsAndToString() {
    Dataset ds = Dataset.of(new double[][] {{1, 2}, {3, 4}}, "a", "b");
    assertThat(ds.rowIds()).isEmpty();
    assertThat(ds.weights()).isEmpty();
    assertThat(ds.toMatrix().get(1, 0)).isEqualTo(3);
    assertThat(ds.toString()).isEqualTo("Dataset[2 x 2 [a, b]]");
    Dataset full = ds.withRowIds(List.of("x", "y")).withWeights(new double[] {1, 1});
    assertThat(full.toString()).contains("ids").contains("weights");
    assertThat(full.hasRowIds()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ds.get(2, 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ds.row(-1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ds.withRowIds(java.util.Arrays.asList("x", null)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 1");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Dataset.of(new org.ejml.data.DMatrixRMaj(1, 2), List.of("a")))
        .isInstanceOf(DimensionMismatchException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dataset.of(new double[0][]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("at least one column");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ds.withWeights(new double[] {1, Double.POSITIVE_INFINITY}))
        .isInstanceOf(InvalidDataException.class);
  }

  @Test
  void assignAllNamesTheRowOfABadValue() {
    SegmentModel model =
        new SegmentModel() {
          @Override
          public int numSegments() {
            return 1;
          }

          @Override
          public List<String> columnNames() {
            return List.of("a");
          }

          @Override
          public int assign(double[] row) {
            if (row[0] > 5) {
              throw new InvalidDataException("value " + row[0] + " too large");
            }
            return 0;
          }
        };
    Dataset ds = Dataset.of(new double[][] {{1}, {9}}, "a");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.assignAll(ds))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 1")
        .hasMessageContaining("9.0");
  }

  @Test
  void selectionTableFindsRowsFormatsAndRefusesAnIneligibleChoice() {
    List<SelectionTable.Row> rows =
        List.of(
            new SelectionTable.Row(2, 0.61, Double.NaN, 120.5, 0.4, true, ""),
            new SelectionTable.Row(3, 0.72, 0.05, 80.25, 0.02, false, "rejected: too small"),
            new SelectionTable.Row(4, 0.55, Double.NaN, 60, 0.2, true, ""));
    SelectionTable t = new SelectionTable("SILHOUETTE", "highest silhouette", rows, 2);
    assertThat(t.chosenK()).isEqualTo(2);
    assertThat(t.criterion()).isEqualTo("SILHOUETTE");
    assertThat(t.rule()).isEqualTo("highest silhouette");
    assertThat(t.row(3).note()).isEqualTo("rejected: too small");
    assertThat(t.rows()).hasSize(3);
    String text = t.toText();
    assertThat(text.lines().toList())
        .hasSize(5)
        .first()
        .isEqualTo("k selection by SILHOUETTE (highest silhouette)");
    assertThat(text.lines().toList().get(2)).startsWith("*    2").endsWith("chosen");
    assertThat(text.lines().toList().get(3)).contains("0.05").endsWith("rejected: too small");
    assertThat(t.toString()).isEqualTo("SelectionTable[SILHOUETTE, k 2..4, chose 2]");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.row(7))
        .hasMessageContaining("no row for k = 7");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new SelectionTable("SILHOUETTE", "rule", rows, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k = 3 is not an eligible row");
    SegmentationResult<SegmentModel> r =
        new SegmentationResult<>(new int[] {0, 1}, twoSegments(), summary(1, new double[0]), t);
    assertThat(r.selection()).contains(t);
    assertThat(
            new SegmentationResult<>(new int[] {0}, twoSegments(), summary(1, new double[0]))
                .selection())
        .isEmpty();
  }

  private static SegmentModel twoSegments() {
    return new SegmentModel() {
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
        return 0;
      }
    };
  }
}
