package dev.segmentation.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.data.AtomicFiles;
import dev.segmentation.customer.Holdout;
import dev.segmentation.customer.IdList;
import dev.segmentation.customer.decide.Condition;
import dev.segmentation.customer.decide.CustomerColumns;
import dev.segmentation.customer.decide.DecisionRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code segment decide}: a rule table places every customer in one decision segment, exclusion or
 * no action; one audience file per decision segment and exclusion, with holdout flags, and a
 * summary with the holdout's minimum detectable lift.
 */
@Command(
    name = "decide",
    mixinStandardHelpOptions = true,
    description =
        "Place every customer of the joined --input files in the first rule of --rules that takes"
            + " them (a decision segment, an exclusion) or in no action; write one audience file"
            + " per rule to --output-dir (customer_id, decision, action, holdout, reason, scores)"
            + " and summary.csv (size, share, expected revenue, holdout and the minimum lift it"
            + " can detect). --write-template starts a rule table over the columns of features"
            + " and propensity.",
    footer = {
      "",
      "Examples:",
      "  segment decide --write-template rules.json",
      "  segment decide --rules rules.json --input features.csv --input propensity.csv \\",
      "                 --output-dir audiences/ --holdout 0.1 --opt-out optouts.txt \\",
      "                 --do-not-target staff.txt"
    })
final class DecideCommand implements Callable<Integer> {
  /** z for a two-sided 5% test and for 80% power. */
  private static final double Z_ALPHA = 1.959963984540054;

  private static final double Z_POWER = 0.8416212335729143;

  /** The columns of summary.csv, which the report's decision view reads. */
  static final List<String> SUMMARY_COLUMNS =
      List.of(
          "decision",
          "action",
          "customers",
          "share",
          "holdout",
          "expected_revenue",
          "minimum_detectable_lift");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin OptOutOption optOut;

  @Mixin SafeCsv csv;

  @Option(names = "--rules", description = "The rule table (JSON).")
  Path rules;

  @Option(
      names = "--do-not-target",
      description =
          "A file of customer ids never to target (staff, complaints, suppressed accounts): an"
              + " exclusion ahead of every rule, exported like the others so that activation can"
              + " suppress them (repeat the option for several lists). Unlike --opt-out, these"
              + " customers appear in the exclusion's file.")
  List<Path> doNotTarget = new ArrayList<>();

  @Option(
      names = "--write-template",
      description = "Write the starting rule table to this file and stop.")
  Path template;

  @Option(
      names = "--input",
      description =
          "Customer files joined by --id (repeat the option); the first sets the customers.")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--id", defaultValue = "customer_id", description = "Id column of every --input.")
  String id;

  @Option(
      names = "--output-dir",
      description = "Folder of the audience files (created if missing).")
  Path outputDir;

  @Option(
      names = "--holdout",
      defaultValue = "0.1",
      description = "Share of each decision segment held out (default: ${DEFAULT-VALUE}).")
  double holdout;

  @Option(names = "--salt", defaultValue = "segment-decide", description = "Holdout salt.")
  String salt;

  @Option(
      names = "--probability-column",
      defaultValue = "probability",
      description =
          "Purchase probability, for expected revenue and the lift (default: ${DEFAULT-VALUE}).")
  String probabilityColumn;

  @Option(
      names = "--value-column",
      defaultValue = "monetary_mean",
      description = "Value of a purchase, for expected revenue (default: ${DEFAULT-VALUE}).")
  String valueColumn;

  @Option(
      names = "--revenue-from",
      defaultValue = "auto",
      description =
          "Expected revenue from the propensity (probability x --value-column), from the BTYD"
              + " columns of segment clv (expected_purchases x expected_value, over clv's"
              + " horizon), or auto: BTYD when both columns are there (default: ${DEFAULT-VALUE}).")
  String revenueFrom;

