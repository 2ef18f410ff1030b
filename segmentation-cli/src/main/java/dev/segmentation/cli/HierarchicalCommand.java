package dev.segmentation.cli;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.MixedDataset;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.data.AtomicFiles;
import dev.segmentation.core.distance.Gower;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.hierarchical.Dendrogram;
import dev.segmentation.hierarchical.Hierarchical;
import dev.segmentation.hierarchical.HierarchicalModel;
import dev.segmentation.hierarchical.Linkage;
import java.io.PrintWriter;
import java.io.Writer;
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

/** {@code segment hierarchical}: agglomerative clustering of a CSV file, cut into k segments. */
@Command(
    name = "hierarchical",
    mixinStandardHelpOptions = true,
    description =
        "Build a hierarchical (agglomerative) tree of the rows of a CSV file, cut it into --k"
            + " segments and write one segment per row; optionally write the whole tree as JSON.",
    footer = {
      "",
      "Example:",
      "  segment hierarchical --linkage ward --k 6 --input data.csv --columns a,b,c \\",
      "                       --output labels.csv --dendrogram tree.json",
      "  segment hierarchical --k 2..10 --select calinski_harabasz --min-share 0.05 \\",
      "                       --input data.csv"
    })
final class HierarchicalCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin InputOptions in;

  @Mixin SaveOption saving;

  @Mixin SafeCsv csv;

  @Option(
      names = "--linkage",
      defaultValue = "WARD",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Linkage linkage;

  @Option(
      names = "--k",
      required = true,
      description =
          "Number of segments to cut into, or a range lo..hi to choose the cut from (see --select,"
              + " --min-share, --preferred-k).")
  String k;

  @Mixin SelectionOptions choice;

  @Option(names = "--output", description = "Where to write id,segment rows (default: no file).")
  Path output;

  @Option(
      names = "--dendrogram",
      description =
          "Where to write the tree as JSON: linkage, monotone, merges as scipy's linkage matrix"
              + " rows [left, right, height, size], leaf order, leaf names, Newick.")
  Path dendrogram;

  @Option(
      names = "--distance",
      defaultValue = "EUCLIDEAN",
      description =
          "EUCLIDEAN, or GOWER to mix numeric and --categorical columns (single, complete,"
              + " average or weighted linkage; default: ${DEFAULT-VALUE}).")
  NeighbourOptions.Metric distance;

  @Override
  public Integer call() {
    // Outputs are checked before any work: a fit must not end in a refused write.
    OutputFiles.plan()
        .input("--input", in.input)
        .output("--output", output)
        .output("--dendrogram", dendrogram)
        .output("--save", saving.save)
        .check();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    KSelection selection = choice.selection("--k", k, 42);
    if (distance == NeighbourOptions.Metric.GOWER) {
      return gower(selection, out, err);
    }
    if (distance != NeighbourOptions.Metric.EUCLIDEAN) {
      throw new InvalidOptionException(
          "--distance", distance, "must be EUCLIDEAN or GOWER for hierarchical clustering");
    }
    Hierarchical builder =
        Segmentation.hierarchical().linkage(linkage).preprocess(Scaling.byName(in.scale));
    if (in.threads != null) {
      builder.threads(in.threads);
    }
    Dataset data = in.load(null, err);
    out.println(in.describe(data));
    Dendrogram tree = ProgressBar.around(err, bar -> builder.progress(bar).tree(data));
    SegmentationResult<HierarchicalModel> result =
        selection != null
            ? tree.segmentation(selection)
            : tree.segmentation(SelectionOptions.parseRange("--k", k)[0]);
    int cut = result.model().numSegments();
    int n = data.numRows();
    SelectionOptions.printTable(out, result);
    Report.print(
        out,
        data,
        result,
        String.format(
            Locale.ROOT,
            "%d merges, cut at %d segments between heights %.6g and %.6g%s, fit %d ms",
            n - 1,
            cut,
            cut < n ? tree.height(n - cut - 1) : 0.0,
            cut > 1 ? tree.height(n - cut) : Double.POSITIVE_INFINITY,
            tree.isMonotone() ? "" : " (tree not monotone)",
            tree.summary().elapsed().toMillis()));
    choice.printStability(
        out, builder.progress(ProgressListener.NONE).k(cut), data, result.labels(), 42);
    if (output != null) {
      Report.writeLabels(output, data, result.labels(), null, null, in.id, csv);
      out.println("wrote " + n + " rows to " + output);
    }
    if (dendrogram != null) {
      writeJson(dendrogram, tree, data.rowIds().orElse(null));
      out.println("wrote the tree to " + dendrogram);
    }
    saving.save(out, result.model());
    return 0;
  }

  /** The tree on Gower's distance over numeric and categorical columns: one k, labels, tree. */
  private int gower(KSelection selection, PrintWriter out, PrintWriter err) {
    if (selection != null) {
      throw new InvalidOptionException(
          "--k", k, "must be one number with --distance gower (the criteria are Euclidean)");
    }
    NeighbourOptions.requireCategorical(in);
    if (saving.save != null) {
      throw new InvalidOptionException(
          "--save",
          saving.save,
          "is not available with --distance gower: the model works on Gower coordinates; save"
              + " the labels with --output and the tree with --dendrogram");
    }
    Hierarchical builder = Segmentation.hierarchical().linkage(linkage);
    if (in.threads != null) {
      builder.threads(in.threads);
    }
    MixedDataset data = NeighbourOptions.loadGower(in, null, out, err);
    Gower gower = Gower.of(data);
    Dendrogram tree = ProgressBar.around(err, bar -> builder.progress(bar).tree(gower));
    int cut = SelectionOptions.parseRange("--k", k)[0];
    SegmentationResult<HierarchicalModel> result = tree.segmentation(cut);
    int n = data.numRows();
    out.printf(
        Locale.ROOT,
        "%s: %d rows, %d segments%n",
        tree.summary().algorithm(),
        n,
        result.model().numSegments());
    out.printf(
        Locale.ROOT,
        "%d merges, cut at %d segments between Gower heights %.6g and %.6g, fit %d ms%n",
        n - 1,
        cut,
        cut < n ? tree.height(n - cut - 1) : 0.0,
        cut > 1 ? tree.height(n - cut) : Double.POSITIVE_INFINITY,
        tree.summary().elapsed().toMillis());
    MixedReport.print(out, data, result.labels(), cut);
    List<String> ids = data.rowIds().orElse(null);
    if (output != null) {
      Report.writeColumns(output, ids, result.labels(), List.of(), i -> new String[0], in.id, csv);
      out.println("wrote " + n + " rows to " + output);
    }
    if (dendrogram != null) {
      writeJson(dendrogram, tree, ids);
      out.println("wrote the tree to " + dendrogram);
    }
    return 0;
  }

  private void writeJson(Path file, Dendrogram tree, List<String> ids) {
    int n = tree.numLeaves();
    AtomicFiles.write(
        file,
        tmp -> {
          try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("{\n  \"linkage\": \"" + tree.linkage() + "\",\n");
            w.write("  \"leaves\": " + n + ",\n");
            w.write("  \"monotone\": " + tree.isMonotone() + ",\n");
            w.write("  \"merges\": [");
            for (int t = 0; t < n - 1; t++) {
              w.write(t == 0 ? "\n    [" : ",\n    [");
              w.write(
                  tree.left(t)
                      + ", "
                      + tree.right(t)
                      + ", "
                      + tree.height(t)
                      + ", "
                      + tree.size(t)
                      + "]");
            }
            w.write("\n  ],\n  \"leafOrder\": [");
            int[] order = tree.leafOrder();
            for (int i = 0; i < n; i++) {
              w.write((i == 0 ? "" : ", ") + order[i]);
            }
            w.write("],\n  \"leafNames\": [");
            for (int i = 0; i < n; i++) {
              // leaves are 0-based rows, as in the merges and the Newick string
              w.write((i == 0 ? "" : ", ") + quote(ids != null ? ids.get(i) : Integer.toString(i)));
            }
            w.write("],\n  \"newick\": " + quote(tree.toNewick()) + "\n}\n");
          }
        });
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
