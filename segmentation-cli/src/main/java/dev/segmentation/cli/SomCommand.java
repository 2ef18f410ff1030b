package dev.segmentation.cli;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.som.Neighborhood;
import dev.segmentation.som.Som;
import dev.segmentation.som.SomInit;
import dev.segmentation.som.SomModel;
import dev.segmentation.som.SomTraining;
import dev.segmentation.som.Topology;
import dev.segmentation.som.UnitGrouping;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment som}: a self-organizing map of a CSV file, its units grouped into segments. */
@Command(
    name = "som",
    mixinStandardHelpOptions = true,
    description =
        "Train a self-organizing map on the rows of a CSV file, group its units into --segments"
            + " segments and write one segment per row.",
    footer = {
      "",
      "Example:",
      "  segment som --grid 12x8 --topology hexagonal --segments 6 --input data.csv \\",
      "              --columns a,b,c --output labels.csv",
      "  segment som --grid 12x8 --segments 2..10 --select davies_bouldin --input data.csv"
    })
final class SomCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin InputOptions in;

  @Mixin SaveOption saving;

  @Mixin SafeCsv csv;

  @Option(
      names = "--grid",
      defaultValue = "10x10",
      description = "Columns x rows of units (default: ${DEFAULT-VALUE}).")
  String grid;

  @Option(
      names = "--topology",
      defaultValue = "RECTANGULAR",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Topology topology;

  @Option(names = "--toroidal", description = "Wrap the grid's opposite edges.")
  boolean toroidal;

  @Option(
      names = "--segments",
      defaultValue = "6",
      description =
          "Segments the units are grouped into, or a range lo..hi to choose from (see --select,"
              + " --min-share, --preferred-k) (default: ${DEFAULT-VALUE}).")
  String segments;

  @Mixin SelectionOptions choice;

  @Option(
      names = "--grouping",
      defaultValue = "WARD",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  UnitGrouping grouping;

  @Option(
      names = "--training",
      defaultValue = "BATCH",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  SomTraining training;

  @Option(
      names = "--init",
      defaultValue = "PCA",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  SomInit init;

  @Option(
      names = "--neighborhood",
      defaultValue = "GAUSSIAN",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Neighborhood neighborhood;

  @Option(
      names = "--epochs",
      defaultValue = "20",
      description = "Passes over the data (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--output", description = "Where to write id,segment,unit rows (default: none).")
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
    int[] size = parseGrid(grid);
    KSelection selection = choice.selection("--segments", segments, seed);
    Som som =
        Segmentation.som()
            .grid(size[0], size[1])
            .topology(topology)
            .toroidal(toroidal)
            .segments(SelectionOptions.parseRange("--segments", segments)[0])
            .grouping(grouping)
            .training(training)
            .init(init)
            .neighborhood(neighborhood)
            .epochs(epochs)
            .seed(seed)
            .preprocess(Scaling.byName(in.scale));
    if (selection != null) {
      som.segments(selection);
    }
    if (in.threads != null) {
      som.threads(in.threads);
    }
    Dataset data = in.load(null, err);
    out.println(in.describe(data));
    SegmentationResult<SomModel> result =
        ProgressBar.around(err, bar -> som.progress(bar).fit(data));
    SomModel model = result.model();
    double[] qe = model.quantizationErrors();
    double[] te = model.topographicErrors();
    SelectionOptions.printTable(out, result);
    Report.print(
        out,
        data,
        result,
        String.format(
            Locale.ROOT,
            "%d epochs, quantization error %.4g, topographic error %.3f, fit %d ms",
            qe.length,
            qe[qe.length - 1],
            te[te.length - 1],
            result.summary().elapsed().toMillis()));
    choice.printStability(
        out,
        som.progress(ProgressListener.NONE).segments(model.numSegments()),
        data,
        result.labels(),
        seed);
    if (output != null) {
      int[] units = new int[data.numRows()];
      for (int i = 0; i < units.length; i++) {
        units[i] = model.bestMatchingUnit(data.row(i));
      }
      Report.writeLabels(
          output, data, result.labels(), "unit", i -> Integer.toString(units[i]), in.id, csv);
      out.println("wrote " + data.numRows() + " rows to " + output);
    }
    saving.save(out, result.model());
    return 0;
  }

  static int[] parseGrid(String value) {
    int x = value.toLowerCase(Locale.ROOT).indexOf('x');
    try {
      if (x > 0) {
        return new int[] {
          Integer.parseInt(value.substring(0, x).trim()),
          Integer.parseInt(value.substring(x + 1).trim())
        };
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new InvalidOptionException(
        "--grid", "'" + value + "'", "must be columns x rows, for example 12x8");
  }
}
