package dev.segmentation.customer.clv;

/**
 * A fitted model of how often customers buy and when they stop: {@link BgNbd} or {@link ParetoNbd}.
 * Times are in the unit of the summary the model was fitted on.
 */
public interface PurchaseModel {
  /**
   * Returns the model's name.
   *
   * @return for example {@code "BG/NBD"}
   */
  String name();

  /**
   * Returns how the fit went, or null for a model built from given parameters.
   *
   * @return the report
   */
  FitReport report();

  /**
   * Returns the log-likelihood of one customer's summary.
   *
   * @param x repeat purchases
   * @param recency t_x
   * @param age T
   * @return ln L(params | x, t_x, T)
   */
  double logLikelihood(int x, double recency, double age);

  /**
   * Returns the probability that a customer is still alive at the end of calibration.
   *
   * @param x repeat purchases
   * @param recency t_x
   * @param age T
   * @return in (0, 1]
   */
  double probabilityAlive(int x, double recency, double age);

  /**
   * Returns the expected purchases of a customer in the next {@code t} units (the conditional
   * expectation given the customer's summary).
   *
   * @param t the horizon, {@code >= 0}
   * @param x repeat purchases
   * @param recency t_x
   * @param age T
   * @return {@code >= 0}
   */
  double expectedPurchases(double t, int x, double recency, double age);

  /**
   * Returns the expected repeat purchases of a new customer in the first {@code t} units after the
   * first purchase (the unconditional expectation E[X(t)], which the tracking curve sums).
   *
   * @param t time since the first purchase, {@code >= 0}
   * @return {@code >= 0}
   */
  double expectedRepeatPurchases(double t);
}
