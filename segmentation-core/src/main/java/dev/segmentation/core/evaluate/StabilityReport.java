package dev.segmentation.core.evaluate;

import java.util.Locale;

/**
 * The outcome of a {@link Stability} check: per reference segment, its mean Jaccard similarity over
 * the refits and how often it dissolved; for the whole segmentation, the adjusted Rand index of the
 * refits against the reference and between refits. Immutable; accessors copy.
 */
public final class StabilityReport {
  private final Stability.Resampling resampling;
  private final int refits;
  private final double threshold;
  private final double[] meanJaccard;
  private final int[] observed;
  private final int[] dissolved;
  private final double[] ari;
  private final double pairwiseAri;

  StabilityReport(
      Stability.Resampling resampling,
      int refits,
      double threshold,
      double[] meanJaccard,
      int[] observed,
      int[] dissolved,
      double[] ari,
      double pairwiseAri) {
    this.resampling = resampling;
    this.refits = refits;
    this.threshold = threshold;
    this.meanJaccard = meanJaccard;
    this.observed = observed;
    this.dissolved = dissolved;
    this.ari = ari;
    this.pairwiseAri = pairwiseAri;
  }

  /**
   * Returns the number of reference segments.
   *
   * @return k
   */
  public int numSegments() {
    return meanJaccard.length;
  }

  /**
   * Returns the number of refits.
   *
   * @return the refits made
   */
  public int refits() {
    return refits;
  }

  /**
   * Returns the mean Jaccard similarity of every reference segment over the refits that drew at
   * least one of its rows.
   *
   * @return one value per segment in {@code [0, 1]}, NaN for a segment no refit drew
   */
  public double[] meanJaccard() {
    return meanJaccard.clone();
  }

  /**
   * Returns in how many refits each segment was drawn (and so compared).
   *
   * @return one count per segment
   */
  public int[] observed() {
    return observed.clone();
  }

  /**
   * Returns in how many refits each segment dissolved (Jaccard at most 0.5).
   *
   * @return one count per segment
   */
  public int[] dissolved() {
    return dissolved.clone();
  }

  /**
   * Returns the threshold below which a segment is unstable.
   *
   * @return the threshold
   */
  public double threshold() {
    return threshold;
  }

  /**
   * Returns whether a segment's mean Jaccard reaches the threshold.
   *
   * @param segment a reference segment
   * @return true if stable; false if below the threshold or never drawn
   * @throws IndexOutOfBoundsException if {@code segment} is not in {@code [0, numSegments())}
   */
  public boolean isStable(int segment) {
    return meanJaccard[segment] >= threshold;
  }

  /**
   * Returns the segments below the threshold.
   *
   * @return their labels, increasing
   */
  public int[] unstableSegments() {
    int count = 0;
    for (int c = 0; c < meanJaccard.length; c++) {
      count += isStable(c) ? 0 : 1;
    }
    int[] out = new int[count];
    int r = 0;
    for (int c = 0; c < meanJaccard.length; c++) {
      if (!isStable(c)) {
        out[r++] = c;
      }
    }
    return out;
  }

  /**
   * Returns the adjusted Rand index of every refit against the reference, on the rows it drew.
   *
   * @return one value per refit
   */
  public double[] adjustedRandIndices() {
    return ari.clone();
  }

  /**
   * Returns the mean of {@link #adjustedRandIndices()}.
   *
   * @return the mean ARI of refits against the reference
   */
  public double meanAdjustedRandIndex() {
    double s = 0;
    for (double v : ari) {
      s += v;
    }
    return s / ari.length;
  }

  /**
   * Returns the mean adjusted Rand index between every two refits, on the rows both drew.
   *
   * @return the mean, NaN with a single refit
   */
  public double meanPairwiseAdjustedRandIndex() {
    return pairwiseAri;
  }

  /**
   * Formats the report for a terminal: one line per segment, then the Rand indices.
   *
   * @return the report as text, ending with a line break
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "stability over %d %s refits (unstable below mean Jaccard %.2f)%n",
            refits,
            resampling.name().toLowerCase(Locale.ROOT),
            threshold));
    sb.append(
        String.format(
            Locale.ROOT, "  %7s %12s %9s %9s%n", "segment", "mean Jaccard", "drawn", "dissolved"));
    for (int c = 0; c < meanJaccard.length; c++) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %7d %12.3f %9d %9d  %s%n",
              c,
              meanJaccard[c],
              observed[c],
              dissolved[c],
              isStable(c) ? "stable" : "UNSTABLE"));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "  ARI refit vs reference: mean %.3f; between refits: mean %.3f%n",
            meanAdjustedRandIndex(),
            pairwiseAri));
    return sb.toString();
  }

  @Override
  public String toString() {
    return "StabilityReport["
        + refits
        + " refits, unstable "
        + java.util.Arrays.toString(unstableSegments())
        + "]";
  }
}
