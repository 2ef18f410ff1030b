package dev.segmentation.cli;

import dev.segmentation.api.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How every command checks its files before any work: the folder of each output exists and is
 * writable, no output is one of the inputs (also through links), no two outputs share a path, no
 * input is a folder. The files are then written with {@code AtomicFiles.write} (a temporary file
 * beside the target moved into place), so a kill leaves the old file or the complete new one.
 */
final class OutputFiles {
  private OutputFiles() {}

  /** The inputs and outputs of one command, to check together before anything is read. */
  static final class Plan {
    private final Map<String, Path> inputs = new LinkedHashMap<>();
    private final Map<String, Path> outputs = new LinkedHashMap<>();

    Plan input(String option, Path file) {
      if (file != null) {
        inputs.put(option, file);
      }
      return this;
    }

    Plan output(String option, Path file) {
      if (file != null) {
        outputs.put(option, file);
      }
      return this;
    }

    /**
     * Refuses, naming the options: an output that is an input, two outputs on one path, an output
     * whose folder is missing or not writable, an output that is a folder.
     */
    void check() {
      for (Map.Entry<String, Path> in : inputs.entrySet()) {
        if (Files.isDirectory(in.getValue())) {
          throw new InvalidOptionException(
              in.getKey(), in.getValue(), "is a folder; give the file inside it");
        }
      }
      List<Map.Entry<String, Path>> seen = new ArrayList<>();
      for (Map.Entry<String, Path> out : outputs.entrySet()) {
        Path target = out.getValue().toAbsolutePath().normalize();
        for (Path in : inputs.values()) {
          if (same(target, in)) {
            throw new InvalidOptionException(
                out.getKey(),
                out.getValue(),
                "is also an input ("
                    + in
                    + "): writing it would destroy the data; choose another output file");
          }
        }
        for (Map.Entry<String, Path> other : seen) {
          if (same(target, other.getValue())) {
            throw new InvalidOptionException(
                out.getKey(),
                out.getValue(),
                "is also the file of " + other.getKey() + "; give each output its own file");
          }
        }
        seen.add(out);
        if (Files.isDirectory(target)) {
          throw new InvalidOptionException(
              out.getKey(), out.getValue(), "is a folder; give a file name inside it");
        }
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
          throw new InvalidOptionException(
              out.getKey(), out.getValue(), "is in a folder that does not exist; create it first");
        }
        if (!Files.isWritable(folder)) {
          throw new InvalidOptionException(
              out.getKey(), out.getValue(), "is in a folder this user cannot write to");
        }
      }
    }

    private static boolean same(Path a, Path b) {
      Path x = a.toAbsolutePath().normalize();
      Path y = b.toAbsolutePath().normalize();
      if (x.equals(y)) {
        return true;
      }
      try {
        return Files.exists(x) && Files.exists(y) && Files.isSameFile(x, y);
      } catch (IOException e) {
        return false;
      }
    }
  }

  static Plan plan() {
    return new Plan();
  }
}
