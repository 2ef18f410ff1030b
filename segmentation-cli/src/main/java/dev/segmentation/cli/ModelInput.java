package dev.segmentation.cli;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.core.data.MissingValuePolicy;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of the commands that apply a saved model to a file: assign and update. */
final class ModelInput {
  @Option(names = "--model", required = true, description = "A model file written by --save.")
  Path model;

  @Option(names = "--input", required = true, description = "CSV file with a header line.")
  Path input;

  @Option(names = "--id", description = "Column with customer ids, written to the output.")
  String id;

  @Option(names = "--delimiter", defaultValue = ",", description = "Field delimiter.")
  String delimiter;

  @Option(
      names = "--missing",
      defaultValue = "FAIL",
      description = "Missing values: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  MissingValuePolicy missing;

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  /** The delimiter as a character. */
  char separator() {
    return InputOptions.parseDelimiter(delimiter);
  }

  /** Refuses an input file without every column the model was trained on, naming the first. */
  void requireColumns(SegmentModel m) {
    List<String> header = LabelFile.header(input, separator());
    for (String c : m.columnNames()) {
      if (!header.contains(c)) {
        throw new InvalidDataException(
            input
                + " has no column '"
                + c
                + "', which the model "
                + model
                + " was trained on; its columns are "
                + m.columnNames()
                + " and the file's "
                + header);
      }
    }
  }
}
