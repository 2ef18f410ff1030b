package dev.segmentation.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.data.AtomicFiles;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.customer.profile.Explainer;
import dev.segmentation.customer.profile.Explanation;
import dev.segmentation.customer.profile.Memberships;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment explain}: why each customer is in its segment. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description =
        "Segment the rows of a CSV file (K-means, Ward or a self-organizing map) and explain"
            + " customers: the assigned segment, the runner-up, the margin between their squared"
            + " distances and each feature's contribution to it, the soft membership, whether the"
            + " customer lies between two segments, and whether it is far from every segment.",
    footer = {
      "",
      "Examples:",
      "  segment explain --input features.csv --id customer_id --k 4 \\",
      "                  --columns recency_days,frequency,monetary_total --customers 00001,00002",
      "  segment explain --input features.csv --id customer_id --k 2..8 --min-share 0.05 \\",
      "                  --columns recency_days,frequency,monetary_total --output why.csv"
    })
final class ExplainCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin InputOptions in;

  @Mixin SaveOption saving;

  @Mixin SafeCsv csv;

  @Mixin SelectionOptions choice;

  @Mixin FitOptions fitting;

  @Option(
      names = "--customers",
      split = ",",
      description = "Ids to explain in sentences (default: the first three rows).")
  List<String> customers = List.of();

  @Option(
      names = "--far-quantile",
      defaultValue = "0.99",
      description =
          "Flag customers farther from their segment than this quantile of all"
              + " (default: ${DEFAULT-VALUE}).")
  double farQuantile;

  @Option(
      names = "--output",
      description = "Where to write one explanation per row as CSV (default: no file).")
  Path output;

  @Override
  public Integer call() {
    // Outputs are checked before any work: a fit must not end in a refused write.
    OutputFiles.plan()
        .input("--input", in.input)
        .output("--output", output)
        .output("--save", saving.save)
        .check();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    KSelection selection = fitting.selection(choice);
    if (!(farQuantile > 0 && farQuantile < 1)) {
      throw new InvalidOptionException("--far-quantile", farQuantile, "must be in (0, 1)");
    }
    Scaling scaling = Scaling.byName(in.scale);
    ProgressBar progress = new ProgressBar(err);
    progress.phase("reading " + in.input);
    Dataset data = in.load(null, err);
    out.println(in.describe(data));
    FitOptions.Fitted fit = fitting.fit(data, scaling, selection, in.threads, out, progress);
    SegmentationResult<? extends SegmentModel> result = fit.result();
    Explainer explainer = fit.explainer();
    out.printf(
        Locale.ROOT,
        "%s: %d rows, %d segments, sizes %s%n",
        result.summary().algorithm(),
        data.numRows(),
        result.model().numSegments(),
        java.util.Arrays.toString(result.segmentSizes()));
    Memberships m = explainer.memberships(data);
    boolean[] far = explainer.farFromSegment(data, farQuantile);
    List<String> ids = Report.ids(data);
    out.printf(
        Locale.ROOT,
        "%d customers between two segments (membership temperature %.4g), %d far from every"
            + " segment (above the %.3g quantile)%n",
        Report.count(m.between()),
        m.temperature(),
        Report.count(far),
        farQuantile);
    for (int row : rowsToExplain(ids)) {
      out.println(explainer.explain(data.row(row)).text(ids.get(row)));
    }
    choice.printStability(out, fit.again(), data, result.labels(), fitting.seed);
    if (output != null) {
      write(output, data, ids, explainer, m, far);
      out.println("wrote " + data.numRows() + " explanations to " + output);
    }
    out.flush();
    saving.save(out, result.model());
    return 0;
  }

  private List<Integer> rowsToExplain(List<String> ids) {
    List<Integer> rows = new ArrayList<>();
    if (customers.isEmpty()) {
      for (int i = 0; i < Math.min(3, ids.size()); i++) {
        rows.add(i);
      }
      return rows;
    }
    for (String c : customers) {
      int row = ids.indexOf(c);
      if (row < 0) {
        throw new InvalidDataException(
            "customer '"
                + c
                + "' of --customers is not a row of "
                + in.input
                + (in.id == null ? " (rows are named by number without --id)" : ""));
      }
      rows.add(row);
    }
    return rows;
  }

  private void write(
      Path file,
      Dataset data,
      List<String> ids,
      Explainer explainer,
      Memberships m,
      boolean[] far) {
    List<String> cols = data.columnNames();
    AtomicFiles.write(
        file,
        tmp -> {
          try (CsvWriter w = CsvWriter.builder().build(tmp)) {
            List<String> header =
                new ArrayList<>(
                    List.of(
                        in.id != null ? in.id : "row",
                        "segment",
                        "runner_up",
                        "margin",
                        "membership",
                        "between",
                        "far"));
            for (String c : cols) {
              header.add("contribution_" + c);
            }
            header.add("explanation");
            csv.record(w, header);
            for (int i = 0; i < data.numRows(); i++) {
              Explanation x = explainer.explain(data.row(i));
              List<String> f = new ArrayList<>(header.size());
              f.add(ids.get(i));
              f.add(Integer.toString(x.segment()));
              f.add(Integer.toString(x.runnerUp()));
              f.add(Report.number(x.margin()));
              f.add(Report.number(m.get(i, x.segment())));
              f.add(m.isBetween(i) ? "1" : "0");
              f.add(far[i] ? "1" : "0");
              for (double c : x.contributions()) {
                f.add(Report.number(c));
              }
              f.add(x.text(ids.get(i)));
              csv.record(w, f);
            }
          }
        });
  }
}
