package dev.segmentation.cli;

import dev.segmentation.customer.Snapshot;
import dev.segmentation.customer.Transitions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment transitions}: who moved between segments from one labels file to the next. */
@Command(
    name = "transitions",
    mixinStandardHelpOptions = true,
    description =
        "Count the customers who moved between segments from an earlier to a later segmentation"
            + " (labels files matched by customer id), with the lost and new customers. With"
            + " --align, the later segments are first renamed after the earlier ones they share"
            + " the most customers with.",
    footer = {
      "",
      "Example:",
      "  segment transitions --earlier december.csv --later june.csv --align \\",
      "                      --customers features.csv"
    })
final class TransitionsCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--earlier", required = true, description = "Labels file: id, segment.")
  Path earlier;

  @Option(names = "--later", required = true, description = "Labels file: id, segment.")
  Path later;

  @Option(names = "--labels-column", defaultValue = "segment", description = "Segment column.")
  String labelsColumn;

  @Option(names = "--align", description = "Rename the later segments to match the earlier ones.")
  boolean align;

  @Option(
      names = "--customers",
      description =
          "A file whose first column lists every known customer id; ids of the labels"
              + " files not in it are an error.")
  Path customers;

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Snapshot a = snapshot(earlier);
    Snapshot b = snapshot(later);
    if (customers != null) {
      List<String> known = new ArrayList<>(LabelFile.read(customers, null).keySet());
      a.requireKnown(known);
      b.requireKnown(known);
    }
    Transitions t = align ? Transitions.aligned(a, b) : Transitions.between(a, b);
    out.println(
        "earlier: "
            + earlier
            + " ("
            + a.size()
            + " customers), later: "
            + later
            + " ("
            + b.size()
            + " customers)"
            + (align ? ", later segments aligned" : ""));
    out.print(t.toText());
    out.flush();
    return 0;
  }

  private Snapshot snapshot(Path file) {
    Map<String, Integer> seg = LabelFile.segments(file, labelsColumn);
    List<String> ids = new ArrayList<>(seg.keySet());
    int[] labels = new int[ids.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = seg.get(ids.get(i));
    }
    return Snapshot.named(file.toString(), ids, labels);
  }
}
