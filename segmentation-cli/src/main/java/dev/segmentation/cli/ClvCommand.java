package dev.segmentation.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.data.AtomicFiles;
import dev.segmentation.customer.TransactionLog;
import dev.segmentation.customer.clv.BgNbd;
import dev.segmentation.customer.clv.CalibrationSummary;
import dev.segmentation.customer.clv.ClvModelFile;
import dev.segmentation.customer.clv.CustomerValue;
import dev.segmentation.customer.clv.GammaGamma;
import dev.segmentation.customer.clv.ParetoNbd;
import dev.segmentation.customer.clv.PurchaseModel;
import dev.segmentation.customer.clv.TimeScale;
import dev.segmentation.customer.clv.Validation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code segment clv}: who is still a customer, how much they will buy and what they are worth
 * (BG/NBD, Pareto/NBD, Gamma-Gamma), per customer, with the fits and the holdout validation.
 */
@Command(
    name = "clv",
    mixinStandardHelpOptions = true,
    description =
        "Fit the buy-till-you-die models (BG/NBD and Pareto/NBD for purchases, Gamma-Gamma for"
            + " spend) on a calibration period and write, per customer, the probability of being"
            + " alive, the expected purchases and lifetime value over a horizon. With a holdout"
            + " period (--holdout-end) it prints the papers' validation: predicted against actual"
            + " holdout purchases by calibration frequency, and the weekly tracking.",
    footer = {
      "",
      "Examples:",
      "  segment clv --transactions CDNOW_master.txt.gz --format cdnow \\",
      "              --calibration-end 1997-09-30 --holdout-end 1998-06-30 \\",
      "              --horizon 52w --discount 0.01 --output clv.csv",
      "  segment clv --summary cdnow_summary.csv --summary-columns ID,x,t_x,T,zbar --output clv.csv"
    })
