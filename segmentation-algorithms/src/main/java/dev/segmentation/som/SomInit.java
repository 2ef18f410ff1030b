package dev.segmentation.som;

/** How a map's codebook starts. */
public enum SomInit {
  /**
   * Linear: the grid spans the first two principal components of the (preprocessed) data, from
   * minus to plus one standard deviation along each, centred on the mean. Deterministic.
   */
  PCA,
  /** Every unit starts at a row of the data drawn at random from the seed. */
  RANDOM_ROWS
}
