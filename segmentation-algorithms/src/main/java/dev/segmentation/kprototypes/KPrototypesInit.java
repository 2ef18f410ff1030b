package dev.segmentation.kprototypes;

/** How k-prototypes chooses its starting prototypes; each start is an actual customer. */
public enum KPrototypesInit {
  /**
   * Cao, Liang and Bai (2009), "A new initialization method for categorical data clustering",
   * Expert Systems with Applications 36(7): the densest row first (the mean frequency of its
   * levels), then repeatedly the row maximising its density times its least k-prototypes cost to
   * the rows chosen so far. Deterministic (ties to the lowest row), so one run, whatever the
   * restarts. The default, as in the {@code kmodes} package.
   */
  CAO,

  /**
   * Huang (1998), section 3: for each prototype, a level drawn per categorical column with
   * probability proportional to its frequency and the numbers of a random row, then replaced by the
   * nearest row not yet chosen. Random: each restart draws again from the seed.
   */
  HUANG
}
