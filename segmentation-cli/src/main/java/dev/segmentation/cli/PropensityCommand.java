package dev.segmentation.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.data.AtomicFiles;
import dev.segmentation.customer.CustomerFeatures;
import dev.segmentation.customer.CustomerTable;
import dev.segmentation.customer.Holdout;
import dev.segmentation.customer.TransactionLog;
import dev.segmentation.customer.propensity.BtydBaseline;
import dev.segmentation.customer.propensity.Calibrator;
import dev.segmentation.customer.propensity.LabelledWindow;
import dev.segmentation.customer.propensity.LabelledWindow.Target;
import dev.segmentation.customer.propensity.LogisticRegression;
import dev.segmentation.customer.propensity.ScoreMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code segment propensity}: the probability of an event in the next days for every customer,
 * trained on an earlier window of the same log, judged on the window after the cutoff when the log
 * reaches that far, and explained customer by customer.
 */
@Command(
    name = "propensity",
    mixinStandardHelpOptions = true,
    description =
        "Score every customer's probability of an event (purchase, repeat, churn, return,"
            + " discount) in the --horizon days after --cutoff with an L2 logistic regression"
            + " trained on the window that ends at the cutoff (features as of --train-cutoff,"
            + " default one horizon earlier), explained by each customer's top features. When the"
            + " log reaches past the cutoff's window, the scores are judged on it: ROC AUC, PR AUC,"
            + " log loss, Brier, the reliability table, lift and gain by decile; --backtest repeats"
            + " it over earlier cutoffs.",
    footer = {
      "",
      "Example:",
      "  segment propensity --transactions CDNOW_master.txt.gz --format cdnow --cutoff 1997-12-31 \\",
      "                     --horizon 90d --target purchase --output propensity.csv"
    })
final class PropensityCommand implements Callable<Integer> {
  /** The columns of the --metrics file, which the report's decision view reads. */
  static final List<String> METRICS_COLUMNS =
      List.of(
          "cutoff",
          "model",
          "decile",
          "customers",
          "mean_score",
          "observed_rate",
          "lift",
          "cumulative_gain",
          "roc_auc",
          "pr_auc",
          "log_loss",
          "brier");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin OptOutOption optOut;

  @Mixin SafeCsv csv;

  @Mixin TransactionOptions reading;

  @Option(names = "--transactions", required = true, description = "The log (plain or .gz).")
  Path transactions;

  @Option(
      names = "--cutoff",
      required = true,
      description = "Date (yyyy-MM-dd) the scores are as of; the features see nothing after it.")
  String cutoff;

  @Option(
      names = "--train-cutoff",
      description = "Cutoff of the training window (default: --cutoff minus --horizon).")
  String trainCutoff;

  @Option(
      names = "--horizon",
      defaultValue = "30d",
      description = "Window after a cutoff: days (30d) or weeks (13w) (default: ${DEFAULT-VALUE}).")
  String horizon;

  @Option(
      names = "--target",
      defaultValue = "purchase",
      description = "purchase, repeat, churn, return or discount (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(
      names = "--c",
      defaultValue = "1",
      description = "Inverse regularisation strength, as scikit-learn's C (default: 1).")
  double c;

  @Option(names = "--balanced", description = "Weigh the classes inversely to their frequency.")
  boolean balanced;

  @Option(
      names = "--calibration",
      defaultValue = "none",
      description =
          "none, platt or isotonic: fitted on a hashed 30% of the training customers kept out of"
              + " the fit (default: ${DEFAULT-VALUE}).")
  String calibration;

  @Option(
      names = "--backtest",
      defaultValue = "0",
      description = "Also judge this many earlier cutoffs, one horizon apart (default: 0).")
  int backtest;

  @Option(
      names = "--top",
      defaultValue = "3",
      description = "Features named in each customer's reason (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--output",
      description = "Where to write customer_id, probability and reason (default: no file).")
  Path output;

  @Option(
      names = "--metrics",
      description =
          "Where to write the judged metrics, one row per cutoff and model (decile all: ROC AUC,"
              + " PR AUC, log loss, Brier) and per decile (mean score, observed rate, lift, gain),"
              + " for the report's reliability curve and lift chart (default: no file).")
  Path metrics;

