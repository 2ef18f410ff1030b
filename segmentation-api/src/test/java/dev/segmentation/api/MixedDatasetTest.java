package dev.segmentation.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MixedDatasetTest {

  private static MixedDataset sample() {
    return MixedDataset.builder(4)
        .numeric("spend", new double[] {10, Double.NaN, 30, 40})
        .categorical("channel", new String[] {"web", "app", null, "web"})
        .rowIds(List.of("a", "b", "c", "d"))
        .weights(new double[] {1, 2, 1, 1})
        .build();
  }

  @Test
  void levelsAreSortedAndInternedAndEveryAccessorCopies() {
    MixedDataset m = sample();
    assertThat(m.numRows()).isEqualTo(4);
    assertThat(m.numNumeric()).isEqualTo(1);
    assertThat(m.numCategorical()).isEqualTo(1);
    assertThat(m.columnNames()).containsExactly("spend", "channel");
    assertThat(m.levels(0)).containsExactly("app", "web");
    assertThat(m.code(0, 0)).isEqualTo(1);
    assertThat(m.code(2, 0)).isEqualTo(MixedDataset.MISSING);
    assertThat(m.level(1, 0)).isEqualTo("app");
    assertThat(m.level(2, 0)).isNull();
    assertThat(m.numeric(1, 0)).isNaN();
    assertThat(m.hasMissing()).isTrue();
    assertThat(m.levelCounts(0)).containsExactly(1, 2);
    int[] codes = m.codes();
    codes[0] = 7;
    assertThat(m.code(0, 0)).isEqualTo(1);
    double[] values = m.numericValues();
    values[0] = 99;
    assertThat(m.numeric(0, 0)).isEqualTo(10);
    assertThat(m.weights().orElseThrow()).containsExactly(1, 2, 1, 1);
    assertThat(m.rowIds().orElseThrow()).containsExactly("a", "b", "c", "d");
    assertThat(m.toString()).contains("4 rows", "[spend]", "[channel]", "ids", "weights");
  }

  @Test
  void rowsKeepTheLevelsAndCarryIdsAndWeights() {
    MixedDataset m = sample().rows(new int[] {3, 0, 3});
    assertThat(m.numRows()).isEqualTo(3);
    assertThat(m.levels(0)).containsExactly("app", "web");
    assertThat(m.level(0, 0)).isEqualTo("web");
    assertThat(m.rowIds().orElseThrow()).containsExactly("d", "a", "d");
    assertThat(m.numeric(1, 0)).isEqualTo(10);
    assertThatThrownBy(() -> sample().rows(new int[] {4}))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("indices[0] = 4");
    assertThatThrownBy(() -> sample().code(0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void theNumericPartIsADatasetOnlyWhenComplete() {
    assertThatThrownBy(() -> sample().numericPart())
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("not finite");
    MixedDataset complete =
        MixedDataset.builder(
                Dataset.of(new double[][] {{1, 2}, {3, 4}}, "x", "y").withRowIds(List.of("p", "q")))
            .categorical("c", new String[] {"u", "v"})
            .build();
    Dataset numeric = complete.numericPart();
    assertThat(numeric.columnNames()).containsExactly("x", "y");
    assertThat(numeric.rowIds().orElseThrow()).containsExactly("p", "q");
    assertThat(complete.hasMissing()).isFalse();
    MixedDataset onlyCategories =
        MixedDataset.builder(2).categorical("c", new String[] {"u", "v"}).build();
    assertThatThrownBy(onlyCategories::numericPart)
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("no numeric column");
  }

  @Test
  void badColumnsIdsAndWeightsAreNamed() {
    assertThatThrownBy(() -> MixedDataset.builder(-1)).isInstanceOf(InvalidDataException.class);
    assertThatThrownBy(() -> MixedDataset.builder(2).build())
        .hasMessageContaining("at least one column");
    assertThatThrownBy(
            () ->
                MixedDataset.builder(2)
                    .numeric("a", new double[] {1, 2})
                    .categorical("a", new String[2]))
        .hasMessageContaining("'a' is given twice");
    assertThatThrownBy(() -> MixedDataset.builder(2).numeric(" ", new double[] {1, 2}))
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> MixedDataset.builder(2).numeric("a", new double[] {1}))
        .isInstanceOf(DimensionMismatchException.class)
        .hasMessageContaining("1 values for 2 rows");
    assertThatThrownBy(
            () -> MixedDataset.builder(2).numeric("a", new double[] {1, Double.POSITIVE_INFINITY}))
        .hasMessageContaining("row 1, column 'a'");
    assertThatThrownBy(() -> MixedDataset.builder(2).rowIds(List.of("x")))
        .isInstanceOf(DimensionMismatchException.class);
    assertThatThrownBy(() -> MixedDataset.builder(2).rowIds(java.util.Arrays.asList("x", null)))
        .hasMessageContaining("row 1 has a null id");
    assertThatThrownBy(() -> MixedDataset.builder(2).weights(new double[] {1}))
        .isInstanceOf(DimensionMismatchException.class);
    assertThatThrownBy(() -> MixedDataset.builder(2).weights(new double[] {1, 0}))
        .hasMessageContaining("row 1: weight 0.0");
  }
}
