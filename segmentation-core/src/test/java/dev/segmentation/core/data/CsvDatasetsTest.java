package dev.segmentation.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetsTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  @Test
  void readsNamedColumnsInTheGivenOrder() throws IOException {
    Path f = write("c.csv", "id,recency,frequency,monetary\nA,10,2,100.5\nB,3,7,20\n");
    Dataset ds = CsvDatasets.read(f, "monetary", "recency");
    assertThat(ds.columnNames()).containsExactly("monetary", "recency");
    assertThat(ds.row(0)).containsExactly(100.5, 10);
    assertThat(ds.row(1)).containsExactly(20, 3);
    assertThat(ds.hasRowIds()).isFalse();
  }

  @Test
  void idColumnDelimiterQuotesAndBom() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String body = "customer_id;\"spend\";visits\n\"C;1\";\"1,5e2\";3\n\"C \"\"2\"\"\";7;4\n";
    Path f = dir.resolve("bom.csv");
    byte[] text = body.replace("1,5e2", "1.5e2").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(text, 0, all, bom.length, text.length);
    Files.write(f, all);
    CsvLoad load = CsvDatasets.reader().delimiter(';').idColumn("customer_id").load(f);
    Dataset ds = load.dataset();
    // Without the BOM being skipped, the first header name would not be "customer_id".
    assertThat(ds.columnNames()).containsExactly("spend", "visits");
    assertThat(ds.rowIds()).contains(List.of("C;1", "C \"2\""));
    assertThat(ds.row(0)).containsExactly(150, 3);
    assertThat(load.recordsRead()).isEqualTo(2);
    assertThat(load.droppedRows()).isZero();
  }

  @Test
  void weightColumnBecomesRowWeights() throws IOException {
    Path f = write("w.csv", "x,w\n1,2\n3,0.5\n");
    Dataset ds = CsvDatasets.reader().weightColumn("w").load(f).dataset();
    assertThat(ds.columnNames()).containsExactly("x");
    assertThat(ds.weights()).hasValueSatisfying(w -> assertThat(w).containsExactly(2, 0.5));
    Path bad = write("wb.csv", "x,w\n1,2\n3,0\n");
    assertThatThrownBy(() -> CsvDatasets.reader().weightColumn("w").load(bad))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("'w'")
        .hasMessageContaining("'0'");
  }

  @Test
  void malformedLineNamesFileAndLine() throws IOException {
    Path f = write("m.csv", "a,b\n1,2\n3\n");
    assertThatThrownBy(() -> CsvDatasets.read(f, "a", "b"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("m.csv")
        .hasMessageContaining("line 3")
        .hasMessageContaining("1 fields but the header has 2");
  }

  @Test
  void unterminatedQuoteIsAnError() throws IOException {
    Path f = write("q.csv", "a,b\n1,2\n\"3,4\n5,6\n");
    assertThatThrownBy(() -> CsvDatasets.read(f, "a", "b"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("q.csv");
  }

  @Test
  void nonNumericValueNamesLineColumnAndValue() throws IOException {
    Path f = write("n.csv", "a,b\n1,2\n3,abc\n");
    assertThatThrownBy(() -> CsvDatasets.read(f, "a", "b"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("n.csv, line 3, column 'b': value 'abc' is not a number");
    Path javaish = write("j.csv", "a\n1d\n");
    assertThatThrownBy(() -> CsvDatasets.read(javaish, "a"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'1d'");
  }

  @Test
  void missingValueIsAnErrorByDefault() throws IOException {
    Path f = write("g.csv", "a,b\n1,2\n3,\n");
    assertThatThrownBy(() -> CsvDatasets.read(f, "a", "b"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("g.csv, line 3, column 'b': missing value")
        .hasMessageContaining("missing-value policy");
  }

  @Test
  void nanAndInfinityAreErrorsByDefault() throws IOException {
    Path nan = write("nan.csv", "a\n1\nNaN\n");
    assertThatThrownBy(() -> CsvDatasets.read(nan, "a"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("'NaN' is not a finite number");
    Path inf = write("inf.csv", "a\n-Infinity\n");
    assertThatThrownBy(() -> CsvDatasets.read(inf, "a"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("'-Infinity'");
    Path big = write("big.csv", "a\n1e999\n");
    assertThatThrownBy(() -> CsvDatasets.read(big, "a"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'1e999'");
  }

  @Test
  void dropRowPolicyCountsWhatItDrops() throws IOException {
    Path f = write("d.csv", "a,b\n1,2\n3,NA\n5,6\n,8\n");
    CsvLoad load = CsvDatasets.reader().missingValues(MissingValuePolicy.DROP_ROW).load(f);
    assertThat(load.dataset().numRows()).isEqualTo(2);
    assertThat(load.droppedLines()).containsExactly(3L, 5L);
    assertThat(load.droppedRows()).isEqualTo(2);
    assertThat(load.recordsRead()).isEqualTo(4);
  }

  @Test
  void imputeMeanAndMedian() throws IOException {
    Path f = write("i.csv", "a,b\n1,2\n3,\n5,10\n,0\n");
    CsvLoad mean = CsvDatasets.reader().missingValues(MissingValuePolicy.IMPUTE_MEAN).load(f);
    assertThat(mean.dataset().get(1, 1)).isEqualTo(4.0);
    assertThat(mean.dataset().get(3, 0)).isEqualTo(3.0);
    assertThat(mean.imputedValues()).isEqualTo(Map.of("a", 1, "b", 1));
    CsvLoad median = CsvDatasets.reader().missingValues(MissingValuePolicy.IMPUTE_MEDIAN).load(f);
    assertThat(median.dataset().get(1, 1)).isEqualTo(2.0);
    Path none = write("none.csv", "a,b\n1,\n2,\n");
    assertThatThrownBy(
            () -> CsvDatasets.reader().missingValues(MissingValuePolicy.IMPUTE_MEAN).load(none))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'b' has no values");
  }

  @Test
  void nonNumericIsAnErrorUnderEveryPolicy() throws IOException {
    Path f = write("x.csv", "a\n1\nabc\n");
    for (MissingValuePolicy p : MissingValuePolicy.values()) {
      // a numeric data set cannot keep gaps, so KEEP is tried where it applies
      assertThatThrownBy(
              () -> {
                CsvDatasets reader = CsvDatasets.reader().missingValues(p);
                Object unused = p == MissingValuePolicy.KEEP ? reader.loadMixed(f) : reader.load(f);
              })
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining("'abc'");
    }
  }

  @Test
  void unknownColumnListsTheHeader() throws IOException {
    Path f = write("u.csv", "a,b\n1,2\n");
    assertThatThrownBy(() -> CsvDatasets.read(f, "a", "spend"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("spend")
        .hasMessageContaining("[a, b]");
  }

  @Test
  void missingIdAndMissingFileAndEmptyFile() throws IOException {
    Path f = write("id.csv", "id,a\nX,1\n,2\n");
    assertThatThrownBy(() -> CsvDatasets.reader().idColumn("id").load(f))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("missing id");
    assertThatThrownBy(() -> CsvDatasets.read(dir.resolve("nope.csv")))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("does not exist");
    Path empty = write("e.csv", "");
    assertThatThrownBy(() -> CsvDatasets.read(empty))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("empty");
  }

  /** Issue 19, item 11: a null column name is a named option error, not a bare NPE. */
  @Test
  void aNullOrBlankColumnNameIsNamed() {
    assertThatThrownBy(() -> CsvDatasets.reader().columns("a", null))
        .isInstanceOf(dev.segmentation.api.InvalidOptionException.class)
        .hasMessageContaining("name 2 is null");
    assertThatThrownBy(() -> CsvDatasets.reader().columns(" "))
        .isInstanceOf(dev.segmentation.api.InvalidOptionException.class)
        .hasMessageContaining("name 1 is blank");
  }
}
