package dev.segmentation.cli;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationException;
import dev.segmentation.core.parallel.Memory;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code segment} command-line tool. Exit codes: 0 success, 2 bad input or options (one clear
 * line on stderr), 1 internal error. {@code --debug} adds stack traces.
 */
@Command(
    name = "segment",
    mixinStandardHelpOptions = true,
    version = "segment 0.1.0-SNAPSHOT",
    description = "Customer segmentation from the command line.",
    subcommands = {
      KMeansCommand.class,
      DbscanCommand.class,
      HdbscanCommand.class,
      OpticsCommand.class,
      HierarchicalCommand.class,
      SomCommand.class,
      AssignCommand.class,
      EvaluateCommand.class,
      FeaturesCommand.class,
      ProfileCommand.class,
      ExplainCommand.class,
      TransitionsCommand.class,
      UpdateCommand.class,
      ClvCommand.class,
      PropensityCommand.class,
      DecideCommand.class,
      ReportCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  segment demo",
      "  segment kmeans --k 6 --input customers.csv --columns recency,frequency,monetary \\",
      "                 --id customer_id --output segments.csv",
      "  segment dbscan --suggest-eps --min-points 10 --input customers.csv",
      "  segment dbscan --eps 0.4 --min-points 10 --input customers.csv --output segments.csv",
      "  segment hdbscan --min-cluster-size 25 --input customers.csv --output segments.csv",
      "  segment optics --min-points 10 --max-eps 2 --input customers.csv --report plot.html",
      "  segment hierarchical --linkage ward --k 6 --input customers.csv --dendrogram tree.json",
      "  segment som --grid 12x8 --topology hexagonal --segments 6 --input customers.csv",
      "  segment features --transactions orders.csv --as-of 2026-11-30 --output features.csv",
      "  segment kmeans --k 2..8 --min-share 0.05 --input features.csv --id customer_id \\",
      "                 --columns recency_days,frequency,monetary_total --output labels.csv",
      "  segment profile --input features.csv --labels labels.csv",
      "  segment explain --input features.csv --id customer_id --k 4 --customers 00001",
      "  segment transitions --earlier november.csv --later december.csv --align",
      "  segment kmeans --k 6 --input customers.csv --save model.json",
      "  segment assign --model model.json --input new_customers.csv --output segments.csv",
      "  segment report --input features.csv --id customer_id --k 2..8 --output report.html",
      "",
      "Exit codes: 0 ok, 2 bad input or options, 1 internal error."
    })
public final class SegmentCommand implements Runnable {

  /** Exit code for bad input or options. */
  public static final int BAD_INPUT = 2;

  /** Exit code for an internal error. */
  public static final int INTERNAL_ERROR = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /**
   * Runs the tool and exits the JVM with its exit code.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    // The terminal gets UTF-8 whatever the platform default: column names may hold any text.
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = execute(args, out, err);
    System.exit(code);
  }

  /**
   * Runs the tool without exiting, for tests and embedding.
   *
   * @param args command-line arguments
   * @param out where results go
   * @param err where errors and progress go
   * @return the exit code
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    CommandLine cl = new CommandLine(new SegmentCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // the examples in the footers are whole command lines: wide enough not to break them
    cl.setUsageHelpWidth(100);
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("error: " + ex.getMessage());
          if (ex instanceof CommandLine.UnmatchedArgumentException u
              && !u.getSuggestions().isEmpty()) {
            err.println("did you mean " + String.join(" or ", u.getSuggestions()) + "?");
          }
          err.println(
              "Try 'segment "
                  + (ex.getCommandLine().getCommandName().equals("segment")
                      ? ""
                      : ex.getCommandLine().getCommandName() + " ")
                  + "--help'.");
          if (debug) {
            ex.printStackTrace(err);
          }
          err.flush();
          return BAD_INPUT;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (ex instanceof SegmentationException) {
            err.println(
                "error: "
                    + (ex instanceof InvalidOptionException o
                        ? withDashes(o, c)
                        : ex.getMessage()));
            if (debug) {
              ex.printStackTrace(err);
            }
            err.flush();
            return BAD_INPUT;
          }
          err.println("internal error: " + ex + (debug ? "" : " (run with --debug for details)"));
          if (debug) {
            ex.printStackTrace(err);
          }
          err.flush();
          return INTERNAL_ERROR;
        });
    int code;
    try {
      code = cl.execute(args);
    } catch (OutOfMemoryError e) {
      // The input or an option asked for more than this heap: one line, not a stack trace.
      err.println(
          "error: out of memory ("
              + e.getMessage()
              + "): the input or an option needs more than the "
              + Memory.gib(Runtime.getRuntime().maxMemory())
              + " heap; give java more (-Xmx) or use smaller input or options");
      code = BAD_INPUT;
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The message of a library option error in the command's own words: {@code option scale} becomes
   * {@code option --scale}, {@code option minShare} {@code option --min-share}, {@code option
   * customer} {@code option --customer-column}, when the command has that option.
   */
  static String withDashes(InvalidOptionException e, CommandLine c) {
    String o = e.option();
    String message = e.getMessage();
    if (o == null || o.startsWith("-") || !message.startsWith("option " + o + " ")) {
      return message;
    }
    String kebab = o.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    for (String flag : new String[] {"--" + kebab, "--" + kebab + "-column"}) {
      if (c.getCommandSpec().findOption(flag) != null) {
        return "option " + flag + message.substring(("option " + o).length());
      }
    }
    return message;
  }
}
