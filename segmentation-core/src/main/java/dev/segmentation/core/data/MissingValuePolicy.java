package dev.segmentation.core.data;

/**
 * What CSV loading does with a missing or non-finite value (an empty field, {@code NA}, {@code
 * N/A}, {@code null}, {@code NaN}, {@code Inf}). Text that is not a number at all is always an
 * error, whatever the policy: it is a data problem, not a gap.
 */
public enum MissingValuePolicy {
  /** Stop with an error naming file, line, column and value. The default. */
  FAIL,
  /** Leave the row out and count it in {@link CsvLoad#droppedRows()}, with its line number. */
  DROP_ROW,
  /** Replace the value by the mean of the column's present values; counted per column. */
  IMPUTE_MEAN,
  /** Replace the value by the median of the column's present values; counted per column. */
  IMPUTE_MEDIAN,
  /**
   * Keep the gap as NaN. Only a {@link dev.segmentation.api.MixedDataset} can hold it ({@link
   * CsvDatasets#loadMixed}); Gower's distance skips such values.
   */
  KEEP
}
