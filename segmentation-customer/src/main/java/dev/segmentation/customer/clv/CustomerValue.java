package dev.segmentation.customer.clv;

import dev.segmentation.api.InvalidOptionException;
import java.util.List;
import java.util.Objects;

/**
 * Per-customer predictions from a fitted purchase model and, optionally, a spend model: the
 * probability of being alive at the end of calibration, the expected purchases over a horizon, the
 * expected value of a purchase, and the customer lifetime value over the horizon: the expected
 * value times the expected purchases of each month (30 days) of the horizon, discounted by {@code
 * (1 + d)^k} for month k (as {@code lifetimes}' {@code customer_lifetime_value}; a last partial
 * month counts as a month). Columns are keyed by the summary's customer ids.
 *
 * <p>Cost: the predictions depend on a customer only through (x, t_x, T), so they are computed once
 * per distinct row of the summary: O(n + distinct rows x months) model evaluations. Immutable.
 */
public final class CustomerValue {
  private final List<String> ids;
  private final double[] alive;
  private final double[] purchases;
  private final double[] value;
  private final double[] clv;
  private final double horizon;
  private final double discount;

  private CustomerValue(
      List<String> ids,
      double[] alive,
      double[] purchases,
      double[] value,
      double[] clv,
      double horizon,
      double discount) {
    this.ids = ids;
    this.alive = alive;
    this.purchases = purchases;
    this.value = value;
    this.clv = clv;
    this.horizon = horizon;
    this.discount = discount;
  }

  /**
   * Scores every customer of a summary.
   *
   * @param summary the calibration summary the models were fitted on (or one in the same unit)
   * @param model the purchase model
   * @param spend the spend model, or null for no value and lifetime value (NaN columns)
   * @param horizon the horizon, in the summary's unit, {@code > 0}
   * @param monthlyDiscount the discount rate per month of 30 days, {@code >= 0}
   * @return the predictions
   * @throws InvalidOptionException if the horizon or the discount rate is out of range
   */
  public static CustomerValue score(
      CalibrationSummary summary,
      PurchaseModel model,
      GammaGamma spend,
      double horizon,
      double monthlyDiscount) {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(model, "model");
    if (!(horizon > 0) || !Double.isFinite(horizon)) {
      throw new InvalidOptionException("horizon", Double.toString(horizon), "must be > 0");
    }
    if (!(monthlyDiscount >= 0) || !Double.isFinite(monthlyDiscount)) {
      throw new InvalidOptionException(
          "discount", Double.toString(monthlyDiscount), "must be a finite rate >= 0");
    }
    Compressed c = summary.compressed();
    double month = 30.0 / summary.scale().days();
    int months = (int) Math.ceil(horizon / month - 1e-9);
    int m = c.rows();
    double[] rowAlive = new double[m];
    double[] rowPurchases = new double[m];
    double[] rowDiscounted = new double[m];
    for (int r = 0; r < m; r++) {
      rowAlive[r] = model.probabilityAlive(c.x[r], c.recency[r], c.age[r]);
      rowPurchases[r] = model.expectedPurchases(horizon, c.x[r], c.recency[r], c.age[r]);
      if (spend != null) {
        double before = 0;
        double sum = 0;
        for (int k = 1; k <= months; k++) {
          double upTo =
              k == months
                  ? rowPurchases[r]
                  : model.expectedPurchases(k * month, c.x[r], c.recency[r], c.age[r]);
          sum += (upTo - before) / Math.pow(1 + monthlyDiscount, k);
          before = upTo;
        }
        rowDiscounted[r] = sum;
      }
    }
    int n = summary.size();
    double[] alive = new double[n];
    double[] purchases = new double[n];
    double[] value = new double[n];
    double[] clv = new double[n];
    for (int i = 0; i < n; i++) {
      int r = c.rowOf[i];
      alive[i] = rowAlive[r];
      purchases[i] = rowPurchases[r];
      if (spend == null) {
        value[i] = Double.NaN;
        clv[i] = Double.NaN;
      } else {
        value[i] = spend.expectedValue(summary.frequency(i), summary.meanValue(i));
        clv[i] = value[i] * rowDiscounted[r];
      }
    }
    return new CustomerValue(
        summary.customerIds(), alive, purchases, value, clv, horizon, monthlyDiscount);
  }

  /**
   * Returns the customer ids, in the summary's order.
   *
   * @return an unmodifiable list
   */
  public List<String> customerIds() {
    return ids;
  }

  /**
   * Returns the probability a customer is alive at the end of calibration.
   *
   * @param i the customer's row
   * @return in (0, 1]
   */
  public double probabilityAlive(int i) {
    return alive[i];
  }

  /**
   * Returns a customer's expected purchases over the horizon.
   *
   * @param i the customer's row
   * @return {@code >= 0}
   */
  public double expectedPurchases(int i) {
    return purchases[i];
  }

  /**
   * Returns the expected value of a customer's purchase.
   *
   * @param i the customer's row
   * @return the value, or NaN without a spend model
   */
  public double expectedValue(int i) {
    return value[i];
  }

  /**
   * Returns a customer's discounted lifetime value over the horizon.
   *
   * @param i the customer's row
   * @return the value, or NaN without a spend model
   */
  public double lifetimeValue(int i) {
    return clv[i];
  }

  /**
   * Returns the horizon.
   *
   * @return in the summary's unit
   */
  public double horizon() {
    return horizon;
  }

  /**
   * Returns the monthly discount rate.
   *
   * @return {@code >= 0}
   */
  public double monthlyDiscount() {
    return discount;
  }
}
