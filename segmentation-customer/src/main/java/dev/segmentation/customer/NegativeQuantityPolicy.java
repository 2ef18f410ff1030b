package dev.segmentation.customer;

/** What a line with a negative quantity that is not flagged returned means. */
public enum NegativeQuantityPolicy {
  /** It is an error (the default): the log should say what it is. */
  REJECT,
  /** It is a return worth the absolute value of its amount. */
  RETURN
}
