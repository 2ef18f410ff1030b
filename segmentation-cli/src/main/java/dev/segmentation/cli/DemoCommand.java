package dev.segmentation.cli;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.evaluate.Criterion;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.customer.CustomerFeatures;
import dev.segmentation.customer.CustomerTable;
import dev.segmentation.customer.Feature;
import dev.segmentation.customer.Holdout;
import dev.segmentation.customer.TransactionLog;
import dev.segmentation.customer.clv.BgNbd;
import dev.segmentation.customer.clv.CalibrationSummary;
import dev.segmentation.customer.clv.CustomerValue;
import dev.segmentation.customer.clv.GammaGamma;
import dev.segmentation.datasets.SampleDatasets;
import dev.segmentation.kmeans.KMeansModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment demo}: the whole path on the bundled CDNOW purchase log, to an HTML report. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the whole path on the bundled CDNOW purchase log (69,659 purchases of 23,570"
            + " customers, 1997-98; Fader, Hardie and Lee 2005): customer features as of"
            + " 1998-06-30, lifetime values (BG/NBD, Gamma-Gamma), the number of segments chosen"
            + " by silhouette (4 to 8 preferred, none under 5%%), K-means segments, profiles,"
            + " holdouts, and a self-contained HTML report.")
final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--output",
      defaultValue = "report.html",
      description = "Where to write the report (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  /** P(alive), expected purchases and 52-week lifetime value of each customer, in table order. */
  static ReportCommand.ClvColumns lifetimeValues(
      TransactionLog log, LocalDate asOf, List<String> ids) {
    CalibrationSummary summary = CalibrationSummary.until(asOf).compute(log);
    CustomerValue v =
        CustomerValue.score(summary, BgNbd.fit(summary), GammaGamma.fit(summary), 52, 0.01);
    int[] row = summary.rowsOf(ids);
    double[] alive = new double[ids.size()];
    double[] purchases = new double[ids.size()];
    double[] value = new double[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      // the summary and the features both hold every customer with a purchase by the date
      alive[i] = v.probabilityAlive(row[i]);
      purchases[i] = v.expectedPurchases(row[i]);
      value[i] = v.lifetimeValue(row[i]);
    }
    return ReportCommand.ClvColumns.of(alive, purchases, value);
  }

  @Override
  public Integer call() {
    // Outputs are checked before any work: a fit must not end in a refused write.
    OutputFiles.plan().output("--output", output).check();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar progress = new ProgressBar(err);
    progress.phase("reading the bundled CDNOW log");
    TransactionLog log = SampleDatasets.cdnowTransactions();
    LocalDate asOf = LocalDate.of(1998, 6, 30);
    progress.phase("customer features as of " + asOf);
    CustomerTable table = CustomerFeatures.asOf(asOf).compute(log);
    progress.phase("lifetime values (BG/NBD and Gamma-Gamma, 52 weeks)");
    ReportCommand.ClvColumns clv = lifetimeValues(log, asOf, table.customerIds());
    progress.done();
    out.println("CDNOW purchase log (Fader, Hardie and Lee 2005): " + log.summary());
    out.println(table.summary());
    Dataset customers =
        table
            .dataset()
            .select(
                Feature.RECENCY.column(),
                Feature.FREQUENCY.column(),
                Feature.MONETARY_TOTAL.column(),
                Feature.MONETARY_MEAN.column());
    progress.phase(
        String.format(
            java.util.Locale.ROOT,
            "fitting k-means, k = 2..8 by silhouette, on %,d customers",
            customers.numRows()));
    SegmentationResult<KMeansModel> result;
    try {
      result =
          Segmentation.kmeans()
              .k(KSelection.range(2, 8).by(Criterion.SILHOUETTE).minShare(0.05).preferred(4, 8))
              .restarts(4)
              .seed(seed)
              .preprocess(Scaling.log1p().then(Scaling.standard()))
              .progress(progress)
              .fit(customers);
    } finally {
      progress.done();
    }
    SelectionOptions.printTable(out, result);
    Report.print(out, customers, result, Report.kmeansDetail(result.summary()));
    List<String[]> facts = new ArrayList<>();
    facts.add(
        new String[] {"data", "CDNOW: " + log.summary() + "; features as of " + table.asOf()});
    facts.add(new String[] {"customer table", table.summary()});
    progress.phase("writing the report");
    Path written =
        ReportCommand.write(
            output,
            "CDNOW customers: segments as of " + table.asOf(),
            facts,
            customers,
            table.states(),
            new FitOptions.Fitted(result, null),
            Holdout.of("segment-demo", 0.10),
            0.99,
            seed,
            new ReportCommand.Extras(clv, List.of(), HtmlReport.BETTER, null, new SafeCsv()));
    progress.done();
    out.println();
    out.println("wrote the report to " + written.toAbsolutePath());
    out.flush();
    return 0;
  }
}
