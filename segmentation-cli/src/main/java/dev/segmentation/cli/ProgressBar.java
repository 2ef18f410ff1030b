package dev.segmentation.cli;

import dev.segmentation.api.Progress;
import dev.segmentation.api.ProgressListener;
import java.io.PrintWriter;

/**
 * A one-line progress display on stderr that appears only once a fit has run for about two seconds,
 * so quick fits print nothing extra.
 */
final class ProgressBar implements ProgressListener {
  private static final long DELAY_NANOS = 2_000_000_000L;
  private final PrintWriter err;
  private final long delayNanos;
  private final long start = System.nanoTime();
  private boolean shown;

  ProgressBar(PrintWriter err) {
    this(err, DELAY_NANOS);
  }

  ProgressBar(PrintWriter err, long delayNanos) {
    this.err = err;
    this.delayNanos = delayNanos;
  }

  @Override
  public boolean onProgress(Progress p) {
    if (System.nanoTime() - start < delayNanos) {
      return true;
    }
    int width = 30;
    int filled = (int) Math.min(width, width * p.step() / Math.max(1, p.maxSteps()));
    err.print(
        "\r"
            + p.stage()
            + " ["
            + "#".repeat(filled)
            + "-".repeat(width - filled)
            + "] iteration "
            + p.step()
            + " (limit "
            + p.maxSteps()
            + ")   ");
    err.flush();
    shown = true;
    return true;
  }

  /**
   * Runs a fit with a progress bar on {@code err}, ending the bar's line however the fit ends. The
   * bar's two-second grace period starts here, with the fit, not with reading the input.
   *
   * @param fit attaches the listener to a builder and fits, e.g. {@code l -> b.progress(l).fit(d)}
   */
  static <T> T around(PrintWriter err, java.util.function.Function<ProgressListener, T> fit) {
    ProgressBar bar = new ProgressBar(err);
    try {
      return fit.apply(bar);
    } finally {
      bar.done();
    }
  }

  /** Ends the progress line, if one was printed. */
  void done() {
    if (shown) {
      err.println();
      err.flush();
    }
  }
}
