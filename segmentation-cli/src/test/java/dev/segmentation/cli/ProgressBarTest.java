package dev.segmentation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.api.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void quietForShortFits() {
    StringWriter err = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(err));
    assertThat(bar.onProgress(new Progress("k-means restart 1/1", 3, 300, Double.NaN))).isTrue();
    bar.done();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void drawsOneLineOnceTheDelayHasPassed() {
    StringWriter err = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(err), 0);
    assertThat(bar.onProgress(new Progress("k-means restart 2/4", 150, 300, Double.NaN))).isTrue();
    bar.done();
    assertThat(err.toString())
        .startsWith("\rk-means restart 2/4 [###############---------------] iteration 150")
        .endsWith(System.lineSeparator());
  }
}
