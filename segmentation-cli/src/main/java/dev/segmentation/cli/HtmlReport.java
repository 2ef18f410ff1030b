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

  /** Horizontal bars, one {@code rect.bar} per segment. */
  static String sizes(SegmentProfiles profiles, int total) {
    List<SegmentProfile> segs = profiles.segments();
    int rowH = 28;
    int width = 860;
    int labelW = 300;
    int max = 1;
    for (SegmentProfile p : segs) {
      max = Math.max(max, p.size());
    }
    StringBuilder sb = svg(width, rowH * segs.size() + 10);
    for (int i = 0; i < segs.size(); i++) {
      SegmentProfile p = segs.get(i);
      double w = (width - labelW - 130) * (double) p.size() / max;
      int y = 5 + i * rowH;
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" class=\"label\">%s</text>",
              labelW - 8,
              y + 18,
              esc(p.segment() + " " + p.name())));
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%s\" height=\"%d\" fill=\"%s\"/>",
              labelW,
              y + 4,
              px(Math.max(w, 1)),
              rowH - 8,
              color(p.segment())));
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%s\" y=\"%d\">%d (%.1f%%)</text>",
              px(labelW + Math.max(w, 1) + 6),
              y + 18,
              p.size(),
              100.0 * p.size() / total));
    }
    return sb.append("</svg>\n").toString();
  }

  /** The profile table as a heat map of lifts: one {@code rect.cell} per segment and feature. */
  static String heatMap(SegmentProfiles profiles) {
    List<String> cols = profiles.columns();
    List<SegmentProfile> segs = profiles.segments();
    int cellW = 120;
    int cellH = 30;
    int labelW = 300;
    int headH = 40;
    StringBuilder sb = svg(labelW + cellW * cols.size() + 10, headH + cellH * segs.size() + 10);
    for (int j = 0; j < cols.size(); j++) {
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" class=\"head\">%s</text>",
              labelW + j * cellW + cellW / 2,
              headH - 12,
              esc(cols.get(j))));
    }
    for (int i = 0; i < segs.size(); i++) {
      SegmentProfile p = segs.get(i);
      int y = headH + i * cellH;
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" class=\"label\">%s</text>",
              labelW - 8,
              y + 20,
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
                liftColor(lift[j]),
                esc(cols.get(j) + ": mean " + f(mean[j]) + ", lift " + f(lift[j]))));
        sb.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" class=\"value\">%s</text>",
                labelW + j * cellW + cellW / 2,
                y + 19,
                Double.isNaN(lift[j]) ? "-" : String.format(Locale.ROOT, "%.2fx", lift[j])));
      }
    }
    return sb.append("</svg>\n").toString();
  }

  /** Blue below the population, red above, on a log scale of the lift. */
  private static String liftColor(double lift) {
    if (!(lift > 0) || Double.isInfinite(lift)) {
      return "#eeeeee";
    }
    double t = Math.max(-1, Math.min(1, Math.log(lift) / Math.log(3)));
    int r = (int) Math.round(t > 0 ? 255 : 255 + 180 * t);
    int g = (int) Math.round(255 - 170 * Math.abs(t));
    int b = (int) Math.round(t < 0 ? 255 : 255 - 180 * t);
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  /**
   * The customers on their first two principal components (of the preprocessed rows), one {@code
   * circle.point} per drawn customer (a seeded sample of at most {@code maxPoints}).
   */
  static String map(double[] x, int n, int d, int[] labels, int maxPoints, long seed) {
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
    double sx = maxX > minX ? (size - 40) / (maxX - minX) : 1;
    double sy = maxY > minY ? (size - 40) / (maxY - minY) : 1;
    StringBuilder sb = svg(size, size);
    sb.append("<rect x=\"0\" y=\"0\" width=\"640\" height=\"640\" fill=\"#fafafa\"/>");
    for (int r = 0; r < rows.length; r++) {
      sb.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"point\" cx=\"%s\" cy=\"%s\" r=\"2.5\" fill=\"%s\"/>",
              px(20 + (px[r] - minX) * sx),
              px(size - 20 - (py[r] - minY) * sy),
              color(labels[rows[r]])));
    }
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

  /** The criterion per k: a {@code polyline.curve} and one {@code circle.k} per k. */
  static String selectionCurve(SelectionTable table) {
    List<SelectionTable.Row> rows = table.rows();
    boolean elbow = table.criterion().equals("ELBOW");
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (SelectionTable.Row r : rows) {
      double v = elbow ? r.inertia() : r.value();
      if (Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (!(max > min)) {
      max = min + 1;
    }
    int w = 640;
    int h = 320;
    int kMin = rows.get(0).k();
    int kMax = rows.get(rows.size() - 1).k();
    double sx = (w - 80) / (double) Math.max(1, kMax - kMin);
    StringBuilder sb = svg(w, h);
    StringBuilder line = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (SelectionTable.Row r : rows) {
      double v = elbow ? r.inertia() : r.value();
      if (!Double.isFinite(v)) {
        continue;
      }
      double cx = 50 + (r.k() - kMin) * sx;
      double cy = h - 40 - (v - min) / (max - min) * (h - 80);
      line.append(px(cx)).append(',').append(px(cy)).append(' ');
      boolean chosen = r.k() == table.chosenK();
      dots.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"k%s\" cx=\"%s\" cy=\"%s\" r=\"%d\" fill=\"%s\"><title>%s</title>"
                  + "</circle><text x=\"%s\" y=\"%d\" class=\"axis\">%d</text>",
              chosen ? " chosen" : "",
              px(cx),
              px(cy),
              chosen ? 7 : 4,
              chosen ? "#e15759" : r.eligible() ? "#4e79a7" : "#bbbbbb",
              esc("k = " + r.k() + ": " + f(v) + (r.note().isEmpty() ? "" : "; " + r.note())),
              px(cx),
              h - 15,
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
            "<text x=\"10\" y=\"20\" class=\"axis\">%s (%s); grey: rejected</text>",
            esc(elbow ? "inertia" : table.criterion().toLowerCase(Locale.ROOT)),
            esc(table.rule())));
    return sb.append("</svg>\n").toString();
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
    int h = 360;
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
    int w = (int) Math.ceil((maxX + 1.5) * cell) + 20;
    int h = (int) Math.ceil((maxY + 1.5) * cell) + 20;
    StringBuilder sb = new StringBuilder();
    for (String kind : new String[] {"umatrix", "hits"}) {
      sb.append("<figure><figcaption>")
          .append(kind.equals("umatrix") ? "U-matrix (dark: borders)" : "hits (customers per unit)")
          .append("</figcaption>");
      sb.append(svg(w, h));
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
