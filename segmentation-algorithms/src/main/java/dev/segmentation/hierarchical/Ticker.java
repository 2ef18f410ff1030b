package dev.segmentation.hierarchical;

import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.Progress;
import dev.segmentation.api.ProgressListener;

/** Reports merges to a progress listener about a hundred times per fit, and lets it cancel. */
final class Ticker {
  private final ProgressListener listener;
  private final String stage;
  private final int total;
  private final int every;
  private int merges;

  /** Distances the algorithm computed, set by it when it finishes. */
  long distances;

  Ticker(ProgressListener listener, String stage, int total) {
    this.listener = listener;
    this.stage = stage;
    this.total = total;
    this.every = Math.max(1, total / 100);
  }

  void merged() {
    merges++;
    if (listener != ProgressListener.NONE && (merges % every == 0 || merges == total)) {
      if (!listener.onProgress(new Progress(stage, merges, total, Double.NaN))) {
        throw new FitCancelledException(
            stage + " cancelled after " + merges + " of " + total + " merges");
      }
    }
  }
}
