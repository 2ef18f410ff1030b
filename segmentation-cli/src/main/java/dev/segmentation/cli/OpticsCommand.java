package dev.segmentation.cli;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.data.AtomicFiles;
import dev.segmentation.optics.Optics;
import dev.segmentation.optics.ReachabilityPlot;
import dev.segmentation.optics.XiClusters;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment optics}: the OPTICS ordering of a CSV file and its clusters. */
@Command(
    name = "optics",
    mixinStandardHelpOptions = true,
    description =
        "Order the rows of a CSV file by OPTICS and extract segments: by the xi-steep method"
            + " (clusters of varying density, the default) or, with --eps, DBSCAN at that radius."
            + " Writes each row's segment, place in the order, reachability and core distance.",
    footer = {
      "",
      "Examples:",
      "  segment optics --min-points 10 --max-eps 2 --input customers.csv --columns a,b \\",
      "                 --output order.csv --report reachability.html",
      "  segment optics --min-points 10 --max-eps 2 --eps 0.5 --input customers.csv"
    })
final class OpticsCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin InputOptions in;

  @Mixin SafeCsv csv;

  @Option(
      names = "--min-points",
      defaultValue = "5",
      description =
          "Rows a neighbourhood needs for a core point, the row itself included"
              + " (default: ${DEFAULT-VALUE}).")
  int minPoints;

  @Option(
      names = "--max-eps",
      defaultValue = "Infinity",
      description =
          "Largest radius looked at, in scaled units; a finite value makes the ordering"
              + " near-linear instead of quadratic (default: no limit).")
  double maxEps;

  @Option(
      names = "--xi",
      defaultValue = "0.05",
      description = "Steepness of a cluster's edges, in (0, 1) (default: ${DEFAULT-VALUE}).")
  double xi;

  @Option(
      names = "--min-cluster-size",
      description = "Fewest rows in an xi cluster, >= 2 (default: the --min-points).")
  Integer minClusterSize;

  @Option(
      names = "--no-predecessor-correction",
      description = "Skip Schubert and Gertz's predecessor correction of xi clusters.")
  boolean noCorrection;

  @Option(
      names = "--eps",
      description = "Cut at this radius instead of xi: DBSCAN(eps, min-points) on core points.")
  Double eps;

  @Mixin NeighbourOptions neighbours;

  @Option(
      names = "--output",
      description =
          "Where to write id,segment,order,reachability,core_distance (default: no file).")
  Path output;

  @Option(
      names = "--report",
      description = "Where to write an HTML page with the reachability plot and the segments.")
  Path report;

  @Override
  public Integer call() {
    OutputFiles.plan()
        .input("--input", in.input)
        .output("--output", output)
        .output("--report", report)
        .check();
    if (eps != null && eps > maxEps) {
      throw new InvalidOptionException(
          "--eps",
          eps,
          "must not exceed --max-eps " + maxEps + ": the order knows nothing beyond it");
    }
    int size = minClusterSize != null ? minClusterSize : minPoints;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optics optics =
        Segmentation.optics()
            .minPoints(minPoints)
            .maxEps(maxEps)
            .distance(neighbours.distance())
            .index(neighbours.index)
            .preprocess(neighbours.scaling(in));
    if (in.threads != null) {
      optics.threads(in.threads);
    }
    if (eps == null) {
      ReachabilityPlot.requireXi(xi, size);
    }
    Dataset data = neighbours.load(in, null, out, err);
    long started = System.nanoTime();
    ReachabilityPlot plot = ProgressBar.around(err, bar -> optics.progress(bar).order(data));
    long ms = (System.nanoTime() - started) / 1_000_000;
    int[] labels;
    String how;
    if (eps != null) {
      labels = plot.dbscanCut(eps);
      how = String.format(Locale.ROOT, "cut at eps %.6g (DBSCAN on core points)", eps);
    } else {
      XiClusters clusters = plot.xi(xi, size, !noCorrection);
      labels = clusters.labels();
      how =
          String.format(
              Locale.ROOT,
              "xi %.3g, min cluster size %d: %d clusters in the hierarchy",
              xi,
              size,
              clusters.hierarchy().length);
    }
    int segments = 0;
    int noise = 0;
    for (int l : labels) {
      segments = Math.max(segments, l + 1);
      noise += l < 0 ? 1 : 0;
    }
    out.printf(
        Locale.ROOT,
        "optics (minPoints %d, maxEps %s, %s): %d rows, %d segments, %d noise (%.1f%%), ordered"
            + " in %d ms%n%s%n",
        minPoints,
        Double.isInfinite(maxEps) ? "none" : Report.number(maxEps),
        neighbours.distance,
        data.numRows(),
        segments,
        noise,
        100.0 * noise / data.numRows(),
        ms,
        how);
    int[] order = plot.ordering();
    int[] position = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      position[order[i]] = i;
    }
    double[] reach = plot.reachability();
    double[] core = plot.coreDistances();
    if (output != null) {
      Report.writeColumns(
          output,
          data,
          labels,
          List.of("order", "reachability", "core_distance"),
          i -> new String[] {Integer.toString(position[i] + 1), cell(reach[i]), cell(core[i])},
          in.id,
          csv);
      out.println("wrote " + data.numRows() + " rows to " + output);
    }
    if (report != null) {
      String html =
          DensityReport.optics(data, plot, labels, how, in.input.getFileName().toString());
      AtomicFiles.write(report, tmp -> Files.writeString(tmp, html, StandardCharsets.UTF_8));
      out.println("wrote the report to " + report);
    }
    return 0;
  }

  /** An undefined (infinite) distance is an empty cell. */
  private static String cell(double v) {
    return Double.isInfinite(v) ? "" : Report.number(v);
  }
}
