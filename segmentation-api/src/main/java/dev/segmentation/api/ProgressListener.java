package dev.segmentation.api;

/**
 * Receives progress of a fit and may cancel it. Algorithms call it from the thread that called
 * {@code fit}, between iterations (never inside a hot loop), so an implementation needs no
 * synchronisation with the fit itself.
 */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores every report and never cancels. */
  ProgressListener NONE = progress -> true;

  /**
   * Called after each step of a fit.
   *
   * @param progress what has been done so far
   * @return {@code true} to continue, {@code false} to cancel the fit; the fit then throws {@link
   *     FitCancelledException}
   */
  boolean onProgress(Progress progress);
}