final class ClvCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin OptOutOption optOut;

  @Mixin SafeCsv csv;

  @Mixin TransactionOptions reading;

  @Option(
      names = "--transactions",
      description = "The log: a file with a header line, plain or .gz (or give --summary).")
  Path transactions;

  @Option(
      names = "--summary",
      description = "A calibration summary CSV instead of a log (see --summary-columns).")
  Path summaryFile;

  @Option(
      names = "--summary-columns",
      split = ",",
      defaultValue = "customer_id,x,t_x,T,value",
      description =
          "Columns of --summary: id, repeat purchases, recency, age[, mean repeat value]"
              + " (default: ${DEFAULT-VALUE}).")
  List<String> summaryColumns;

  @Option(
      names = "--calibration-end",
      description = "Last day (yyyy-MM-dd) of the calibration period; needed with --transactions.")
  String calibrationEnd;

  @Option(
      names = "--holdout-end",
      description = "Last day of a holdout period after it, to validate the models on.")
  String holdoutEnd;

  @Option(
      names = "--scale",
      defaultValue = "weeks",
      description = "Time unit: weeks or days (default: ${DEFAULT-VALUE}).")
  String scale;

  @Option(
      names = "--horizon",
      defaultValue = "52w",
      description =
          "Horizon of the expected purchases and lifetime value: a number of weeks (52w) or days"
              + " (365d) (default: ${DEFAULT-VALUE}).")
  String horizon;

  @Option(
      names = "--discount",
      defaultValue = "0.01",
      description = "Discount rate per month of 30 days (default: ${DEFAULT-VALUE}).")
  double discount;

  @Option(
      names = "--model",
      defaultValue = "bgnbd",
      description =
          "Purchase model of the output columns: bgnbd or pareto (both are fitted and printed)"
              + " (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--penalty",
      defaultValue = "0",
      description = "L2 penalty on the parameters, as lifetimes' penalizer_coef (default: 0).")
  double penalty;

  @Option(
      names = "--output",
      description =
          "Where to write customer_id, x, t_x, T, mean_value, p_alive, expected_purchases,"
              + " expected_value, clv (and holdout_purchases, holdout_value with a holdout).")
  Path output;

  @Option(
      names = "--save",
      description = "Write the chosen purchase model and the spend model to this JSON file.")
  Path save;

  @Option(
      names = "--models",
      description =
          "Score with the models of a file written by --save instead of fitting (its time scale"
              + " is used).")
  Path models;

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  @Override
  public Integer call() {
    if ((transactions == null) == (summaryFile == null)) {
      throw new InvalidOptionException(
          "--transactions", "and --summary", "give exactly one of them");
    }
    OutputFiles.plan()
        .input("--transactions", transactions)
        .input("--summary", summaryFile)
        .input("--opt-out", optOut.file)
        .input("--models", models)
        .output("--output", output)
        .output("--save", save)
        .check();
    ClvModelFile loaded = models == null ? null : ClvModelFile.load(models);
    TimeScale unit = loaded != null ? loaded.scale() : scale(scale);
    double h = horizon(horizon, unit);
    if (!(discount >= 0) || !Double.isFinite(discount)) {
      throw new InvalidOptionException("--discount", Double.toString(discount), "must be >= 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    CalibrationSummary summary = summaryFile != null ? readSummary(unit) : summarise(unit, out);
    out.printf(
        Locale.ROOT,
        "calibration summary: %,d customers, time in %s%s%n",
        summary.size(),
        unit.name().toLowerCase(Locale.ROOT),
        summary.calibrationEnd() == null
            ? ""
            : ", calibration from "
                + summary.cohortStart()
                + " to "
                + summary.calibrationEnd()
                + (summary.hasHoldout() ? ", holdout to " + summary.holdoutEnd() : ""));
    PurchaseModel chosen;
    GammaGamma spend;
    if (loaded != null) {
      chosen = loaded.purchases();
      spend = loaded.spend();
      out.println(
          "models from "
              + models
              + ": "
              + chosen.name()
              + (spend == null ? "" : " and Gamma-Gamma"));
    } else {
      ModelChoice fitted = fit(summary, out);
      chosen = fitted.purchases();
      spend = fitted.spend();
      if (save != null) {
        new ClvModelFile(unit, chosen, spend).save(save);
        out.println("wrote the models to " + save);
      }
    }
    CustomerValue value = CustomerValue.score(summary, chosen, spend, h, discount);
    out.printf(
        Locale.ROOT,
        "%s over %s %s, discount %.4f a month: expected purchases %.1f in all%s%n",
        chosen.name(),
        Report.number(h),
        unit.name().toLowerCase(Locale.ROOT),
        discount,
        total(value, true),
        spend == null
            ? ""
            : String.format(Locale.ROOT, ", lifetime value %.2f in all", total(value, false)));
    if (output != null) {
      write(output, summary, value);
      out.println("wrote " + summary.size() + " customers to " + output);
    }
    out.flush();
    return 0;
  }

  private record ModelChoice(PurchaseModel purchases, GammaGamma spend) {}

  /** Fits both purchase models and the spend model, prints them and the validation. */
  private ModelChoice fit(CalibrationSummary summary, PrintWriter out) {
    BgNbd bg = BgNbd.fitter().penalty(penalty).fit(summary);
    ParetoNbd pareto = ParetoNbd.fitter().penalty(penalty).fit(summary);
    out.print(bg.report().describe("BG/NBD"));
    out.print(pareto.report().describe("Pareto/NBD"));
    GammaGamma spend = null;
    if (hasValues(summary)) {
      spend = GammaGamma.fitter().penalty(penalty).fit(summary);
      out.print(spend.report().describe("Gamma-Gamma"));
      if (spend.leftOut() > 0) {
        out.printf(
            Locale.ROOT,
            "  %,d customers whose repeat purchases are worth 0 left out of the spend fit%n",
            spend.leftOut());
      }
      out.printf(
          Locale.ROOT,
          "  frequency-spend correlation %.3f%s%n",
          spend.frequencySpendCorrelation(),
          spend.independenceDoubtful()
              ? ": strong, the Gamma-Gamma model assumes none; treat expected values with care"
              : " (the model assumes none)");
    } else {
      out.println("no mean repeat values: expected value and clv are left empty");
    }
    if (summary.hasHoldout()) {
      for (PurchaseModel m : List.of(bg, pareto)) {
        out.print(Validation.of(summary, m, 7).describe());
      }
      out.println("  (* periods after the calibration end)");
    }
    PurchaseModel chosen =
        switch (model.toLowerCase(Locale.ROOT)) {
          case "bgnbd", "bg/nbd" -> bg;
          case "pareto", "paretonbd", "pareto/nbd" -> pareto;
          default ->
              throw new InvalidOptionException(
                  "--model", "'" + model + "'", "must be bgnbd or pareto");
        };
    return new ModelChoice(chosen, spend);
  }

  private static double total(CustomerValue v, boolean purchases) {
    double sum = 0;
    for (int i = 0; i < v.customerIds().size(); i++) {
      sum += purchases ? v.expectedPurchases(i) : v.lifetimeValue(i);
    }
    return sum;
  }

  private static boolean hasValues(CalibrationSummary s) {
    for (int i = 0; i < s.size(); i++) {
      if (s.frequency(i) > 0 && s.meanValue(i) > 0) {
        return true;
      }
    }
    return false;
  }

  private CalibrationSummary readSummary(TimeScale unit) {
    if (summaryColumns.size() < 4 || summaryColumns.size() > 5) {
      throw new InvalidOptionException(
          "--summary-columns",
          String.join(",", summaryColumns),
          "must name 4 or 5 columns: id, repeat purchases, recency, age[, mean repeat value]");
    }
    return CalibrationSummary.read(
        summaryFile,
        summaryColumns.get(0),
        summaryColumns.get(1),
        summaryColumns.get(2),
        summaryColumns.get(3),
        summaryColumns.size() == 5 ? summaryColumns.get(4) : null,
        unit);
  }

  private CalibrationSummary summarise(TimeScale unit, PrintWriter out) {
    if (calibrationEnd == null) {
      throw new InvalidOptionException(
          "--calibration-end", "missing", "is needed with --transactions (a date yyyy-MM-dd)");
    }
    CalibrationSummary.Builder b =
        CalibrationSummary.until(InputOptions.parseDate("--calibration-end", calibrationEnd))
            .scale(unit)
            .negativeQuantities(reading.negative);
    if (holdoutEnd != null) {
      b.holdoutUntil(InputOptions.parseDate("--holdout-end", holdoutEnd));
    }
    OptOutList optedOut = optOut.read();
    if (optedOut != null) {
      b.optOut(optedOut.ids());
    }
    TransactionLog lines = reading.reader().read(transactions);
    if (optedOut != null) {
      optedOut.report(out, lines.customerIds(), optOut.strict);
    }
    out.printf(
        Locale.ROOT,
        "%s: %,d lines of %,d customers%n",
        transactions,
        lines.size(),
        lines.customerIds().size());
    return b.compute(lines);
  }

  static TimeScale scale(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "weeks", "week", "w" -> TimeScale.WEEKS;
      case "days", "day", "d" -> TimeScale.DAYS;
      default ->
          throw new InvalidOptionException("--scale", "'" + value + "'", "must be weeks or days");
    };
  }

  /** A horizon such as 52w or 365d, in units of the scale; a bare number is in those units. */
  static double horizon(String value, TimeScale unit) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    double days = 0;
    double number;
    try {
      if (v.endsWith("w") || v.endsWith("d")) {
        number = Double.parseDouble(v.substring(0, v.length() - 1));
        days = v.endsWith("w") ? 7 : 1;
      } else {
        number = Double.parseDouble(v);
      }
    } catch (NumberFormatException e) {
      number = Double.NaN;
    }
    if (!(number > 0) || !Double.isFinite(number) || number > 1e6) {
      throw new InvalidOptionException(
          "--horizon",
          "'" + value + "'",
          "must be a positive number of weeks (52w) or days (365d)");
    }
    return days == 0 ? number : number * days / unit.days();
  }

  private void write(Path file, CalibrationSummary s, CustomerValue v) {
    boolean holdout = s.hasHoldout();
    AtomicFiles.write(
        file,
        tmp -> {
          try (CsvWriter w = CsvWriter.builder().build(tmp)) {
            List<String> header =
                new ArrayList<>(
                    List.of(
                        "customer_id",
                        "x",
                        "t_x",
                        "T",
                        "mean_value",
                        "p_alive",
                        "expected_purchases",
                        "expected_value",
                        "clv"));
            if (holdout) {
              header.add("holdout_purchases");
              header.add("holdout_value");
            }
            csv.record(w, header);
            String[] f = new String[header.size()];
            for (int i = 0; i < s.size(); i++) {
              f[0] = s.customerIds().get(i);
              f[1] = Integer.toString(s.frequency(i));
              f[2] = Report.number(s.recency(i));
              f[3] = Report.number(s.age(i));
              f[4] = Report.number(s.meanValue(i));
              f[5] = Report.number(v.probabilityAlive(i));
              f[6] = Report.number(v.expectedPurchases(i));
              f[7] = Double.isNaN(v.expectedValue(i)) ? "" : Report.number(v.expectedValue(i));
              f[8] = Double.isNaN(v.lifetimeValue(i)) ? "" : Report.number(v.lifetimeValue(i));
              if (holdout) {
                f[9] = Integer.toString(s.holdoutPurchases(i));
                f[10] = Report.number(s.holdoutValue(i));
              }
              csv.record(w, f);
            }
          }
        });
  }
}
