package dev.segmentation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --k lo..hi}, {@code --select}, {@code --min-share}, {@code --preferred-k}, stability. */
class SelectionCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path blobs;

  private int run(String... args) {
    return SegmentCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
  }

  /** Three groups of 20 rows around (0,0), (20,0) and (0,20), on a small deterministic jitter. */
  @BeforeEach
  void writeBlobs() throws IOException {
    StringBuilder sb = new StringBuilder("id,a,b\n");
    double[][] centres = {{0, 0}, {20, 0}, {0, 20}};
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 20; i++) {
        sb.append(
            String.format(
                Locale.ROOT,
                "c%d_%d,%.3f,%.3f%n",
                c,
                i,
                centres[c][0] + (i % 5) * 0.3,
                centres[c][1] + Math.floorDiv(i, 5) * 0.3));
      }
    }
    blobs = dir.resolve("blobs.csv");
    Files.writeString(blobs, sb.toString(), StandardCharsets.UTF_8);
  }

  @Test
  void kmeansOverARangePrintsTheTableAndKeepsTheChosenK() {
    int code =
        run(
            "kmeans",
            "--k",
            "2..6",
            "--select",
            "silhouette",
            "--min-share",
            "0.05",
            "--input",
            blobs.toString(),
            "--id",
            "id");
    assertThat(code).as(err.toString()).isZero();
    String text = out.toString();
    assertThat(text)
        .contains("k selection by SILHOUETTE (highest silhouette, minimum share 5.0%)")
        .containsPattern("\\*\\s+3 .*chosen")
        .contains("3 segments");
    assertThat(text.lines().filter(l -> l.matches("^[* ]\\s+[2-6] .*"))).hasSize(5);
  }

  @Test
  void everyCriterionNameIsAccepted() {
    for (String c : new String[] {"calinski_harabasz", "davies_bouldin", "gap", "elbow"}) {
      out.getBuffer().setLength(0);
      int code =
          run(
              "kmeans",
              "--k",
              "2..5",
              "--select",
              c,
              "--gap-references",
              "3",
              "--input",
              blobs.toString(),
              "--id",
              "id");
      assertThat(code).as(c + ": " + err).isZero();
      assertThat(out.toString())
          .contains("k selection by " + c.toUpperCase(Locale.ROOT))
          .containsPattern("\\*\\s+3 .*chosen");
    }
  }

  @Test
  void thePreferredRangeAndTheMinimumShareShowInTheTable() {
    int code =
        run(
            "kmeans",
            "--k",
            "2..6",
            "--preferred-k",
            "4..6",
            "--input",
            blobs.toString(),
            "--id",
            "id");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("preferred 4..6")
        .contains("set aside: outside the preferred range")
        .containsPattern("\\*\\s+[456] .*chosen");
  }

  @Test
  void anUnreachableMinimumShareExitsTwoWithTheReasons() {
    int code =
        run(
            "kmeans",
            "--k",
            "2..4",
            "--min-share",
            "0.45",
            "--input",
            blobs.toString(),
            "--id",
            "id");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("no k in 2..4 is eligible")
        .contains("k = 3: rejected: smallest segment 33.3% < minimum share 45.0%");
  }

  @Test
  void badRangesAndMisplacedSelectionOptionsExitTwo() {
    assertThat(run("kmeans", "--k", "2..x", "--input", blobs.toString(), "--id", "id"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--k").contains("range lo..hi");
    err.getBuffer().setLength(0);
    assertThat(
            run("kmeans", "--k", "4", "--select", "gap", "--input", blobs.toString(), "--id", "id"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("apply only to a range of k");
    err.getBuffer().setLength(0);
    assertThat(run("kmeans", "--k", "5..3", "--input", blobs.toString(), "--id", "id"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("5..3");
    err.getBuffer().setLength(0);
    assertThat(
            run(
                "kmeans",
                "--k",
                "3",
                "--stability",
                "-1",
                "--input",
                blobs.toString(),
                "--id",
                "id"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--stability");
    err.getBuffer().setLength(0);
    assertThat(run("kmeans", "--k", "2..80", "--input", blobs.toString(), "--id", "id"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("distinct rows");
  }

  @Test
  void hierarchicalChoosesItsCut() {
    int code =
        run(
            "hierarchical",
            "--k",
            "2..6",
            "--select",
            "calinski_harabasz",
            "--input",
            blobs.toString(),
            "--id",
            "id");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("k selection by CALINSKI_HARABASZ")
        .containsPattern("\\*\\s+3 .*chosen")
        .contains("cut at 3 segments");
  }

  @Test
  void somChoosesItsNumberOfSegments() {
    int code =
        run(
            "som",
            "--grid",
            "5x5",
            "--segments",
            "2..5",
            "--select",
            "davies_bouldin",
            "--input",
            blobs.toString(),
            "--id",
            "id");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("k selection by DAVIES_BOULDIN")
        .containsPattern("\\*\\s+3 .*chosen")
        .contains("3 segments");
  }

  @Test
  void stabilityPrintsOneLinePerSegment() {
    int code =
        run("kmeans", "--k", "3", "--stability", "5", "--input", blobs.toString(), "--id", "id");
    assertThat(code).as(err.toString()).isZero();
    String text = out.toString();
    assertThat(text).contains("stability over 5 bootstrap refits");
    assertThat(text.lines().filter(l -> l.matches("^\\s+[0-2]\\s+1\\.000\\s+5\\s+0\\s+stable$")))
        .hasSize(3);
    assertThat(text).contains("ARI refit vs reference: mean 1.000; between refits: mean 1.000");
    out.getBuffer().setLength(0);
    assertThat(
            run(
                "hierarchical",
                "--k",
                "3",
                "--stability",
                "3",
                "--input",
                blobs.toString(),
                "--id",
                "id"))
        .isZero();
    assertThat(out.toString()).contains("stability over 3 bootstrap refits");
    out.getBuffer().setLength(0);
    assertThat(
            run(
                "som",
                "--grid",
                "4x4",
                "--segments",
                "3",
                "--stability",
                "2",
                "--input",
                blobs.toString(),
                "--id",
                "id"))
        .isZero();
    assertThat(out.toString()).contains("stability over 2 bootstrap refits");
  }
}
