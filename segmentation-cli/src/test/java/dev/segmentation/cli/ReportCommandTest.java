package dev.segmentation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segment report}: every section is drawn, with the counts the data implies. */
class ReportCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path data;

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return SegmentCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
  }

  /** Three groups of 30 rows; one column name and one id carry markup that must be escaped. */
  @BeforeEach
  void writeData() throws IOException {
    StringBuilder sb = new StringBuilder("id,spend,\"<b>visits</b>\"\n");
    for (int i = 0; i < 90; i++) {
      int g = i % 3;
      sb.append(
          String.format(
              Locale.ROOT,
              "%s,%.2f,%.2f%n",
              i == 0 ? "\"<script>alert(1)</script>\"" : "c" + i,
              10.0 + g * 50 + (i % 7),
              1 + g * 4 + (i % 5) * 0.1));
    }
    data = dir.resolve("data.csv");
    Files.writeString(data, sb.toString(), StandardCharsets.UTF_8);
  }

  private static int count(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    int c = 0;
    while (m.find()) {
      c++;
    }
    return c;
  }

  private String report(String... extra) throws IOException {
    Path file = dir.resolve("r.html");
    String[] base = {
      "report", "--input", data.toString(), "--id", "id", "--output", file.toString()
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    assertThat(run(args)).as(err.toString()).isZero();
    assertThat(out.toString()).contains("wrote the report to");
    return Files.readString(file);
  }

  @Test
  void kmeansReportWithSelection() throws IOException {
    Path optOut = dir.resolve("optout.txt");
    Files.writeString(optOut, "c1\nc2\n");
    String html = report("--k", "2..5", "--opt-out", optOut.toString(), "--holdout", "0.2");
    assertThat(count(html, "<section data-section=")).isEqualTo(6);
    assertThat(count(html, "class=\"bar\"")).isEqualTo(3);
    assertThat(count(html, "class=\"cell\"")).isEqualTo(3 * 2);
    assertThat(count(html, "class=\"point\"")).isEqualTo(88);
    assertThat(count(html, "class=\"k[ \"]")).isEqualTo(4);
    assertThat(count(html, "class=\"k chosen\"")).isEqualTo(1);
    assertThat(html)
        .contains("opted out (left out of everything)</th><td>2")
        .contains("holdout (20% of each segment, salt &quot;segment-report&quot;)")
        .contains("&lt;b&gt;visits&lt;/b&gt;")
        .doesNotContain("<script")
        .doesNotContain("<b>visits");
  }

  /** Issue 20: the columns of segment clv, joined by id, averaged per segment in the report. */
  @Test
  void clvColumnsAppearPerSegment() throws IOException {
    StringBuilder sb = new StringBuilder("customer_id,p_alive,expected_purchases,clv\n");
    sb.append("\"<script>alert(1)</script>\",0.5,1,10\n");
    for (int i = 1; i < 90; i++) {
      sb.append("c")
          .append(i)
          .append(",0.5,")
          .append(i % 3)
          .append(',')
          .append(i % 3 * 10)
          .append('\n');
    }
    Path clv = dir.resolve("clv.csv");
    Files.writeString(clv, sb.toString(), StandardCharsets.UTF_8);
    String html = report("--k", "3", "--clv", clv.toString());
    assertThat(html)
        .contains("Who is still a customer, and what they are worth")
        .contains("mean P(alive)")
        .contains("all customers")
        .contains("<td>0.50</td>")
        // the three groups of the data are the three segments: their mean clv is 0, 10 and 20
        .contains("<td>10.00</td>")
        .contains("<td>20.00</td>");
    Files.writeString(clv, "customer_id,p_alive,expected_purchases,clv\nc1,0.5,1,2\n");
    assertThat(
            run(
                "report",
                "--input",
                data.toString(),
                "--id",
                "id",
                "--k",
                "3",
                "--clv",
                clv.toString(),
                "--output",
                dir.resolve("x.html").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("has no row for customer");
  }

  @Test
  void wardReportDrawsTheTopOfTheTree() throws IOException {
    String html = report("--k", "3", "--algorithm", "ward");
    assertThat(count(html, "class=\"merge\"")).isEqualTo(40);
    assertThat(html)
        .contains("data-section=\"dendrogram\"")
        .doesNotContain("data-section=\"selection\"");
  }

  @Test
  void somReportDrawsTheUMatrixAndHits() throws IOException {
    String html = report("--k", "3", "--algorithm", "som");
    // the default 10 x 10 grid: one unit shape per unit in each of the two maps
    assertThat(count(html, "class=\"unit\"")).isEqualTo(200);
    assertThat(count(html, "class=\"hit\"")).isEqualTo(100);
  }

  @Test
  void anOptOutColumnLeavesItsCustomersOut() throws IOException {
    StringBuilder sb = new StringBuilder("id,spend,visits,opted\n");
    for (int i = 0; i < 60; i++) {
      sb.append(
          String.format(
              Locale.ROOT, "c%d,%d,%d,%d%n", i, 10 + (i % 2) * 90, 1 + (i % 2) * 9, i < 5 ? 1 : 0));
    }
    Files.writeString(data, sb.toString());
    String html = report("--k", "2", "--columns", "spend,visits", "--opt-out-column", "opted");
    assertThat(html).contains("opted out (left out of everything)</th><td>5");
    assertThat(count(html, "class=\"point\"")).isEqualTo(55);
    // the flag is not a feature: the heat map has two columns
    assertThat(count(html, "class=\"cell\"")).isEqualTo(2 * 2);
  }

  @Test
  void badOptionsExitTwo() {
    assertThat(run("report", "--input", data.toString(), "--k", "3", "--opt-out", "x.txt"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("needs --id");
    assertThat(run("report", "--input", data.toString(), "--k", "3", "--algorithm", "gmm"))
        .isEqualTo(2);
    assertThat(run("report", "--input", data.toString(), "--k", "3", "--far-quantile", "2"))
        .isEqualTo(2);
  }

  /**
   * Issue 22, item 5: the output of segment features goes in as it is (its text state column is
   * counted per segment, not segmented on), the first table adds up to every customer, the heat
   * map's colours follow the direction given, and --export-dir writes one audience file per segment
   * and the holdout, every customer once.
   */
  @Test
  void featuresFileStatesDirectionsAndExports() throws IOException {
    StringBuilder sb =
        new StringBuilder("customer_id,recency_days,frequency,monetary_total,state\n");
    for (int i = 0; i < 60; i++) {
      boolean active = i % 2 == 0;
      sb.append(
          String.format(
              Locale.ROOT,
              "k%d,%d,%d,%.1f,%s%n",
              i,
              active ? 5 + i % 7 : 300 + i,
              active ? 6 + i % 3 : 1,
              active ? 200.0 + i : 20.0 + i % 5,
              active ? "ACTIVE" : "CHURNED"));
    }
    Path features = dir.resolve("features.csv");
    Files.writeString(features, sb.toString());
    Path exports = dir.resolve("exports");
    Path file = dir.resolve("f.html");
    assertThat(
            run(
                "report",
                "--input",
                features.toString(),
                "--id",
                "customer_id",
                "--k",
                "2",
                "--holdout",
                "0.25",
                "--better-lower",
                "frequency",
                "--export-dir",
                exports.toString(),
                "--output",
                file.toString()))
        .as(err.toString())
        .isZero();
    assertThat(err.toString()).contains("left out the text column state");
    String html = Files.readString(file);
    String glance = html.substring(html.indexOf("data-section=\"glance\""));
    glance = glance.substring(0, glance.indexOf("</section>"));
    assertThat(glance)
        .contains("business states")
        .contains("active 100%")
        .contains("churned 100%")
        .contains("revenue share");
    Matcher share = Pattern.compile("data-share=\"([0-9.E-]+)\"").matcher(glance);
    double sum = 0;
    while (share.find()) {
      sum += Double.parseDouble(share.group(1));
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    // the names say what the states say
    assertThat(html).contains("active, ").contains("churned, one-time buyers");
    // frequency was declared lower-is-better: its header says so
    assertThat(html).contains("lower is better");
    int rows = 0;
    long held = 0;
    try (var files = Files.list(exports)) {
      for (Path p : files.sorted().toList()) {
        var lines = Files.readAllLines(p);
        if (p.getFileName().toString().equals("holdout.csv")) {
          held += lines.size() - 1L;
        } else {
          assertThat(lines.get(0)).isEqualTo("customer_id,segment,segment_name,holdout");
          rows += lines.size() - 1;
          held -= lines.stream().filter(l -> l.endsWith(",true")).count();
        }
      }
    }
    assertThat(rows).isEqualTo(60);
    assertThat(held).isZero();
  }

  /**
   * Issue 22: a segment whose every customer is atypical (three far-apart extremes the fit gave a
   * segment of their own) is said in a note, not drawn as an empty bar and a row of dashes.
   */
  @Test
  void aSegmentEmptiedByTheAtypicalFlagIsSaidNotDrawn() throws IOException {
    StringBuilder sb = new StringBuilder("id,a,b\n");
    for (int i = 0; i < 60; i++) {
      sb.append(String.format(Locale.ROOT, "c%d,%d,%d%n", i, (i % 2) * 10 + i % 3, i % 4));
    }
    sb.append("x1,1000,0\nx2,0,1000\nx3,1000,1000\n");
    Path extremes = dir.resolve("extremes.csv");
    Files.writeString(extremes, sb.toString());
    Path file = dir.resolve("e.html");
    assertThat(
            run(
                "report",
                "--input",
                extremes.toString(),
                "--id",
                "id",
                "--k",
                "2",
                "--scale",
                "none",
                "--far-quantile",
                "0.9",
                "--output",
                file.toString()))
        .as(err.toString())
        .isZero();
    String html = Files.readString(file);
    assertThat(html).contains("lost every customer to the atypical row");
    // the segment with customers and the atypical bar; no row of a segment without customers
    assertThat(count(html, "class=\"bar\"")).isEqualTo(2);
    assertThat(count(html, "<tr data-share=")).isEqualTo(2);
    assertThat(html).doesNotContain("<td>0</td><td>0.0%</td>");
  }
}
