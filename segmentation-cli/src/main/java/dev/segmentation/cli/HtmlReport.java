package dev.segmentation.cli;

import dev.segmentation.api.SelectionTable;
import dev.segmentation.core.data.Rows;
import dev.segmentation.core.preprocess.FittedScaling;
import dev.segmentation.customer.profile.SegmentProfile;
import dev.segmentation.customer.profile.SegmentProfiles;
import dev.segmentation.hierarchical.Dendrogram;
import dev.segmentation.som.SomGrid;
import dev.segmentation.som.SomModel;
import dev.segmentation.som.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * One self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched from the network)
 * describing a segmentation. Every text that comes from the data is escaped. Each section is a
 * {@code <section data-section="...">} with its SVG elements marked by class, so a browser test can
 * count what was drawn.
 */
final class HtmlReport {
  private static final String[] PALETTE = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac"
  };
  private final String title;
  private final List<String> sections = new ArrayList<>();

  HtmlReport(String title) {
    this.title = title;
  }

  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  static String color(int segment) {
    return segment < 0 ? "#999999" : PALETTE[segment % PALETTE.length];
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  private static String px(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** An axis caption ({@code text.axis-label}), turned upright for a vertical axis. */
  static String axisLabel(double x, double y, String text, boolean vertical) {
    return String.format(
        Locale.ROOT,
        "<text class=\"axis-label\" x=\"%s\" y=\"%s\"%s>%s</text>",
        px(x),
        px(y),
        vertical
            ? String.format(Locale.ROOT, " transform=\"rotate(-90 %s %s)\"", px(x), px(y))
            : "",
        esc(text));
  }

  /** A legend ({@code g.legend}): one swatch and one text per item ({colour, text}), in a row. */
  static String legend(double x, double y, List<String[]> items) {
    return legend(x, y, items, false);
  }

  /** A legend in a row, or stacked one item per line. */
  static String legend(double x, double y, List<String[]> items, boolean stacked) {
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT, "<g class=\"legend\" transform=\"translate(%s %s)\">", px(x), px(y)));
    double across = 0;
    double down = 0;
    for (String[] item : items) {
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%s\" y=\"%s\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                  + "<text x=\"%s\" y=\"%s\" class=\"axis\">%s</text>",
              px(across),
              px(down - 9),
              item[0],
              px(across + 14),
              px(down),
              esc(item[1])));
      if (stacked) {
        down += 16;
      } else {
        across += 24 + 6.2 * item[1].length();
      }
    }
    return sb.append("</g>").toString();
  }

  void section(String id, String heading, String body) {
    sections.add(
        "<section data-section=\""
            + esc(id)
            + "\"><h2>"
            + esc(heading)
            + "</h2>\n"
            + body
            + "</section>\n");
  }

  /** A table of label / value pairs (values are text, escaped). */
  static String facts(List<String[]> rows) {
    StringBuilder sb = new StringBuilder("<table class=\"facts\">");
    for (String[] r : rows) {
      sb.append("<tr><th>").append(esc(r[0])).append("</th><td>").append(esc(r[1]));
      sb.append("</td></tr>");
    }
    return sb.append("</table>\n").toString();
  }

  /** A table with a header row (every cell is text, escaped; numbers right-aligned by CSS). */
  static String table(List<String> header, List<List<String>> rows) {
    StringBuilder sb = new StringBuilder("<table class=\"facts\"><tr>");
    for (String h : header) {
      sb.append("<th>").append(esc(h)).append("</th>");
    }
    sb.append("</tr>");
    for (List<String> r : rows) {
      sb.append("<tr>");
      for (String c : r) {
        sb.append("<td>").append(esc(c)).append("</td>");
      }
      sb.append("</tr>");
    }
    return sb.append("</table>\n").toString();
  }

  /**
   * One row of a horizontal bar chart: the label right-aligned before the bar, the bar (at least 1
   * px, with the given attributes, class first, and an optional tooltip), the value after it.
   */
  static String barRow(
      int labelW,
      int y,
      int rowH,
      String label,
      double length,
      String attributes,
      String tooltip,
      String value) {
    double w = Math.max(length, 1);
    return String.format(
        Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" class=\"label\">%s</text>"
            + "<rect %s x=\"%d\" y=\"%d\" width=\"%s\" height=\"%d\"%s"
            + "<text x=\"%s\" y=\"%d\">%s</text>",
        labelW - 8,
        y + 18,
        esc(label),
        attributes,
        labelW,
        y + 4,
        px(w),
        rowH - 8,
        tooltip == null ? "/>" : "><title>" + esc(tooltip) + "</title></rect>",
        px(labelW + w + 6),
        y + 18,
        esc(value));
  }

  /**
   * Horizontal bars, one {@code rect.bar} per segment and one for the atypical customers to review
   * (who are in no segment's profile), so that the shares add up to all customers segmented.
   */
  static String sizes(SegmentProfiles profiles, int total) {
    List<SegmentProfile> segs = nonEmpty(profiles);
    profiles.atypicalGroup().ifPresent(segs::add);
    int rowH = 28;
    int width = 960;
    int labelW = 400;
    int max = 1;
    for (SegmentProfile p : segs) {
      max = Math.max(max, p.size());
    }
    int plotH = rowH * segs.size() + 10;
    StringBuilder sb = svg(width, plotH + 50);
    for (int i = 0; i < segs.size(); i++) {
      SegmentProfile p = segs.get(i);
      double w = (width - labelW - 130) * (double) p.size() / max;
      int y = 5 + i * rowH;
      sb.append(
          barRow(
              labelW,
              y,
              rowH,
              p.segment() < 0 ? p.name() : p.segment() + " " + p.name(),
              w,
              "class=\"bar\" fill=\""
                  + color(p.segment())
                  + "\" data-share=\""
                  + (double) p.size() / total
                  + "\"",
              null,
              String.format(Locale.ROOT, "%,d (%.1f%%)", p.size(), 100.0 * p.size() / total)));
    }
    sb.append(
        axisLabel(
            labelW,
            plotH + 14,
            "customers (share of the " + String.format(Locale.ROOT, "%,d", total) + " segmented)",
            false));
    sb.append(
        legend(
            labelW,
            plotH + 38,
            List.of(
                new String[] {color(0), "a segment (colour as on the map)"},
                new String[] {
                  color(-1), "atypical customers to review: a flag, not an exclusion"
                })));
    SegmentProfile largest = segs.get(0);
    for (SegmentProfile p : segs) {
      largest = p.segment() >= 0 && p.size() > largest.size() ? p : largest;
    }
    return sb.append("</svg>\n<p class=\"note reading\">")
        .append(
            esc(
                String.format(
                    Locale.ROOT,
                    "The largest segment, %d %s, holds %.1f%% of the customers; the bars add up to"
                        + " all %,d customers segmented.",
                    largest.segment(),
                    largest.name(),
                    100.0 * largest.size() / total,
                    total)))
        .append("</p>\n")
        .toString();
  }

  /**
   * Which way is better for the built-in feature columns: {@code -1} lower (recency, gaps, returns,
   * discounts), {@code +1} higher (frequency, spend, tenure, margin, scores), absent neither.
   */
  static final Map<String, Integer> BETTER =
      Map.ofEntries(
          Map.entry("recency_days", -1),
          Map.entry("interpurchase_days", -1),
          Map.entry("return_rate", -1),
          Map.entry("discount_share", -1),
          Map.entry("frequency", 1),
          Map.entry("monetary_total", 1),
          Map.entry("monetary_mean", 1),
          Map.entry("tenure_days", 1),
          Map.entry("margin_rate", 1),
          Map.entry("r_score", 1),
          Map.entry("f_score", 1),
          Map.entry("m_score", 1));

  /**
   * The profile table as a heat map: one {@code rect.cell} per segment and feature, showing the
   * segment's mean and its lift over all customers, coloured by whether that is good (green) or bad
   * (red) for the business given which way the feature is better ({@code better}: -1 lower, +1
   * higher; blue when neither), with a legend.
   */
  static String heatMap(SegmentProfiles profiles, Map<String, Integer> better) {
    List<String> cols = profiles.columns();
    List<SegmentProfile> segs = nonEmpty(profiles);
    int cellW = 130;
    int cellH = 34;
    int labelW = 400;
    int headH = 40;
    int plotH = headH + cellH * segs.size();
    StringBuilder sb = svg(labelW + cellW * cols.size() + 10, plotH + 100);
    for (int j = 0; j < cols.size(); j++) {
      int dir = better.getOrDefault(cols.get(j), 0);
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" class=\"head\">%s</text>"
                  + "<text x=\"%d\" y=\"%d\" class=\"head axis\">%s</text>",
              labelW + j * cellW + cellW / 2,
              headH - 22,
              esc(cols.get(j)),
              labelW + j * cellW + cellW / 2,
              headH - 8,
              dir < 0 ? "lower is better" : dir > 0 ? "higher is better" : "neither"));
    }
    for (int i = 0; i < segs.size(); i++) {
      SegmentProfile p = segs.get(i);
      int y = headH + i * cellH;
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" class=\"label\">%s</text>",
              labelW - 8,
              y + 21,
              esc(p.segment() + " " + p.name())));
      double[] lift = p.lift();
      double[] mean = p.mean();
      for (int j = 0; j < cols.size(); j++) {
        sb.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"cell\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
                    + "<title>%s</title></rect>",
                labelW + j * cellW,
                y,
                cellW - 2,
                cellH - 2,
                cellColor(lift[j], better.getOrDefault(cols.get(j), 0)),
                esc(cols.get(j) + ": mean " + f(mean[j]) + ", lift " + f(lift[j]))));
        sb.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" class=\"value\">%s%s</text>",
                labelW + j * cellW + cellW / 2,
                y + 21,
                esc(shortNumber(mean[j])),
                Double.isNaN(lift[j]) ? "" : String.format(Locale.ROOT, " (%.2fx)", lift[j])));
      }
    }
    sb.append(
        axisLabel(
            labelW, plotH + 20, "cells: the segment's mean (its lift over all customers)", false));
    sb.append(
        legend(
            labelW,
            plotH + 48,
            List.of(
                new String[] {cellColor(3, 1), "better than average"},
                new String[] {cellColor(1 / 3.0, 1), "worse than average"},
                new String[] {cellColor(3, 0), "above average (neither better nor worse)"},
                new String[] {cellColor(1 / 3.0, 0), "below average (neither better nor worse)"}),
            true));
    sb.append("</svg>\n");
    // the reading: the best and the worst cell for the business among the directed features
    String best = null;
    String worst = null;
    double hi = 0;
    double lo = 0;
    for (SegmentProfile p : segs) {
      for (int j = 0; j < cols.size(); j++) {
        int dir = better.getOrDefault(cols.get(j), 0);
        double lift = p.lift()[j];
        if (dir == 0 || !(lift > 0) || Double.isInfinite(lift)) {
          continue;
        }
        double goodness = dir * Math.log(lift);
        String cell =
            String.format(
                Locale.ROOT,
                "segment %d on %s (%.2fx the average)",
                p.segment(),
                cols.get(j),
                lift);
        if (goodness > hi) {
          hi = goodness;
          best = cell;
        }
        if (goodness < lo) {
          lo = goodness;
          worst = cell;
        }
      }
    }
    if (best != null || worst != null) {
      sb.append("<p class=\"note reading\">")
          .append(
              esc(
                  (best == null ? "" : "Best for the business: " + best + ". ")
                      + (worst == null ? "" : "Worst: " + worst + ".")))
          .append("</p>\n");
    }
    return sb.toString();
  }

  /**
   * The segments that kept customers: a segment whose every customer was flagged atypical has no
   * profile to draw (its customers are in the atypical group, which says so).
   */
  static List<SegmentProfile> nonEmpty(SegmentProfiles profiles) {
    List<SegmentProfile> out = new ArrayList<>();
    for (SegmentProfile p : profiles.segments()) {
      if (p.size() > 0) {
        out.add(p);
      }
    }
    return out;
  }

  /** A mean in at most four significant digits, thousands grouped. */
  static String shortNumber(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return a >= 100
        ? String.format(Locale.ROOT, "%.0f", v)
        : a >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  /**
   * Green where the lift is good for the business, red where bad, by the feature's direction; blue
   * above and orange below where the feature has none; stronger the farther the lift is from 1 (on
   * a log scale, full at 3x or 1/3).
   */
  static String cellColor(double lift, int direction) {
    if (!(lift > 0) || Double.isInfinite(lift)) {
      return "#eeeeee";
    }
    double t = Math.max(-1, Math.min(1, Math.log(lift) / Math.log(3)));
    double[] to;
    if (direction == 0) {
      to = t >= 0 ? new double[] {78, 121, 167} : new double[] {242, 142, 43};
    } else {
      to = t * direction >= 0 ? new double[] {89, 161, 79} : new double[] {225, 87, 89};
    }
    double a = Math.abs(t) * 0.85;
    return String.format(
        Locale.ROOT,
        "#%02x%02x%02x",
        Math.round(255 + (to[0] - 255) * a),
        Math.round(255 + (to[1] - 255) * a),
        Math.round(255 + (to[2] - 255) * a));
  }

  /**
   * The customers on their first two principal components (of the preprocessed rows), one {@code
   * circle.point} per drawn customer (a seeded sample of at most {@code maxPoints}).
   */
  static String map(
      double[] x, int n, int d, int[] labels, String[] names, int maxPoints, long seed) {
    double[][] pc = principalComponents(x, n, d);
    int[] rows = sample(n, maxPoints, seed);
    double[] px = new double[rows.length];
    double[] py = new double[rows.length];
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < rows.length; r++) {
      int i = rows[r];
      for (int j = 0; j < d; j++) {
        px[r] += x[i * d + j] * pc[0][j];
        py[r] += x[i * d + j] * (pc.length > 1 ? pc[1][j] : 0);
      }
      minX = Math.min(minX, px[r]);
      maxX = Math.max(maxX, px[r]);
      minY = Math.min(minY, py[r]);
      maxY = Math.max(maxY, py[r]);
    }
    int size = 640;
    int left = 30;
    double sx = maxX > minX ? (size - 40) / (maxX - minX) : 1;
    double sy = maxY > minY ? (size - 40) / (maxY - minY) : 1;
    List<String[]> items = new ArrayList<>();
    for (int k = 0; k < names.length; k++) {
      items.add(new String[] {color(k), k + " " + (names[k] == null ? "" : names[k])});
    }
    for (int label : labels) {
      if (label < 0) {
        items.add(new String[] {color(-1), "in no segment (noise)"});
        break;
      }
    }
    StringBuilder sb = svg(size + left, size + 40 + 16 * items.size());
    sb.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"0\" width=\"640\" height=\"640\" fill=\"#fafafa\"/>",
            left));
    for (int r = 0; r < rows.length; r++) {
      sb.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"point\" cx=\"%s\" cy=\"%s\" r=\"2.5\" fill=\"%s\"/>",
              px(left + 20 + (px[r] - minX) * sx),
              px(size - 20 - (py[r] - minY) * sy),
              color(labels[rows[r]])));
    }
    sb.append(axisLabel(left + size / 2.0 - 80, size + 16, "first principal component", false));
    sb.append(axisLabel(16, size / 2.0 + 80, "second principal component", true));
    sb.append(legend(left, size + 40, items, true));
    return sb.append(
            "</svg>\n<p class=\"note\">first two principal components of the"
                + " preprocessed features; ")
        .append(rows.length)
        .append(" of ")
        .append(n)
        .append(" customers drawn</p>\n")
        .toString();
  }

  static int[] sample(int n, int max, long seed) {
    if (n <= max) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    return Rows.sample(n, max, new SplittableRandom(seed));
  }

  /** The unit eigenvectors of the two largest eigenvalues of the covariance (EJML). */
  static double[][] principalComponents(double[] x, int n, int d) {
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[i * d + j] / n;
      }
    }
    DMatrixRMaj cov = new DMatrixRMaj(d, d);
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        double va = x[i * d + a] - mean[a];
        for (int b = 0; b < d; b++) {
          cov.add(a, b, va * (x[i * d + b] - mean[b]) / n);
        }
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(cov)) {
      double[][] axes = new double[Math.min(2, d)][d];
      for (int k = 0; k < axes.length; k++) {
        axes[k][k] = 1;
      }
      return axes;
    }
    Integer[] order = new Integer[d];
    for (int k = 0; k < d; k++) {
      order[k] = k;
    }
    Arrays.sort(
        order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
    double[][] out = new double[Math.min(2, d)][];
    for (int k = 0; k < out.length; k++) {
      out[k] = eig.getEigenVector(order[k]).getData().clone();
    }
    return out;
  }

  /**
   * The criterion per k: a {@code polyline.curve} and one {@code circle.k} per k coloured by what
   * the rule did with it (chosen, eligible, set aside outside the preferred range, rejected), with
   * axes, a legend, and one sentence saying why the chosen k won and, when a k scores better, why
   * that one was not chosen.
   */
  static String selectionCurve(SelectionTable table) {
    List<SelectionTable.Row> rows = table.rows();
    boolean elbow = table.criterion().equals("ELBOW");
    boolean lowerBetter = elbow || table.criterion().equals("DAVIES_BOULDIN");
    String measure =
        elbow ? "inertia" : table.criterion().toLowerCase(Locale.ROOT).replace('_', '-');
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    SelectionTable.Row best = null;
    for (SelectionTable.Row r : rows) {
      double v = elbow ? r.inertia() : r.value();
      if (Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        double b = best == null ? Double.NaN : elbow ? best.inertia() : best.value();
        if (best == null || (lowerBetter ? v < b : v > b)) {
          best = r;
        }
      }
    }
    if (!(max > min)) {
      max = min + 1;
    }
    int w = 700;
    int h = 360;
    int left = 90;
    int plotH = h - 90;
    int kMin = rows.get(0).k();
    int kMax = rows.get(rows.size() - 1).k();
    double sx = (w - left - 40) / (double) Math.max(1, kMax - kMin);
    StringBuilder sb = svg(w, h);
    StringBuilder line = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (SelectionTable.Row r : rows) {
      double v = elbow ? r.inertia() : r.value();
      if (!Double.isFinite(v)) {
        continue;
      }
      double cx = left + (r.k() - kMin) * sx;
      double cy = plotH - (v - min) / (max - min) * (plotH - 30);
      line.append(px(cx)).append(',').append(px(cy)).append(' ');
      boolean chosen = r.k() == table.chosenK();
      String fill =
          chosen
              ? "#e15759"
              : r.eligible() ? "#4e79a7" : r.note().startsWith("set aside") ? "#f28e2b" : "#bbbbbb";
      dots.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"k%s\" cx=\"%s\" cy=\"%s\" r=\"%d\" fill=\"%s\"><title>%s</title>"
                  + "</circle><text x=\"%s\" y=\"%d\" class=\"axis\">%d</text>",
              chosen ? " chosen" : "",
              px(cx),
              px(cy),
              chosen ? 7 : 5,
              fill,
              esc("k = " + r.k() + ": " + f(v) + (r.note().isEmpty() ? "" : "; " + r.note())),
              px(cx - 3),
              plotH + 18,
              r.k()));
    }
    sb.append(
            "<polyline class=\"curve\" fill=\"none\" stroke=\"#4e79a7\" stroke-width=\"2\""
                + " points=\"")
        .append(line.toString().trim())
        .append("\"/>");
    sb.append(dots);
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" class=\"axis\">%s</text>"
                + "<text x=\"%d\" y=\"%d\" class=\"axis\">%s</text>",
            left - 60,
            30,
            esc(f(max)),
            left - 60,
            plotH,
            esc(f(min))));
    sb.append(
        axisLabel(left + (w - left) / 2.0 - 90, plotH + 38, "k, the number of segments", false));
    sb.append(
        axisLabel(
            18,
            plotH / 2.0 + 60,
            measure + (lowerBetter ? " (lower is better)" : " (higher is better)"),
            true));
    sb.append(
        legend(
            left,
            h - 18,
            List.of(
                new String[] {"#e15759", "chosen"},
                new String[] {"#4e79a7", "eligible"},
                new String[] {"#f28e2b", "set aside (outside the preferred range)"},
                new String[] {"#bbbbbb", "rejected"})));
    sb.append("</svg>\n");
    StringBuilder reading =
        new StringBuilder("k = ")
            .append(table.chosenK())
            .append(" chosen by the rule: ")
            .append(table.rule())
            .append('.');
    if (best != null && best.k() != table.chosenK()) {
      reading
          .append(" k = ")
          .append(best.k())
          .append(" scores ")
          .append(lowerBetter ? "lower" : "higher")
          .append(" but was not chosen: ")
          .append(best.note().isEmpty() ? "the rule prefers the chosen one" : best.note())
          .append('.');
    }
    return sb.append("<p class=\"note reading\">")
        .append(esc(reading.toString()))
        .append("</p>\n")
        .toString();
  }

  /**
   * The top {@code merges} merges of a dendrogram: one {@code path.merge} per merge, the subtrees
   * below them as leaves.
   */
  static String dendrogram(Dendrogram tree, int merges) {
    int n = tree.numLeaves();
    int m = Math.min(merges, n - 1);
    int first = n - 1 - m;
    // leaves of the drawing: children of the drawn merges that are not drawn merges themselves
    List<Integer> leaves = new ArrayList<>();
    collect(tree, n, first, n + n - 2, leaves);
    double[] xOf = new double[2 * n - 1];
    Arrays.fill(xOf, Double.NaN);
    int w = 760;
    int h = 380;
    double step = (w - 40) / (double) Math.max(1, leaves.size());
    for (int i = 0; i < leaves.size(); i++) {
      xOf[leaves.get(i)] = 20 + step * (i + 0.5);
    }
    double top = tree.height(n - 2);
    double bottom = first > 0 ? tree.height(first - 1) : 0;
    double range = top > bottom ? top - bottom : 1;
    StringBuilder sb = svg(w, h);
    for (int t = first; t < n - 1; t++) {
      int a = tree.left(t);
      int b = tree.right(t);
      xOf[n + t] = (xOf[a] + xOf[b]) / 2;
      double y = yOf(tree.height(t), bottom, range, h);
      double ya = a >= n + first ? yOf(tree.height(a - n), bottom, range, h) : h - 20;
      double yb = b >= n + first ? yOf(tree.height(b - n), bottom, range, h) : h - 20;
      sb.append(
          String.format(
              Locale.ROOT,
              "<path class=\"merge\" d=\"M%s %s V%s H%s V%s\" fill=\"none\" stroke=\"#4e79a7\"/>",
              px(xOf[a]),
              px(ya),
              px(y),
              px(xOf[b]),
              px(yb)));
    }
    sb.append(axisLabel(14, h / 2.0 + 50, "merge height", true));
    sb.append(
        legend(
            40,
            h - 4,
            List.<String[]>of(
                new String[] {"#4e79a7", "a merge of two groups, drawn at its height"})));
    return sb.append("</svg>\n<p class=\"note\">the last ")
        .append(m)
        .append(" merges; heights from ")
        .append(f(bottom))
        .append(" to ")
        .append(f(top))
        .append("</p>\n")
        .toString();
  }

  private static double yOf(double height, double bottom, double range, int h) {
    return h - 20 - (height - bottom) / range * (h - 40);
  }

  private static void collect(Dendrogram tree, int n, int first, int node, List<Integer> out) {
    if (node >= n + first) {
      collect(tree, n, first, tree.left(node - n), out);
      collect(tree, n, first, tree.right(node - n), out);
    } else {
      out.add(node);
    }
  }

  /** The U-matrix ({@code class="umatrix"}) and hit map ({@code class="hits"}) of a SOM. */
  static String somMaps(SomModel som) {
    SomGrid g = som.grid();
    double[] u = som.uMatrix();
    int[] hits = som.hitCounts();
    int[] seg = som.unitSegments();
    double[][] xy = g.coordinates();
    double maxU = 0;
    int maxHits = 1;
    double maxX = 0;
    double maxY = 0;
    for (int k = 0; k < u.length; k++) {
      maxU = Math.max(maxU, u[k]);
      maxHits = Math.max(maxHits, hits[k]);
      maxX = Math.max(maxX, xy[k][0]);
      maxY = Math.max(maxY, xy[k][1]);
    }
    double cell = Math.min(34, 560 / Math.max(1, Math.max(maxX, maxY) + 1));
    int w = Math.max(300, (int) Math.ceil((maxX + 1.5) * cell) + 20);
    int h = (int) Math.ceil((maxY + 1.5) * cell) + 20;
    StringBuilder sb = new StringBuilder();
    for (String kind : new String[] {"umatrix", "hits"}) {
      sb.append("<figure><figcaption>")
          .append(kind.equals("umatrix") ? "U-matrix (dark: borders)" : "hits (customers per unit)")
          .append("</figcaption>");
      sb.append(svg(w, h + 44));
      for (int k = 0; k < u.length; k++) {
        double cx = 10 + (xy[k][0] + 0.75) * cell;
        double cy = 10 + (xy[k][1] + 0.75) * cell;
        if (kind.equals("umatrix")) {
          int shade = (int) Math.round(235 - 200 * (maxU > 0 ? u[k] / maxU : 0));
          String fill = String.format(Locale.ROOT, "#%02x%02x%02x", shade, shade, shade);
          sb.append(unitShape(g.topology(), cx, cy, cell, fill));
        } else {
          sb.append(unitShape(g.topology(), cx, cy, cell, "#f4f4f4"));
          double r = cell * 0.45 * Math.sqrt((double) hits[k] / maxHits);
          sb.append(
              String.format(
                  Locale.ROOT,
                  "<circle class=\"hit\" cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\"><title>unit %d,"
                      + " segment %d: %d customers</title></circle>",
                  px(cx),
                  px(cy),
                  px(Math.max(r, 0.5)),
                  color(seg[k]),
                  k,
                  seg[k],
                  hits[k]));
        }
      }
      sb.append(axisLabel(10, h + 14, "map units (columns x rows of the grid)", false));
      sb.append(
          legend(
              10,
              h + 34,
              kind.equals("umatrix")
                  ? List.<String[]>of(
                      new String[] {"#232323", "far from neighbours (a border)"},
                      new String[] {"#ebebeb", "close to neighbours"})
                  : List.<String[]>of(
                      new String[] {color(0), "circle area: customers; colour: segment"})));
      sb.append("</svg></figure>\n");
    }
    return sb.toString();
  }

  private static String unitShape(Topology t, double cx, double cy, double cell, String fill) {
    if (t == Topology.HEXAGONAL) {
      StringBuilder pts = new StringBuilder();
      double r = cell * 0.58;
      for (int a = 0; a < 6; a++) {
        double ang = Math.PI / 6 + a * Math.PI / 3;
        pts.append(px(cx + r * Math.cos(ang))).append(',').append(px(cy + r * Math.sin(ang)));
        pts.append(' ');
      }
      return "<polygon class=\"unit\" points=\""
          + pts.toString().trim()
          + "\" fill=\""
          + fill
          + "\" stroke=\"#ffffff\"/>";
    }
    return String.format(
        Locale.ROOT,
        "<rect class=\"unit\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\""
            + " stroke=\"#ffffff\"/>",
        px(cx - cell / 2),
        px(cy - cell / 2),
        px(cell),
        px(cell),
        fill);
  }

  /** Preprocesses every row with the model's scaling, for the map. */
  static double[] scaled(double[] x, int n, FittedScaling scaling) {
    double[] out = x.clone();
    scaling.transformInPlace(out, n);
    return out;
  }

  static StringBuilder svg(int w, int h) {
    return new StringBuilder(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\">",
            w,
            h,
            w,
            h));
  }

  String toHtml() {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    sb.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    sb.append("<title>").append(esc(title)).append("</title><style>");
    sb.append(
        "body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
            + "margin:2em auto;max-width:1100px;color:#222;padding:0 1em}"
            + "h1{font-size:1.6em}h2{font-size:1.2em;border-bottom:1px solid #ddd;"
            + "padding-bottom:.3em;margin-top:2em}"
            + "table.facts th{text-align:left;padding-right:1.5em;font-weight:600}"
            + "table.facts td,table.facts th{padding:.2em .5em}"
            + "svg{max-width:100%;height:auto;display:block;margin:.5em 0}"
            + "svg text{font-size:12px;fill:#333}svg text.label{text-anchor:end}"
            + "svg text.head,svg text.value{text-anchor:middle}svg text.axis{font-size:11px}"
            + "figure{display:inline-block;margin:0 2em 1em 0}.note{color:#666;font-size:.9em}");
    sb.append("</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n");
    for (String s : sections) {
      sb.append(s);
    }
    sb.append("</body></html>\n");
    return sb.toString();
  }
}
