package dev.segmentation.customer.clv;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The BG/NBD model (Fader, Hardie and Lee 2005, "'Counting your customers' the easy way: an
 * alternative to the Pareto/NBD model", Marketing Science 24(2), 275-284): while alive a customer
 * buys at a Poisson rate lambda ~ Gamma(r, alpha); after each purchase they drop out with
 * probability p ~ Beta(a, b). Fitted by maximum likelihood (the paper's equation 6) on a {@link
 * CalibrationSummary}; P(alive) is its equation 11 (here with the customer's x, t_x, T), the
 * conditional expectation its equation 10, the unconditional expectation E[X(t)] its equation 9. On
 * the CDNOW sample the fit gives the paper's r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL =
 * -9582.4 (tested).
 *
 * <p>Cost of a fit: O(n) to compress the summary, then per likelihood evaluation O(distinct x)
 * log-gamma calls plus O(distinct (x, t_x, T)) logarithms; a few hundred evaluations. Immutable.
 */
public final class BgNbd implements PurchaseModel {
  private static final String[] NAMES = {"r", "alpha", "a", "b"};
  private final double r;
  private final double alpha;
  private final double a;
  private final double b;
  private final FitReport report;

  private BgNbd(double[] p, FitReport report) {
    this.r = p[0];
    this.alpha = p[1];
    this.a = p[2];
    this.b = p[3];
    this.report = report;
  }

  /**
   * A model with given parameters.
   *
   * @param r shape of the purchase-rate gamma, {@code > 0}
   * @param alpha scale of the purchase-rate gamma, {@code > 0}
   * @param a first beta parameter of the drop-out probability, {@code > 0}
   * @param b second beta parameter, {@code > 0}
   * @return the model
   * @throws InvalidOptionException if a parameter is not a positive number
   */
  public static BgNbd of(double r, double alpha, double a, double b) {
    double[] p = {r, alpha, a, b};
    for (int i = 0; i < 4; i++) {
      positive(NAMES[i], p[i]);
    }
    return new BgNbd(p, null);
  }

  static void positive(String name, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new InvalidOptionException(name, Double.toString(v), "must be a positive number");
    }
  }

  /**
   * Fits the model by maximum likelihood without a penalty.
   *
   * @param summary the calibration summary
   * @return the fitted model, with its {@link #report()}
   */
  public static BgNbd fit(CalibrationSummary summary) {
    return fitter().fit(summary);
  }

  /**
   * Starts a fit with options.
   *
   * @return a fitter (no penalty, at most 5,000 evaluations)
   */
  public static Fitter<BgNbd> fitter() {
    return new Fitter<>(BgNbd::fit);
  }

  @Override
  public String name() {
    return "BG/NBD";
  }

  @Override
  public FitReport report() {
    return report;
  }

  /**
   * Returns r.
   *
   * @return the shape of the purchase-rate gamma
   */
  public double r() {
    return r;
  }

  /**
   * Returns alpha.
   *
   * @return the scale of the purchase-rate gamma, in the summary's time unit
   */
  public double alpha() {
    return alpha;
  }

  /**
   * Returns a.
   *
   * @return the first beta parameter
   */
  public double a() {
    return a;
  }

  /**
   * Returns b.
   *
   * @return the second beta parameter
   */
  public double b() {
    return b;
  }

  @Override
  public double logLikelihood(int x, double recency, double age) {
    double common = LogGamma.value(r + x) - LogGamma.value(r) + r * Math.log(alpha);
    double stay = LogBeta.value(a, b + x) - (r + x) * Math.log(alpha + age);
    if (x == 0) {
      return common - LogBeta.value(a, b) + stay;
    }
    double drop = LogBeta.value(a + 1, b + x - 1) - (r + x) * Math.log(alpha + recency);
    return common - LogBeta.value(a, b) + logSumExp(stay, drop);
  }

  static double logSumExp(double u, double v) {
    double m = Math.max(u, v);
    return m + Math.log1p(Math.exp(Math.min(u, v) - m));
  }

  /** The total log-likelihood of a compressed summary, the x-only terms once per distinct x. */
  static double logLikelihood(double[] p, Compressed c) {
    double r = p[0];
    double alpha = p[1];
    double a = p[2];
    double b = p[3];
    int k = c.xs.length;
    double[] common = new double[k];
    double[] stayBeta = new double[k];
    double[] dropBeta = new double[k];
    double lgr = LogGamma.value(r);
    double lba = LogBeta.value(a, b);
    double la = Math.log(alpha);
    for (int j = 0; j < k; j++) {
      int x = c.xs[j];
      common[j] = LogGamma.value(r + x) - lgr + r * la - lba;
      stayBeta[j] = LogBeta.value(a, b + x);
      dropBeta[j] = x > 0 ? LogBeta.value(a + 1, b + x - 1) : Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < c.rows(); i++) {
      int j = c.xIndex[i];
      int x = c.x[i];
      double stay = stayBeta[j] - (r + x) * Math.log(alpha + c.age[i]);
      double ll =
          x == 0 ? stay : logSumExp(stay, dropBeta[j] - (r + x) * Math.log(alpha + c.recency[i]));
      sum += c.count[i] * (common[j] + ll);
    }
    return sum;
  }

  @Override
  public double probabilityAlive(int x, double recency, double age) {
    if (x == 0) {
      return 1;
    }
    double odds =
        Math.exp(Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + age) / (alpha + recency)));
    return 1 / (1 + odds);
  }

  /**
   * Returns the probability that a customer buys at least once in the next {@code t} units. In the
   * BG/NBD a customer drops out only right after a purchase, so one alive at the end of calibration
   * makes no purchase in {@code t} with probability E[e^(-lambda t)] under the posterior lambda ~
   * Gamma(r + x, alpha + T): {@code P(purchase) = P(alive) (1 - ((alpha + T) / (alpha + T + t))^(r
   * + x))}. This is the score the propensity baseline compares with a classifier. O(1).
   *
   * @param t the horizon, {@code >= 0}
   * @param x repeat purchases
   * @param recency t_x
   * @param age T
   * @return in [0, 1)
   */
  public double probabilityOfPurchase(double t, int x, double recency, double age) {
    if (!(t > 0)) {
      return 0;
    }
    double some = -Math.expm1((r + x) * Math.log1p(-t / (alpha + age + t)));
    return probabilityAlive(x, recency, age) * some;
  }

  @Override
  public double expectedPurchases(double t, int x, double recency, double age) {
    if (t <= 0) {
      return 0;
    }
    if (Math.abs(a - 1) < NEAR_ONE) {
      // a = 1 is a removable singularity of (a + b + x - 1) / (a - 1) [...]: the mean of the two
      // sides is within O(1e-8) of the limit
      return (expectedPurchases(1 - STEP, t, x, recency, age)
              + expectedPurchases(1 + STEP, t, x, recency, age))
          / 2;
    }
    return expectedPurchases(a, t, x, recency, age);
  }

  private static final double NEAR_ONE = 1e-6;

  /**
   * The expectations' closed forms hold 2F1(.; a + b + x - 1; .), which is not defined as a
   * positive series when a + b + x <= 1: only possible for x = 0 with a + b <= 1.
   */
  private void requireDefined(double a, int x) {
    if (!(a + b + x - 1 > 1e-9)) {
      throw new InvalidDataException(
          "BG/NBD expectations for customers without repeat purchases need a + b > 1 (a = "
              + a
              + ", b = "
              + b
              + "); use the Pareto/NBD for these data");
    }
  }

  private static final double STEP = 1e-4;

  private double expectedPurchases(double a, double t, int x, double recency, double age) {
    requireDefined(a, x);
    double z = t / (alpha + age + t);
    double lf = Hypergeometric.log2F1(r + x, b + x, a + b + x - 1, z);
    double head = (a + b + x - 1) / (a - 1);
    double tail = -Math.expm1((r + x) * Math.log((alpha + age) / (alpha + age + t)) + lf);
    double denominator =
        x == 0
            ? 1
            : 1
                + Math.exp(
                    Math.log(a / (b + x - 1))
                        + (r + x) * Math.log((alpha + age) / (alpha + recency)));
    return Math.max(0, head * tail / denominator);
  }

  @Override
  public double expectedRepeatPurchases(double t) {
    if (t <= 0) {
      return 0;
    }
    if (Math.abs(a - 1) < NEAR_ONE) {
      return (expectedRepeatPurchases(1 - STEP, t) + expectedRepeatPurchases(1 + STEP, t)) / 2;
    }
    return expectedRepeatPurchases(a, t);
  }

  private double expectedRepeatPurchases(double a, double t) {
    requireDefined(a, 0);
    double lf = Hypergeometric.log2F1(r, b, a + b - 1, t / (alpha + t));
    return Math.max(0, (a + b - 1) / (a - 1) * -Math.expm1(r * Math.log(alpha / (alpha + t)) + lf));
  }

  private static BgNbd fit(CalibrationSummary summary, double penalty, int maxEvaluations) {
    Compressed c = summary.compressed();
    FitReport rep =
        MaximumLikelihood.fit(
            NAMES,
            new double[] {1, c.meanAge(), 1, 1},
            p -> logLikelihood(p, c),
            c.customers,
            penalty,
            maxEvaluations);
    return new BgNbd(rep.values(), rep);
  }
}
