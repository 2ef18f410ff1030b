package dev.segmentation.customer;

/**
 * Where a customer stands, by rules applied before any model (thresholds on {@link
 * CustomerFeatures#states(int, int, int)}), checked in this order.
 */
public enum BusinessState {
  /** First purchase at most {@code newDays} before the as-of date. */
  NEW,
  /** Last purchase at most {@code activeDays} before the as-of date. */
  ACTIVE,
  /** Last purchase more than {@code activeDays} but at most {@code churnDays} ago. */
  LAPSING,
  /** No purchase for more than {@code churnDays}. */
  CHURNED;

  /**
   * Returns the number of the state in the {@link Feature#STATE} column.
   *
   * @return 0 new, 1 active, 2 lapsing, 3 churned
   */
  public int code() {
    return switch (this) {
      case NEW -> 0;
      case ACTIVE -> 1;
      case LAPSING -> 2;
      case CHURNED -> 3;
    };
  }
}
