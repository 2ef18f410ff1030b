package dev.segmentation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segment decide}: the template, audiences per rule, holdouts, the summary, opt-outs. */
class DecideCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return SegmentCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void writesOneAudiencePerRuleAndASummary() throws IOException {
    StringBuilder f =
        new StringBuilder(
            "customer_id,state,discount_share,margin_rate,m_score,f_score,monetary_mean\n");
    StringBuilder p = new StringBuilder("customer_id,probability\n");
    for (int i = 0; i < 200; i++) {
      f.append("k")
          .append(i)
          .append(',')
          .append(i % 5 == 0 ? "LAPSING" : "ACTIVE")
          .append(',')
          .append(i % 7 == 0 ? 0.25 : 0)
          .append(',')
          .append(i % 11 == 0 ? 0.05 : 0.8)
          .append(',')
          .append(1 + i % 5)
          .append(',')
          .append(1 + i % 4)
          .append(',')
          .append(20 + i % 30)
          .append('\n');
      p.append("k").append(i).append(',').append((i % 10) / 10.0).append('\n');
    }
    Path features = dir.resolve("features.csv");
    Path propensity = dir.resolve("propensity.csv");
    Files.writeString(features, f.toString());
    Files.writeString(propensity, p.toString());
    Path rules = dir.resolve("rules.json");
    assertThat(run("decide", "--write-template", rules.toString())).as(err.toString()).isZero();
    Path optOut = dir.resolve("optout.txt");
    Files.writeString(optOut, "k3\nk4\n");
    Path audiences = dir.resolve("audiences");
    assertThat(
            run(
                "decide",
                "--rules",
                rules.toString(),
                "--input",
                features.toString(),
                "--input",
                propensity.toString(),
                "--output-dir",
                audiences.toString(),
                "--opt-out",
                optOut.toString(),
                "--holdout",
                "0.2"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("198 customers (2 opted out left out)").contains("points");
    List<String> summary = Files.readAllLines(audiences.resolve("summary.csv"));
    assertThat(summary).hasSize(8); // header, six rules, no action
    int total = 0;
    for (String line : summary.subList(1, summary.size())) {
      total += Integer.parseInt(line.split(",", -1)[2]);
    }
    assertThat(total).isEqualTo(198);
    int inFiles = 0;
    for (String slug :
        List.of(
            "margin-destroyers",
            "organic-inevitables",
            "likely-to-churn",
            "deal-triggered",
            "high-value-lookalike-seed",
            "ready-to-repeat")) {
      List<String> lines = Files.readAllLines(audiences.resolve(slug + ".csv"));
      assertThat(lines.get(0)).isEqualTo("customer_id,decision,action,holdout,reason,probability");
      assertThat(lines).noneMatch(l -> l.startsWith("k3,") || l.startsWith("k4,"));
      inFiles += lines.size() - 1;
    }
    assertThat(inFiles).isLessThanOrEqualTo(198).isGreaterThan(0);
    // a rule naming a column the customers do not have is named
    Files.writeString(rules, Files.readString(rules).replace("m_score", "monetary_score"));
    assertThat(
            run(
                "decide",
                "--rules",
                rules.toString(),
                "--input",
                features.toString(),
                "--input",
                propensity.toString(),
                "--output-dir",
                audiences.toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("rule 'high-value lookalike seed'")
        .contains("monetary_score");
  }

  /**
   * Issue 21, item 4: --do-not-target lists become exclusions ahead of every rule, exported with
   * their customers (opt-outs are not); two lists of one name would overwrite one file: an error.
   */
  @Test
  void doNotTargetListsAreExclusionsAheadOfTheRules() throws IOException {
    Path features = dir.resolve("f.csv");
    Files.writeString(features, "customer_id,m_score\na,5\nb,4\nc,3\nd,1\n");
    Path rules = dir.resolve("r.json");
    Files.writeString(
        rules,
        """
        {"rules": [{"name": "top", "action": "segment",
                    "when": {"column": "m_score", "op": ">=", "value": 3}}]}
        """);
    Path staff = dir.resolve("staff.txt");
    Files.writeString(staff, "customer_id\na\nd\n");
    Path optOut = dir.resolve("optout.txt");
    Files.writeString(optOut, "d\n");
    Path audiences = dir.resolve("aud");
    assertThat(
            run(
                "decide",
                "--rules",
                rules.toString(),
                "--input",
                features.toString(),
                "--do-not-target",
                staff.toString(),
                "--opt-out",
                optOut.toString(),
                "--output-dir",
                audiences.toString(),
                "--holdout",
                "0"))
        .as(err.toString())
        .isZero();
    List<String> excluded = Files.readAllLines(audiences.resolve("do-not-target-staff-txt.csv"));
    // a is on the list and would be "top": the list wins; d is opted out: in no file at all
    assertThat(excluded).hasSize(2);
    assertThat(excluded.get(1)).startsWith("a,do not target: staff.txt,exclude,false,");
    assertThat(Files.readAllLines(audiences.resolve("top.csv")))
        .extracting(l -> l.split(",", -1)[0])
        .containsExactly("customer_id", "b", "c");
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("staff.txt"), "b\n");
    assertThat(
            run(
                "decide",
                "--rules",
                rules.toString(),
                "--input",
                features.toString(),
                "--do-not-target",
                staff.toString(),
                "--do-not-target",
                other.resolve("staff.txt").toString(),
                "--output-dir",
                audiences.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("do not target: staff.txt").contains("named twice");
  }

  /**
   * Issue 21, item 5: expected revenue from the BTYD columns of segment clv when they are joined
   * (expected purchases times expected value), from the propensity otherwise; a rule that takes
   * nobody is said.
   */
  @Test
  void revenueFromBtydWhenPresentAndEmptyRulesAreSaid() throws IOException {
    Path scores = dir.resolve("scores.csv");
    Files.writeString(
        scores,
        """
        customer_id,probability,monetary_mean,expected_purchases,expected_value
        a,0.5,10,2,30
        b,0.2,20,0.5,40
        c,0.9,5,4,5
        """);
    Path rules = dir.resolve("r.json");
    Files.writeString(
        rules,
        """
        {"rules": [
          {"name": "likely", "action": "segment",
           "when": {"column": "probability", "op": ">=", "value": 0.5}},
          {"name": "never", "action": "segment",
           "when": {"column": "probability", "op": ">", "value": 2}}]}
        """);
    Path out1 = dir.resolve("a1");
    assertThat(
            run(
                "decide",
                "--rules",
                rules.toString(),
                "--input",
                scores.toString(),
                "--output-dir",
                out1.toString(),
                "--holdout",
                "0"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .contains("rule 'never' took nobody")
        .contains("expected revenue: btyd: expected_purchases x expected_value");
    List<String> summary = Files.readAllLines(out1.resolve("summary.csv"));
    assertThat(summary.get(0)).endsWith(",minimum_detectable_lift,revenue_source");
    // likely: a (2 x 30) and c (4 x 5)
    assertThat(summary.get(1)).startsWith("likely,segment,2,").contains(",80.00,");
    Path out2 = dir.resolve("a2");
    assertThat(
            run(
                "decide",
                "--rules",
                rules.toString(),
                "--input",
                scores.toString(),
                "--output-dir",
                out2.toString(),
                "--revenue-from",
                "propensity"))
        .as(err.toString())
        .isZero();
    // likely: 0.5 x 10 + 0.9 x 5
    assertThat(Files.readAllLines(out2.resolve("summary.csv")).get(1)).contains(",9.50,");
  }
}
