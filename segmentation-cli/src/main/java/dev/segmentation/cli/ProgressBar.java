package dev.segmentation.cli;

import dev.segmentation.api.Progress;
import dev.segmentation.api.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Function;

/**
 * Progress of a long command on stderr: the phase it is in (reading, features, fitting k = 2..8,
 * scoring, writing), the fit's own steps, and the time since the command started. Nothing is shown
 * for the first two seconds, so quick commands print nothing extra. On a terminal one line is
 * redrawn with {@code \r} and cleared before the results; otherwise (a log file, a CI job) plain
 * lines are printed at each new phase and at most every five seconds within one.
 */
final class ProgressBar implements ProgressListener {
  private static final long DELAY_NANOS = 2_000_000_000L;
  private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
  private final PrintWriter err;
  private final long delayNanos;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private String phase = "";
  private long lastPlain = Long.MIN_VALUE;
  private int drawn;

  ProgressBar(PrintWriter err) {
    this(err, DELAY_NANOS, onTerminal());
  }

  /**
   * Whether the JVM runs on a terminal: up to JDK 21 a console exists only then; from JDK 22 one
   * always exists and says so with {@code isTerminal()}, looked up by reflection because the
   * library targets Java 17.
   */
  @SuppressWarnings("SystemConsoleNull") // the null check is the Java 17 answer, the rest 22+'s
  static boolean onTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  ProgressBar(PrintWriter err, long delayNanos, boolean terminal) {
    this.err = err;
    this.delayNanos = delayNanos;
    this.terminal = terminal;
  }

  /** Enters a phase (shown at once if the command has run for the delay already). */
  void phase(String name) {
    this.phase = name;
    lastPlain = Long.MIN_VALUE;
    if (System.nanoTime() - start >= delayNanos) {
      show(null);
    }
  }

  @Override
  public boolean onProgress(Progress p) {
    if (System.nanoTime() - start >= delayNanos) {
      show(p);
    }
    return true;
  }

  private void show(Progress p) {
    long now = System.nanoTime();
    StringBuilder text =
        new StringBuilder(String.format(Locale.ROOT, "%6.1fs  %s", (now - start) / 1e9, phase));
    if (p != null) {
      int width = 20;
      int filled = (int) Math.min(width, width * p.step() / Math.max(1, p.maxSteps()));
      text.append(phase.isEmpty() ? "" : ": ")
          .append(p.stage())
          .append(" [")
          .append("#".repeat(filled))
          .append("-".repeat(width - filled))
          .append("] ")
          .append(p.step())
          .append('/')
          .append(p.maxSteps());
    }
    if (terminal) {
      String line = text.toString();
      err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
      drawn = line.length();
    } else if (p == null || lastPlain == Long.MIN_VALUE || now - lastPlain >= PLAIN_EVERY_NANOS) {
      err.println(text);
      lastPlain = now;
    }
    err.flush();
  }

  /**
   * Runs a fit with a progress display on {@code err}, cleared however the fit ends. The display's
   * two-second grace period starts here, with the fit, not with reading the input.
   *
   * @param fit attaches the listener to a builder and fits, e.g. {@code l -> b.progress(l).fit(d)}
   */
  static <T> T around(PrintWriter err, Function<ProgressListener, T> fit) {
    ProgressBar bar = new ProgressBar(err);
    try {
      return fit.apply(bar);
    } finally {
      bar.done();
    }
  }

  /** Clears the progress line on a terminal, so that results start on a clean line. */
  void done() {
    if (terminal && drawn > 0) {
      err.print("\r" + " ".repeat(drawn) + "\r");
      err.flush();
      drawn = 0;
    }
  }
}
