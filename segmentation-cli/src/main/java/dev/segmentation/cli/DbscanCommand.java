package dev.segmentation.cli;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.index.KDistance;
import dev.segmentation.dbscan.Dbscan;
import dev.segmentation.dbscan.DbscanModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code segment dbscan}: DBSCAN on the columns of a CSV file, or its k-distance knee. */
@Command(
    name = "dbscan",
    mixinStandardHelpOptions = true,
    description =
        "Segment the rows of a CSV file with DBSCAN: dense groups of any shape, and noise (-1)"
            + " for rows in no dense region. eps is measured after --scale;"
            + " run with --suggest-eps first to pick it.",
    footer = {
      "",
      "Examples:",
      "  segment dbscan --suggest-eps --min-points 10 --input data.csv --columns a,b",
      "  segment dbscan --eps 0.3 --min-points 10 --input data.csv --columns a,b \\",
      "                 --id customer_id --output labels.csv"
    })
final class DbscanCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin InputOptions in;

  @Mixin SaveOption saving;

  @Mixin SafeCsv csv;

  @Option(
      names = "--eps",
      description = "Neighbourhood radius (> 0), in scaled units; required unless --suggest-eps.")
  Double eps;

  @Option(
      names = "--min-points",
      defaultValue = "5",
      description =
          "Rows a neighbourhood needs for a core point, the row itself included"
              + " (default: ${DEFAULT-VALUE}).")
  int minPoints;

  @Mixin NeighbourOptions neighbours;

  @Option(
      names = "--suggest-eps",
      description = "Print the k-distance curve's knee (k = --min-points) as a suggested eps.")
  boolean suggest;

  @Option(
      names = "--output",
      description = "Where to write id,segment,core rows (default: no file).")
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
    Dbscan dbscan =
        Segmentation.dbscan()
            .minPoints(minPoints)
            .distance(neighbours.distance())
            .index(neighbours.index)
            .preprocess(neighbours.scaling(in));
    if (in.threads != null) {
      dbscan.threads(in.threads);
    }
    if (!suggest && eps == null) {
      throw new ParameterException(
          spec.commandLine(),
          "option --eps is required unless --suggest-eps is given (which prints a value for it)");
    }
    if (eps != null) {
      dbscan.eps(eps);
    }
    neighbours.refuseModelFile(saving.save);
    Dataset data = neighbours.load(in, null, out, err);
    if (suggest) {
      KDistance curve = dbscan.kDistance(data);
      double[] sorted = curve.sorted();
      out.printf(Locale.ROOT, "suggested eps: %.6g%n", curve.suggestedEps());
      out.printf(
          Locale.ROOT,
          "k-distance (k = %d, the row itself counted) knee at row %d of %d;"
              + " with this eps %.1f%% of rows are core points%n",
          curve.k(),
          curve.kneeIndex() + 1,
          sorted.length,
          100 * curve.coreShare(curve.suggestedEps()));
      out.print("k-distance percentiles:");
      for (int pct : new int[] {10, 25, 50, 75, 90, 95, 99, 100}) {
        int i = Math.min(sorted.length - 1, (int) Math.ceil(pct / 100.0 * sorted.length) - 1);
        out.printf(Locale.ROOT, " p%d=%.4g", pct, sorted[Math.max(0, i)]);
      }
      out.println();
      out.flush();
      if (eps == null) {
        return 0;
      }
    }
    SegmentationResult<DbscanModel> result =
        ProgressBar.around(err, bar -> dbscan.progress(bar).fit(data));
    DbscanModel model = result.model();
    neighbours.print(
        out,
        data,
        result,
        String.format(
            Locale.ROOT,
            "eps %.6g, minPoints %d, %s: %d core points, %d noise (%.1f%%),"
                + " %d distance computations, fit %d ms",
            model.eps(),
            model.minPoints(),
            model.distance(),
            model.coreCount(),
            result.noiseCount(),
            100.0 * result.noiseCount() / result.numRows(),
            result.summary().distanceComputations(),
            result.summary().elapsed().toMillis()));
    if (output != null) {
      boolean[] core = model.coreFlags();
      Report.writeLabels(
          output, data, result.labels(), "core", i -> Boolean.toString(core[i]), in.id, csv);
      out.println("wrote " + data.numRows() + " rows to " + output);
    }
    saving.save(out, result.model());
    return 0;
  }
}
