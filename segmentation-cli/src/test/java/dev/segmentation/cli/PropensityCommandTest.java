package dev.segmentation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segment propensity}: trained, judged, backtested and explained on a simulated log. */
class PropensityCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return SegmentCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void scoresJudgesAndExplains() throws IOException {
    SplittableRandom rng = new SplittableRandom(9);
    StringBuilder sb = new StringBuilder("customer_id,date,amount\n");
    LocalDate d0 = LocalDate.of(2025, 1, 1);
    for (int c = 0; c < 300; c++) {
      double rate = 0.005 + 0.05 * rng.nextDouble(); // purchases per day
      for (int day = rng.nextInt(60);
          day < 400;
          day += 1 + (int) (-Math.log(1 - rng.nextDouble()) / rate)) {
        sb.append("c")
            .append(c)
            .append(',')
            .append(d0.plusDays(day))
            .append(',')
            .append(10 + rng.nextInt(90))
            .append('\n');
      }
    }
    Path log = dir.resolve("log.csv");
    Files.writeString(log, sb.toString());
    Path output = dir.resolve("p.csv");
    Path metrics = dir.resolve("metrics.csv");
    Path optOut = dir.resolve("optout.txt");
    Files.writeString(optOut, "c7\n");
    assertThat(
            run(
                "propensity",
                "--transactions",
                log.toString(),
                "--cutoff",
                "2025-11-01",
                "--horizon",
                "30d",
                "--target",
                "purchase",
                "--backtest",
                "2",
                "--calibration",
                "platt",
                "--opt-out",
                optOut.toString(),
                "--output",
                output.toString(),
                "--metrics",
                metrics.toString()))
        .as(err.toString())
        .isZero();
    String text = out.toString();
    assertThat(text)
        .contains("purchase in 30 days: trained on the window after 2025-10-02")
        .contains("platt calibration")
        .contains("judged on the 30 days after 2025-11-01")
        .contains("judged on the 30 days after 2025-09-02")
        .contains("ROC AUC")
        .contains("logistic+platt")
        .contains("bg/nbd");
    // every judged cutoff has the model's rows and the BG/NBD baseline's: an overall row and ten
    // deciles each, the last decile's cumulative gain 1
    List<String> m = Files.readAllLines(metrics);
    assertThat(m.get(0))
        .isEqualTo(
            "cutoff,model,decile,customers,mean_score,observed_rate,lift,cumulative_gain,"
                + "roc_auc,pr_auc,log_loss,brier");
    long overall = m.stream().filter(l -> l.split(",", -1)[2].equals("all")).count();
    assertThat(m).hasSize(1 + (int) overall * 11);
    assertThat(overall).isEven().isGreaterThanOrEqualTo(2);
    for (String l : m.subList(1, m.size())) {
      String[] f = l.split(",", -1);
      if (f[2].equals("all")) {
        assertThat(Double.parseDouble(f[8])).as(l).isBetween(0.5, 1.0);
      } else if (f[2].equals("10")) {
        assertThat(Double.parseDouble(f[7]))
            .as(l)
            .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
      }
    }
    List<String> lines = Files.readAllLines(output);
    assertThat(lines.get(0)).isEqualTo("customer_id,probability,reason");
    assertThat(lines).noneMatch(l -> l.startsWith("c7,"));
    assertThat(lines.get(1)).matches("c\\d+,0\\.\\d+(E-\\d+)?,[a-z_]+ .*\\([+-]\\d+\\.\\d\\d\\).*");
    assertThat(
            run(
                "propensity",
                "--transactions",
                log.toString(),
                "--cutoff",
                "2025-11-01",
                "--target",
                "return"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("one class only");
  }
}
