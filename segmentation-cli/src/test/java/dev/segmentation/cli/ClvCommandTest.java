package dev.segmentation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.datasets.SampleDatasets;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segment clv} on the bundled CDNOW log with the paper's split, and on a summary file. */
class ClvCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return SegmentCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
  }

  private Path cdnow() throws IOException {
    Path p = dir.resolve("CDNOW_master.txt.gz");
    try (InputStream in =
        SampleDatasets.class.getResourceAsStream(
            "/dev/segmentation/datasets/CDNOW_master.txt.gz")) {
      Files.copy(in, p);
    }
    return p;
  }

  @Test
  void scoresTheCdnowCohortAndValidatesOnTheHoldout() throws IOException {
    Path optOut = dir.resolve("optout.txt");
    Files.writeString(optOut, "00003\n");
    Path output = dir.resolve("clv.csv");
    assertThat(
            run(
                "clv",
                "--transactions",
                cdnow().toString(),
                "--format",
                "cdnow",
                "--calibration-end",
                "1997-09-30",
                "--holdout-end",
                "1998-06-30",
                "--horizon",
                "52w",
                "--discount",
                "0.01",
                "--opt-out",
                optOut.toString(),
                "--output",
                output.toString()))
        .as(err.toString())
        .isZero();
    String text = out.toString();
    assertThat(text)
        .contains("23,569 customers, time in weeks, calibration from 1997-01-01 to 1997-09-30")
        .contains("BG/NBD on 23,569 customers")
        .contains("Pareto/NBD on 23,569 customers")
        .contains("Gamma-Gamma on")
        .contains("holdout purchases by calibration frequency")
        .contains("holdout total: actual")
        .doesNotContain("NOT converged");
    List<String> lines = Files.readAllLines(output);
    assertThat(lines).hasSize(23_570);
    assertThat(lines.get(0))
        .isEqualTo(
            "customer_id,x,t_x,T,mean_value,p_alive,expected_purchases,expected_value,clv,"
                + "holdout_purchases,holdout_value");
    assertThat(lines).noneMatch(l -> l.startsWith("00003,"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      double alive = Double.parseDouble(f[5]);
      assertThat(alive).as(line).isGreaterThan(0).isLessThanOrEqualTo(1);
      assertThat(Double.parseDouble(f[6])).as(line).isGreaterThanOrEqualTo(0);
      assertThat(Double.parseDouble(f[8])).as(line).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void readsASummaryWithNamedColumns() throws IOException {
    StringBuilder sb = new StringBuilder("ID,x,t_x,T,zbar\n");
    for (int i = 0; i < 300; i++) {
      int x = i % 5;
      double t = 20 + i % 19;
      sb.append(i)
          .append(',')
          .append(x)
          .append(',')
          .append(x == 0 ? 0 : t * (1 + i % 7) / 8)
          .append(',')
          .append(t)
          .append(',')
          .append(x == 0 ? 0 : 10 + i % 23)
          .append('\n');
    }
    Path summary = dir.resolve("summary.csv");
    Files.writeString(summary, sb.toString());
    Path output = dir.resolve("clv.csv");
    assertThat(
            run(
                "clv",
                "--summary",
                summary.toString(),
                "--summary-columns",
                "ID,x,t_x,T,zbar",
                "--model",
                "pareto",
                "--save",
                dir.resolve("models.json").toString(),
                "--output",
                output.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("300 customers").contains("Pareto/NBD over 52 weeks");
    assertThat(Files.readAllLines(output)).hasSize(301);
    // the saved models score the same customers to the same numbers, without a fit
    Path again = dir.resolve("again.csv");
    assertThat(
            run(
                "clv",
                "--summary",
                summary.toString(),
                "--summary-columns",
                "ID,x,t_x,T,zbar",
                "--models",
                dir.resolve("models.json").toString(),
                "--output",
                again.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("models from").doesNotContain("log-likelihood");
    assertThat(Files.readAllLines(again)).isEqualTo(Files.readAllLines(output));
  }

  /** The clv columns join the features by customer id and are averaged per segment. */
  @Test
  void clvColumnsAreProfiledPerSegment() throws IOException {
    StringBuilder sb = new StringBuilder("customer_id,date,amount\n");
    for (int c = 0; c < 90; c++) {
      int purchases = 1 + c % 6;
      for (int p = 0; p < purchases; p++) {
        sb.append(
            String.format(
                java.util.Locale.ROOT,
                "k%02d,2025-%02d-%02d,%d%n",
                c,
                1 + (p * 2 + c % 3) % 12,
                1 + c % 27,
                10 + c % 40 + p));
      }
    }
    Path log = dir.resolve("log.csv");
    Files.writeString(log, sb.toString());
    Path features = dir.resolve("features.csv");
    Path labels = dir.resolve("labels.csv");
    Path clv = dir.resolve("clv.csv");
    assertThat(
            run(
                "features",
                "--transactions",
                log.toString(),
                "--as-of",
                "2025-12-31",
                "--output",
                features.toString()))
        .as(err.toString())
        .isZero();
    assertThat(
            run(
                "kmeans",
                "--k",
                "3",
                "--input",
                features.toString(),
                "--id",
                "customer_id",
                "--columns",
                "recency_days,frequency,monetary_total",
                "--output",
                labels.toString()))
        .as(err.toString())
        .isZero();
    assertThat(
            run(
                "clv",
                "--transactions",
                log.toString(),
                "--calibration-end",
                "2025-12-31",
                "--scale",
                "days",
                "--horizon",
                "365d",
                "--output",
                clv.toString()))
        .as(err.toString())
        .isZero();
    assertThat(
            run(
                "profile",
                "--input",
                features.toString(),
                "--labels",
                labels.toString(),
                "--columns",
                "recency_days,frequency",
                "--extra-file",
                clv.toString(),
                "--extra",
                "p_alive,expected_purchases,clv"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("p_alive").contains("clv").contains("90 customers");
    Files.writeString(clv, String.join("\n", Files.readAllLines(clv).subList(0, 50)) + "\n");
    assertThat(
            run(
                "profile",
                "--input",
                features.toString(),
                "--labels",
                labels.toString(),
                "--columns",
                "recency_days,frequency",
                "--extra-file",
                clv.toString(),
                "--extra",
                "p_alive"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("has no row for customer");
  }
}
