package dev.segmentation.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.data.CsvDatasets;
import dev.segmentation.core.data.CsvLoad;
import dev.segmentation.core.data.MissingValuePolicy;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.kmeans.KMeans;
import dev.segmentation.kmeans.KMeansInit;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.kmeans.KMeansVariant;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment kmeans}: K-means on the columns of a CSV file. */
@Command(
    name = "kmeans",
    mixinStandardHelpOptions = true,
    description = "Segment the rows of a CSV file with K-means and write one segment per row.",
    footer = {
      "",
      "Example:",
      "  segment kmeans --k 8 --seed 1 --input data.csv --columns a,b,c --id customer_id \\",
      "                 --output labels.csv"
    })
final class KMeansCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--k", required = true, description = "Number of segments (>= 1).")
  int k;

  @Option(names = "--input", required = true, description = "CSV file with a header line (UTF-8).")
  Path input;

  @Option(
      names = "--columns",
      split = ",",
      description = "Feature columns, comma-separated (default: all but --id and --weight).")
  List<String> columns = List.of();

  @Option(names = "--id", description = "Column with customer ids, written to the output.")
  String id;

  @Option(names = "--weight", description = "Column with row weights (> 0).")
  String weight;

  @Option(names = "--output", description = "Where to write id,segment rows (default: no file).")
  Path output;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--restarts",
      defaultValue = "4",
      description = "Seedings to try; the best is kept (default: ${DEFAULT-VALUE}).")
  int restarts;

  @Option(
      names = "--scale",
      defaultValue = "standard",
      description =
          "none, standard, minmax, robust, log1p or a chain like log1p+standard (default: ${DEFAULT-VALUE}).")
  String scale;

  @Option(
      names = "--variant",
      defaultValue = "AUTO",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  KMeansVariant variant;

  @Option(
      names = "--init",
      defaultValue = "K_MEANS_PLUS_PLUS",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  KMeansInit init;

  @Option(
      names = "--max-iterations",
      defaultValue = "300",
      description = "Iteration limit per restart (default: ${DEFAULT-VALUE}).")
  int maxIterations;

  @Option(
      names = "--tolerance",
      defaultValue = "1e-4",
      description =
          "Convergence tolerance, relative to the data variance (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(names = "--threads", description = "Worker tasks (default: all processors).")
  Integer threads;

  @Option(
      names = "--delimiter",
      defaultValue = ",",
      description = "Field delimiter, one character; 'tab' for tabs (default: ${DEFAULT-VALUE}).")
  String delimiter;

  @Option(
      names = "--missing",
      defaultValue = "FAIL",
      description = "Missing values: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  MissingValuePolicy missing;

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    KMeans kmeans =
        Segmentation.kmeans()
            .k(k)
            .seed(seed)
            .restarts(restarts)
            .preprocess(Scaling.byName(scale))
            .variant(variant)
            .init(init)
            .maxIterations(maxIterations)
            .tolerance(tolerance);
    if (threads != null) {
      kmeans.threads(threads);
    }
    char sep = parseDelimiter(delimiter);
    CsvLoad load =
        CsvDatasets.reader()
            .columns(columns.toArray(new String[0]))
            .idColumn(id)
            .weightColumn(weight)
            .delimiter(sep)
            .missingValues(missing)
            .load(input);
    Dataset data = load.dataset();
    if (load.droppedRows() > 0) {
      err.println(
          "dropped "
              + load.droppedRows()
              + " rows with missing values (lines "
              + abbreviate(load.droppedLines())
              + ")");
    }
    load.imputedValues()
        .forEach((c, count) -> err.println("imputed " + count + " values in column '" + c + "'"));
    // The bar's two-second grace period starts with the fit, not with reading the file.
    ProgressBar bar = new ProgressBar(err);
    kmeans.progress(bar);
    SegmentationResult<KMeansModel> result;
    try {
      result = kmeans.fit(data);
    } finally {
      bar.done();
    }
    out.println(
        "input "
            + input
            + ": "
            + data.numRows()
            + " rows, columns "
            + data.columnNames()
            + ", scaling "
            + scale);
    Report.print(out, data, result);
    if (output != null) {
      writeLabels(output, data, result.labels(), id);
      out.println("wrote " + data.numRows() + " rows to " + output);
    }
    return 0;
  }

  static char parseDelimiter(String value) {
    if (value.equalsIgnoreCase("tab") || value.equals("\\t")) {
      return '\t';
    }
    if (value.length() != 1) {
      throw new dev.segmentation.api.InvalidOptionException(
          "--delimiter", "'" + value + "'", "must be a single character or 'tab'");
    }
    return value.charAt(0);
  }

  static void writeLabels(Path file, Dataset data, int[] labels, String idColumn) {
    try (CsvWriter w = CsvWriter.builder().build(file)) {
      w.writeRecord(idColumn != null ? idColumn : "row", "segment");
      List<String> ids = data.rowIds().orElse(null);
      for (int i = 0; i < labels.length; i++) {
        w.writeRecord(
            ids != null ? ids.get(i) : Integer.toString(i + 1), Integer.toString(labels[i]));
      }
    } catch (IOException e) {
      throw new InvalidDataException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String abbreviate(List<Long> lines) {
    List<Long> head = lines.subList(0, Math.min(10, lines.size()));
    String s = head.toString();
    return lines.size() > head.size() ? s.substring(0, s.length() - 1) + ", ...]" : s;
  }
}