  @Option(
      names = "--no-baseline",
      negatable = true,
      description =
          "Leave out the BG/NBD baseline judged beside the model for the purchase and churn"
              + " targets.")
  boolean baseline = true;

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  @Override
  public Integer call() {
    OutputFiles.plan()
        .input("--transactions", transactions)
        .input("--opt-out", optOut.file)
        .output("--output", output)
        .output("--metrics", metrics)
        .check();
    PrintWriter out = spec.commandLine().getOut();
    Target t = target(target);
    int days = days(horizon);
    if (top < 1) {
      throw new InvalidOptionException("--top", Integer.toString(top), "must be at least 1");
    }
    if (backtest < 0 || backtest > 52) {
      throw new InvalidOptionException(
          "--backtest", Integer.toString(backtest), "must be in [0, 52]");
    }
    String cal = calibration.toLowerCase(Locale.ROOT);
    if (!List.of("none", "platt", "isotonic").contains(cal)) {
      throw new InvalidOptionException(
          "--calibration", "'" + calibration + "'", "must be none, platt or isotonic");
    }
    LocalDate at = InputOptions.parseDate("--cutoff", cutoff);
    LocalDate trainAt =
        trainCutoff == null
            ? at.minusDays(days)
            : InputOptions.parseDate("--train-cutoff", trainCutoff);
    if (!trainAt.plusDays(days).isAfter(trainAt) || trainAt.plusDays(days).isAfter(at)) {
      throw new InvalidOptionException(
          "--train-cutoff",
          trainAt.toString(),
          "must end its "
              + days
              + "-day window on or before --cutoff "
              + at
              + ", so that training sees nothing the scores are judged on");
    }
    OptOutList optedOut = optOut.read();
    List<String> ids = optedOut == null ? List.of() : optedOut.ids();
    ProgressBar progress = new ProgressBar(spec.commandLine().getErr());
    progress.phase("reading " + transactions);
    TransactionLog log = reading.reader().read(transactions);
    progress.phase("training on the window after " + trainAt);
    if (optedOut != null) {
      optedOut.report(out, log.customerIds(), optOut.strict);
    }
    Trained m = train(log, trainAt, days, t, ids, cal);
    progress.done();
    out.printf(
        Locale.ROOT,
        "%s in %d days: trained on the window after %s (%,d customers, %,d with the event),"
            + " %d Newton steps%s%n",
        t.name().toLowerCase(Locale.ROOT),
        days,
        trainAt,
        m.customers,
        m.events,
        m.model.iterations(),
        m.calibrator == null ? "" : ", " + cal + " calibration");
    double[] coef = m.model.coefficients();
    for (int j = 0; j < coef.length; j++) {
      out.printf(Locale.ROOT, "  %-22s %+.6f per unit%n", m.model.columns().get(j), coef[j]);
    }
    long last = 0;
    for (int i = 0; i < log.size(); i++) {
      last = Math.max(last, log.epochDayOf(i));
    }
    List<Judged> judgedRows = new ArrayList<>();
    for (int k = backtest; k >= 0; k--) {
      LocalDate judged = at.minusDays((long) k * days);
      if (judged.toEpochDay() + days > last) {
        out.println(
            "no labels after "
                + judged
                + " (the log ends "
                + LocalDate.ofEpochDay(last)
                + "): scores only");
        continue;
      }
      progress.phase("judging the window after " + judged);
      Trained used = k == 0 ? m : train(log, judged.minusDays(days), days, t, ids, cal);
      List<Judged> here = new ArrayList<>();
      judge(log, judged, days, t, ids, used, cal, here);
      progress.done();
      print(out, judged, days, here);
      judgedRows.addAll(here);
    }
    if (metrics != null) {
      writeMetrics(metrics, judgedRows);
      out.println(
          judgedRows.isEmpty()
              ? "wrote no metrics to " + metrics + ": no cutoff had labels"
              : "wrote the metrics of " + judgedRows.size() + " judged scores to " + metrics);
    }
    if (output != null) {
      progress.phase("scoring as of " + at);
      CustomerTable now =
          CustomerFeatures.asOf(at).optOut(ids).negativeQuantities(reading.negative).compute(log);
      write(output, now.dataset(), now.customerIds(), m);
      progress.done();
      out.println("wrote " + now.numCustomers() + " customers to " + output);
    }
    out.flush();
    return 0;
  }

