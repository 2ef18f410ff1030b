package dev.segmentation.cli;

import dev.segmentation.api.SegmentModel;
import dev.segmentation.io.ModelFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --save model.json}, shared by every command that fits a model. */
final class SaveOption {
  @Option(
      names = "--save",
      description =
          "Write the fitted model (with its preprocessing) as JSON; apply it later with"
              + " segment assign.")
  Path save;

  /** Saves the model if {@code --save} was given. */
  void save(PrintWriter out, SegmentModel model) {
    if (save != null) {
      ModelFiles.save(model, save);
      out.println("saved the model to " + save);
    }
  }
}
