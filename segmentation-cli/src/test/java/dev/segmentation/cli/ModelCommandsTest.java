package dev.segmentation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --save} on every fit, {@code segment assign}, and CSV output that is safe to open. */
class ModelCommandsTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path data;

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return SegmentCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
  }

  @BeforeEach
  void writeData() throws IOException {
    StringBuilder sb = new StringBuilder("id,a,b\n");
    for (int i = 0; i < 40; i++) {
      String id = i == 0 ? "\"=HYPERLINK(\"\"http://x\"\")\"" : i == 1 ? "@sum" : "c" + i;
      sb.append(
          String.format(
              Locale.ROOT, "%s,%.2f,%.2f%n", id, (i % 2) * 20 + (i % 5) * 0.1, (i % 3) * 0.2));
    }
    sb.append("far,500,500\n");
    data = dir.resolve("data.csv");
    Files.writeString(data, sb.toString(), StandardCharsets.UTF_8);
  }

  @Test
  void everyFitSavesAModelThatAssignsTheSameSegments() throws IOException {
    String[][] fits = {
      {"kmeans", "--k", "2"},
      {"dbscan", "--eps", "0.5", "--min-points", "3"},
      {"hdbscan", "--min-cluster-size", "3"},
      {"hierarchical", "--k", "2"},
      {"som", "--grid", "3x3", "--segments", "2"},
      {"explain", "--k", "2"},
    };
    for (String[] fit : fits) {
      Path model = dir.resolve(fit[0] + ".json");
      Path fitted = dir.resolve(fit[0] + "-labels.csv");
      String[] args = new String[fit.length + 8];
      System.arraycopy(fit, 0, args, 0, fit.length);
      System.arraycopy(
          new String[] {
            "--input",
            data.toString(),
            "--id",
            "id",
            "--save",
            model.toString(),
            "--output",
            fitted.toString()
          },
          0,
          args,
          fit.length,
          8);
      assertThat(run(args)).as(fit[0] + ": " + err).isZero();
      assertThat(out.toString()).contains("saved the model to " + model);
      if (fit[0].equals("explain")) {
        continue;
      }
      Path assigned = dir.resolve(fit[0] + "-assigned.csv");
      assertThat(
              run(
                  "assign",
                  "--model",
                  model.toString(),
                  "--input",
                  data.toString(),
                  "--id",
                  "id",
                  "--output",
                  assigned.toString()))
          .as(fit[0] + ": " + err)
          .isZero();
      List<String> a = Files.readAllLines(fitted);
      List<String> b = Files.readAllLines(assigned);
      assertThat(b).hasSize(42);
      for (int i = 0; i < b.size(); i++) {
        // the SOM output has one more column (the unit)
        assertThat(a.get(i)).startsWith(b.get(i));
      }
      assertThat(out.toString()).contains("assigned 41 rows");
    }
    // DBSCAN's far row is noise: -1 is written as a number, not escaped
    assertThat(Files.readAllLines(dir.resolve("dbscan-labels.csv"))).contains("far,-1,false");
  }

  @Test
  void cellsThatASpreadsheetWouldRunAreEscaped() throws IOException {
    Path labels = dir.resolve("labels.csv");
    assertThat(
            run(
                "kmeans",
                "--k",
                "2",
                "--input",
                data.toString(),
                "--id",
                "id",
                "--output",
                labels.toString()))
        .isZero();
    List<String> lines = Files.readAllLines(labels);
    assertThat(lines.get(1)).startsWith("\"'=HYPERLINK(\"\"http://x\"\")\",");
    assertThat(lines.get(2)).startsWith("'@sum,");
    assertThat(new SafeCsv().cell("-1.5e3")).isEqualTo("-1.5e3");
    assertThat(new SafeCsv().cell("+cmd")).isEqualTo("'+cmd");
    assertThat(new SafeCsv().cell("-")).isEqualTo("'-");
    assertThat(new SafeCsv().cell("plain")).isEqualTo("plain");
    assertThat(new SafeCsv().cell("")).isEmpty();
  }

  @Test
  void assignNamesAMissingColumnAndABadModelFile() throws IOException {
    Path model = dir.resolve("m.json");
    assertThat(
            run(
                "kmeans",
                "--k",
                "2",
                "--input",
                data.toString(),
                "--id",
                "id",
                "--save",
                model.toString()))
        .isZero();
    Path other = dir.resolve("other.csv");
    Files.writeString(other, "id,a,c\nx,1,2\n");
    assertThat(run("assign", "--model", model.toString(), "--input", other.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("'b'");
    String json = Files.readString(model);
    Files.writeString(model, json.substring(0, json.length() / 2));
    assertThat(run("assign", "--model", model.toString(), "--input", data.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("not valid JSON (truncated or corrupted?)");
    Files.writeString(model, json.replace("\"version\" : 2", "\"version\" : 7"));
    assertThat(run("assign", "--model", model.toString(), "--input", data.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("field 'version' is 7");
    assertThat(
            run(
                "assign",
                "--model",
                dir.resolve("none.json").toString(),
                "--input",
                data.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("does not exist");
  }

  /**
   * Issue 19, item 8: labels are written with a spreadsheet escape ({@code '=HYPERLINK(...)}) and
   * the library's readers take them back as the ids they were.
   */
  @Test
  void escapedIdsInLabelFilesRoundTrip() throws IOException {
    Path labels = dir.resolve("labels.csv");
    assertThat(
            run(
                "kmeans",
                "--k",
                "2",
                "--input",
                data.toString(),
                "--id",
                "id",
                "--output",
                labels.toString()))
        .isZero();
    assertThat(Files.readString(labels)).contains("'=HYPERLINK").contains("'@sum");
    assertThat(
            run(
                "profile",
                "--input",
                data.toString(),
                "--id",
                "id",
                "--labels",
                labels.toString(),
                "--columns",
                "a,b"))
        .as(err.toString())
        .isZero();
    Path again = dir.resolve("again.csv");
    assertThat(run("transitions", "--earlier", labels.toString(), "--later", labels.toString()))
        .as(err.toString())
        .isZero();
    // labels as an input: the escaped ids become the original ids again
    assertThat(
            run(
                "kmeans",
                "--k",
                "2",
                "--input",
                labels.toString(),
                "--id",
                "id",
                "--columns",
                "segment",
                "--output",
                again.toString()))
        .as(err.toString())
        .isZero();
    assertThat(Files.readString(again)).contains("'=HYPERLINK").doesNotContain("''");
    // for machine pipelines: the ids exactly as they are, which the readers take as well
    Path raw = dir.resolve("raw.csv");
    assertThat(
            run(
                "kmeans",
                "--k",
                "2",
                "--input",
                data.toString(),
                "--id",
                "id",
                "--csv-escape",
                "none",
                "--output",
                raw.toString()))
        .as(err.toString())
        .isZero();
    assertThat(Files.readString(raw))
        .contains("\"=HYPERLINK")
        .doesNotContain("'=")
        .contains("\n@sum");
    assertThat(
            run(
                "profile",
                "--input",
                data.toString(),
                "--id",
                "id",
                "--labels",
                raw.toString(),
                "--columns",
                "a,b"))
        .as(err.toString())
        .isZero();
    assertThat(run("kmeans", "--k", "2", "--input", data.toString(), "--csv-escape", "excel"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--csv-escape").contains("excel");
  }
}
