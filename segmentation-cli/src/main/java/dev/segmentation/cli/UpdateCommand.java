package dev.segmentation.cli;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.core.data.CsvDatasets;
import dev.segmentation.core.data.CsvLoad;
import dev.segmentation.io.ModelFiles;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.kmeans.KMeansUpdate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment update}: move a saved K-means model with new customers, keeping segment ids. */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description =
        "Update a K-means or mini-batch K-means model saved with --save with a batch of new"
            + " customers: the centroids move with the new data (the past weighted by"
            + " --forgetting), segment ids stay, and the transitions of the batch's customers"
            + " between the old and the new model are printed.",
    footer = {
      "",
      "Example:",
      "  segment kmeans --k 6 --input january.csv --id customer_id --save m1.json",
      "  segment update --model m1.json --input february.csv --id customer_id --save m2.json"
    })
final class UpdateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin SafeCsv csv;

  @Mixin SaveOption saving;

  @Mixin ModelInput in;

  @Option(names = "--weight", description = "Column with row weights (> 0).")
  String weight;

  @Option(
      names = "--forgetting",
      defaultValue = "1",
      description =
          "Share of the past customers' weight kept, in [0, 1]: 1 keeps all (old and new seen"
              + " together), 0 only the new batch (default: ${DEFAULT-VALUE}).")
  double forgetting;

  @Option(
      names = "--output",
      description = "Where to write id,segment,previous_segment rows (default: no file).")
  Path output;

  @Override
  public Integer call() {
    OutputFiles.plan()
        .input("--model", in.model)
        .input("--input", in.input)
        .output("--output", output)
        .output("--save", saving.save)
        .check();
    PrintWriter out = spec.commandLine().getOut();
    SegmentModel loaded = ModelFiles.load(in.model);
    if (!(loaded instanceof KMeansModel km)) {
      throw new InvalidOptionException(
          "--model",
          in.model,
          "is a "
              + loaded.getClass().getSimpleName()
              + "; update moves K-means centroids (fit again for other families)");
    }
    in.requireColumns(km);
    CsvLoad load =
        CsvDatasets.reader()
            .columns(km.columnNames().toArray(new String[0]))
            .idColumn(in.id)
            .weightColumn(weight)
            .delimiter(in.separator())
            .missingValues(in.missing)
            .load(in.input);
    Dataset batch = load.dataset();
    KMeansUpdate update = km.update(batch, forgetting);
    int k = km.numSegments();
    out.printf(
        Locale.ROOT,
        "updated %s (k = %d) with %d rows of %s, forgetting %s: %d iterations, %d rows (%.1f%%)"
            + " changed segment%n",
        in.model,
        k,
        batch.numRows(),
        in.input,
        Report.number(forgetting),
        update.iterations(),
        update.moved(),
        batch.numRows() == 0 ? 0.0 : 100.0 * update.moved() / batch.numRows());
    printTransitions(out, update.transitions());
    printShifts(out, km, update.model());
    if (load.droppedRows() > 0) {
      out.println("dropped " + load.droppedRows() + " rows with missing values");
    }
    if (output != null) {
      int[] before = update.previousLabels();
      Report.writeColumns(
          output,
          batch.rowIds().orElse(null),
          update.labels(),
          List.of("previous_segment"),
          i -> new String[] {Integer.toString(before[i])},
          in.id,
          csv);
      out.println("wrote " + batch.numRows() + " rows to " + output);
    }
    saving.save(out, update.model());
    out.flush();
    return 0;
  }

  /** The from/to table: rows are the old model's segments, columns the new one's. */
  static void printTransitions(PrintWriter out, long[][] t) {
    out.println();
    out.println("transitions of the batch (rows: segment under the old model; columns: new):");
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-10s", "from\\to"));
    for (int c = 0; c < t.length; c++) {
      head.append(String.format(Locale.ROOT, " %9d", c));
    }
    out.println(head);
    for (int r = 0; r < t.length; r++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10d", r));
      for (long v : t[r]) {
        line.append(String.format(Locale.ROOT, " %9d", v));
      }
      out.println(line);
    }
  }

  /** How far each centroid moved, in original units. */
  private static void printShifts(PrintWriter out, KMeansModel before, KMeansModel after) {
    double[][] a = before.centroids();
    double[][] b = after.centroids();
    out.println();
    out.println("centroid moves (original units):");
    for (int s = 0; s < a.length; s++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "segment %d:", s));
      for (int j = 0; j < a[s].length; j++) {
        line.append(
            String.format(
                Locale.ROOT, " %s %.4g -> %.4g", before.columnNames().get(j), a[s][j], b[s][j]));
      }
      out.println(line);
    }
  }
}
