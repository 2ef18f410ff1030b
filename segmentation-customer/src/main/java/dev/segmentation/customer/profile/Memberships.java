package dev.segmentation.customer.profile;

/**
 * Soft memberships of n customers in k segments ({@link Explainer#memberships}), row-major, each
 * row summing to 1. Immutable; accessors copy.
 */
public final class Memberships {
  private final double[] values;
  private final int n;
  private final int k;
  private final double temperature;

  Memberships(double[] values, int n, int k, double temperature) {
    this.values = values;
    this.n = n;
    this.k = k;
    this.temperature = temperature;
  }

  /**
   * Returns the temperature used.
   *
   * @return tau
   */
  public double temperature() {
    return temperature;
  }

  /**
   * Returns the number of customers.
   *
   * @return n
   */
  public int numRows() {
    return n;
  }

  /**
   * Returns one customer's memberships.
   *
   * @param row the customer
   * @return k values summing to 1
   */
  public double[] of(int row) {
    return java.util.Arrays.copyOfRange(values, row * k, row * k + k);
  }

  /**
   * Returns one membership.
   *
   * @param row the customer
   * @param segment the segment
   * @return the degree in [0, 1]
   */
  public double get(int row, int segment) {
    return values[row * k + segment];
  }

  /**
   * Returns whether a customer is between two segments: the runner-up membership is at least {@link
   * Explainer#BETWEEN_RATIO} of the top one (an intersection audience).
   *
   * @param row the customer
   * @return true if between two segments
   */
  public boolean isBetween(int row) {
    double top = -1;
    double second = -1;
    for (int s = 0; s < k; s++) {
      double v = values[row * k + s];
      if (v > top) {
        second = top;
        top = v;
      } else if (v > second) {
        second = v;
      }
    }
    return k > 1 && second >= Explainer.BETWEEN_RATIO * top;
  }

  /**
   * Flags every customer between two segments.
   *
   * @return one flag per row
   */
  public boolean[] between() {
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = isBetween(i);
    }
    return out;
  }
}
