package dev.segmentation.cli;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.core.evaluate.Agreement;
import dev.segmentation.core.evaluate.Contingency;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment evaluate}: agreement between a segmentation and known classes. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Compare a segmentation with known classes (or another segmentation): adjusted Rand index,"
            + " normalized and adjusted mutual information, Fowlkes-Mallows, purity, and the"
            + " contingency table. Rows of the two files are matched by their first column.",
    footer = {
      "",
      "Example:",
      "  segment evaluate --labels labels.csv --truth classes.csv --truth-column species"
    })
final class EvaluateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--labels",
      required = true,
      description = "CSV with a header: row id first, then the segment (as written by --output).")
  Path labels;

  @Option(names = "--truth", required = true, description = "CSV with a header: row id, class.")
  Path truth;

  @Option(
      names = "--labels-column",
      defaultValue = "segment",
      description = "Column of --labels holding the segment (default: ${DEFAULT-VALUE}).")
  String labelsColumn;

  @Option(
      names = "--truth-column",
      description = "Column of --truth holding the class (default: its last column).")
  String truthColumn;

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> seg = LabelFile.read(labels, labelsColumn);
    Map<String, String> cls = LabelFile.read(truth, truthColumn);
    List<String> missing = new ArrayList<>();
    for (String id : seg.keySet()) {
      if (!cls.containsKey(id)) {
        missing.add(id);
      }
    }
    if (!missing.isEmpty() || cls.size() != seg.size()) {
      throw new InvalidDataException(
          "the files do not hold the same rows: "
              + (missing.isEmpty()
                  ? (cls.size() - seg.size()) + " ids of " + truth + " are missing from " + labels
                  : "id '" + missing.get(0) + "' of " + labels + " is missing from " + truth)
              + "; both files need one line per row, matched by their first column");
    }
    int n = seg.size();
    int[] a = new int[n];
    int[] b = new int[n];
    Map<String, Integer> segIds = new LinkedHashMap<>();
    Map<String, Integer> clsIds = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, String> e : seg.entrySet()) {
      a[i] = segIds.computeIfAbsent(e.getValue(), k -> segIds.size());
      b[i] = clsIds.computeIfAbsent(cls.get(e.getKey()), k -> clsIds.size());
      i++;
    }
    out.printf(Locale.ROOT, "%d rows, %d segments, %d classes%n", n, segIds.size(), clsIds.size());
    out.printf(
        Locale.ROOT, "adjusted Rand index            %.6f%n", Agreement.adjustedRandIndex(b, a));
    out.printf(
        Locale.ROOT,
        "normalized mutual information  %.6f%n",
        Agreement.normalizedMutualInformation(b, a));
    out.printf(
        Locale.ROOT,
        "adjusted mutual information    %.6f%n",
        Agreement.adjustedMutualInformation(b, a));
    out.printf(
        Locale.ROOT, "Fowlkes-Mallows                %.6f%n", Agreement.fowlkesMallows(b, a));
    out.printf(Locale.ROOT, "purity                         %.6f%n", Agreement.purity(b, a));
    Contingency t = Contingency.of(b, a);
    List<String> segNames = new ArrayList<>(segIds.keySet());
    List<String> clsNames = new ArrayList<>(clsIds.keySet());
    out.println();
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-14s", "class \\ seg"));
    for (int j = 0; j < t.columns(); j++) {
      header.append(String.format(Locale.ROOT, " %8s", segNames.get(t.columnLabel(j))));
    }
    out.println(header);
    for (int r = 0; r < t.rows(); r++) {
      StringBuilder line =
          new StringBuilder(String.format(Locale.ROOT, "%-14s", clsNames.get(t.rowLabel(r))));
      for (int j = 0; j < t.columns(); j++) {
        line.append(String.format(Locale.ROOT, " %8d", t.count(r, j)));
      }
      out.println(line);
    }
    out.flush();
    return 0;
  }
}
