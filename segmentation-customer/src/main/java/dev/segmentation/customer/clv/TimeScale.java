package dev.segmentation.customer.clv;

/** The unit in which a calibration summary measures recency, age and horizons. */
public enum TimeScale {
  /** Days. */
  DAYS(1),
  /** Weeks of seven days, as the BG/NBD paper measures CDNOW. */
  WEEKS(7);

  private final int days;

  TimeScale(int days) {
    this.days = days;
  }

  /**
   * Returns the days in one unit.
   *
   * @return 1 or 7
   */
  public int days() {
    return days;
  }
}
