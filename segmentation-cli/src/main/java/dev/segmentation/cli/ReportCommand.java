package dev.segmentation.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.data.AtomicFiles;
import dev.segmentation.core.data.Messages;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.customer.BusinessState;
import dev.segmentation.customer.Exclusions;
import dev.segmentation.customer.Feature;
import dev.segmentation.customer.Holdout;
import dev.segmentation.customer.profile.SegmentProfile;
import dev.segmentation.customer.profile.SegmentProfiles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment report}: segment a customer table and write one self-contained HTML page. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Segment the rows of a CSV file and write one self-contained HTML report (inline SVG and"
            + " CSS, no scripts, nothing from the network): segment sizes, the profile table as a"
            + " heat map of lifts, a 2-D map of the customers, the k-selection curve when --k is a"
            + " range, the dendrogram (ward) or U-matrix and hit map (som), and the counts of"
            + " exclusions and holdouts.",
    footer = {
      "",
      "Example:",
      "  segment report --input features.csv --id customer_id --k 2..8 --min-share 0.05 \\",
      "                 --columns recency_days,frequency,monetary_total --scale log1p+standard \\",
      "                 --opt-out optouts.txt --holdout 0.1 --output report.html"
    })
final class ReportCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin InputOptions in;

  @Mixin SelectionOptions choice;

  @Mixin SaveOption saving;

  @Mixin FitOptions fitting;

  @Option(names = "--opt-out", description = "File of customer ids to leave out (needs --id).")
  Path optOut;

  @Option(
      names = "--opt-out-strict",
      description = "Fail when an id of the --opt-out file matches no customer.")
  boolean optOutStrict;

  @Option(
      names = "--opt-out-column",
      description = "Column of --input that is not 0 for customers who opted out (needs --id).")
  String optOutColumn;

  @Option(
      names = "--holdout",
      defaultValue = "0.1",
      description = "Share of every segment held out (default: ${DEFAULT-VALUE}).")
  double holdout;

  @Option(
      names = "--salt",
      defaultValue = "segment-report",
      description = "Salt of the holdout hash (default: ${DEFAULT-VALUE}).")
  String salt;

  @Option(
      names = "--far-quantile",
      defaultValue = "0.99",
      description =
          "Customers farther from their segment are atypical, to review: a flag, not an exclusion"
              + " (default: 0.99).")
  double farQuantile;

  @Option(
      names = "--clv",
      description =
          "Output of segment clv (needs --id): P(alive), expected purchases and lifetime value"
              + " per segment, from its p_alive, expected_purchases and clv columns.")
  Path clv;

  @Option(
      names = "--decisions",
      description =
          "Output folder (or its summary.csv) of segment decide: a decision view with each"
              + " decision segment's size, expected revenue, holdout and detectable lift.")
  Path decisions;

  @Option(
      names = "--propensity-metrics",
      description =
          "File of segment propensity --metrics: how good the scores are per cutoff and model,"
              + " with the reliability curve and the lift chart.")
  Path propensityMetrics;

  @Option(
      names = "--state-column",
      defaultValue = "state",
      description =
          "Business state column of --input (as segment features writes it), counted per segment"
              + " and used in the names when present (default: ${DEFAULT-VALUE}).")
  String stateColumn;

  @Option(
      names = "--better-lower",
      split = ",",
      description =
          "Columns where lower is better for the business, for the heat map's colours (default:"
              + " recency_days, interpurchase_days, return_rate, discount_share).")
  List<String> betterLower = List.of();

  @Option(
      names = "--better-higher",
      split = ",",
      description =
          "Columns where higher is better (default: frequency, monetary_total, monetary_mean,"
              + " tenure_days, margin_rate and the R, F, M scores).")
  List<String> betterHigher = List.of();

  @Option(
      names = "--export-dir",
      description =
          "Also write one audience file per segment (customer_id, segment, segment_name, holdout)"
              + " and holdout.csv to this folder.")
  Path exportDir;

  @Mixin SafeCsv csv;

  @Option(
      names = "--output",
      defaultValue = "report.html",
      description = "Where to write the report (default: ${DEFAULT-VALUE}).")
  Path output;

  @Override
  public Integer call() {
    if (exportDir != null) {
      try {
        Files.createDirectories(exportDir);
      } catch (java.io.IOException e) {
        throw new InvalidOptionException(
            "--export-dir", exportDir, "cannot be created (" + e.getMessage() + ")");
      }
    }
    if (decisions != null && Files.isDirectory(decisions)) {
      decisions = decisions.resolve("summary.csv");
    }
    // Outputs are checked before any work: a fit must not end in a refused write.
    OutputFiles.plan()
        .input("--input", in.input)
        .input("--opt-out", optOut)
        .input("--clv", clv)
        .input("--decisions", decisions)
        .input("--propensity-metrics", propensityMetrics)
        .output("--output", output)
        .output("--save", saving.save)
        .output("--export-dir", exportDir == null ? null : exportDir.resolve("holdout.csv"))
        .check();
    if (clv != null && in.id == null) {
      throw new InvalidOptionException("--clv", clv, "needs --id to match customers");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    KSelection selection = fitting.selection(choice);
    if (!(farQuantile > 0 && farQuantile < 1)) {
      throw new InvalidOptionException("--far-quantile", farQuantile, "must be in (0, 1)");
    }
    if ((optOut != null || optOutColumn != null) && in.id == null) {
      throw new InvalidOptionException(
          optOut != null ? "--opt-out" : "--opt-out-column",
          optOut != null ? optOut : optOutColumn,
          "needs --id to match customers");
    }
    if (optOutColumn != null && !in.columns.isEmpty() && !in.columns.contains(optOutColumn)) {
      List<String> withFlag = new ArrayList<>(in.columns);
      withFlag.add(optOutColumn);
      in.columns = withFlag;
    }
    Holdout hold = Holdout.of(salt, holdout);
    Scaling scaling = Scaling.byName(in.scale);
    ProgressBar progress = new ProgressBar(err);
    progress.phase("reading " + in.input);
    Dataset loaded = in.load(null, err);
    List<String[]> facts = new ArrayList<>();
    facts.add(new String[] {"input", in.describe(loaded)});
    Dataset data = loaded;
    if (optOutColumn != null) {
      data = Exclusions.optOutColumn(optOutColumn).apply(data).data();
    }
    if (optOut != null) {
      OptOutList list = OptOutList.read(optOut);
      list.report(out, data.rowIds().orElseThrow(), optOutStrict);
      data = Exclusions.optOut(list.ids()).apply(data).data();
    }
    if (data != loaded) {
      facts.add(
          new String[] {
            "opted out (left out of everything)",
            Integer.toString(loaded.numRows() - data.numRows())
          });
    }
    // every other input is read before the fit, so that a bad file does not cost a fit
    BusinessState[] states =
        in.id == null
            ? null
            : StateColumn.read(in.input, in.id, stateColumn, data.rowIds().orElseThrow());
    Extras extras =
        new Extras(
            clv == null ? null : ClvColumns.read(clv, data.rowIds().orElseThrow()),
            decisionSections(),
            better(),
            exportDir,
            csv);
    FitOptions.Fitted fit = fitting.fit(data, scaling, selection, in.threads, out, progress);
    saving.save(out, fit.result().model());
    progress.phase("writing the report");
    Path written =
        write(
            output,
            "Segmentation report",
            facts,
            data,
            states,
            fit,
            hold,
            farQuantile,
            fitting.seed,
            extras);
    progress.done();
    out.println(
        fit.result().summary().algorithm()
            + ": "
            + fit.result().model().numSegments()
            + " segments of "
            + data.numRows()
            + " customers");
    out.println("wrote the report to " + written.toAbsolutePath());
    out.flush();
    return 0;
  }

  /** Which way each column is better: the built-in directions, then the options. */
  private Map<String, Integer> better() {
    Map<String, Integer> out = new LinkedHashMap<>(HtmlReport.BETTER);
    betterLower.forEach(c -> out.put(c, -1));
    betterHigher.forEach(c -> out.put(c, 1));
    return out;
  }

  /** The decision view's sections, read before the fit. */
  private List<String[]> decisionSections() {
    List<String[]> sections = new ArrayList<>();
    if (decisions != null) {
      sections.add(
          new String[] {
            "decisions", "What to do: decision segments", DecisionView.decisions(decisions)
          });
    }
    if (propensityMetrics != null) {
      sections.add(
          new String[] {
            "propensity", "How good the scores are", DecisionView.scores(propensityMetrics)
          });
    }
    return sections;
  }

  /** The columns of a segment clv output, in the order of the report's customers. */
  static final class ClvColumns {
    private final double[] alive;
    private final double[] purchases;
    private final double[] value;

    /** P(alive), expected purchases and lifetime value per customer, in the report's order. */
    static ClvColumns of(double[] alive, double[] purchases, double[] value) {
      return new ClvColumns(alive, purchases, value);
    }

    private ClvColumns(double[] alive, double[] purchases, double[] value) {
      this.alive = alive;
      this.purchases = purchases;
      this.value = value;
    }

    static ClvColumns read(Path file, List<String> ids) {
      Map<String, String[]> rows =
          LabelFile.readColumns(file, List.of("p_alive", "expected_purchases", "clv"));
      int n = ids.size();
      double[] alive = new double[n];
      double[] purchases = new double[n];
      double[] value = new double[n];
      for (int i = 0; i < n; i++) {
        String id = ids.get(i);
        String[] r = rows.get(id);
        if (r == null) {
          throw new InvalidDataException(
              file + " has no row for customer '" + Messages.cut(id) + "'; score every customer");
        }
        alive[i] = number(file, id, "p_alive", r[0]);
        purchases[i] = number(file, id, "expected_purchases", r[1]);
        value[i] = r[2].isBlank() ? Double.NaN : number(file, id, "clv", r[2]);
      }
      return new ClvColumns(alive, purchases, value);
    }

    private static double number(Path file, String id, String column, String raw) {
      try {
        double d = Double.parseDouble(raw.trim());
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException ex) {
        // reported below
      }
      throw new InvalidDataException(
          file
              + ", customer '"
              + Messages.cut(id)
              + "', column '"
              + column
              + "': '"
              + Messages.cut(raw)
              + "' is not a number");
    }

    /**
     * Customers (the atypical ones included), mean P(alive), expected purchases and lifetime value
     * per segment, and all.
     */
    String table(int[] labels, String[] names) {
      int k = names.length;
      double[][] sum = new double[k + 1][3];
      int[] count = new int[k + 1];
      int[] valued = new int[k + 1];
      for (int i = 0; i < labels.length; i++) {
        for (int g : new int[] {labels[i] >= 0 ? labels[i] : -1, k}) {
          if (g < 0) {
            continue;
          }
          count[g]++;
          sum[g][0] += alive[i];
          sum[g][1] += purchases[i];
          if (!Double.isNaN(value[i])) {
            sum[g][2] += value[i];
            valued[g]++;
          }
        }
      }
      List<List<String>> rows = new ArrayList<>();
      for (int g = 0; g <= k; g++) {
        if (count[g] == 0) {
          continue;
        }
        rows.add(
            List.of(
                g == k ? "all customers" : names[g] != null ? names[g] : Integer.toString(g),
                Integer.toString(count[g]),
                String.format(Locale.ROOT, "%.2f", sum[g][0] / count[g]),
                String.format(Locale.ROOT, "%.2f", sum[g][1] / count[g]),
                valued[g] == 0 ? "" : String.format(Locale.ROOT, "%.2f", sum[g][2] / valued[g]),
                valued[g] == 0 ? "" : String.format(Locale.ROOT, "%,.0f", sum[g][2])));
      }
      return HtmlReport.table(
          List.of(
              "segment",
              "customers (atypical included)",
              "mean P(alive)",
              "mean expected purchases",
              "mean lifetime value",
              "total lifetime value"),
          rows);
    }
  }

  /**
   * What a report shows beyond the fit: lifetime values, the decision view, which way each feature
   * is better, and where to export the audiences (each may be absent).
   *
   * @param clv the columns of segment clv, or null
   * @param decisionSections id, heading and body of the decision view's sections
   * @param better -1 lower is better, +1 higher, per column (absent: neither)
   * @param exportDir where to write one audience file per segment and the holdout list, or null
   * @param csv how cells are escaped in exported files
   */
  record Extras(
      ClvColumns clv,
      List<String[]> decisionSections,
      Map<String, Integer> better,
      Path exportDir,
      SafeCsv csv) {
    static Extras none() {
      return new Extras(null, List.of(), HtmlReport.BETTER, null, new SafeCsv());
    }
  }

  /**
   * Builds and writes the report of a fit.
   *
   * @param states business states per row, or null
   * @return the file written
   */
  static Path write(
      Path file,
      String title,
      List<String[]> facts,
      Dataset data,
      BusinessState[] states,
      FitOptions.Fitted fit,
      Holdout hold,
      double farQuantile,
      long seed,
      Extras extras) {
    SegmentationResult<? extends SegmentModel> result = fit.result();
    int[] labels = result.labels();
    int n = data.numRows();
    int k = result.model().numSegments();
    boolean[] far = fit.explainer().farFromSegment(data, farQuantile);
    Dataset features = data.select(result.model().columnNames().toArray(new String[0]));
    SegmentProfiles profiles = SegmentProfiles.of(features, labels).atypical(far);
    if (states != null) {
      profiles.states(states);
    }
    profiles.compute();
    List<String> ids = Report.ids(data);
    int[] held = new int[k];
    boolean[] heldOut = new boolean[n];
    int[] group = new int[n];
    int heldTotal = 0;
    for (int i = 0; i < n; i++) {
      group[i] = far[i] ? -1 : labels[i];
      if (labels[i] >= 0 && hold.isHeldOut(ids.get(i), labels[i])) {
        heldOut[i] = true;
        held[labels[i]]++;
        heldTotal++;
      }
    }
    String[] names = new String[k];
    for (SegmentProfile p : profiles.segments()) {
      if (p.segment() >= 0 && p.segment() < k) {
        names[p.segment()] = p.name();
      }
    }
    int farCount = Report.count(far);
    List<String[]> all = new ArrayList<>(facts);
    all.add(new String[] {"algorithm", result.summary().algorithm()});
    all.add(new String[] {"segments", Integer.toString(k)});
    all.add(new String[] {"customers segmented", String.format(Locale.ROOT, "%,d", n)});
    if (result.noiseCount() > 0) {
      all.add(new String[] {"noise (in no segment)", Integer.toString(result.noiseCount())});
    }
    all.add(
        new String[] {
          "atypical customers to review (farther from their segment than the "
              + farQuantile
              + " quantile; not an exclusion)",
          Integer.toString(farCount)
        });
    all.add(
        new String[] {
          String.format(
              Locale.ROOT,
              "holdout (%s%% of each segment, salt \"%s\")",
              Report.number(Math.round(1e5 * hold.fraction()) / 1e3),
              hold.salt()),
          String.format(Locale.ROOT, "%,d customers, not to be contacted", heldTotal)
        });
    if (extras.exportDir() != null) {
      all.add(
          new String[] {
            "audiences and holdout written to",
            export(extras, ids, group, names, heldOut).toString()
          });
    }
    HtmlReport report = new HtmlReport(title);
    report.section(
        "glance",
        "Segments at a glance",
        glance(profiles, group, data, states, extras.clv(), heldOut));
    report.section("overview", "Overview", HtmlReport.facts(all));
    for (String[] s : extras.decisionSections()) {
      report.section(s[0], s[1], s[2]);
    }
    report.section("sizes", "Segment sizes", HtmlReport.sizes(profiles, n));
    report.section(
        "profiles",
        "Profiles: each segment against all customers",
        HtmlReport.heatMap(profiles, extras.better()));
    if (extras.clv() != null) {
      String[] numbered = new String[k];
      for (int s = 0; s < k; s++) {
        numbered[s] = names[s] == null ? null : s + " " + names[s];
      }
      report.section(
          "clv",
          "Who is still a customer, and what they are worth",
          extras.clv().table(labels, numbered));
    }
    double[] x = HtmlReport.scaled(features.toRowMajor(), n, fit.scaling());
    report.section(
        "map",
        "Customer map",
        HtmlReport.map(x, n, features.numColumns(), labels, names, 2000, seed));
    result
        .selection()
        .ifPresent(
            t ->
                report.section(
                    "selection", "Choosing the number of segments", HtmlReport.selectionCurve(t)));
    if (fit.tree() != null && fit.tree().numLeaves() > 1) {
      report.section("dendrogram", "Dendrogram", HtmlReport.dendrogram(fit.tree(), 40));
    }
    if (fit.som() != null) {
      report.section("som", "Self-organizing map", HtmlReport.somMaps(fit.som()));
    }
    AtomicFiles.write(file, tmp -> Files.writeString(tmp, report.toHtml(), StandardCharsets.UTF_8));
    return file;
  }

  /**
   * One row per segment and one for the atypical customers to review (shares adding up to all
   * customers segmented; each row's exact share in {@code data-share}), with revenue share and mean
   * order value (from {@code monetary_total} and {@code monetary_mean} when the data have them),
   * business states, churn risk (1 - mean P(alive)), expected purchases and lifetime value (with
   * {@code --clv}), and the holdout.
   */
  static String glance(
      SegmentProfiles profiles,
      int[] group,
      Dataset data,
      BusinessState[] states,
      ClvColumns clv,
      boolean[] heldOut) {
    int n = group.length;
    List<SegmentProfile> rows = HtmlReport.nonEmpty(profiles);
    profiles.atypicalGroup().ifPresent(rows::add);
    List<String> emptied = new ArrayList<>();
    for (SegmentProfile p : profiles.segments()) {
      if (p.size() == 0) {
        emptied.add(Integer.toString(p.segment()));
      }
    }
    int revenue = data.columnNames().indexOf(Feature.MONETARY_TOTAL.column());
    int basket = data.columnNames().indexOf(Feature.MONETARY_MEAN.column());
    double totalRevenue = 0;
    for (int i = 0; revenue >= 0 && i < n; i++) {
      totalRevenue += data.get(i, revenue);
    }
    List<String> header = new ArrayList<>(List.of("segment", "customers", "share"));
    if (revenue >= 0) {
      header.add("revenue share");
    }
    if (basket >= 0) {
      header.add("mean order value");
    }
    if (states != null) {
      header.add("business states");
    }
    if (clv != null) {
      header.addAll(List.of("churn risk", "expected purchases", "mean lifetime value"));
    }
    header.add("holdout");
    StringBuilder sb = new StringBuilder("<table class=\"facts glance\"><tr>");
    for (String h : header) {
      sb.append("<th>").append(HtmlReport.esc(h)).append("</th>");
    }
    sb.append("</tr>");
    for (SegmentProfile p : rows) {
      int count = 0;
      int held = 0;
      double money = 0;
      double orders = 0;
      double alive = 0;
      double purchases = 0;
      double value = 0;
      int valued = 0;
      int[] byState = new int[BusinessState.values().length];
      for (int i = 0; i < n; i++) {
        if (group[i] != p.segment()) {
          continue;
        }
        count++;
        held += heldOut[i] ? 1 : 0;
        money += revenue >= 0 ? data.get(i, revenue) : 0;
        orders += basket >= 0 ? data.get(i, basket) : 0;
        if (states != null) {
          byState[states[i].code()]++;
        }
        if (clv != null) {
          alive += clv.alive[i];
          purchases += clv.purchases[i];
          if (!Double.isNaN(clv.value[i])) {
            value += clv.value[i];
            valued++;
          }
        }
      }
      List<String> cells = new ArrayList<>();
      cells.add(p.segment() < 0 ? p.name() : p.segment() + " " + p.name());
      cells.add(String.format(Locale.ROOT, "%,d", count));
      cells.add(String.format(Locale.ROOT, "%.1f%%", 100.0 * count / n));
      if (revenue >= 0) {
        cells.add(
            totalRevenue == 0
                ? "-"
                : String.format(Locale.ROOT, "%.1f%%", 100 * money / totalRevenue));
      }
      if (basket >= 0) {
        cells.add(count == 0 ? "-" : String.format(Locale.ROOT, "%,.2f", orders / count));
      }
      if (states != null) {
        List<String> parts = new ArrayList<>();
        for (BusinessState b : BusinessState.values()) {
          if (byState[b.code()] > 0) {
            double pct = 100.0 * byState[b.code()] / count;
            parts.add(
                b.name().toLowerCase(Locale.ROOT)
                    + (pct < 0.5 ? " <1%" : String.format(Locale.ROOT, " %.0f%%", pct)));
          }
        }
        cells.add(String.join(", ", parts));
      }
      if (clv != null) {
        cells.add(
            count == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * (1 - alive / count)));
        cells.add(count == 0 ? "-" : String.format(Locale.ROOT, "%.2f", purchases / count));
        cells.add(valued == 0 ? "-" : String.format(Locale.ROOT, "%,.2f", value / valued));
      }
      cells.add(String.format(Locale.ROOT, "%,d", held));
      sb.append("<tr data-share=\"").append((double) count / n).append("\">");
      for (String c : cells) {
        sb.append("<td>").append(HtmlReport.esc(c)).append("</td>");
      }
      sb.append("</tr>");
    }
    sb.append("</table>\n");
    if (!emptied.isEmpty()) {
      sb.append("<p class=\"note\">Segment")
          .append(emptied.size() > 1 ? "s " : " ")
          .append(String.join(", ", emptied))
          .append(
              " lost every customer to the atypical row: all were far from every segment's"
                  + " centre, a handful of extremes the fit gave a segment of their own.</p>\n");
    }
    return sb.append("<p class=\"note\">Every customer segmented is in one row; opted-out")
        .append(" customers are in none. Revenue is net of returns (monetary_total); churn risk is")
        .append(" 1 - P(alive). The holdout of each segment is not to be contacted: it measures")
        .append(" what a campaign adds.</p>\n")
        .toString();
  }

  /**
   * Writes one audience file per segment (and one for the atypical customers) and the holdout list
   * to the export folder: customer_id, segment, segment_name, holdout.
   */
  private static Path export(
      Extras extras, List<String> ids, int[] group, String[] names, boolean[] heldOut) {
    Path dir = extras.exportDir();
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (int s = -1; s < names.length; s++) {
      int segment = s;
      String name = s < 0 ? "atypical, to review" : names[s] == null ? "segment " + s : names[s];
      Path target =
          dir.resolve(
              (s < 0 ? "atypical" : "segment-" + s + "-" + DecideCommand.slug(name)) + ".csv");
      AtomicFiles.write(
          target,
          tmp -> {
            try (CsvWriter w = CsvWriter.builder().build(tmp)) {
              extras.csv().record(w, "customer_id", "segment", "segment_name", "holdout");
              for (int i = 0; i < group.length; i++) {
                if (group[i] == segment) {
                  extras
                      .csv()
                      .record(
                          w,
                          ids.get(i),
                          Integer.toString(segment),
                          name,
                          Boolean.toString(heldOut[i]));
                }
              }
            }
          });
    }
    AtomicFiles.write(
        dir.resolve("holdout.csv"),
        tmp -> {
          try (CsvWriter w = CsvWriter.builder().build(tmp)) {
            extras.csv().record(w, "customer_id", "segment");
            for (int i = 0; i < group.length; i++) {
              if (heldOut[i]) {
                extras.csv().record(w, ids.get(i), Integer.toString(group[i]));
              }
            }
          }
        });
    return dir;
  }
}
