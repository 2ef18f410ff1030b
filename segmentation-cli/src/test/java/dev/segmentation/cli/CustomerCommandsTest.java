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

/** {@code segment features}, {@code profile}, {@code explain}, {@code transitions}. */
class CustomerCommandsTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path log;

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return SegmentCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
  }

  /** 60 customers: a third buy often and a lot, a third rarely, a third once long ago. */
  @BeforeEach
  void writeLog() throws IOException {
    StringBuilder sb = new StringBuilder("customer_id,date,amount,qty,returned\n");
    for (int c = 0; c < 60; c++) {
      int kind = c % 3;
      int orders = kind == 0 ? 12 : kind == 1 ? 3 : 1;
      for (int o = 0; o < orders; o++) {
        int day = kind == 2 ? 1 + c % 20 : 1 + o * (kind == 0 ? 25 : 90) + c % 7;
        sb.append(
            String.format(
                Locale.ROOT,
                "c%02d,2025-%02d-%02d,%d,1,0%n",
                c,
                1 + Math.min(11, day / 28),
                1 + day % 28,
                kind == 0 ? 120 + c : 25 + c % 5));
      }
    }
    sb.append("c00,2025-03-03,-30,1,0\n");
    log = dir.resolve("log.csv");
    Files.writeString(log, sb.toString(), StandardCharsets.UTF_8);
  }

  private Path features() {
    Path f = dir.resolve("features.csv");
    assertThat(
            run(
                "features",
                "--transactions",
                log.toString(),
                "--as-of",
                "2025-12-31",
                "--quantity-column",
                "qty",
                "--returned-column",
                "returned",
                "--output",
                f.toString()))
        .as(err.toString())
        .isZero();
    return f;
  }

  @Test
  void featuresWritesOneRowPerCustomerWithTheState() throws IOException {
    Path f = features();
    List<String> lines = Files.readAllLines(f);
    assertThat(lines).hasSize(61);
    assertThat(lines.get(0))
        .startsWith("customer_id,recency_days,frequency,monetary_total,")
        .endsWith(",m_score,state");
    assertThat(lines.get(1)).startsWith("c00,").endsWith(",ACTIVE");
    assertThat(out.toString()).contains("60 customers as of 2025-12-31").contains("wrote 60");
    Path optOut = dir.resolve("optout.txt");
    Files.writeString(optOut, "c01\n\nc02\n");
    Path f2 = dir.resolve("f2.csv");
    assertThat(
            run(
                "features",
                "--transactions",
                log.toString(),
                "--as-of",
                "2025-12-31",
                "--features",
                "recency_days,FREQUENCY,state",
                "--opt-out",
                optOut.toString(),
                "--output",
                f2.toString()))
        .isZero();
    List<String> kept = Files.readAllLines(f2);
    assertThat(kept.get(0)).isEqualTo("customer_id,recency_days,frequency,state");
    assertThat(kept).hasSize(59).noneMatch(l -> l.startsWith("c01,") || l.startsWith("c02,"));
    assertThat(out.toString()).contains("2 opted-out customers");
  }

  @Test
  void featuresBadInputExitsTwoNamingTheProblem() throws IOException {
    assertThat(run("features", "--transactions", log.toString(), "--as-of", "31/12/2025"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--as-of").contains("yyyy-MM-dd");
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "customer_id,date,amount\nx,2025-02-30,4\n");
    assertThat(run("features", "--transactions", bad.toString(), "--as-of", "2025-12-31"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("line 2, column 'date': '2025-02-30' is not a date");
    Path negative = dir.resolve("neg.csv");
    Files.writeString(negative, "customer_id,date,amount,qty\nx,2025-02-01,4,-1\n");
    assertThat(
            run(
                "features",
                "--transactions",
                negative.toString(),
                "--as-of",
                "2025-12-31",
                "--quantity-column",
                "qty"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("line 2: quantity -1.0 is negative");
    assertThat(
            run(
                "features",
                "--transactions",
                negative.toString(),
                "--as-of",
                "2025-12-31",
                "--quantity-column",
                "qty",
                "--negative-quantities",
                "return"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no customer has a purchase");
    assertThat(
            run(
                "features",
                "--transactions",
                log.toString(),
                "--as-of",
                "2025-12-31",
                "--features",
                "loyalty"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--features").contains("recency_days");
    assertThat(
            run(
                "features",
                "--transactions",
                log.toString(),
                "--as-of",
                "2025-12-31",
                "--format",
                "xml"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("must be csv or cdnow");
  }

  @Test
  void segmentsThenProfilesThenTransitions() throws IOException {
    Path f = features();
    Path labels = dir.resolve("labels.csv");
    String cols = "recency_days,frequency,monetary_total";
    assertThat(
            run(
                "kmeans",
                "--k",
                "3",
                "--input",
                f.toString(),
                "--id",
                "customer_id",
                "--columns",
                cols,
                "--scale",
                "log1p+standard",
                "--output",
                labels.toString()))
        .as(err.toString())
        .isZero();
    assertThat(
            run(
                "profile",
                "--input",
                f.toString(),
                "--labels",
                labels.toString(),
                "--columns",
                cols,
                "--extras",
                "tenure_days"))
        .as(err.toString())
        .isZero();
    String text = out.toString();
    assertThat(text).contains("60 customers").contains("mean tenure_days");
    assertThat(text.lines().filter(l -> l.startsWith("segment "))).hasSize(3);
    assertThat(text).containsPattern("segment \\d \"[a-z ,-]+\": 20 customers \\(33\\.3%\\)");
    assertThat(text).contains("states:");
    // a later segmentation with other numbers: aligned, every customer stays with its group
    List<String> lines = Files.readAllLines(labels);
    StringBuilder shifted = new StringBuilder(lines.get(0) + "\n");
    for (String l : lines.subList(1, lines.size())) {
      String[] p = l.split(",", -1);
      shifted.append(p[0]).append(',').append((Integer.parseInt(p[1]) + 1) % 3).append('\n');
    }
    Path later = dir.resolve("later.csv");
    Files.writeString(later, shifted.toString());
    assertThat(
            run(
                "transitions",
                "--earlier",
                labels.toString(),
                "--later",
                later.toString(),
                "--align",
                "--customers",
                f.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("later segments aligned").contains("20 (100.0%)");
    // an unknown customer in a snapshot is an error that names it
    Files.writeString(later, shifted + "zz9,1\n");
    assertThat(
            run(
                "transitions",
                "--earlier",
                labels.toString(),
                "--later",
                later.toString(),
                "--customers",
                f.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("customer 'zz9' is not a known customer");
    assertThat(
            run(
                "profile",
                "--input",
                f.toString(),
                "--labels",
                later.toString(),
                "--columns",
                cols))
        .isEqualTo(2);
    assertThat(err.toString()).contains("customer 'zz9' is not a customer of");
    Files.writeString(later, lines.get(0) + "\nc00,1\n");
    assertThat(run("profile", "--input", f.toString(), "--labels", later.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("has no segment for customer 'c01'");
  }

  @Test
  void explainWritesOneExplanationPerCustomer() throws IOException {
    Path f = features();
    Path why = dir.resolve("why.csv");
    for (String algorithm : new String[] {"kmeans", "ward", "som"}) {
      assertThat(
              run(
                  "explain",
                  "--input",
                  f.toString(),
                  "--id",
                  "customer_id",
                  "--columns",
                  "recency_days,frequency,monetary_total",
                  "--scale",
                  "log1p+standard",
                  "--k",
                  algorithm.equals("kmeans") ? "2..4" : "3",
                  "--algorithm",
                  algorithm,
                  "--customers",
                  "c00,c05",
                  "--output",
                  why.toString()))
          .as(algorithm + ": " + err)
          .isZero();
      String text = out.toString();
      assertThat(text)
          .contains("Customer c00 is in segment")
          .contains("Customer c05 is in segment")
          .contains("between two segments")
          .contains("wrote 60 explanations");
      List<String> lines = Files.readAllLines(why);
      assertThat(lines).hasSize(61);
      assertThat(lines.get(0))
          .isEqualTo(
              "customer_id,segment,runner_up,margin,membership,between,far,"
                  + "contribution_recency_days,contribution_frequency,"
                  + "contribution_monetary_total,explanation");
    }
    assertThat(out.toString()).doesNotContain("k selection");
    assertThat(
            run(
                "explain",
                "--input",
                f.toString(),
                "--id",
                "customer_id",
                "--columns",
                "frequency",
                "--k",
                "2",
                "--customers",
                "nobody"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("customer 'nobody' of --customers");
    assertThat(
            run(
                "explain",
                "--input",
                f.toString(),
                "--id",
                "customer_id",
                "--columns",
                "frequency",
                "--k",
                "2",
                "--algorithm",
                "dbscan"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("must be kmeans, ward or som");
    assertThat(
            run(
                "explain",
                "--input",
                f.toString(),
                "--id",
                "customer_id",
                "--columns",
                "frequency",
                "--k",
                "2",
                "--far-quantile",
                "1"))
        .isEqualTo(2);
    assertThat(
            run(
                "explain",
                "--input",
                f.toString(),
                "--id",
                "customer_id",
                "--columns",
                "frequency,monetary_total",
                "--k",
                "2",
                "--stability",
                "2"))
        .isZero();
    assertThat(out.toString()).contains("stability over 2 bootstrap refits");
  }
}
