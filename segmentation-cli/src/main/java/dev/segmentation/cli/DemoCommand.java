package dev.segmentation.cli;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.data.SampleDatasets;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.kmeans.KMeansModel;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment demo}: K-means on the bundled UCI wholesale customers data. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Segment the bundled UCI Wholesale customers data (440 clients of a Portuguese wholesale",
      "distributor, annual spend per product category; Cardoso 2013, CC BY 4.0) with K-means",
      "on log1p + standard-scaled spend, and print the segments."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--k",
      defaultValue = "5",
      description = "Number of segments (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Dataset all = SampleDatasets.wholesaleCustomers();
    Dataset spend = all.select(SampleDatasets.wholesaleSpendColumns());
    SegmentationResult<KMeansModel> result =
        Segmentation.kmeans()
            .k(k)
            .seed(seed)
            .restarts(8)
            .preprocess(Scaling.log1p().then(Scaling.standard()))
            .fit(spend);
    out.println(
        "UCI Wholesale customers (Cardoso 2013, CC BY 4.0): "
            + spend.numRows()
            + " clients, annual spend in monetary units on "
            + spend.columnNames());
    Report.print(out, spend, result, Report.kmeansDetail(result.summary()));
    int channel = all.columnIndex("Channel");
    out.println();
    out.println("share of Horeca (hotel/restaurant/cafe) clients per segment:");
    int[] sizes = result.segmentSizes();
    int[] horeca = new int[sizes.length];
    for (int i = 0; i < all.numRows(); i++) {
      if (all.get(i, channel) == 1) {
        horeca[result.label(i)]++;
      }
    }
    for (int c = 0; c < sizes.length; c++) {
      out.printf(
          java.util.Locale.ROOT, "  segment %d: %5.1f%% Horeca%n", c, 100.0 * horeca[c] / sizes[c]);
    }
    out.flush();
    return 0;
  }
}