  @Option(
      names = "--score-columns",
      split = ",",
      defaultValue = "probability,p_alive,expected_purchases,clv",
      description =
          "Columns copied into the audience files when present (default: ${DEFAULT-VALUE}).")
  List<String> scoreColumns;

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (template != null) {
      OutputFiles.plan().output("--write-template", template).check();
      AtomicFiles.write(
          template,
          tmp -> Files.writeString(tmp, DecisionRules.template(), StandardCharsets.UTF_8));
      out.println("wrote the starting rule table to " + template);
      out.flush();
      return 0;
    }
    if (rules == null || inputs.isEmpty() || outputDir == null) {
      throw new InvalidOptionException(
          "--rules", "--input and --output-dir", "are all needed (or --write-template alone)");
    }
    Holdout hold = Holdout.of(salt, holdout);
    DecisionRules table = withLists(DecisionRules.read(rules));
    Map<String, String> files = new HashMap<>();
    List<String> slugs = new ArrayList<>();
    for (DecisionRules.Rule r : table.rules()) {
      String slug = slug(r.name());
      String other = files.put(slug, r.name());
      if (other != null || slug.equals("summary")) {
        throw new InvalidOptionException(
            "--rules",
            "'" + r.name() + "'",
            "would write "
                + slug
                + ".csv as "
                + (other == null ? "the summary does" : "'" + other + "' does")
                + "; rename one rule");
      }
      slugs.add(slug);
    }
    try {
      Files.createDirectories(outputDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    OutputFiles.Plan plan =
        OutputFiles.plan().input("--rules", rules).input("--opt-out", optOut.file);
    for (Path list : doNotTarget) {
      plan.input("--do-not-target", list);
    }
    for (Path in : inputs) {
      plan.input("--input", in);
    }
    for (String slug : slugs) {
      plan.output("--output-dir", outputDir.resolve(slug + ".csv"));
    }
    plan.output("--output-dir", outputDir.resolve("summary.csv")).check();
    CustomerColumns customers = CustomerColumns.read(id, inputs);
    List<String> optedOut = List.of();
    if (optOut.file != null) {
      OptOutList list = optOut.read();
      list.report(out, customers.customerIds(), optOut.strict);
      optedOut = list.ids();
    }
    int[] placed = table.apply(customers, optedOut);
    boolean withP = customers.isNumeric(probabilityColumn);
    boolean btyd =
        customers.isNumeric("expected_purchases") && customers.isNumeric("expected_value");
    String source =
        switch (revenueFrom.toLowerCase(Locale.ROOT)) {
          case "auto" -> btyd ? "btyd" : "propensity";
          case "btyd", "propensity" -> revenueFrom.toLowerCase(Locale.ROOT);
          default ->
              throw new InvalidOptionException(
                  "--revenue-from", "'" + revenueFrom + "'", "must be auto, propensity or btyd");
        };
    if (source.equals("btyd") && !btyd) {
      throw new InvalidOptionException(
          "--revenue-from",
          "btyd",
          "needs the expected_purchases and expected_value columns of segment clv among --input");
    }
    boolean withV = source.equals("btyd") || (withP && customers.isNumeric(valueColumn));
    String revenueSource =
        !withV
            ? ""
            : source.equals("btyd")
                ? "btyd: expected_purchases x expected_value"
                : "propensity: " + probabilityColumn + " x " + valueColumn;
    List<String> scores = new ArrayList<>();
    for (String s : scoreColumns) {
      if (customers.columns().contains(s)) {
        scores.add(s);
      }
    }
    int n = customers.customerIds().size();
    int eligible = 0;
    for (int p : placed) {
      eligible += p >= -1 ? 1 : 0;
    }
    List<List<String>> summary = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    out.printf(
        Locale.ROOT,
        "%,d customers (%,d opted out left out); holdout %.0f%% of each segment%n",
        eligible,
        n - eligible,
        100 * holdout);
    out.printf(
        Locale.ROOT,
        "  %-28s %-8s %9s %7s %8s %12s %s%n",
        "decision",
        "action",
        "customers",
        "share",
        "holdout",
        "exp. revenue",
        "min. detectable lift (80% power, 5% two-sided)");
    for (int k = 0; k <= table.rules().size(); k++) {
      boolean none = k == table.rules().size();
      String name = none ? "no action" : table.rules().get(k).name();
      String action = none ? "none" : table.rules().get(k).action().name().toLowerCase(Locale.ROOT);
      String reason = none ? "no rule applies" : table.rules().get(k).reason();
      int want = none ? -1 : k;
      List<Integer> rows = new ArrayList<>();
      int held = 0;
      double p = 0;
      double revenue = 0;
      for (int i = 0; i < n; i++) {
        if (placed[i] == want) {
          rows.add(i);
          if (hold.isHeldOut(customers.customerIds().get(i), 0)) {
            held++;
          }
          if (withP) {
            p += customers.number(probabilityColumn, i);
          }
          if (withV) {
            revenue +=
                source.equals("btyd")
                    ? customers.number("expected_purchases", i)
                        * customers.number("expected_value", i)
                    : customers.number(probabilityColumn, i) * customers.number(valueColumn, i);
          }
        }
      }
      int size = rows.size();
      double rate = withP && size > 0 ? p / size : 0.5;
      String mde = mde(rate, size - held, held);
      String revenueText = withV ? String.format(Locale.ROOT, "%.2f", revenue) : "";
      out.printf(
          Locale.ROOT,
          "  %-28s %-8s %9d %6.1f%% %8d %12s %s%n",
          name,
          action,
          size,
          eligible == 0 ? 0 : 100.0 * size / eligible,
          held,
          revenueText,
          mde);
      summary.add(
          List.of(
              name,
              action,
              Integer.toString(size),
              Report.number(eligible == 0 ? 0 : (double) size / eligible),
              Integer.toString(held),
              revenueText,
              mde,
              revenueSource));
      if (!none && size == 0) {
        empty.add(name);
      }
      if (!none) {
        write(
            outputDir.resolve(slugs.get(k) + ".csv"),
            customers,
            rows,
            name,
            action,
            reason,
            scores,
            hold);
      }
    }
    AtomicFiles.write(
        outputDir.resolve("summary.csv"),
        tmp -> {
          try (CsvWriter w = CsvWriter.builder().build(tmp)) {
            List<String> header = new ArrayList<>(SUMMARY_COLUMNS);
            header.add("revenue_source");
            csv.record(w, header);
            for (List<String> row : summary) {
              csv.record(w, row);
            }
          }
        });
    out.println("wrote " + slugs.size() + " audience files and summary.csv to " + outputDir);
    for (String name : empty) {
      out.println(
          "rule '"
              + name
              + "' took nobody: its file holds only the header; check its thresholds against the"
              + " data (or whether an earlier rule takes its customers first)");
    }
    if (withV) {
      out.println("expected revenue: " + revenueSource);
    }
    if (!withP) {
      out.println(
          "no '"
              + probabilityColumn
              + "' column: lifts are at a 50% base rate (the widest) and there is no expected revenue");
    }
    out.flush();
    return 0;
  }

  /** The rules behind one exclusion per --do-not-target list. */
  private DecisionRules withLists(DecisionRules table) {
    if (doNotTarget.isEmpty()) {
      return table;
    }
    DecisionRules.Builder b = DecisionRules.builder();
    for (Path list : doNotTarget) {
      String name = "do not target: " + list.getFileName();
      b.rule(
          new DecisionRules.Rule(
              name,
              DecisionRules.Action.EXCLUDE,
              Condition.listed(
                  list.getFileName().toString(), IdList.read(list, "do-not-target list")),
              "on the do-not-target list " + list.getFileName()));
    }
    table.rules().forEach(b::rule);
    return b.build();
  }

  /** The minimum detectable difference in rates, absolute and relative to the base rate. */
  static String mde(double rate, int treated, int held) {
    if (treated < 1 || held < 1) {
      return "no holdout";
    }
    double d = (Z_ALPHA + Z_POWER) * Math.sqrt(rate * (1 - rate) * (1.0 / treated + 1.0 / held));
    return String.format(
        Locale.ROOT,
        "%.1f points (%.0f%% of a %.1f%% base rate)",
        100 * d,
        rate > 0 ? 100 * d / rate : Double.POSITIVE_INFINITY,
        100 * rate);
  }

  static String slug(String name) {
    String s =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    return s.isEmpty() ? "rule" : s;
  }

  private void write(
      Path file,
      CustomerColumns customers,
      List<Integer> rows,
      String name,
      String action,
      String reason,
      List<String> scores,
      Holdout hold) {
    AtomicFiles.write(
        file,
        tmp -> {
          try (CsvWriter w = CsvWriter.builder().build(tmp)) {
            List<String> header =
                new ArrayList<>(List.of("customer_id", "decision", "action", "holdout", "reason"));
            header.addAll(scores);
            csv.record(w, header);
            for (int i : rows) {
              String cid = customers.customerIds().get(i);
              List<String> f =
                  new ArrayList<>(
                      List.of(cid, name, action, Boolean.toString(hold.isHeldOut(cid, 0)), reason));
              for (String s : scores) {
                f.add(
                    customers.isNumeric(s)
                        ? Report.number(customers.number(s, i))
                        : customers.text(s, i));
              }
              csv.record(w, f);
            }
          }
        });
  }
}
