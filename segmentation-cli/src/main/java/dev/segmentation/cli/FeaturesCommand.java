package dev.segmentation.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.data.AtomicFiles;
import dev.segmentation.customer.BusinessState;
import dev.segmentation.customer.CustomerFeatures;
import dev.segmentation.customer.CustomerTable;
import dev.segmentation.customer.Feature;
import dev.segmentation.customer.ScoreRule;
import dev.segmentation.customer.TransactionLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment features}: one row of behavioural features per customer from a purchase log. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description =
        "Turn a transaction log (customer, date, amount, and optionally quantity, order, category,"
            + " discount, returned flag) into one row per customer: recency, frequency, monetary"
            + " value, tenure, purchase pace and its steadiness, value volatility, discount share,"
            + " return rate, value-curve shape, RFM quintile scores and the business state.",
    footer = {
      "",
      "Examples:",
      "  segment features --transactions CDNOW_master.txt.gz --format cdnow --as-of 1997-12-31 \\",
      "                   --output features.csv",
      "  segment features --transactions orders.csv --as-of 2026-11-30 --customer-column client \\",
      "                   --date-column day --amount-column value --returned-column is_return \\",
      "                   --opt-out optouts.txt --output features.csv"
    })
final class FeaturesCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin OptOutOption optOut;

  @picocli.CommandLine.Mixin SafeCsv csv;

  @Option(
      names = "--transactions",
      required = true,
      description = "The log: a file with a header line, plain or .gz.")
  Path transactions;

  @Option(
      names = "--as-of",
      required = true,
      description =
          "Date (yyyy-MM-dd) recency and tenure are measured to; later lines are left out.")
  String asOf;

  @picocli.CommandLine.Mixin TransactionOptions reading;

  @Option(
      names = "--features",
      split = ",",
      description =
          "Columns to compute, e.g. recency_days,frequency,monetary_total (default: all"
              + " but state).")
  List<String> features = List.of();

  @Option(
      names = "--scores",
      defaultValue = "ties",
      description =
          "R, F, M quintile scores: ties (equal values share a score) or ranks (pandas qcut on"
              + " ranks; a fifth each) (default: ${DEFAULT-VALUE}).")
  String scores;

  @Option(names = "--new-days", defaultValue = "90", description = "NEW: first purchase within.")
  int newDays;

  @Option(
      names = "--active-days",
      defaultValue = "90",
      description = "ACTIVE: last purchase within.")
  int activeDays;

  @Option(
      names = "--churn-days",
      defaultValue = "365",
      description = "CHURNED: no purchase for more.")
  int churnDays;

  @Option(
      names = "--output",
      description =
          "Where to write customer_id, the features and the state by name (default: no file).")
  Path output;

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  @Override
  public Integer call() {
    // Outputs are checked before any work: a fit must not end in a refused write.
    OutputFiles.plan()
        .input("--transactions", transactions)
        .input("--opt-out", optOut.file)
        .output("--output", output)
        .check();
    PrintWriter out = spec.commandLine().getOut();
    LocalDate date = InputOptions.parseDate("--as-of", asOf);
    CustomerFeatures builder =
        CustomerFeatures.asOf(date)
            .negativeQuantities(reading.negative)
            .states(newDays, activeDays, churnDays);
    if (!features.isEmpty()) {
      builder.features(parseFeatures(features));
    }
    builder.scores(scoreRule(scores));
    OptOutList optedOut = optOut.read();
    if (optedOut != null) {
      builder.optOut(optedOut.ids());
    }
    ProgressBar progress = new ProgressBar(spec.commandLine().getErr());
    progress.phase("reading " + transactions);
    TransactionLog log = reading.reader().read(transactions);
    progress.phase(
        String.format(
            java.util.Locale.ROOT,
            "features of %,d customers as of %s",
            log.customerIds().size(),
            date));
    CustomerTable table = builder.compute(log);
    progress.done();
    if (optedOut != null) {
      optedOut.report(out, log.customerIds(), optOut.strict);
    }
    out.println(transactions + ": " + log.summary());
    out.println(table.summary());
    out.println(
        "R, F, M scores: "
            + (scoreRule(scores) == ScoreRule.RANKS
                ? "by rank (a fifth each, ties in order of appearance)"
                : "equal values share a score (money compared to a millionth)"));
    if (output != null) {
      progress.phase("writing " + output);
      write(output, table);
      progress.done();
      out.println("wrote " + table.numCustomers() + " customers to " + output);
    }
    out.flush();
    return 0;
  }

  static Feature[] parseFeatures(List<String> names) {
    List<Feature> chosen = new ArrayList<>();
    for (String name : names) {
      Feature found = null;
      for (Feature f : Feature.values()) {
        if (f.column().equalsIgnoreCase(name.trim()) || f.name().equalsIgnoreCase(name.trim())) {
          found = f;
        }
      }
      if (found == null) {
        List<String> all = new ArrayList<>();
        for (Feature f : Feature.values()) {
          all.add(f.column());
        }
        throw new InvalidOptionException(
            "--features", "'" + name + "'", "must be one of " + String.join(", ", all));
      }
      chosen.add(found);
    }
    return chosen.toArray(new Feature[0]);
  }

  private void write(Path file, CustomerTable table) {
    Dataset data = table.dataset();
    BusinessState[] states = table.states();
    List<String> ids = table.customerIds();
    int d = data.numColumns();
    AtomicFiles.write(
        file,
        tmp -> {
          try (CsvWriter w = CsvWriter.builder().build(tmp)) {
            List<String> header = new ArrayList<>();
            header.add("customer_id");
            header.addAll(data.columnNames());
            boolean stateByName = data.columnIndex("state") < 0;
            if (stateByName) {
              // the state by name; leave it out of --columns when segmenting on the file
              header.add("state");
            }
            List<String> favourite = table.favouriteCategories().orElse(null);
            if (favourite != null) {
              // a text column: segment kmeans --categorical favourite_category takes it
              header.add(CustomerTable.FAVOURITE_CATEGORY);
            }
            csv.record(w, header);
            String[] fields = new String[header.size()];
            for (int i = 0; i < data.numRows(); i++) {
              fields[0] = ids.get(i);
              for (int j = 0; j < d; j++) {
                fields[1 + j] = Report.number(data.get(i, j));
              }
              if (stateByName) {
                fields[d + 1] = states[i].name();
              }
              if (favourite != null) {
                fields[fields.length - 1] = favourite.get(i);
              }
              csv.record(w, fields);
            }
          }
        });
  }

  static ScoreRule scoreRule(String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "ties" -> ScoreRule.SHARED_TIES;
      case "ranks" -> ScoreRule.RANKS;
      default ->
          throw new InvalidOptionException("--scores", "'" + value + "'", "must be ties or ranks");
    };
  }
}
