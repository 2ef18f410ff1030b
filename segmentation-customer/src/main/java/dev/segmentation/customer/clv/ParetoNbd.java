package dev.segmentation.customer.clv;

import dev.segmentation.api.InvalidOptionException;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The Pareto/NBD model (Schmittlein, Morrison and Colombo 1987, "Counting your customers: who are
 * they and what will they do next?", Management Science 33(1), 1-24): while alive a customer buys
 * at a Poisson rate lambda ~ Gamma(r, alpha) and dies at an exponential time with rate mu ~
 * Gamma(s, beta). The likelihood, P(alive) and the conditional expectation are those of Fader and
 * Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions", equations 18-22
 * with its A0 term; E[X(t)] is its equation 17. On the CDNOW sample the fit gives r = 0.553, alpha
 * = 10.578, s = 0.606, beta = 11.669, LL = -9595.0, as Fader, Hardie and Lee (2005) report beside
 * their BG/NBD (tested).
 *
 * <p>A0 needs the Gauss hypergeometric function 2F1, evaluated by {@link Hypergeometric} (Euler's
 * transformation, whose series has only positive terms for these parameters) at z = |alpha - beta|
 * / (max(alpha, beta) + t) in [0, 1); the difference of its two values is taken in log space as
 * log1p(-exp(...)). Cost of a fit: per likelihood evaluation O(distinct x) log-gamma calls and two
 * hypergeometric series per distinct (x, t_x, T); a few hundred evaluations. Immutable.
 */
public final class ParetoNbd implements PurchaseModel {
  private static final String[] NAMES = {"r", "alpha", "s", "beta"};
  private final double r;
  private final double alpha;
  private final double s;
  private final double beta;
  private final FitReport report;

  private ParetoNbd(double[] p, FitReport report) {
    this.r = p[0];
    this.alpha = p[1];
    this.s = p[2];
    this.beta = p[3];
    this.report = report;
  }

  /**
   * A model with given parameters.
   *
   * @param r shape of the purchase-rate gamma, {@code > 0}
   * @param alpha scale of the purchase-rate gamma, {@code > 0}
   * @param s shape of the death-rate gamma, {@code > 0}
   * @param beta scale of the death-rate gamma, {@code > 0}
   * @return the model
   * @throws InvalidOptionException if a parameter is not a positive number
   */
  public static ParetoNbd of(double r, double alpha, double s, double beta) {
    double[] p = {r, alpha, s, beta};
    for (int i = 0; i < 4; i++) {
      BgNbd.positive(NAMES[i], p[i]);
    }
    return new ParetoNbd(p, null);
  }

  /**
   * Fits the model by maximum likelihood without a penalty.
   *
   * @param summary the calibration summary
   * @return the fitted model, with its {@link #report()}
   */
  public static ParetoNbd fit(CalibrationSummary summary) {
    return fitter().fit(summary);
  }

  /**
   * Starts a fit with options.
   *
   * @return a fitter (no penalty, at most 5,000 evaluations)
   */
  public static Fitter<ParetoNbd> fitter() {
    return new Fitter<>(ParetoNbd::fit);
  }

  @Override
  public String name() {
    return "Pareto/NBD";
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
   * @return the scale of the purchase-rate gamma
   */
  public double alpha() {
    return alpha;
  }

  /**
   * Returns s.
   *
   * @return the shape of the death-rate gamma
   */
  public double s() {
    return s;
  }

  /**
   * Returns beta.
   *
   * @return the scale of the death-rate gamma
   */
  public double beta() {
    return beta;
  }

  /** ln of the "still alive at T" part, (alpha+T)^-(r+x) (beta+T)^-s. */
  private static double logAliveTerm(double[] p, int x, double age) {
    return -(p[0] + x) * Math.log(p[1] + age) - p[2] * Math.log(p[3] + age);
  }

  /** ln of (s / (r + s + x)) A0, or -infinity when A0 = 0 (t_x = T). */
  private static double logDeadTerm(double[] p, int x, double recency, double age) {
    double r = p[0];
    double alpha = p[1];
    double s = p[2];
    double beta = p[3];
    double rsx = r + s + x;
    double upper;
    double lower;
    if (alpha >= beta) {
      upper = logF(rsx, s + 1, alpha, alpha - beta, recency);
      lower = logF(rsx, s + 1, alpha, alpha - beta, age);
    } else {
      upper = logF(rsx, r + x, beta, beta - alpha, recency);
      lower = logF(rsx, r + x, beta, beta - alpha, age);
    }
    if (!(lower < upper)) {
      return Double.NEGATIVE_INFINITY;
    }
    return Math.log(s / rsx) + upper + Math.log1p(-Math.exp(lower - upper));
  }

  /** ln [2F1(rsx, b; rsx + 1; diff / (top + y)) / (top + y)^rsx]. */
  private static double logF(double rsx, double b, double top, double diff, double y) {
    return Hypergeometric.log2F1(rsx, b, rsx + 1, diff / (top + y)) - rsx * Math.log(top + y);
  }

  private static double logLikelihood(double[] p, double common, int x, double tx, double t) {
    double alive = logAliveTerm(p, x, t);
    double dead = logDeadTerm(p, x, tx, t);
    return common + (dead == Double.NEGATIVE_INFINITY ? alive : BgNbd.logSumExp(alive, dead));
  }

  @Override
  public double logLikelihood(int x, double recency, double age) {
    double[] p = {r, alpha, s, beta};
    double common =
        LogGamma.value(r + x) - LogGamma.value(r) + r * Math.log(alpha) + s * Math.log(beta);
    return logLikelihood(p, common, x, recency, age);
  }

  static double logLikelihood(double[] p, Compressed c) {
    int k = c.xs.length;
    double[] common = new double[k];
    double base = -LogGamma.value(p[0]) + p[0] * Math.log(p[1]) + p[2] * Math.log(p[3]);
    for (int j = 0; j < k; j++) {
      common[j] = LogGamma.value(p[0] + c.xs[j]) + base;
    }
    double sum = 0;
    for (int i = 0; i < c.rows(); i++) {
      sum += c.count[i] * logLikelihood(p, common[c.xIndex[i]], c.x[i], c.recency[i], c.age[i]);
    }
    return sum;
  }

  @Override
  public double probabilityAlive(int x, double recency, double age) {
    double[] p = {r, alpha, s, beta};
    double dead = logDeadTerm(p, x, recency, age);
    if (dead == Double.NEGATIVE_INFINITY) {
      return 1;
    }
    return 1 / (1 + Math.exp(dead - logAliveTerm(p, x, age)));
  }

  @Override
  public double expectedPurchases(double t, int x, double recency, double age) {
    if (t <= 0) {
      return 0;
    }
    double rate = (r + x) * (beta + age) / (alpha + age);
    return probabilityAlive(x, recency, age) * rate * lifetimeFactor(beta + age, t);
  }

  @Override
  public double expectedRepeatPurchases(double t) {
    if (t <= 0) {
      return 0;
    }
    return r * beta / alpha * lifetimeFactor(beta, t);
  }

  /** (1 - (u / (u + t))^(s-1)) / (s - 1), and its limit ln((u + t) / u) at s = 1. */
  private double lifetimeFactor(double u, double t) {
    double l = Math.log(u / (u + t));
    if (Math.abs(s - 1) < 1e-9) {
      return -l;
    }
    return -Math.expm1((s - 1) * l) / (s - 1);
  }

  private static ParetoNbd fit(CalibrationSummary summary, double penalty, int maxEvaluations) {
    Compressed c = summary.compressed();
    FitReport rep =
        MaximumLikelihood.fit(
            NAMES,
            new double[] {1, c.meanAge(), 1, c.meanAge()},
            p -> logLikelihood(p, c),
            c.customers,
            penalty,
            maxEvaluations);
    return new ParetoNbd(rep.values(), rep);
  }
}
