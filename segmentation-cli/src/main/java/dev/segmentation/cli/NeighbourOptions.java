package dev.segmentation.cli;

import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.index.IndexKind;
import picocli.CommandLine.Option;

/** {@code --distance} and {@code --index}, for the commands that search neighbourhoods. */
final class NeighbourOptions {
  @Option(
      names = "--distance",
      defaultValue = "EUCLIDEAN",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Distance distance;

  @Option(
      names = "--index",
      defaultValue = "AUTO",
      description =
          "${COMPLETION-CANDIDATES}; all give the same result (default: ${DEFAULT-VALUE}).")
  IndexKind index;
}
