package dev.segmentation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the reports in a real browser (Debian's headless Chromium, installed by {@code .ci/run}
 * when missing), checks from the DOM Chromium built that every section drew the elements the data
 * implies, and keeps a screenshot of each in {@code target/report-screenshots/} as a build
 * artifact.
 */
class ReportBrowserTest {
  @TempDir Path dir;

  private static Path chromium() {
    for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
      String path = System.getenv().getOrDefault("PATH", "/usr/bin");
      for (String p : Pattern.compile(":").splitAsStream(path).toList()) {
        Path c = Path.of(p, name);
        if (Files.isExecutable(c)) {
          return c;
        }
      }
    }
    return fail(
        "headless Chromium is needed to check the HTML report: install Debian's chromium"
            + " (apt-get install chromium); .ci/run does so when it is missing");
  }

  /** Runs Chromium with the flags this machine needs and a fresh profile. */
  private String chromium(List<String> extra, Path page) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "profile");
    List<String> cmd = new ArrayList<>();
    cmd.add(chromium().toString());
    cmd.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--hide-scrollbars",
            "--user-data-dir=" + profile));
    cmd.addAll(extra);
    cmd.add(page.toUri().toString());
    Path log = dir.resolve("chromium-" + System.nanoTime() + ".log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(log.toFile()).start();
    byte[] stdout = p.getInputStream().readAllBytes();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("Chromium did not finish within 90 s: " + cmd);
    }
    assertThat(p.exitValue()).as("chromium exit code; log:\n" + Files.readString(log)).isZero();
    return new String(stdout, StandardCharsets.UTF_8);
  }

  private static int count(String dom, String regex) {
    Matcher m = Pattern.compile(regex).matcher(dom);
    int c = 0;
    while (m.find()) {
      c++;
    }
    return c;
  }

  /** The DOM of one section, as Chromium serialised it. */
  private static String section(String dom, String name) {
    int start = dom.indexOf("<section data-section=\"" + name + "\"");
    assertThat(start).as("section " + name + " rendered").isNotNegative();
    return dom.substring(start, dom.indexOf("</section>", start));
  }

  private Path report(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SegmentCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    return Path.of(args[java.util.Arrays.asList(args).indexOf("--output") + 1]);
  }

  private void screenshot(Path page, String name) throws IOException, InterruptedException {
    Path shots = Path.of("target", "report-screenshots");
    Files.createDirectories(shots);
    Path png = shots.resolve(name + ".png").toAbsolutePath();
    Files.deleteIfExists(png);
    chromium(List.of("--window-size=1200,2600", "--screenshot=" + png), page);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img).as("screenshot " + png).isNotNull();
    // something was painted: a good share of pixels are neither white nor the page background
    assertThat(painted(img)).as("painted pixels in " + png).isGreaterThan(2000);
  }

  /** Pixels that are not white, on a grid of every fourth row and column. */
  private static long painted(BufferedImage img) {
    long painted = 0;
    for (int y = 0; y < img.getHeight(); y += 4) {
      for (int x = 0; x < img.getWidth(); x += 4) {
        painted += (img.getRGB(x, y) & 0xffffff) != 0xffffff ? 1 : 0;
      }
    }
    return painted;
  }

  @Test
  void theDemoReportRendersEverySection() throws Exception {
    Path page = report("demo", "--output", dir.resolve("demo.html").toString());
    String dom = chromium(List.of("--dump-dom"), page);
    assertThat(dom).contains("CDNOW customers: segments as of 1998-06-30");
    String sizes = section(dom, "sizes");
    int k = count(sizes, "<rect class=\"bar\"") - 1; // and the atypical customers' bar
    assertThat(k).isBetween(4, 8);
    assertThat(count(section(dom, "profiles"), "<rect class=\"cell\"")).isEqualTo(k * 4);
    assertThat(count(section(dom, "map"), "<circle class=\"point\"")).isEqualTo(2000);
    String selection = section(dom, "selection");
    assertThat(count(selection, "<circle class=\"k")).isEqualTo(7);
    assertThat(count(selection, "<polyline class=\"curve\"")).isEqualTo(1);
    assertThat(selection).containsPattern("k = \\d chosen by the rule: ");
    // every chart's one-sentence reading
    assertThat(sizes).contains("The largest segment, ");
    assertThat(section(dom, "profiles")).contains("Best for the business: segment ");
    assertThat(section(dom, "overview"))
        .contains("holdout")
        .contains("atypical customers to review");
    // the first screen: one row per segment and one for the atypical customers, adding up to all
    String glance = section(dom, "glance");
    assertThat(count(glance, "<tr data-share=")).isEqualTo(k + 1);
    assertThat(shares(glance)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.001));
    assertThat(shares(sizes)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.001));
    assertThat(glance).contains("revenue share").contains("business states").contains("churned");
    everyChartHasAxesAndALegend(dom);
    noInternalTypeNames(dom);
    selfContained(page, dom);
    // the whole page at 1400 px is the demo's screenshot (one Chromium run fewer than two sizes)
    wholePage(page, "demo-1400");
  }

  /** The sum of the {@code data-share} attributes in a piece of the DOM. */
  private static double shares(String html) {
    Matcher m = Pattern.compile("data-share=\"([0-9.Ee-]+)\"").matcher(html);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  /** Issue 22, item 6: every SVG chart has axis labels and a legend. */
  private static void everyChartHasAxesAndALegend(String dom) {
    Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(dom);
    int charts = 0;
    while (m.find()) {
      charts++;
      String svg = m.group();
      String head = svg.substring(0, Math.min(200, svg.length()));
      assertThat(svg).as("axis labels of " + head).contains("class=\"axis-label\"");
      assertThat(svg).as("legend of " + head).contains("class=\"legend\"");
    }
    assertThat(charts).isGreaterThanOrEqualTo(4);
  }

  /** No Java toString (a record's {@code Name[field=}, an identity hash) reaches the reader. */
  private static void noInternalTypeNames(String dom) {
    String text = dom.replaceAll("<[^>]*>", " ");
    assertThat(text).doesNotContainPattern("[A-Z][A-Za-z]+\\[[a-z0-9]");
    assertThat(text).doesNotContainPattern("@[0-9a-f]{6,}\\b");
  }

  /**
   * The report needs nothing from the network: no external reference in the file, and Chromium with
   * every host unreachable draws the same elements.
   */
  private void selfContained(Path page, String dom) throws Exception {
    String html = Files.readString(page);
    assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"?(https?:)?//");
    assertThat(html).doesNotContainPattern("(?i)url\\(\\s*['\"]?(https?:)?//");
    String offline =
        chromium(
            List.of(
                "--dump-dom",
                "--proxy-server=http://127.0.0.1:9",
                "--host-resolver-rules=MAP * ~NOTFOUND"),
            page);
    assertThat(count(offline, "<(rect|circle|path|polyline|polygon|text)\\b"))
        .isEqualTo(count(dom, "<(rect|circle|path|polyline|polygon|text)\\b"));
  }

  /** The whole report at 1400 px wide, kept under target/ for the reader of the build. */
  private void wholePage(Path page, String name) throws IOException, InterruptedException {
    Path shots = Path.of("target", "report-screenshots");
    Files.createDirectories(shots);
    Path png = shots.resolve(name + ".png").toAbsolutePath();
    Files.deleteIfExists(png);
    chromium(List.of("--window-size=1400,7000", "--screenshot=" + png), page);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(1400);
    assertThat(painted(img)).as("painted pixels in " + png).isGreaterThan(5000);
  }

  /** Issue 23: the HDBSCAN* and OPTICS pages, each chart with axes and a legend. */
  @Test
  void densityPagesDrawOutliersAndTheReachabilityPlot() throws Exception {
    StringBuilder sb = new StringBuilder("id,a,b\n");
    java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
    for (int i = 0; i < 300; i++) {
      double spread = i % 3 == 0 ? 0.2 : 1.5;
      sb.append(
          String.format(
              Locale.ROOT,
              "c%d,%.3f,%.3f%n",
              i,
              (i % 3) * 8 + rng.nextGaussian() * spread,
              rng.nextGaussian() * spread));
    }
    sb.append("far,60,60\n");
    Path data = dir.resolve("density.csv");
    Files.writeString(data, sb.toString());
    Path hd = dir.resolve("hdbscan.html");
    report(
        "hdbscan",
        "--input",
        data.toString(),
        "--id",
        "id",
        "--min-cluster-size",
        "15",
        "--top-outliers",
        "5",
        "--report",
        hd.toString(),
        "--output",
        dir.resolve("hd.csv").toString());
    String dom = chromium(List.of("--dump-dom"), hd);
    assertThat(count(section(dom, "atypical"), "<rect class=\"bin\"")).isEqualTo(10);
    // the far customer heads the table of the most atypical
    assertThat(section(dom, "atypical")).containsPattern("(?s)<td>far</td><td>none \\(noise\\)");
    assertThat(count(section(dom, "persistence"), "<rect class=\"persistence\"")).isEqualTo(3);
    everyChartHasAxesAndALegend(dom);
    noInternalTypeNames(dom);
    selfContained(hd, dom);
    wholePage(hd, "hdbscan-1400");
    Path op = dir.resolve("optics.html");
    report(
        "optics",
        "--input",
        data.toString(),
        "--id",
        "id",
        "--min-points",
        "10",
        "--report",
        op.toString(),
        "--output",
        dir.resolve("op.csv").toString());
    String opDom = chromium(List.of("--dump-dom"), op);
    assertThat(count(section(opDom, "reachability"), "<rect class=\"reach\"")).isEqualTo(301);
    everyChartHasAxesAndALegend(opDom);
    noInternalTypeNames(opDom);
    wholePage(op, "optics-1400");
  }

  /** Issue 24: the k-prototypes page shows each segment's modal levels and level shares. */
  @Test
  void theKPrototypesPageShowsCategoricalProfiles() throws Exception {
    StringBuilder sb = new StringBuilder("id,spend,visits,channel,region\n");
    java.util.SplittableRandom rng = new java.util.SplittableRandom(9);
    String[] channels = {"web", "app", "store"};
    for (int i = 0; i < 300; i++) {
      int g = i % 3;
      sb.append(
          String.format(
              Locale.ROOT,
              "c%d,%.2f,%d,%s,%s%n",
              i,
              40 + 60 * g + rng.nextGaussian() * 8,
              1 + g * 3 + rng.nextInt(2),
              rng.nextInt(10) < 8 ? channels[g] : channels[rng.nextInt(3)],
              "r" + rng.nextInt(9)));
    }
    Path data = dir.resolve("mixed.csv");
    Files.writeString(data, sb.toString());
    Path page = dir.resolve("kprototypes.html");
    report(
        "kmeans",
        "--k",
        "3",
        "--categorical",
        "channel,region",
        "--input",
        data.toString(),
        "--id",
        "id",
        "--report",
        page.toString(),
        "--output",
        dir.resolve("kp.csv").toString());
    String dom = chromium(List.of("--dump-dom"), page);
    String table = section(dom, "categories");
    // three segments, each led by one channel with most of its customers
    for (String c : channels) {
      assertThat(table).containsPattern("<td>" + c + " \\((7|8|9)\\d%\\)</td>");
    }
    String levels = section(dom, "levels");
    // channel: 3 levels; region: the 6 most frequent of 9 and an "other" band; per segment
    assertThat(count(levels, "<rect class=\"level\"")).isEqualTo(3 * 3 + 3 * 7);
    assertThat(levels).contains("other levels");
    assertThat(count(section(dom, "profiles"), "<rect class=\"cell\"")).isEqualTo(3 * 2);
    everyChartHasAxesAndALegend(dom);
    noInternalTypeNames(dom);
    selfContained(page, dom);
    wholePage(page, "kprototypes-1400");
  }

  @Test
  void wardAndSomReportsRenderTheTreeAndTheMaps() throws Exception {
    StringBuilder sb = new StringBuilder("id,a,b\n");
    for (int i = 0; i < 120; i++) {
      sb.append(
          String.format(
              Locale.ROOT,
              "c%d,%.2f,%.2f%n",
              i,
              (i % 3) * 10 + (i % 7) * 0.3,
              (i % 2) * 5 + (i % 11) * 0.2));
    }
    Path data = dir.resolve("data.csv");
    Files.writeString(data, sb.toString());
    Path ward =
        report(
            "report",
            "--input",
            data.toString(),
            "--id",
            "id",
            "--k",
            "2..6",
            "--algorithm",
            "ward",
            "--output",
            dir.resolve("ward.html").toString());
    String dom = chromium(List.of("--dump-dom"), ward);
    assertThat(count(section(dom, "dendrogram"), "<path class=\"merge\"")).isEqualTo(40);
    assertThat(count(section(dom, "selection"), "<circle class=\"k")).isEqualTo(5);
    everyChartHasAxesAndALegend(dom);
    screenshot(ward, "ward");
    Path som =
        report(
            "report",
            "--input",
            data.toString(),
            "--id",
            "id",
            "--k",
            "3",
            "--algorithm",
            "som",
            "--output",
            dir.resolve("som.html").toString());
    String somDom = chromium(List.of("--dump-dom"), som);
    String maps = section(somDom, "som");
    assertThat(count(maps, "<(rect|polygon) class=\"unit\"")).isEqualTo(200);
    assertThat(count(maps, "<circle class=\"hit\"")).isEqualTo(100);
    everyChartHasAxesAndALegend(somDom);
    screenshot(som, "som");
  }

  /**
   * Issue 21, item 6: the decision view, from the files segment propensity --metrics and segment
   * decide write on a simulated log: one bar per decision row, a reliability curve and ten lift
   * bars per model (the logistic regression and the BG/NBD baseline).
   */
  @Test
  void theDecisionViewDrawsSegmentsReliabilityAndLift() throws Exception {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
    StringBuilder sb = new StringBuilder("customer_id,date,amount\n");
    java.time.LocalDate d0 = java.time.LocalDate.of(2025, 1, 1);
    for (int c = 0; c < 400; c++) {
      double rate = 0.004 + 0.05 * rng.nextDouble();
      for (int day = rng.nextInt(60);
          day < 400;
          day += 1 + (int) (-Math.log(1 - rng.nextDouble()) / rate)) {
        sb.append("c").append(c).append(',').append(d0.plusDays(day)).append(',');
        sb.append(10 + rng.nextInt(90)).append('\n');
      }
    }
    Path log = dir.resolve("log.csv");
    Files.writeString(log, sb.toString());
    String[][] steps = {
      {
        "features",
        "--transactions",
        log.toString(),
        "--as-of",
        "2025-12-01",
        "--output",
        dir.resolve("features.csv").toString()
      },
      {
        "propensity",
        "--transactions",
        log.toString(),
        "--cutoff",
        "2025-12-01",
        "--horizon",
        "30d",
        "--output",
        dir.resolve("propensity.csv").toString(),
        "--metrics",
        dir.resolve("metrics.csv").toString()
      },
      {"decide", "--write-template", dir.resolve("rules.json").toString()},
      {
        "decide",
        "--rules",
        dir.resolve("rules.json").toString(),
        "--input",
        dir.resolve("features.csv").toString(),
        "--input",
        dir.resolve("propensity.csv").toString(),
        "--output-dir",
        dir.resolve("audiences").toString()
      }
    };
    for (String[] step : steps) {
      StringWriter err = new StringWriter();
      assertThat(
              SegmentCommand.execute(
                  step, new PrintWriter(new StringWriter()), new PrintWriter(err)))
          .as(step[0] + ": " + err)
          .isZero();
    }
    Path page =
        report(
            "report",
            "--input",
            dir.resolve("features.csv").toString(),
            "--id",
            "customer_id",
            "--columns",
            "recency_days,frequency,monetary_total",
            "--k",
            "3",
            "--decisions",
            dir.resolve("audiences").toString(),
            "--propensity-metrics",
            dir.resolve("metrics.csv").toString(),
            "--output",
            dir.resolve("decisions.html").toString());
    String dom = chromium(List.of("--dump-dom"), page);
    String decisions = section(dom, "decisions");
    // the template's six rules and no action
    assertThat(count(decisions, "<rect class=\"decision ")).isEqualTo(7);
    assertThat(count(decisions, "<rect class=\"decision exclude\"")).isEqualTo(2);
    assertThat(decisions).contains("minimum detectable lift").contains("ready to repeat");
    String scores = section(dom, "propensity");
    assertThat(count(scores, "<polyline class=\"reliability\"")).isEqualTo(2);
    assertThat(count(scores, "<rect class=\"lift\"")).isEqualTo(20);
    assertThat(scores).contains("logistic").contains("bg/nbd").contains("ROC AUC");
    everyChartHasAxesAndALegend(dom);
    noInternalTypeNames(dom);
    screenshot(page, "decisions");
  }
}
