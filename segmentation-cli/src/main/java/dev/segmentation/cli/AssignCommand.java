package dev.segmentation.cli;

import dev.segmentation.api.SegmentModel;
import dev.segmentation.core.data.CsvDatasets;
import dev.segmentation.core.data.CsvLoad;
import dev.segmentation.core.data.MissingCategoryPolicy;
import dev.segmentation.core.data.MixedLoad;
import dev.segmentation.io.ModelFiles;
import dev.segmentation.kprototypes.KPrototypesModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment assign}: apply a saved model to new customers. */
@Command(
    name = "assign",
    mixinStandardHelpOptions = true,
    description =
        "Assign the rows of a CSV file to the segments of a model saved with --save. The file"
            + " must have every column the model was trained on (by name, in any order, more"
            + " columns allowed); the model applies its own preprocessing.",
    footer = {
      "",
      "Example:",
      "  segment kmeans --k 6 --input january.csv --id customer_id --save model.json",
      "  segment assign --model model.json --input february.csv --id customer_id \\",
      "                 --output segments.csv"
    })
final class AssignCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin SafeCsv csv;

  @picocli.CommandLine.Mixin ModelInput in;

  @Option(names = "--output", description = "Where to write id,segment rows (default: no file).")
  Path output;

  @Override
  public Integer call() {
    // Outputs are checked before any work: a fit must not end in a refused write.
    OutputFiles.plan()
        .input("--model", in.model)
        .input("--input", in.input)
        .output("--output", output)
        .check();
    PrintWriter out = spec.commandLine().getOut();
    SegmentModel m = ModelFiles.load(in.model);
    in.requireColumns(m);
    char sep = in.separator();
    int[] labels;
    List<String> ids;
    int dropped;
    if (m instanceof KPrototypesModel kp) {
      // categories are read as text and matched to the model's levels by name
      MixedLoad load =
          CsvDatasets.reader()
              .columns(kp.numericColumns().toArray(new String[0]))
              .categorical(kp.categoricalColumns().toArray(new String[0]))
              .missingCategories(MissingCategoryPolicy.LEVEL)
              .idColumn(in.id)
              .delimiter(sep)
              .missingValues(in.missing)
              .loadMixed(in.input);
      labels = kp.assignAll(load.dataset());
      ids = load.dataset().rowIds().orElse(null);
      dropped = load.droppedLines().size();
    } else {
      CsvLoad load =
          CsvDatasets.reader()
              .columns(m.columnNames().toArray(new String[0]))
              .idColumn(in.id)
              .delimiter(sep)
              .missingValues(in.missing)
              .load(in.input);
      labels = m.assignAll(load.dataset());
      ids = load.dataset().rowIds().orElse(null);
      dropped = load.droppedRows();
    }
    int[] sizes = new int[m.numSegments()];
    int noise = 0;
    for (int l : labels) {
      if (l < 0) {
        noise++;
      } else {
        sizes[l]++;
      }
    }
    out.printf(
        Locale.ROOT,
        "%s (%d segments, columns %s) assigned %d rows of %s%n",
        m.getClass().getSimpleName(),
        m.numSegments(),
        m.columnNames(),
        labels.length,
        in.input);
    for (int s = 0; s < sizes.length; s++) {
      out.printf(
          Locale.ROOT, "segment %d: %d (%.1f%%)%n", s, sizes[s], 100.0 * sizes[s] / labels.length);
    }
    if (noise > 0) {
      out.printf(Locale.ROOT, "noise: %d%n", noise);
    }
    if (dropped > 0) {
      out.println("dropped " + dropped + " rows with missing values");
    }
    if (output != null) {
      Report.writeColumns(output, ids, labels, List.of(), i -> new String[0], in.id, csv);
      out.println("wrote " + labels.length + " rows to " + output);
    }
    out.flush();
    return 0;
  }
}
