package dev.segmentation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return SegmentCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
  }

  private Path csv(String content) throws IOException {
    Path p = dir.resolve("in.csv");
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void kmeansWritesIdAndSegmentPerRowAndPrintsSummary() throws IOException {
    Path in = csv("customer_id,a,b,c\nx1,0,0,0\nx2,0,1,0\nx3,10,10,10\nx4,10,11,10\n");
    Path outFile = dir.resolve("labels.csv");
    int code =
        run(
            "kmeans",
            "--k",
            "2",
            "--seed",
            "1",
            "--input",
            in.toString(),
            "--columns",
            "a,b,c",
            "--id",
            "customer_id",
            "--output",
            outFile.toString());
    assertThat(code).as(err.toString()).isZero();
    List<String> lines = Files.readAllLines(outFile);
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).isEqualTo("customer_id,segment");
    assertThat(lines.get(1)).startsWith("x1,");
    String s1 = lines.get(1).split(",", -1)[1];
    String s3 = lines.get(3).split(",", -1)[1];
    assertThat(lines.get(2)).isEqualTo("x2," + s1);
    assertThat(lines.get(4)).isEqualTo("x4," + s3);
    assertThat(s1).isNotEqualTo(s3);
    assertThat(out.toString())
        .contains("2 segments")
        .contains("inertia")
        .contains("iterations")
        .containsPattern("fit \\d+ ms \\(seeding \\d+ ms\\)")
        .contains("segment means");
    assertThat(err.toString()).isEmpty();
  }

  /**
   * Every variant writes Lloyd's segments, byte for byte, with the default tolerance: found on the
   * CDNOW features at k = 100, where Hamerly's relabelling after the fit's last fresh sum missed
   * the last update's movement and 18 customers got other segments (issue 25, sixth session).
   */
  @Test
  void everyVariantWritesLloydsSegments() throws IOException {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
    StringBuilder sb = new StringBuilder("id,a,b,c,d\n");
    for (int i = 0; i < 12_000; i++) {
      sb.append('r').append(i);
      for (int j = 0; j < 4; j++) {
        sb.append(',').append(rng.nextGaussian() * 10 + rng.nextInt(3) * 15);
      }
      sb.append('\n');
    }
    Path in = csv(sb.toString());
    String lloyd = null;
    for (String variant : List.of("LLOYD", "HAMERLY", "ELKAN", "EXPONION", "YINYANG")) {
      Path outFile = dir.resolve(variant + ".csv");
      int code =
          run(
              "kmeans",
              "--k",
              "60",
              "--seed",
              "3",
              "--variant",
              variant,
              "--input",
              in.toString(),
              "--id",
              "id",
              "--output",
              outFile.toString());
      assertThat(code).as(err.toString()).isZero();
      String written = Files.readString(outFile, StandardCharsets.UTF_8);
      if (lloyd == null) {
        lloyd = written;
      }
      assertThat(written).as(variant).isEqualTo(lloyd);
    }
  }

  @Test
  void withoutIdTheRowNumberIsWritten() throws IOException {
    Path in = csv("a\n1\n2\n30\n");
    Path outFile = dir.resolve("o.csv");
    assertThat(run("kmeans", "--k", "2", "--input", in.toString(), "--output", outFile.toString()))
        .isZero();
    assertThat(Files.readAllLines(outFile).get(0)).isEqualTo("row,segment");
    assertThat(Files.readAllLines(outFile).get(3)).startsWith("3,");
  }

  @Test
  void badValueIsOneLineAndExitCodeTwo() throws IOException {
    Path in = csv("a,b\n1,2\n3,oops\n");
    int code = run("kmeans", "--k", "2", "--input", in.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().trim())
        .startsWith("error: ")
        .contains("line 3")
        .contains("'b'")
        .contains("'oops'")
        .doesNotContain("\n")
        .doesNotContain("at dev.");
  }

  @Test
  void invalidOptionsExitTwo() throws IOException {
    Path in = csv("a\n1\n2\n");
    assertThat(run("kmeans", "--k", "0", "--input", in.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("k").contains("was 0");
    err.getBuffer().setLength(0);
    assertThat(run("kmeans", "--k", "5", "--input", in.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("distinct rows");
    err.getBuffer().setLength(0);
    assertThat(run("kmeans", "--input", in.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--k");
    err.getBuffer().setLength(0);
    assertThat(run("kmeans", "--k", "two", "--input", in.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("two");
    err.getBuffer().setLength(0);
    assertThat(run("kmeans", "--k", "1", "--input", in.toString(), "--scale", "zscore"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("zscore");
    err.getBuffer().setLength(0);
    assertThat(run("kmeans", "--k", "1", "--input", dir.resolve("missing.csv").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("does not exist");
  }

  @Test
  void debugPrintsTheStackTrace() throws IOException {
    Path in = csv("a\nzz\n");
    assertThat(run("kmeans", "--k", "1", "--input", in.toString(), "--debug")).isEqualTo(2);
    assertThat(err.toString()).contains("at dev.segmentation");
  }

  @Test
  void missingValuePolicyFromTheCommandLine() throws IOException {
    Path in = csv("a,b\n1,2\n3,\n5,6\n7,8\n");
    assertThat(run("kmeans", "--k", "2", "--input", in.toString(), "--missing", "DROP_ROW"))
        .isZero();
    assertThat(err.toString()).contains("dropped 1 rows").contains("[3]");
    assertThat(out.toString()).contains("3 rows");
  }

  @Test
  void demoRunsTheWholePathOnTheBundledLogAndWritesTheReport() throws IOException {
    Path report = dir.resolve("report.html");
    assertThat(run("demo", "--output", report.toString())).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("23570 customers as of 1998-06-30")
        .contains("k selection by SILHOUETTE")
        .contains("wrote the report to " + report.toAbsolutePath());
    String html = Files.readString(report);
    for (String section : new String[] {"overview", "sizes", "profiles", "map", "selection"}) {
      assertThat(html).contains("<section data-section=\"" + section + "\">");
    }
    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("src=\"http")
        .doesNotContain("href=\"http")
        .contains("</html>");
  }

  @Test
  void helpListsExamplesAndExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("kmeans").contains("demo").contains("Exit codes");
  }

  /** Two tight runs of five and one outlier, in one column. */
  private Path runs() throws IOException {
    return csv("id,x\na,0\nb,0.1\nc,0.2\nd,0.3\ne,0.4\nf,5\ng,5.1\nh,5.2\ni,5.3\nj,5.4\nk,40\n");
  }

  @Test
  void dbscanWritesSegmentAndCoreFlagPerRow() throws IOException {
    Path in = runs();
    Path outFile = dir.resolve("db.csv");
    int code =
        run(
            "dbscan",
            "--eps",
            "0.25",
            "--min-points",
            "3",
            "--scale",
            "none",
            "--input",
            in.toString(),
            "--id",
            "id",
            "--distance",
            "manhattan",
            "--output",
            outFile.toString());
    assertThat(code).as(err.toString()).isZero();
    List<String> lines = Files.readAllLines(outFile);
    assertThat(lines)
        .containsExactly(
            "id,segment,core",
            "a,0,true",
            "b,0,true",
            "c,0,true",
            "d,0,true",
            "e,0,true",
            "f,1,true",
            "g,1,true",
            "h,1,true",
            "i,1,true",
            "j,1,true",
            "k,-1,false");
    assertThat(out.toString())
        .contains("dbscan (")
        .contains("2 segments")
        .contains("10 core points, 1 noise")
        .contains("noise          1");
  }

  @Test
  void hdbscanWritesSegmentProbabilityAndOutlierScorePerRow() throws IOException {
    Path in = runs();
    Path outFile = dir.resolve("hd.csv");
    Path tree = dir.resolve("tree.json");
    Path linkage = dir.resolve("z.csv");
    Path page = dir.resolve("hd.html");
    int code =
        run(
            "hdbscan",
            "--min-cluster-size",
            "3",
            "--scale",
            "none",
            "--input",
            in.toString(),
            "--id",
            "id",
            "--output",
            outFile.toString(),
            "--condensed-tree",
            tree.toString(),
            "--linkage",
            linkage.toString(),
            "--report",
            page.toString(),
            "--top-outliers",
            "1");
    assertThat(code).as(err.toString()).isZero();
    List<String> lines = Files.readAllLines(outFile);
    assertThat(lines.get(0)).isEqualTo("id,segment,probability,outlier_score");
    assertThat(lines).hasSize(12);
    for (int i = 1; i <= 10; i++) {
      String[] f = lines.get(i).split(",", -1);
      assertThat(f[1]).isEqualTo(i <= 5 ? "0" : "1");
      assertThat(Double.parseDouble(f[2])).isBetween(0.0, 1.0).isPositive();
    }
    String[] far = lines.get(11).split(",", -1);
    assertThat(far[1]).isEqualTo("-1");
    assertThat(far[2]).isEqualTo("0");
    assertThat(Double.parseDouble(far[3])).isGreaterThan(0.9);
    assertThat(out.toString())
        .contains("hdbscan (")
        .contains("2 segments")
        .contains("1 noise")
        .contains("most atypical rows")
        .contains("  k  segment -1");
    assertThat(Files.readString(tree)).startsWith("{\"rows\":11,");
    assertThat(Files.readAllLines(linkage)).hasSize(11).first().isEqualTo("left,right,height,size");
    assertThat(Files.readString(page))
        .contains("Customers who defy the segmentation")
        .contains("<td>k</td>");
  }

  @Test
  void opticsWritesOrderReachabilityAndACut() throws IOException {
    Path in = runs();
    Path outFile = dir.resolve("op.csv");
    Path page = dir.resolve("op.html");
    int code =
        run(
            "optics",
            "--min-points",
            "3",
            "--eps",
            "0.25",
            "--scale",
            "none",
            "--input",
            in.toString(),
            "--id",
            "id",
            "--output",
            outFile.toString(),
            "--report",
            page.toString());
    assertThat(code).as(err.toString()).isZero();
    List<String> lines = Files.readAllLines(outFile);
    assertThat(lines.get(0)).isEqualTo("id,segment,order,reachability,core_distance");
    // as DBSCAN at the same radius (dbscanWritesSegmentAndCoreFlagPerRow)
    assertThat(lines.stream().skip(1).map(l -> l.split(",", -1)[1]))
        .containsExactly("0", "0", "0", "0", "0", "1", "1", "1", "1", "1", "-1");
    // the first row starts the order with no reachability; the far row is reached last
    assertThat(lines.get(1)).startsWith("a,0,1,,");
    assertThat(lines.get(11).split(",", -1)[2]).isEqualTo("11");
    assertThat(out.toString()).contains("2 segments, 1 noise").contains("cut at eps 0.25");
    assertThat(Files.readString(page)).contains("Reachability plot").contains("class=\"reach\"");
  }

  @Test
  void dbscanSuggestsEpsAtTheKnee() throws IOException {
    int code =
        run(
            "dbscan",
            "--suggest-eps",
            "--min-points",
            "3",
            "--scale",
            "none",
            "--input",
            runs().toString(),
            "--id",
            "id");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("suggested eps: 0.200000").contains("p100=34.70");
  }

  @Test
  void dbscanBadOptionsExitWithTwoAndSayWhy() throws IOException {
    String in = runs().toString();
    assertThat(run("dbscan", "--input", in, "--id", "id")).isEqualTo(2);
    assertThat(err.toString()).contains("--eps is required unless --suggest-eps");
    assertThat(run("dbscan", "--eps", "-1", "--input", in, "--id", "id")).isEqualTo(2);
    assertThat(err.toString()).contains("eps").contains("> 0");
    assertThat(run("dbscan", "--eps", "1", "--min-points", "0", "--input", in)).isEqualTo(2);
    assertThat(err.toString()).contains("option --min-points");
    assertThat(run("dbscan", "--eps", "1", "--distance", "chebyshev", "--input", in)).isEqualTo(2);
    assertThat(err.toString()).contains("chebyshev");
  }

  @Test
  void hierarchicalWritesLabelsAndTheTree() throws IOException {
    Path in = runs();
    Path labels = dir.resolve("h.csv");
    Path tree = dir.resolve("tree.json");
    int code =
        run(
            "hierarchical",
            "--linkage",
            "single",
            "--k",
            "3",
            "--scale",
            "none",
            "--input",
            in.toString(),
            "--id",
            "id",
            "--output",
            labels.toString(),
            "--dendrogram",
            tree.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(Files.readAllLines(labels))
        .containsExactly(
            "id,segment",
            "a,0",
            "b,0",
            "c,0",
            "d,0",
            "e,0",
            "f,1",
            "g,1",
            "h,1",
            "i,1",
            "j,1",
            "k,2");
    String json = Files.readString(tree);
    assertThat(json)
        .contains("\"linkage\": \"SINGLE\"")
        .contains("\"leaves\": 11")
        .contains("\"monotone\": true")
        .contains("\"leafNames\": [\"a\", \"b\"")
        .contains("\"newick\": \"(");
    // the root joins the outlier at 40 to the run ending at 5.4
    assertThat(json).contains(", 34.6, 11]");
    assertThat(out.toString()).contains("hierarchical (SINGLE)").contains("3 segments");
  }

  @Test
  void hierarchicalRejectsAKOutsideTheData() throws IOException {
    assertThat(run("hierarchical", "--k", "12", "--input", runs().toString(), "--id", "id"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("k").contains("[1, 11]");
    assertThat(run("hierarchical", "--k", "2", "--linkage", "nearest", "--input", "x.csv"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("nearest");
  }

  @Test
  void somWritesSegmentAndUnitPerRow() throws IOException {
    Path in = runs();
    Path outFile = dir.resolve("som.csv");
    int code =
        run(
            "som",
            "--grid",
            "4x1",
            "--segments",
            "3",
            "--topology",
            "hexagonal",
            "--input",
            in.toString(),
            "--id",
            "id",
            "--output",
            outFile.toString());
    assertThat(code).as(err.toString()).isZero();
    List<String> lines = Files.readAllLines(outFile);
    assertThat(lines).hasSize(12);
    assertThat(lines.get(0)).isEqualTo("id,segment,unit");
    // the two tight runs and the outlier land on three different segments
    String a = lines.get(1).split(",", -1)[1];
    String f = lines.get(6).split(",", -1)[1];
    String k = lines.get(11).split(",", -1)[1];
    assertThat(lines.get(5)).startsWith("e," + a + ",");
    assertThat(lines.get(10)).startsWith("j," + f + ",");
    assertThat(List.of(a, f, k)).doesNotHaveDuplicates();
    assertThat(out.toString()).contains("som (BATCH, 4x1 HEXAGONAL)").contains("topographic error");
  }

  @Test
  void somRejectsAMalformedGrid() throws IOException {
    assertThat(run("som", "--grid", "4by3", "--input", runs().toString(), "--id", "id"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--grid").contains("12x8");
  }

  @Test
  void evaluateComparesSegmentsWithClassesById() throws IOException {
    Path seg = dir.resolve("seg.csv");
    Path cls = dir.resolve("cls.csv");
    Files.writeString(seg, "id,segment\na,0\nb,0\nc,1\nd,2\n", StandardCharsets.UTF_8);
    // the same rows in another order, classes as text
    Files.writeString(cls, "id,kind\nd,y\nc,y\nb,x\na,x\n", StandardCharsets.UTF_8);
    int code = run("evaluate", "--labels", seg.toString(), "--truth", cls.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("4 rows, 3 segments, 2 classes")
        .contains("adjusted Rand index            0.571429")
        .contains("normalized mutual information  0.800000")
        .contains("adjusted mutual information    0.571429")
        .contains("purity                         1.000000")
        .contains("x                     2        0        0");
  }

  @Test
  void evaluateNamesTheRowThatIsMissing() throws IOException {
    Path seg = dir.resolve("seg.csv");
    Path cls = dir.resolve("cls.csv");
    Files.writeString(seg, "id,segment\na,0\nz,1\n", StandardCharsets.UTF_8);
    Files.writeString(cls, "id,kind\na,x\nb,y\n", StandardCharsets.UTF_8);
    assertThat(run("evaluate", "--labels", seg.toString(), "--truth", cls.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("id 'z'").contains("is missing from");
    assertThat(
            run(
                "evaluate",
                "--labels",
                seg.toString(),
                "--truth",
                cls.toString(),
                "--truth-column",
                "nope"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("column 'nope' not found");
  }

  /** Issue 24: k-prototypes saved and applied by assign; a K-means model updated by update. */
  @Test
  void kprototypesModelsAreSavedAndAssignedAndKMeansModelsUpdated() throws IOException {
    StringBuilder sb = new StringBuilder("id,spend,channel\n");
    for (int i = 0; i < 40; i++) {
      sb.append("c").append(i).append(',').append(i % 2 == 0 ? 10 + i % 5 : 90 + i % 7);
      sb.append(',').append(i % 2 == 0 ? "web" : "store").append('\n');
    }
    Path in = csv(sb.toString());
    Path model = dir.resolve("kp.json");
    Path labels = dir.resolve("kp.csv");
    assertThat(
            run(
                "kmeans",
                "--k",
                "2",
                "--categorical",
                "channel",
                "--input",
                in.toString(),
                "--id",
                "id",
                "--save",
                model.toString(),
                "--output",
                labels.toString()))
        .as(err.toString())
        .isZero();
    Path assigned = dir.resolve("assigned.csv");
    assertThat(
            run(
                "assign",
                "--model",
                model.toString(),
                "--input",
                in.toString(),
                "--id",
                "id",
                "--output",
                assigned.toString()))
        .as(err.toString())
        .isZero();
    assertThat(Files.readAllLines(assigned)).isEqualTo(Files.readAllLines(labels));
    assertThat(out.toString()).contains("KPrototypesModel (2 segments");

    Path km = dir.resolve("km.json");
    assertThat(
            run(
                "kmeans",
                "--k",
                "2",
                "--columns",
                "spend",
                "--input",
                in.toString(),
                "--id",
                "id",
                "--save",
                km.toString()))
        .isZero();
    Path next = dir.resolve("next.json");
    Path moved = dir.resolve("moved.csv");
    assertThat(
            run(
                "update",
                "--model",
                km.toString(),
                "--input",
                in.toString(),
                "--id",
                "id",
                "--forgetting",
                "0.5",
                "--save",
                next.toString(),
                "--output",
                moved.toString()))
        .as(err.toString())
        .isZero();
    // the training data itself moves nobody
    assertThat(out.toString()).contains("0 rows (0.0%) changed segment").contains("from\\to");
    List<String> rows = Files.readAllLines(moved);
    assertThat(rows.get(0)).isEqualTo("id,segment,previous_segment");
    assertThat(rows).hasSize(41).allSatisfy(r -> assertThat(r.split(",")).hasSize(3));
    assertThat(next).exists();
    assertThat(run("update", "--model", model.toString(), "--input", in.toString(), "--id", "id"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("is a KPrototypesModel; update moves K-means centroids");
  }
}
