package dev.segmentation.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.MixedDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixedCsvTest {
  @TempDir Path dir;

  private Path write(String content) throws IOException {
    Path p = dir.resolve("m.csv");
    Files.write(p, content.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  private static final String FILE =
      """
      id,spend,region,channel
      a,10,north,web
      b,20,south,
      c,,north,store
      d,40,south,web
      """;

  @Test
  void readsCategoricalColumnsAsSortedLevelsAndEveryOtherColumnAsNumeric() throws IOException {
    MixedLoad load =
        CsvDatasets.reader()
            .idColumn("id")
            .categorical("region", "channel")
            .missingValues(MissingValuePolicy.KEEP)
            .loadMixed(write(FILE));
    MixedDataset m = load.dataset();
    assertThat(m.numericNames()).containsExactly("spend");
    assertThat(m.categoricalNames()).containsExactly("region", "channel");
    assertThat(m.levels(0)).containsExactly("north", "south");
    // the missing channel is a level of its own by default, sorted with the others
    assertThat(m.levels(1)).containsExactly(MissingCategoryPolicy.MISSING_LEVEL, "store", "web");
    assertThat(m.level(1, 1)).isEqualTo("(missing)");
    assertThat(m.numeric(2, 0)).isNaN();
    assertThat(m.code(3, 0)).isEqualTo(1);
    assertThat(m.rowIds().orElseThrow()).containsExactly("a", "b", "c", "d");
    assertThat(m.levelCounts(0)).containsExactly(2, 2);
  }

  @Test
  void missingCategoryPolicies() throws IOException {
    Path f = write(FILE);
    MixedLoad mode =
        CsvDatasets.reader()
            .idColumn("id")
            .categorical("region", "channel")
            .missingCategories(MissingCategoryPolicy.MODE)
            .missingValues(MissingValuePolicy.IMPUTE_MEDIAN)
            .loadMixed(f);
    assertThat(mode.dataset().level(1, 1)).isEqualTo("web");
    assertThat(mode.dataset().numeric(2, 0)).isEqualTo(20);
    assertThat(mode.imputedValues()).containsEntry("channel", 1).containsEntry("spend", 1);

    MixedLoad keep =
        CsvDatasets.reader()
            .idColumn("id")
            .categorical("region", "channel")
            .missingCategories(MissingCategoryPolicy.KEEP)
            .missingValues(MissingValuePolicy.DROP_ROW)
            .loadMixed(f);
    assertThat(keep.dataset().numRows()).isEqualTo(3);
    assertThat(keep.dataset().code(1, 1)).isEqualTo(MixedDataset.MISSING);
    assertThat(keep.droppedLines()).containsExactly(4L);

    MixedLoad drop =
        CsvDatasets.reader()
            .idColumn("id")
            .categorical("region", "channel")
            .missingCategories(MissingCategoryPolicy.DROP_ROW)
            .missingValues(MissingValuePolicy.KEEP)
            .loadMixed(f);
    assertThat(drop.droppedLines()).containsExactly(3L);

    assertThatThrownBy(
            () ->
                CsvDatasets.reader()
                    .idColumn("id")
                    .categorical("region", "channel")
                    .missingCategories(MissingCategoryPolicy.FAIL)
                    .missingValues(MissingValuePolicy.KEEP)
                    .loadMixed(f))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("'channel'")
        .hasMessageContaining("missing category");
  }

  @Test
  void aNumericDataSetRefusesCategoricalColumnsAndKeptGaps() throws IOException {
    Path f = write(FILE);
    assertThatThrownBy(() -> CsvDatasets.reader().categorical("region").load(f))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("loadMixed");
    assertThatThrownBy(() -> CsvDatasets.reader().missingValues(MissingValuePolicy.KEEP).load(f))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("loadMixed");
    assertThatThrownBy(
            () ->
                CsvDatasets.reader()
                    .idColumn("id")
                    .columns("spend", "region")
                    .categorical("region")
                    .loadMixed(f))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("not both");
  }

  @Test
  void oneLevelManyNumbersAndTooManyLevelsAreClearErrors() throws IOException {
    Path one = write("id,spend,plan\na,1,gold\nb,2,gold\nc,3,gold\n");
    assertThatThrownBy(() -> CsvDatasets.reader().idColumn("id").categorical("plan").loadMixed(one))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'plan'")
        .hasMessageContaining("one level ('gold')");

    StringBuilder numbers = new StringBuilder("spend,age\n");
    for (int i = 0; i < 40; i++) {
      numbers.append(i).append(',').append(20 + i).append('\n');
    }
    Path ages = write(numbers.toString());
    assertThatThrownBy(() -> CsvDatasets.reader().categorical("age").loadMixed(ages))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'age' is named categorical but holds 40 distinct numbers")
        .hasMessageContaining("read it as numeric");

    // a few numeric codes are levels, as store numbers are
    StringBuilder stores = new StringBuilder("spend,store\n");
    for (int i = 0; i < 40; i++) {
      stores.append(i).append(',').append(i % 3).append('\n');
    }
    assertThat(
            CsvDatasets.reader()
                .categorical("store")
                .loadMixed(write(stores.toString()))
                .dataset()
                .levels(0))
        .containsExactly("0", "1", "2");

    String[] many = new String[MixedDataset.MAX_LEVELS + 1];
    for (int i = 0; i < many.length; i++) {
      many[i] = "c" + i;
    }
    assertThatThrownBy(() -> MixedDataset.builder(many.length).categorical("sku", many).build())
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'sku' has more than 65536 levels");
  }
}
