package dev.segmentation.cli;

import dev.segmentation.api.MixedDataset;
import dev.segmentation.customer.profile.SegmentProfiles;
import dev.segmentation.kprototypes.KPrototypesModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTML page of {@code segment kmeans --categorical ... --report}: the k-prototypes segments,
 * their numeric profile, and for every categorical column how its levels are shared out in each
 * segment, the modal level marked.
 */
final class CategoricalReport {
  /** Levels shown per column; the rest are one "other" band. */
  static final int TOP_LEVELS = 6;

  private CategoricalReport() {}

  static String page(MixedDataset data, int[] labels, KPrototypesModel model, String source) {
    int n = data.numRows();
    int k = model.numSegments();
    HtmlReport page = new HtmlReport("Segments of " + source + " (k-prototypes)");
    page.section(
        "overview",
        "Overview",
        HtmlReport.facts(
            List.of(
                new String[] {"customers", String.format(Locale.ROOT, "%,d", n)},
                new String[] {"segments", Integer.toString(k)},
                new String[] {"numeric columns", String.join(", ", data.numericNames())},
                new String[] {"categorical columns", String.join(", ", data.categoricalNames())},
                new String[] {
                  "gamma (cost of one category mismatch)", HtmlReport.shortNumber(model.gamma())
                })));
    if (data.numNumeric() > 0) {
      SegmentProfiles profiles = SegmentProfiles.of(data.numericPart(), labels).compute();
      page.section("sizes", "Segment sizes", HtmlReport.sizes(profiles, n));
      page.section(
          "profiles",
          "What sets each segment apart (numeric columns)",
          HtmlReport.heatMap(profiles, HtmlReport.BETTER));
    }
    MixedReport.Profile profile = new MixedReport.Profile(data, labels, k);
    List<String> header = new ArrayList<>(List.of("segment", "size"));
    header.addAll(data.categoricalNames());
    List<List<String>> rows = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      List<String> row = new ArrayList<>();
      row.add("segment " + s);
      row.add(String.format(Locale.ROOT, "%,d", profile.sizes[s]));
      for (int j = 0; j < data.numCategorical(); j++) {
        row.add(
            profile.sizes[s] == 0
                ? "-"
                : String.format(
                    Locale.ROOT,
                    "%s (%.0f%%)",
                    profile.modes[s][j],
                    100 * profile.modeShares[s][j]));
      }
      rows.add(row);
    }
    page.section(
        "categories",
        "Categorical profiles: the modal level of each segment and its share",
        HtmlReport.table(header, rows));
    StringBuilder bars = new StringBuilder();
    for (int j = 0; j < data.numCategorical(); j++) {
      bars.append("<figure><figcaption>")
          .append(HtmlReport.esc(data.categoricalNames().get(j)))
          .append("</figcaption>")
          .append(levelBars(data, labels, k, j))
          .append("</figure>\n");
    }
    page.section("levels", "How each segment's customers spread over the levels", bars.toString());
    return page.toHtml();
  }

  /** One stacked bar per segment: the share of each of the column's most frequent levels. */
  static String levelBars(MixedDataset data, int[] labels, int k, int column) {
    long[] overall = data.levelCounts(column);
    int levels = overall.length;
    Integer[] order = new Integer[levels];
    for (int l = 0; l < levels; l++) {
      order[l] = l;
    }
    java.util.Arrays.sort(order, (a, b) -> Long.compare(overall[b], overall[a]));
    int shown = Math.min(TOP_LEVELS, levels);
    int[] band = new int[levels];
    for (int r = 0; r < levels; r++) {
      band[order[r]] = r < shown ? r : shown;
    }
    int bands = shown + (levels > shown ? 1 : 0);
    long[][] counts = new long[k][bands];
    long[] sizes = new long[k];
    for (int i = 0; i < labels.length; i++) {
      int c = data.code(i, column);
      if (labels[i] >= 0 && c != MixedDataset.MISSING) {
        counts[labels[i]][band[c]]++;
        sizes[labels[i]]++;
      }
    }
    int rowH = 24;
    int labelW = 110;
    int barW = 420;
    StringBuilder sb = HtmlReport.svg(labelW + barW + 20, rowH * k + 50 + 16 * bands);
    for (int s = 0; s < k; s++) {
      double x = labelW;
      sb.append(
          String.format(
              Locale.ROOT,
              "<text class=\"label\" x=\"%d\" y=\"%d\">segment %d</text>",
              labelW - 6,
              s * rowH + 16,
              s));
      for (int b = 0; b < bands && sizes[s] > 0; b++) {
        double w = barW * (double) counts[s][b] / sizes[s];
        String name = b < shown ? data.levels(column).get(order[b]) : "other";
        sb.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"level\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                    + " fill=\"%s\"><title>%s: %.1f%%</title></rect>",
                x,
                s * rowH + 3,
                w,
                rowH - 6,
                b < shown ? HtmlReport.color(b) : "#cccccc",
                HtmlReport.esc(name),
                100.0 * counts[s][b] / sizes[s]));
        x += w;
      }
    }
    List<String[]> items = new ArrayList<>();
    for (int b = 0; b < bands; b++) {
      items.add(
          new String[] {
            b < shown ? HtmlReport.color(b) : "#cccccc",
            b < shown ? data.levels(column).get(order[b]) : "other levels"
          });
    }
    sb.append(
        HtmlReport.axisLabel(labelW, rowH * k + 14, "share of the segment's customers", false));
    sb.append(HtmlReport.legend(labelW, rowH * k + 36, items, true));
    return sb.append("</svg>").toString();
  }
}
