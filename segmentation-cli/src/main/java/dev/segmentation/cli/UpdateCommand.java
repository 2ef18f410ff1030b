package dev.segmentation.cli;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.core.data.CsvDatasets;
import dev.segmentation.core.data.CsvLoad;
import dev.segmentation.core.data.MissingValuePolicy;
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

  @Option(names = "--model", required = true, description = "A K-means model file (--save).")
  Path model;

  @Option(names = "--input", required = true, description = "CSV file of the new customers.")
  Path input;

  @Option(names = "--id", description = "Column with customer ids, written to the output.")
  String id;

  @Option(names = "--weight", description = "Column with row weights (> 0).")
  String weight;

  @Option(names = "--delimiter", defaultValue = ",", description = "Field delimiter.")
  String delimiter;

  @Option(
      names = "--missing",
      defaultValue = "FAIL",
      description = "Missing values: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  MissingValuePolicy missing;

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

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  @Override
  public Integer call() {
    OutputFiles.plan()
        .input("--model", model)
        .input("--input", input)
        .output("--output", output)
        .output("--save", saving.save)
        .check();
    PrintWriter out = spec.commandLine().getOut();
    SegmentModel loaded = ModelFiles.load(model);
    if (!(loaded instanceof KMeansModel km)) {
      throw new InvalidOptionException(
          "--model",
          model,
          "is a "
              + loaded.getClass().getSimpleName()
              + "; update moves K-means centroids (fit again for other families)");
    }
    char sep = InputOptions.parseDelimiter(delimiter);
    List<String> header = LabelFile.header(input, sep);
    for (String c : km.columnNames()) {
      if (!header.contains(c)) {
        throw new InvalidDataException(
            input
                + " has no column '"
                + c
                + "', which the model "
                + model
                + " was trained on; the file's columns are "
                + header);
      }
    }
    CsvLoad load =
        CsvDatasets.reader()
            .columns(km.columnNames().toArray(new String[0]))
            .idColumn(id)
            .weightColumn(weight)
            .delimiter(sep)
            .missingValues(missing)
            .load(input);
    Dataset batch = load.dataset();
    KMeansUpdate update = km.update(batch, forgetting);
    int k = km.numSegments();
    out.printf(
        Locale.ROOT,
        "updated %s (k = %d) with %d rows of %s, forgetting %s: %d iterations, %d rows (%.1f%%)"
            + " changed segment%n",
        model,
        k,
        batch.numRows(),
        input,
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
          id,
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
