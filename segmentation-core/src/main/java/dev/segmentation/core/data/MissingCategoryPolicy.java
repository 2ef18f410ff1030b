package dev.segmentation.core.data;

/**
 * What CSV loading does with a missing categorical value (an empty field, {@code NA}, {@code N/A},
 * {@code null}, {@code NaN}).
 */
public enum MissingCategoryPolicy {
  /** Stop with an error naming file, line and column. */
  FAIL,
  /** Leave the row out and count it, with its line number. */
  DROP_ROW,
  /**
   * Make "missing" a level of its own, named {@value #MISSING_LEVEL}: a customer whose channel is
   * unknown is often different from the others. The default.
   */
  LEVEL,
  /** Replace the value by the column's most frequent level (ties: the smallest); counted. */
  MODE,
  /**
   * Keep the gap ({@link dev.segmentation.api.MixedDataset#MISSING}). Gower's distance skips it;
   * k-prototypes refuses it, naming the row.
   */
  KEEP;

  /** The level a missing value becomes under {@link #LEVEL}. */
  public static final String MISSING_LEVEL = "(missing)";
}
