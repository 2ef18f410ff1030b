package dev.segmentation.cli;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.data.AtomicFiles;
import dev.segmentation.hdbscan.ClusterSelection;
import dev.segmentation.hdbscan.Hdbscan;
import dev.segmentation.hdbscan.HdbscanModel;
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

/** {@code segment hdbscan}: HDBSCAN* on the columns of a CSV file, with GLOSH outlier scores. */
@Command(
    name = "hdbscan",
    mixinStandardHelpOptions = true,
    description =
        "Segment the rows of a CSV file with HDBSCAN*: dense groups of varying density, no radius"
            + " to choose, noise (-1) for rows in none. Writes each row's membership probability"
            + " and GLOSH outlier score (0 = typical, towards 1 = defies the segmentation).",
    footer = {
      "",
      "Examples:",
      "  segment hdbscan --min-cluster-size 25 --input customers.csv --columns a,b,c \\",
      "                  --id customer_id --output segments.csv --report density.html",
      "  segment hdbscan --min-cluster-size 25 --min-samples 10 --selection leaf \\",
      "                  --input customers.csv --condensed-tree tree.json --save model.json"
    })
final class HdbscanCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin InputOptions in;

  @Mixin SaveOption saving;

  @Mixin SafeCsv csv;

  @Option(
      names = "--min-cluster-size",
      defaultValue = "5",
      description = "Fewest rows in a segment, >= 2 (default: ${DEFAULT-VALUE}).")
  int minClusterSize;

  @Option(
      names = "--min-samples",
      description =
          "Rows, the row itself counted, whose distance defines its density (default: the"
              + " --min-cluster-size).")
  Integer minSamples;

  @Option(
      names = "--selection",
      defaultValue = "EXCESS_OF_MASS",
      description =
          "${COMPLETION-CANDIDATES}: a few stable segments, or the many small leaves"
              + " (default: ${DEFAULT-VALUE}).")
  ClusterSelection selection;

  @Option(
      names = "--cluster-selection-epsilon",
      defaultValue = "0",
      description =
          "Merge segments that split below this distance, in scaled units (default: off).")
  double selectionEpsilon;

  @Option(
      names = "--allow-single-cluster",
      description = "Let everything be one segment when nothing splits stably.")
  boolean allowSingleCluster;

  @Mixin NeighbourOptions neighbours;

  @Option(
      names = "--output",
      description = "Where to write id,segment,probability,outlier_score (default: no file).")
  Path output;

  @Option(
      names = "--condensed-tree",
      description = "Where to write the condensed tree as JSON (the hdbscan package's layout).")
  Path condensedTree;

  @Option(
      names = "--linkage",
      description =
          "Where to write the single-linkage tree of mutual reachability as CSV"
              + " (left,right,height,size, as scipy's linkage matrix).")
  Path linkage;

  @Option(
      names = "--report",
      description = "Where to write an HTML page: segments, profiles, map, most atypical rows.")
  Path report;

  @Option(
      names = "--top-outliers",
      defaultValue = "10",
      description = "How many of the most atypical rows to print and report (default: 10).")
  int topOutliers;

  @Override
  public Integer call() {
    OutputFiles.plan()
        .input("--input", in.input)
        .output("--output", output)
        .output("--condensed-tree", condensedTree)
        .output("--linkage", linkage)
        .output("--report", report)
        .output("--save", saving.save)
        .check();
    if (topOutliers < 0) {
      throw new dev.segmentation.api.InvalidOptionException(
          "--top-outliers", topOutliers, "must be >= 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Hdbscan hdbscan =
        Segmentation.hdbscan()
            .minClusterSize(minClusterSize)
            .selection(selection)
            .clusterSelectionEpsilon(selectionEpsilon)
            .allowSingleCluster(allowSingleCluster)
            .distance(neighbours.distance())
            .index(neighbours.index)
            .preprocess(neighbours.scaling(in));
    if (minSamples != null) {
      hdbscan.minSamples(minSamples);
    }
    if (in.threads != null) {
      hdbscan.threads(in.threads);
    }
    neighbours.refuseModelFile(saving.save);
    Dataset data = neighbours.load(in, null, out, err);
    SegmentationResult<HdbscanModel> result =
        ProgressBar.around(err, bar -> hdbscan.progress(bar).fit(data));
    HdbscanModel model = result.model();
    neighbours.print(
        out,
        data,
        result,
        String.format(
            Locale.ROOT,
            "minClusterSize %d, minSamples %d, %s, %s: %d noise (%.1f%%), %d spanning-tree rounds,"
                + " %d distance computations, fit %d ms",
            model.minClusterSize(),
            model.minSamples(),
            selection,
            model.distance(),
            result.noiseCount(),
            100.0 * result.noiseCount() / result.numRows(),
            result.summary().iterations(),
            result.summary().distanceComputations(),
            result.summary().elapsed().toMillis()));
    double[] persistence = model.persistence();
    StringBuilder p = new StringBuilder("persistence (stability) by segment:");
    for (int s = 0; s < persistence.length; s++) {
      p.append(String.format(Locale.ROOT, " %d=%.4g", s, persistence[s]));
    }
    out.println(p);
    List<DensityReport.Atypical> top = DensityReport.mostAtypical(data, model, topOutliers);
    if (!top.isEmpty()) {
      out.println("most atypical rows (GLOSH outlier score):");
      for (DensityReport.Atypical a : top) {
        out.printf(
            Locale.ROOT,
            "  %s  segment %d  score %.3f  %s%n",
            a.id(),
            a.segment(),
            a.score(),
            a.values());
      }
    }
    double[] probability = model.probabilities();
    double[] scores = model.outlierScores();
    if (output != null) {
      Report.writeColumns(
          output,
          data,
          result.labels(),
          List.of("probability", "outlier_score"),
          i -> new String[] {Report.number(probability[i]), Report.number(scores[i])},
          in.id,
          csv);
      out.println("wrote " + data.numRows() + " rows to " + output);
    }
    if (condensedTree != null) {
      String json = model.condensedTree().toJson();
      AtomicFiles.write(condensedTree, tmp -> Files.writeString(tmp, json, StandardCharsets.UTF_8));
      out.println("wrote the condensed tree to " + condensedTree);
    }
    if (linkage != null) {
      double[][] z = model.singleLinkage();
      AtomicFiles.write(
          linkage,
          tmp -> {
            StringBuilder sb = new StringBuilder("left,right,height,size\n");
            for (double[] row : z) {
              sb.append((long) row[0])
                  .append(',')
                  .append((long) row[1])
                  .append(',')
                  .append(Report.number(row[2]))
                  .append(',')
                  .append((long) row[3])
                  .append('\n');
            }
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
          });
      out.println("wrote " + z.length + " merges to " + linkage);
    }
    if (report != null) {
      String html = DensityReport.hdbscan(data, result, top, in.input.getFileName().toString());
      AtomicFiles.write(report, tmp -> Files.writeString(tmp, html, StandardCharsets.UTF_8));
      out.println("wrote the report to " + report);
    }
    saving.save(out, model);
    return 0;
  }
}
