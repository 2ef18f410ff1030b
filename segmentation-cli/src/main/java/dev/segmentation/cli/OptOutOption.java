package dev.segmentation.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --opt-out} and {@code --opt-out-strict}, a mixin of every command that reads customers.
 */
final class OptOutOption {
  @Option(
      names = "--opt-out",
      description =
          "File of customer ids to leave out of everything: one per line, or a CSV with a"
              + " customer_id (or id) column.")
  Path file;

  @Option(
      names = "--opt-out-strict",
      description = "Fail when an id of the --opt-out file matches no customer.")
  boolean strict;

  /** The file read, or null without one. */
  OptOutList read() {
    return file == null ? null : OptOutList.read(file);
  }
}
