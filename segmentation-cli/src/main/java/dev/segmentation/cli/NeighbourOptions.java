package dev.segmentation.cli;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.MixedDataset;
import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.distance.Gower;
import dev.segmentation.core.index.IndexKind;
import dev.segmentation.core.preprocess.Scaling;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --distance} and {@code --index}, for the commands that search neighbourhoods. */
final class NeighbourOptions {

  /** The distances the command line offers: the library's, and Gower's for mixed data. */
  enum Metric {
    EUCLIDEAN,
    MANHATTAN,
    COSINE,
    /** Gower's distance over numeric and --categorical columns (Manhattan on its coordinates). */
    GOWER
  }

  @Option(
      names = "--distance",
      defaultValue = "EUCLIDEAN",
      description =
          "${COMPLETION-CANDIDATES}; gower mixes numeric and --categorical columns (default:"
              + " ${DEFAULT-VALUE}).")
  Metric distance;

  @Option(
      names = "--index",
      defaultValue = "AUTO",
      description =
          "${COMPLETION-CANDIDATES}; all give the same result (default: ${DEFAULT-VALUE}).")
  IndexKind index;

  /** The mixed data read for Gower's distance, or null. */
  MixedDataset mixed;

  /** The library distance: Manhattan on Gower coordinates for GOWER. */
  Distance distance() {
    return distance == Metric.GOWER ? Distance.MANHATTAN : Distance.valueOf(distance.name());
  }

  /** Gower normalises every column by its range itself, so no preprocessing with it. */
  Scaling scaling(InputOptions in) {
    return distance == Metric.GOWER ? Scaling.none() : Scaling.byName(in.scale);
  }

  /**
   * Reads the input: numeric as usual, or with --distance gower the numeric and --categorical
   * columns mapped to Gower coordinates (complete rows needed), printing what was read.
   */
  Dataset load(InputOptions in, String weight, PrintWriter out, PrintWriter err) {
    if (distance != Metric.GOWER) {
      Dataset data = in.load(weight, err);
      out.println(in.describe(data));
      return data;
    }
    requireCategorical(in);
    mixed = loadGower(in, weight, out, err);
    return Gower.of(mixed).coordinates();
  }

  /** Gower's distance needs categorical columns to mix in: refuses a command line without any. */
  static void requireCategorical(InputOptions in) {
    if (in.categorical.isEmpty()) {
      throw new InvalidOptionException(
          "--distance",
          "gower",
          "mixes numeric and categorical columns: name the categorical ones with --categorical");
    }
  }

  /**
   * Reads the numeric and --categorical columns for Gower's distance and says so on {@code out}.
   */
  static MixedDataset loadGower(InputOptions in, String weight, PrintWriter out, PrintWriter err) {
    MixedDataset data = in.loadMixed(weight, err);
    out.println(
        "input "
            + in.input
            + ": "
            + data.numRows()
            + " rows, Gower's distance over numeric "
            + data.numericNames()
            + " and categorical "
            + data.categoricalNames()
            + " (each normalised by its range; --scale not used)");
    return data;
  }

  /** A model on Gower coordinates could not place customers given in their own columns. */
  void refuseModelFile(java.nio.file.Path save) {
    if (save != null && distance == Metric.GOWER) {
      throw new InvalidOptionException(
          "--save",
          save,
          "is not available with --distance gower: the model works on Gower coordinates, not on"
              + " the customers' columns; save the labels with --output");
    }
  }

  /** Prints the segment profile: the mixed one for Gower, the usual means otherwise. */
  void print(
      PrintWriter out,
      Dataset data,
      dev.segmentation.api.SegmentationResult<?> result,
      String detail) {
    if (mixed == null) {
      Report.print(out, data, result, detail);
      return;
    }
    out.printf(
        java.util.Locale.ROOT,
        "%s: %d rows, %d segments%n",
        result.summary().algorithm(),
        result.numRows(),
        result.model().numSegments());
    out.println(detail.replace("MANHATTAN", "GOWER"));
    MixedReport.print(out, mixed, result.labels(), result.model().numSegments());
  }
}
