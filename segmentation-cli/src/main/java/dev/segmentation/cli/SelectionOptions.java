package dev.segmentation.cli;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.api.Segmenter;
import dev.segmentation.core.evaluate.Criterion;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.evaluate.Stability;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The options of every command whose number of segments may be a range ({@code --k 2..10}): how to
 * choose k, the business constraints, and an optional stability check of the result.
 */
final class SelectionOptions {

  @Option(
      names = "--select",
      description =
          "With a range of k: the criterion, ${COMPLETION-CANDIDATES} (default: SILHOUETTE).")
  Criterion select;

  @Option(
      names = "--min-share",
      description =
          "With a range of k: reject a k whose smallest segment holds less than this share of the"
              + " rows, e.g. 0.05.")
  Double minShare;

  @Option(
      names = "--preferred-k",
      description = "With a range of k: choose inside this range (lo..hi) when any k there passes.")
  String preferred;

  @Option(
      names = "--gap-references",
      defaultValue = "10",
      description = "Uniform reference data sets of the gap statistic (default: ${DEFAULT-VALUE}).")
  int references;

  @Option(
      names = "--stability",
      defaultValue = "0",
      description =
          "Refit on this many bootstrap samples and print each segment's mean Jaccard"
              + " similarity (Hennig 2007); 0 = off (default: ${DEFAULT-VALUE}).")
  int stability;

  /**
   * Parses {@code "8"} or {@code "2..10"}.
   *
   * @return {@code {lo, hi}}
   */
  static int[] parseRange(String option, String value) {
    String v = value.trim();
    int dots = v.indexOf("..");
    try {
      if (dots < 0) {
        int k = Integer.parseInt(v);
        return new int[] {k, k};
      }
      return new int[] {
        Integer.parseInt(v.substring(0, dots).trim()),
        Integer.parseInt(v.substring(dots + 2).trim())
      };
    } catch (NumberFormatException e) {
      throw new InvalidOptionException(
          option, "'" + value + "'", "must be a number or a range lo..hi, for example 2..10");
    }
  }

  /**
   * Returns the selection for {@code option}'s value, or null when it names a single k (then the
   * selection options must not be given).
   */
  KSelection selection(String option, String value, long seed) {
    // Both multiply the work of a fit: capped where a run would take days, not seconds.
    if (stability < 0 || stability > 1000) {
      throw new InvalidOptionException(
          "--stability", stability, "must be in [0, 1000] (each sample is one more fit)");
    }
    if (references < 1 || references > 1000) {
      throw new InvalidOptionException(
          "--gap-references",
          references,
          "must be in [1, 1000] (each reference data set is one more fit per k)");
    }
    int[] range = parseRange(option, value);
    if (range[0] == range[1]) {
      if (select != null || minShare != null || preferred != null) {
        throw new InvalidOptionException(
            "--select/--min-share/--preferred-k",
            "with " + option + " " + value,
            "apply only to a range of k: give " + option + " as lo..hi, for example 2..10");
      }
      if (range[0] < 1) {
        throw new InvalidOptionException(option, range[0], "must be >= 1");
      }
      return null;
    }
    KSelection s =
        KSelection.range(range[0], range[1])
            .by(select != null ? select : Criterion.SILHOUETTE)
            .references(references)
            .seed(seed);
    if (minShare != null) {
      s = s.minShare(minShare);
    }
    if (preferred != null) {
      int[] p = parseRange("--preferred-k", preferred);
      s = s.preferred(p[0], p[1]);
    }
    return s;
  }

  /** Prints the selection table of {@code result}, if it has one. */
  static void printTable(PrintWriter out, SegmentationResult<?> result) {
    result.selection().ifPresent(t -> out.print(t.toText()));
  }

  /** With {@code --stability N}: refits {@code segmenter} N times and prints the report. */
  void printStability(
      PrintWriter out, Segmenter<?> segmenter, Dataset data, int[] labels, long seed) {
    if (stability == 0) {
      return;
    }
    out.println();
    out.print(Stability.of(segmenter).refits(stability).seed(seed).assess(data, labels).toText());
    out.flush();
  }
}
