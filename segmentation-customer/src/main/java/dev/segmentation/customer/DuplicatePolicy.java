package dev.segmentation.customer;

/** What to do with rows that repeat a customer id. */
public enum DuplicatePolicy {
  /** Fail, naming the id and both rows (the default). */
  REJECT,
  /** Keep the first row of the id, drop the others (counted). */
  KEEP_FIRST,
  /** Keep the last row of the id, drop the others (counted). */
  KEEP_LAST,
  /** Merge the rows of the id into one, the mean of every column, at the first row's place. */
  MERGE_MEAN
}
