package dev.segmentation.cli;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.customer.profile.SegmentProfiles;
import dev.segmentation.hdbscan.HdbscanModel;
import dev.segmentation.optics.ReachabilityPlot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The HTML pages of {@code segment hdbscan --report} and {@code segment optics --report}: the
 * segments found by density, their profiles and map, and what only density methods show (the
 * customers who defy the segmentation, ranked by GLOSH score; the reachability plot).
 */
final class DensityReport {
  private static final int MAP_POINTS = 4000;

  private DensityReport() {}

  /** One of the most atypical rows: who, where, how atypical, and its values. */
  record Atypical(String id, int segment, double score, double probability, String values) {}

  /** The {@code top} rows of highest GLOSH score (ties to the lower row), with their values. */
  static List<Atypical> mostAtypical(Dataset data, HdbscanModel model, int top) {
    double[] scores = model.outlierScores();
    double[] probability = model.probabilities();
    int[] labels = model.trainingLabels();
    List<String> ids = Report.ids(data);
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      rows.add(i);
    }
    rows.sort(
        Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(Integer::intValue));
    List<Atypical> out = new ArrayList<>();
    List<String> columns = data.columnNames();
    for (int t = 0; t < Math.min(top, rows.size()); t++) {
      int i = rows.get(t);
      StringBuilder v = new StringBuilder();
      for (int j = 0; j < columns.size(); j++) {
        v.append(j == 0 ? "" : ", ")
            .append(columns.get(j))
            .append('=')
            .append(HtmlReport.shortNumber(data.get(i, j)));
      }
      out.add(new Atypical(ids.get(i), labels[i], scores[i], probability[i], v.toString()));
    }
    return out;
  }

  static String hdbscan(
      Dataset data, SegmentationResult<HdbscanModel> result, List<Atypical> top, String source) {
    HdbscanModel model = result.model();
    int n = data.numRows();
    int[] labels = result.labels();
    HtmlReport page = new HtmlReport("Density segments of " + source + " (HDBSCAN*)");
    page.section(
        "overview",
        "Overview",
        HtmlReport.facts(
            List.of(
                new String[] {"customers", String.format(Locale.ROOT, "%,d", n)},
                new String[] {"segments", Integer.toString(model.numSegments())},
                new String[] {
                  "in no segment (noise)",
                  String.format(
                      Locale.ROOT,
                      "%,d (%.1f%%)",
                      result.noiseCount(),
                      100.0 * result.noiseCount() / n)
                },
                new String[] {
                  "settings",
                  String.format(
                      Locale.ROOT,
                      "min cluster size %d, min samples %d, %s",
                      model.minClusterSize(),
                      model.minSamples(),
                      model.distance())
                },
                new String[] {"features", String.join(", ", data.columnNames())})));
    segments(page, data, labels, HtmlReport.scaled(data.toRowMajor(), n, model.scaling()));
    page.section(
        "persistence",
        "How stable each segment is",
        persistence(model.persistence())
            + "<p class=\"note\">persistence (excess of mass): how long a segment holds together"
            + " as the density threshold rises, summed over its customers; the segments were"
            + " chosen to make the total largest</p>\n");
    page.section(
        "atypical",
        "Customers who defy the segmentation",
        scoreHistogram(model.outlierScores())
            + atypicalTable(top)
            + "<p class=\"note\">GLOSH outlier score (Campello et al. 2015): 0 for customers in"
            + " the densest part of their group, towards 1 for customers much sparser than the"
            + " group they fall out of. A high score is a reason to look, not to exclude.</p>\n");
    return page.toHtml();
  }

  static String optics(
      Dataset data, ReachabilityPlot plot, int[] labels, String how, String source) {
    int n = data.numRows();
    int segments = 0;
    int noise = 0;
    for (int l : labels) {
      segments = Math.max(segments, l + 1);
      noise += l < 0 ? 1 : 0;
    }
    HtmlReport page = new HtmlReport("Reachability of " + source + " (OPTICS)");
    page.section(
        "overview",
        "Overview",
        HtmlReport.facts(
            List.of(
                new String[] {"customers", String.format(Locale.ROOT, "%,d", n)},
                new String[] {"segments", Integer.toString(segments)},
                new String[] {
                  "in no segment (noise)",
                  String.format(Locale.ROOT, "%,d (%.1f%%)", noise, 100.0 * noise / n)
                },
                new String[] {
                  "settings",
                  "min points "
                      + plot.minPoints()
                      + ", max eps "
                      + (Double.isInfinite(plot.maxEps()) ? "none" : Report.number(plot.maxEps()))
                },
                new String[] {"extraction", how},
                new String[] {"features", String.join(", ", data.columnNames())})));
    page.section(
        "reachability",
        "Reachability plot",
        reachabilityPlot(plot, labels)
            + "<p class=\"note\">customers in OPTICS order; a bar's height is the distance at"
            + " which the customer joins those before it. Valleys are segments, deeper valleys"
            + " denser ones; grey bars reach no segment, and a full-height striped bar starts a"
            + " new group (no customer before it within max eps).</p>\n");
    segments(page, data, labels, standardized(data));
    return page.toHtml();
  }

  /** Sizes, profiles and the map, shared by both pages. */
  private static void segments(HtmlReport page, Dataset data, int[] labels, double[] mapRows) {
    int n = data.numRows();
    SegmentProfiles profiles = SegmentProfiles.of(data, labels).compute();
    page.section("sizes", "Segment sizes", HtmlReport.sizes(profiles, n));
    page.section(
        "profiles",
        "What sets each segment apart",
        HtmlReport.heatMap(profiles, HtmlReport.BETTER));
    int k = 0;
    for (int l : labels) {
      k = Math.max(k, l + 1);
    }
    String[] names = new String[k];
    profiles.segments().forEach(p -> names[p.segment()] = p.name());
    page.section(
        "map",
        "Map of the customers",
        HtmlReport.map(mapRows, n, data.numColumns(), labels, names, MAP_POINTS, 42));
  }

  /** Each column to mean 0 and standard deviation 1, so the map weighs columns alike. */
  private static double[] standardized(Dataset data) {
    double[] x = data.toRowMajor();
    int n = data.numRows();
    return HtmlReport.scaled(x, n, Scaling.standard().fit(x, n, data.columnNames()));
  }

  /** Bars of segment persistence, one {@code rect.persistence} per segment. */
  static String persistence(double[] values) {
    int rowH = 26;
    int labelW = 140;
    int width = 900;
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    StringBuilder sb = HtmlReport.svg(width, rowH * values.length + 60);
    for (int s = 0; s < values.length; s++) {
      double w = max > 0 ? (width - labelW - 120) * values[s] / max : 1;
      sb.append(
          HtmlReport.barRow(
              labelW,
              s * rowH,
              rowH,
              "segment " + s,
              w,
              "class=\"persistence\" fill=\"" + HtmlReport.color(s) + "\"",
              null,
              HtmlReport.shortNumber(values[s])));
    }
    int y = rowH * values.length + 20;
    sb.append(HtmlReport.axisLabel(labelW, y + 16, "persistence (excess of mass)", false));
    sb.append(
        HtmlReport.legend(
            labelW + 260,
            y + 16,
            List.<String[]>of(new String[] {"#4e79a7", "one bar per segment"})));
    return sb.append("</svg>\n").toString();
  }

  /** Counts of outlier scores in ten bins of width 0.1, one {@code rect.bin} per bin. */
  static String scoreHistogram(double[] scores) {
    int[] bins = new int[10];
    for (double s : scores) {
      bins[Math.min(9, (int) Math.floor(s * 10))]++;
    }
    int max = 1;
    for (int b : bins) {
      max = Math.max(max, b);
    }
    int left = 60;
    int plotW = 600;
    int plotH = 200;
    int top = 20;
    StringBuilder sb = HtmlReport.svg(left + plotW + 40, top + plotH + 80);
    double bw = plotW / 10.0;
    for (int b = 0; b < 10; b++) {
      double h = plotH * bins[b] / (double) max;
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"bin\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                  + " fill=\"%s\"><title>%.1f to %.1f: %d customers</title></rect>"
                  + "<text class=\"value\" x=\"%.1f\" y=\"%.1f\">%d</text>"
                  + "<text class=\"value\" x=\"%.1f\" y=\"%d\">%.1f</text>",
              left + b * bw + 2,
              top + plotH - h,
              bw - 4,
              Math.max(h, 1),
              b >= 8 ? "#e15759" : "#4e79a7",
              b / 10.0,
              (b + 1) / 10.0,
              bins[b],
              left + b * bw + bw / 2,
              top + plotH - h - 4,
              bins[b],
              left + b * bw,
              top + plotH + 14,
              b / 10.0));
    }
    sb.append(
        HtmlReport.axisLabel(
            left + plotW / 2.0 - 60, top + plotH + 34, "GLOSH outlier score", false));
    sb.append(HtmlReport.axisLabel(16, top + plotH / 2.0 + 40, "customers", true));
    sb.append(
        HtmlReport.legend(
            left,
            top + plotH + 56,
            List.of(
                new String[] {"#4e79a7", "score below 0.8"},
                new String[] {"#e15759", "0.8 and above: worth a look"})));
    return sb.append("</svg>\n").toString();
  }

  private static String atypicalTable(List<Atypical> top) {
    if (top.isEmpty()) {
      return "";
    }
    List<List<String>> rows = new ArrayList<>();
    for (Atypical a : top) {
      rows.add(
          List.of(
              a.id(),
              a.segment() < 0 ? "none (noise)" : Integer.toString(a.segment()),
              String.format(Locale.ROOT, "%.3f", a.score()),
              String.format(Locale.ROOT, "%.3f", a.probability()),
              a.values()));
    }
    return "<p>The "
        + top.size()
        + " customers with the highest outlier scores:</p>\n"
        + HtmlReport.table(
            List.of("customer", "segment", "outlier score", "membership", "values"), rows);
  }

  /**
   * The reachability plot: one {@code rect.reach} per customer in OPTICS order (at most 2,000 bars
   * drawn: with more customers each bar is the highest of its run), coloured by segment.
   */
  static String reachabilityPlot(ReachabilityPlot plot, int[] labels) {
    double[] r = plot.plot();
    int[] order = plot.ordering();
    int n = r.length;
    double top = 0;
    for (double v : r) {
      top = Double.isFinite(v) ? Math.max(top, v) : top;
    }
    top = top > 0 ? top * 1.1 : 1;
    int bars = Math.min(n, 2000);
    int left = 70;
    int plotW = 960;
    int plotH = 300;
    StringBuilder sb = HtmlReport.svg(left + plotW + 20, plotH + 110);
    sb.append(
        "<defs><pattern id=\"undefined\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\">"
            + "<rect width=\"4\" height=\"4\" fill=\"#ddd\"/><path d=\"M0,4 L4,0\""
            + " stroke=\"#999\"/></pattern></defs>");
    double bw = plotW / (double) bars;
    for (int b = 0; b < bars; b++) {
      int from = (int) ((long) b * n / bars);
      int to = (int) ((long) (b + 1) * n / bars);
      double v = 0;
      int label = labels[order[from]];
      for (int i = from; i < to; i++) {
        v = Math.max(v, r[i]);
        label = labels[order[i]] < 0 ? label : labels[order[i]];
      }
      boolean undefined = Double.isInfinite(v);
      double h = undefined ? plotH : plotH * v / top;
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"reach\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\""
                  + " fill=\"%s\"/>",
              left + b * bw,
              10 + plotH - h,
              Math.max(bw, 0.5),
              Math.max(h, 0.5),
              undefined ? "url(#undefined)" : HtmlReport.color(label)));
    }
    for (int t = 0; t <= 4; t++) {
      double v = top * t / 4;
      double y = 10 + plotH - plotH * t / 4.0;
      sb.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ccc\"/>"
                  + "<text class=\"label\" x=\"%d\" y=\"%.1f\">%s</text>",
              left - 4,
              left + plotW,
              y,
              y,
              left - 6,
              y + 4,
              HtmlReport.shortNumber(v)));
    }
    sb.append(
        HtmlReport.axisLabel(
            left + plotW / 2.0 - 120, plotH + 34, "customers in OPTICS order", false));
    sb.append(HtmlReport.axisLabel(16, 10 + plotH / 2.0 + 60, "reachability distance", true));
    int segments = 0;
    for (int l : labels) {
      segments = Math.max(segments, l + 1);
    }
    List<String[]> items = new ArrayList<>();
    for (int s = 0; s < Math.min(segments, 12); s++) {
      items.add(new String[] {HtmlReport.color(s), "segment " + s});
    }
    items.add(new String[] {HtmlReport.color(-1), "no segment"});
    sb.append(HtmlReport.legend(left, plotH + 60, items));
    return sb.append("</svg>\n").toString();
  }
}
