package dev.segmentation.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.core.data.Bom;
import dev.segmentation.core.data.Messages;
import dev.segmentation.core.data.SpreadsheetEscape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's decision view, drawn from the files {@code segment decide} and {@code segment
 * propensity --metrics} write: the decision segments with their sizes, expected revenue, holdouts
 * and the lift each holdout can detect; and how good the scores are (ROC AUC, PR AUC, log loss,
 * Brier and top-decile lift per cutoff and model, the reliability curve and the lift chart of the
 * latest cutoff). Reads whole files into small tables: a summary has a row per rule, the metrics 11
 * rows per model and cutoff.
 */
final class DecisionView {
  private static final List<String> SUMMARY = DecideCommand.SUMMARY_COLUMNS;
  private static final List<String> METRICS = PropensityCommand.METRICS_COLUMNS;
  private static final String[] MODEL_COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1"};

  private DecisionView() {}

  /**
   * The decision segments: a table and one {@code rect.decision} bar per row, coloured by action.
   *
   * @param file {@code summary.csv} of segment decide
   */
  static String decisions(Path file) {
    List<Map<String, String>> rows = read(file, SUMMARY);
    if (rows.isEmpty()) {
      throw new InvalidDataException(file + " has no decision rows; run segment decide again");
    }
    int max = 1;
    for (Map<String, String> r : rows) {
      max = Math.max(max, integer(file, r, "customers"));
    }
    int rowH = 28;
    int width = 860;
    int labelW = 300;
    StringBuilder sb = HtmlReport.svg(width, rowH * rows.size() + 52);
    List<List<String>> table = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> r = rows.get(i);
      int size = integer(file, r, "customers");
      String action = r.get("action");
      double w = (width - labelW - 160) * (double) size / max;
      int y = 5 + i * rowH;
      String fill =
          switch (action) {
            case "segment" -> "#4e79a7";
            case "exclude" -> "#e15759";
            default -> "#bab0ac";
          };
      sb.append(
          HtmlReport.barRow(
              labelW,
              y,
              rowH,
              r.get("decision"),
              w,
              "class=\"decision " + HtmlReport.esc(action) + "\" fill=\"" + fill + "\"",
              r.get("decision") + ": " + action,
              String.format(Locale.ROOT, "%,d (%s)", size, percent(r.get("share")))));
      table.add(
          List.of(
              r.get("decision"),
              action,
              String.format(Locale.ROOT, "%,d", size),
              percent(r.get("share")),
              r.get("holdout"),
              r.get("expected_revenue").isBlank()
                  ? "n/a"
                  : String.format(
                      Locale.ROOT,
                      "%,.0f",
                      number(file, "expected_revenue", r.get("expected_revenue"))),
              r.get("minimum_detectable_lift")));
    }
    sb.append(
        HtmlReport.axisLabel(labelW, rowH * rows.size() + 20, "customers (share of all)", false));
    sb.append(
        HtmlReport.legend(
            labelW,
            rowH * rows.size() + 42,
            List.of(
                new String[] {"#4e79a7", "a segment to act on"},
                new String[] {"#e15759", "an exclusion (money not spent)"},
                new String[] {"#bab0ac", "no action"})));
    sb.append("</svg>\n");
    return sb
        + "<p class=\"note\">Each customer is in one row: the first rule of the table that takes"
        + " them. Opted-out customers are in none. The holdout of a segment is not contacted; the"
        + " last column is the smallest difference in purchase rate between contacted and held-out"
        + " customers that a two-sided 5% test detects with 80% power at these sizes.</p>\n"
        + HtmlReport.table(
            List.of(
                "decision",
                "action",
                "customers",
                "share",
                "holdout",
                "expected revenue (next period)",
                "minimum detectable lift"),
            table);
  }

  /**
   * How good the scores are: a table per cutoff and model, then the reliability curve ({@code
   * polyline.reliability}, one per model) and the lift chart ({@code rect.lift}, one per decile and
   * model) of the latest cutoff.
   *
   * @param metrics the file of {@code segment propensity --metrics}
   */
  static String scores(Path metrics) {
    List<Map<String, String>> rows = read(metrics, METRICS);
    Map<String, List<Map<String, String>>> latest = new LinkedHashMap<>();
    String last = null;
    List<List<String>> table = new ArrayList<>();
    for (Map<String, String> r : rows) {
      if (r.get("decile").equals("all")) {
        table.add(
            List.of(
                r.get("cutoff"),
                r.get("model"),
                String.format(Locale.ROOT, "%,d", integer(metrics, r, "customers")),
                percent(r.get("observed_rate")),
                fixed(metrics, r, "roc_auc"),
                fixed(metrics, r, "pr_auc"),
                fixed(metrics, r, "log_loss"),
                fixed(metrics, r, "brier")));
      }
      if (last == null || r.get("cutoff").compareTo(last) > 0) {
        last = r.get("cutoff");
        latest.clear();
      }
      if (r.get("cutoff").equals(last) && !r.get("decile").equals("all")) {
        latest.computeIfAbsent(r.get("model"), m -> new ArrayList<>()).add(r);
      }
    }
    if (latest.isEmpty()) {
      throw new InvalidDataException(
          metrics + " has no decile rows; write it with segment propensity --metrics");
    }
    return HtmlReport.table(
            List.of(
                "judged on the window after",
                "model",
                "customers",
                "event rate",
                "ROC AUC",
                "PR AUC",
                "log loss",
                "Brier"),
            table)
        + "<figure>"
        + reliability(metrics, latest)
        + "<figcaption class=\"note\">Reliability after "
        + HtmlReport.esc(last)
        + ": mean predicted probability against the observed rate, per decile; on the diagonal"
        + " the scores can be read as probabilities.</figcaption></figure>"
        + "<figure>"
        + lift(metrics, latest)
        + "<figcaption class=\"note\">Lift after "
        + HtmlReport.esc(last)
        + ": the event rate of each decile (highest scores first) over the overall rate; above 1"
        + " the decile is worth more than a random pick.</figcaption></figure>\n";
  }

  private static String reliability(Path file, Map<String, List<Map<String, String>>> models) {
    int size = 360;
    int pad = 40;
    double top = 0.05;
    for (List<Map<String, String>> deciles : models.values()) {
      for (Map<String, String> d : deciles) {
        top = Math.max(top, number(file, "mean_score", d.get("mean_score")));
        top = Math.max(top, number(file, "observed_rate", d.get("observed_rate")));
      }
    }
    top = Math.min(1, Math.ceil(top * 10) / 10);
    double scale = (size - 2 * pad) / top;
    StringBuilder sb = HtmlReport.svg(size, size);
    sb.append(
        String.format(
            Locale.ROOT,
            "<line class=\"diagonal\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\""
                + " stroke-dasharray=\"4 3\"/>",
            pad,
            size - pad,
            size - pad,
            pad));
    sb.append(
        HtmlReport.axisLabel(
            pad,
            size - 10,
            String.format(Locale.ROOT, "mean predicted probability (0 to %.1f)", top),
            false));
    sb.append(HtmlReport.axisLabel(14, size / 2.0 + 60, "observed rate", true));
    List<String[]> items = new ArrayList<>();
    int m = 0;
    for (Map.Entry<String, List<Map<String, String>>> e : models.entrySet()) {
      String color = MODEL_COLORS[m % MODEL_COLORS.length];
      StringBuilder points = new StringBuilder();
      for (Map<String, String> d : e.getValue()) {
        double x = pad + scale * number(file, "mean_score", d.get("mean_score"));
        double y = size - pad - scale * number(file, "observed_rate", d.get("observed_rate"));
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        sb.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s decile %s:"
                    + " predicted %s, observed %s</title></circle>",
                x,
                y,
                color,
                HtmlReport.esc(e.getKey()),
                HtmlReport.esc(d.get("decile")),
                percent(d.get("mean_score")),
                percent(d.get("observed_rate"))));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "<polyline class=\"reliability\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\""
                  + " points=\"%s\"/>",
              color,
              points.toString().trim()));
      items.add(new String[] {color, e.getKey()});
      m++;
    }
    items.add(new String[] {"#bbbbbb", "diagonal: perfectly calibrated"});
    sb.append(HtmlReport.legend(pad + 10, pad - 20, items, true));
    return sb.append("</svg>").toString();
  }

  private static String lift(Path file, Map<String, List<Map<String, String>>> models) {
    int w = 520;
    int h = 360;
    int pad = 40;
    double top = 1;
    for (List<Map<String, String>> deciles : models.values()) {
      for (Map<String, String> d : deciles) {
        top = Math.max(top, number(file, "lift", d.get("lift")));
      }
    }
    top = Math.ceil(top);
    double scale = (h - 2 * pad) / top;
    double slot = (w - 2 * pad) / 10.0;
    double bar = slot * 0.8 / models.size();
    StringBuilder sb = HtmlReport.svg(w, h);
    double one = h - pad - scale;
    sb.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#bbb\""
                + " stroke-dasharray=\"4 3\"/><text x=\"%d\" y=\"%.1f\" class=\"axis\">1</text>",
            pad,
            one,
            w - pad,
            one,
            pad - 14,
            one + 4));
    sb.append(
        HtmlReport.axisLabel(
            14,
            h / 2.0 + 70,
            String.format(Locale.ROOT, "lift: decile rate / overall (0 to %.0f)", top),
            true));
    List<String[]> items = new ArrayList<>();
    int m = 0;
    for (Map.Entry<String, List<Map<String, String>>> e : models.entrySet()) {
      String color = MODEL_COLORS[m % MODEL_COLORS.length];
      for (Map<String, String> d : e.getValue()) {
        int decile = integer(file, d, "decile");
        double lift = number(file, "lift", d.get("lift"));
        double x = pad + (decile - 1) * slot + slot * 0.1 + m * bar;
        sb.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"lift\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                    + " fill=\"%s\"><title>%s decile %d: lift %.2f, cumulative gain %s</title>"
                    + "</rect>",
                x,
                h - pad - scale * lift,
                bar,
                scale * lift,
                color,
                HtmlReport.esc(e.getKey()),
                decile,
                lift,
                percent(d.get("cumulative_gain"))));
        if (m == 0) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%.1f\" y=\"%d\" class=\"head\">%d</text>",
                  pad + (decile - 0.5) * slot,
                  h - pad + 16,
                  decile));
        }
      }
      items.add(new String[] {color, e.getKey()});
      m++;
    }
    sb.append(HtmlReport.legend(w - pad - 120, pad - 20, items, true));
    sb.append(HtmlReport.axisLabel(w / 2.0 - 70, h - 6, "decile (1 = highest scores)", false));
    return sb.append("</svg>").toString();
  }

  /** Reads a CSV file whose header holds every expected column, as rows of column to value. */
  private static List<Map<String, String>> read(Path file, List<String> expected) {
    List<Map<String, String>> rows = new ArrayList<>();
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .ofCsvRecord(Bom.skipUtf8(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
      var it = csv.iterator();
      if (!it.hasNext()) {
        throw new InvalidDataException(file + " is empty: it needs a header line");
      }
      List<String> header = it.next().getFields();
      for (String column : expected) {
        if (!header.contains(column)) {
          throw new InvalidDataException(
              file
                  + ": no column '"
                  + column
                  + "' in the header "
                  + Messages.cut(header.toString())
                  + "; is it the file segment decide or segment propensity --metrics wrote?");
        }
      }
      while (it.hasNext()) {
        CsvRecord rec = it.next();
        LabelFile.checkWidth(file, rec, header.size());
        Map<String, String> row = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
          row.put(header.get(c), SpreadsheetEscape.unescape(rec.getField(c)));
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new InvalidDataException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return rows;
  }

  private static double number(Path file, String column, String raw) {
    try {
      double d = Double.parseDouble(raw.trim());
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidDataException(
        file + ", column '" + column + "': '" + Messages.cut(raw) + "' is not a number");
  }

  private static int integer(Path file, Map<String, String> row, String column) {
    double d = number(file, column, row.get(column));
    if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
      throw new InvalidDataException(
          file + ", column '" + column + "': '" + row.get(column) + "' is not a count");
    }
    return (int) d;
  }

  private static String fixed(Path file, Map<String, String> row, String column) {
    return String.format(Locale.ROOT, "%.4f", number(file, column, row.get(column)));
  }

  private static String percent(String share) {
    try {
      return String.format(Locale.ROOT, "%.1f%%", 100 * Double.parseDouble(share.trim()));
    } catch (NumberFormatException e) {
      return share;
    }
  }
}
