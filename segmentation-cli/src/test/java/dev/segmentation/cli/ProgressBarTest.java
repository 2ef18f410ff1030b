package dev.segmentation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.api.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Phases and steps, redrawn on a terminal and as plain lines elsewhere; quiet for quick work. */
class ProgressBarTest {
  @Test
  void quietForShortCommands() {
    StringWriter err = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(err), 60_000_000_000L, true);
    bar.phase("reading features.csv");
    assertThat(bar.onProgress(new Progress("k-means restart 1/1", 3, 300, Double.NaN))).isTrue();
    bar.done();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void onATerminalOneLineIsRedrawnAndClearedBeforeTheResults() {
    StringWriter err = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(err), 0, true);
    bar.phase("fitting k = 2..8");
    bar.onProgress(new Progress("k-means k=4 restart 2/4", 150, 300, Double.NaN));
    bar.done();
    String s = err.toString();
    assertThat(s).doesNotContain("\n");
    assertThat(s)
        .matches(
            "(?s)\\r +\\d+\\.\\ds  fitting k = 2\\.\\.8.*\\r +\\d+\\.\\ds  fitting k = 2\\.\\.8:"
                + " k-means k=4 restart 2/4 \\[##########----------\\] 150/300\\r +\\r");
  }

  @Test
  void elsewherePlainLinesAtEachPhaseAndNotAtEveryStep() {
    StringWriter err = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(err), 0, false);
    bar.phase("reading log.csv");
    bar.phase("features as of 1997-12-31");
    for (int i = 1; i <= 100; i++) {
      bar.onProgress(new Progress("k-means", i, 100, Double.NaN));
    }
    bar.done();
    String[] lines = err.toString().split(System.lineSeparator(), -1);
    // two phases and the empty end: steps within five seconds of a line print nothing
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).matches(" +\\d+\\.\\ds  reading log.csv");
    assertThat(lines[1]).endsWith("features as of 1997-12-31");
    // the first step after the delay, when no phase line was printed yet, is printed
    StringWriter late = new StringWriter();
    ProgressBar quiet = new ProgressBar(new PrintWriter(late), 0, false);
    quiet.onProgress(new Progress("k-means", 5, 10, Double.NaN));
    quiet.onProgress(new Progress("k-means", 6, 10, Double.NaN));
    assertThat(late.toString().split(System.lineSeparator(), -1)).hasSize(2);
    assertThat(late.toString()).contains("k-means [##########----------] 5/10");
    assertThat(err.toString()).doesNotContain("\r");
  }
}