  private record Trained(
      LogisticRegression model, Calibrator calibrator, int customers, int events) {
    double[] probabilities(Dataset data) {
      double[] p = model.probabilities(data);
      return calibrator == null ? p : calibrator.apply(p);
    }
  }

  /** Windows by cutoff: a backtest trains on the window the previous cutoff was judged on. */
  private final java.util.Map<LocalDate, LabelledWindow> windows = new java.util.HashMap<>();

  private LabelledWindow window(TransactionLog log, LocalDate at, int days, List<String> optOut) {
    return windows.computeIfAbsent(
        at,
        d ->
            LabelledWindow.at(d, days)
                .optOut(optOut)
                .negativeQuantities(reading.negative)
                .compute(log));
  }

  private Trained train(
      TransactionLog log, LocalDate at, int days, Target t, List<String> optOut, String cal) {
    LabelledWindow w = window(log, at, days, optOut);
    Dataset data = w.features().dataset();
    int[] y = w.labels(t);
    if (cal.equals("none")) {
      return new Trained(
          LogisticRegression.fitter().c(c).balanced(balanced).fit(data, y), null, y.length, sum(y));
    }
    // a hashed 30% of the customers calibrates; the rest fits the model
    Holdout split = Holdout.of("propensity-calibration", 0.3);
    List<Integer> fit = new ArrayList<>();
    List<Integer> held = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      (split.isHeldOut(w.features().customerIds().get(i), 0) ? held : fit).add(i);
    }
    LogisticRegression model =
        LogisticRegression.fitter().c(c).balanced(balanced).fit(rows(data, fit), pick(y, fit));
    double[] p = model.probabilities(rows(data, held));
    int[] yh = pick(y, held);
    Calibrator calibrator =
        cal.equals("platt") ? Calibrator.platt(p, yh) : Calibrator.isotonic(p, yh);
    return new Trained(model, calibrator, y.length, sum(y));
  }

  /** One judged score: a model's metrics on one cutoff's window. */
  private record Judged(
      LocalDate cutoff,
      String model,
      ScoreMetrics.Summary summary,
      List<ScoreMetrics.Decile> deciles) {}

  private void judge(
      TransactionLog log,
      LocalDate at,
      int days,
      Target t,
      List<String> optOut,
      Trained m,
      String cal,
      List<Judged> judged) {
    LabelledWindow w = window(log, at, days, optOut);
    int[] y = w.labels(t);
    String name = cal.equals("none") ? "logistic" : "logistic+" + cal;
    judged.add(judgedOf(at, name, m.probabilities(w.features().dataset()), y));
    if (baseline && BtydBaseline.predicts(t)) {
      BtydBaseline b = BtydBaseline.fit(log, w, optOut, reading.negative);
      judged.add(judgedOf(at, "bg/nbd", b.scores(t), y));
    }
  }

  private static void print(PrintWriter out, LocalDate at, int days, List<Judged> here) {
    ScoreMetrics.Summary first = here.get(0).summary();
    out.printf(
        Locale.ROOT,
        "judged on the %d days after %s (%,d customers, %,d with the event):%n",
        days,
        at,
        first.customers(),
        Math.round(first.baseRate() * first.customers()));
    out.printf(
        Locale.ROOT,
        "  %-16s %8s %8s %8s %8s %9s%n",
        "model",
        "ROC AUC",
        "PR AUC",
        "log loss",
        "Brier",
        "top lift");
    for (Judged j : here) {
      out.printf(
          Locale.ROOT,
          "  %-16s %8.4f %8.4f %8.4f %8.4f %9.2f%n",
          j.model(),
          j.summary().rocAuc(),
          j.summary().averagePrecision(),
          j.summary().logLoss(),
          j.summary().brier(),
          j.deciles().get(0).lift());
    }
    for (Judged j : here) {
      out.printf(
          Locale.ROOT,
          "  %s: %6s %9s %10s %9s %6s %6s%n",
          j.model(),
          "decile",
          "customers",
          "predicted",
          "observed",
          "lift",
          "gain");
      for (ScoreMetrics.Decile d : j.deciles()) {
        out.printf(
            Locale.ROOT,
            "  %s  %6d %9d %10.4f %9.4f %6.2f %6.3f%n",
            " ".repeat(j.model().length()),
            d.decile(),
            d.customers(),
            d.meanScore(),
            d.observedRate(),
            d.lift(),
            d.cumulativeGain());
      }
    }
  }

  private static Judged judgedOf(LocalDate at, String model, double[] p, int[] y) {
    return new Judged(at, model, ScoreMetrics.summary(p, y), List.of(ScoreMetrics.deciles(p, y)));
  }

  private void writeMetrics(Path file, List<Judged> rows) {
    AtomicFiles.write(
        file,
        tmp -> {
          try (CsvWriter w = CsvWriter.builder().build(tmp)) {
            csv.record(w, METRICS_COLUMNS);
            for (Judged j : rows) {
              ScoreMetrics.Summary s = j.summary();
              csv.record(
                  w,
                  j.cutoff().toString(),
                  j.model(),
                  "all",
                  Integer.toString(s.customers()),
                  Report.number(s.meanScore()),
                  Report.number(s.baseRate()),
                  "1",
                  "1",
                  Report.number(s.rocAuc()),
                  Report.number(s.averagePrecision()),
                  Report.number(s.logLoss()),
                  Report.number(s.brier()));
              for (ScoreMetrics.Decile d : j.deciles()) {
                csv.record(
                    w,
                    j.cutoff().toString(),
                    j.model(),
                    Integer.toString(d.decile()),
                    Integer.toString(d.customers()),
                    Report.number(d.meanScore()),
                    Report.number(d.observedRate()),
                    Report.number(d.lift()),
                    Report.number(d.cumulativeGain()),
                    "",
                    "",
                    "",
                    "");
              }
            }
          }
        });
  }

  private static int sum(int[] y) {
    int s = 0;
    for (int v : y) {
      s += v;
    }
    return s;
  }

  private static Dataset rows(Dataset data, List<Integer> rows) {
    int d = data.numColumns();
    double[] out = new double[rows.size() * d];
    for (int r = 0; r < rows.size(); r++) {
      for (int j = 0; j < d; j++) {
        out[r * d + j] = data.get(rows.get(r), j);
      }
    }
    return Dataset.ofRowMajor(out, rows.size(), data.columnNames());
  }

  private static int[] pick(int[] y, List<Integer> rows) {
    int[] out = new int[rows.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = y[rows.get(r)];
    }
    return out;
  }

  private void write(Path file, Dataset data, List<String> ids, Trained m) {
    double[] p = m.probabilities(data);
    AtomicFiles.write(
        file,
        tmp -> {
          try (CsvWriter w = CsvWriter.builder().build(tmp)) {
            csv.record(w, "customer_id", "probability", "reason");
            for (int i = 0; i < ids.size(); i++) {
              StringBuilder why = new StringBuilder();
              for (LogisticRegression.Contribution k : m.model.explain(data.row(i), top)) {
                if (why.length() > 0) {
                  why.append("; ");
                }
                why.append(
                    String.format(
                        Locale.ROOT,
                        "%s %s (%+.2f)",
                        k.feature(),
                        Report.number(k.value()),
                        k.logOdds()));
              }
              csv.record(w, ids.get(i), Report.number(p[i]), why.toString());
            }
          }
        });
  }

  static Target target(String value) {
    try {
      return Target.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException(
          "--target", "'" + value + "'", "must be purchase, repeat, churn, return or discount");
    }
  }

  /** A horizon such as 30d or 13w, in days. */
  static int days(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      int unit = v.endsWith("w") ? 7 : 1;
      String number = v.endsWith("w") || v.endsWith("d") ? v.substring(0, v.length() - 1) : v;
      int n = Integer.parseInt(number);
      if (n >= 1 && n <= 3660 / unit) {
        return n * unit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidOptionException(
        "--horizon",
        "'" + value + "'",
        "must be a number of days (30d) or weeks (13w), up to 10 years");
  }
}
