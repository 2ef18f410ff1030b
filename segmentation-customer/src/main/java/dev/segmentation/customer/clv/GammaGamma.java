package dev.segmentation.customer.clv;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.core.data.Messages;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie and Lee 2005, "RFM and CLV: using
 * iso-value curves for customer base analysis", Journal of Marketing Research 42(4), 415-430; Fader
 * and Hardie 2013, "The Gamma-Gamma model of monetary value"): a purchase's value is Gamma(p, nu)
 * with nu ~ Gamma(q, gamma) across customers, so a customer's mean of x purchases, z, has the
 * likelihood Gamma(px + q) / (Gamma(px) Gamma(q)) gamma^q x^(px) z^(px - 1) / (gamma + x z)^(px +
 * q) (the note's equation 3). It is fitted on the customers with a repeat purchase (x > 0), whose
 * mean repeat value must be positive. Its expected value of a customer's purchase is (q - 1) / (px
 * + q - 1) times the population mean p gamma / (q - 1) plus px / (px + q - 1) times the customer's
 * mean (equation 5). It assumes spend is independent of purchase frequency: {@link
 * #frequencySpendCorrelation()} reports the Pearson correlation over the fitted customers and
 * {@link #independenceDoubtful()} flags it above 0.3 in size. On the CDNOW sample the fit gives the
 * note's p = 6.25, q = 3.74, gamma = 15.44 (tested).
 *
 * <p>Cost of a fit: per likelihood evaluation O(distinct x) log-gamma calls plus O(n) logarithms.
 * Immutable.
 */
public final class GammaGamma {
  private static final String[] NAMES = {"p", "q", "gamma"};

  /** The size of correlation above which {@link #independenceDoubtful()} is true. */
  public static final double STRONG_CORRELATION = 0.3;

  private final double p;
  private final double q;
  private final double gamma;
  private final double correlation;
  private final int leftOut;
  private final FitReport report;

  private GammaGamma(double[] params, double correlation, int leftOut, FitReport report) {
    this.p = params[0];
    this.q = params[1];
    this.gamma = params[2];
    this.correlation = correlation;
    this.leftOut = leftOut;
    this.report = report;
  }

  /**
   * A model with given parameters.
   *
   * @param p shape of a purchase's value, {@code > 0}
   * @param q shape of the scale's gamma, {@code > 0}
   * @param gamma scale of the scale's gamma, {@code > 0}
   * @return the model (no correlation known: NaN)
   * @throws dev.segmentation.api.InvalidOptionException if a parameter is not a positive number
   */
  public static GammaGamma of(double p, double q, double gamma) {
    double[] v = {p, q, gamma};
    for (int i = 0; i < 3; i++) {
      BgNbd.positive(NAMES[i], v[i]);
    }
    return new GammaGamma(v, Double.NaN, 0, null);
  }

  /**
   * Fits the model by maximum likelihood without a penalty.
   *
   * @param summary the calibration summary, with mean repeat values
   * @return the fitted model
   * @throws InvalidDataException if no customer has a repeat purchase of positive value, or one has
   *     a negative or non-finite mean value (naming the customer)
   */
  public static GammaGamma fit(CalibrationSummary summary) {
    return fitter().fit(summary);
  }

  /**
   * Starts a fit with options.
   *
   * @return a fitter (no penalty, at most 5,000 evaluations)
   */
  public static Fitter<GammaGamma> fitter() {
    return new Fitter<>(GammaGamma::fit);
  }

  private static GammaGamma fit(CalibrationSummary summary, double penalty, int maxEvaluations) {
    IntArrayList xs = new IntArrayList();
    DoubleArrayList zs = new DoubleArrayList();
    int free = 0;
    for (int i = 0; i < summary.size(); i++) {
      int x = summary.frequency(i);
      if (x == 0) {
        continue;
      }
      double z = summary.meanValue(i);
      if (!(z >= 0) || !Double.isFinite(z)) {
        throw new InvalidDataException(
            "customer '"
                + Messages.cut(summary.customerIds().get(i))
                + "': mean repeat value "
                + z
                + " is not a number >= 0; the Gamma-Gamma model needs spend");
      }
      if (z == 0) {
        free++; // repeat purchases worth nothing: the model's spend is positive
        continue;
      }
      xs.add(x);
      zs.add(z);
    }
    if (xs.isEmpty()) {
      throw new InvalidDataException(
          "no customer has a repeat purchase of positive value; the Gamma-Gamma model is fitted on"
              + " those who do");
    }
    Spend data = new Spend(xs.toIntArray(), zs.toDoubleArray());
    double meanZ = Arrays.stream(data.z).average().orElse(1);
    FitReport rep =
        MaximumLikelihood.fit(
            NAMES,
            new double[] {1, 2, meanZ},
            v -> data.logLikelihood(v),
            data.x.length,
            penalty,
            maxEvaluations);
    return new GammaGamma(rep.values(), data.correlation(), free, rep);
  }

  /** The customers with x > 0: counts, means, and the x-only terms per distinct x. */
  private static final class Spend {
    final int[] x;
    final double[] z;
    final double[] logZ;
    final int[] xs;
    final int[] xIndex;

    Spend(int[] x, double[] z) {
      this.x = x;
      this.z = z;
      this.logZ = Arrays.stream(z).map(Math::log).toArray();
      this.xs = Arrays.stream(x).distinct().sorted().toArray();
      this.xIndex = Arrays.stream(x).map(v -> Arrays.binarySearch(xs, v)).toArray();
    }

    double logLikelihood(double[] v) {
      double p = v[0];
      double q = v[1];
      double g = v[2];
      double[] perX = new double[xs.length];
      double base = -LogGamma.value(q) + q * Math.log(g);
      for (int j = 0; j < xs.length; j++) {
        double px = p * xs[j];
        perX[j] = LogGamma.value(px + q) - LogGamma.value(px) + px * Math.log(xs[j]) + base;
      }
      double sum = 0;
      for (int i = 0; i < x.length; i++) {
        double px = p * x[i];
        sum += perX[xIndex[i]] + (px - 1) * logZ[i] - (px + q) * Math.log(g + x[i] * z[i]);
      }
      return sum;
    }

    double correlation() {
      int n = x.length;
      if (n < 2) {
        return Double.NaN;
      }
      double mx = Arrays.stream(x).average().orElse(0);
      double mz = Arrays.stream(z).average().orElse(0);
      double sxz = 0;
      double sxx = 0;
      double szz = 0;
      for (int i = 0; i < n; i++) {
        sxz += (x[i] - mx) * (z[i] - mz);
        sxx += (x[i] - mx) * (x[i] - mx);
        szz += (z[i] - mz) * (z[i] - mz);
      }
      return sxx == 0 || szz == 0 ? Double.NaN : sxz / Math.sqrt(sxx * szz);
    }
  }

  /**
   * Returns p.
   *
   * @return the shape of a purchase's value
   */
  public double p() {
    return p;
  }

  /**
   * Returns q.
   *
   * @return the shape of the scale's gamma
   */
  public double q() {
    return q;
  }

  /**
   * Returns gamma.
   *
   * @return the scale of the scale's gamma
   */
  public double gamma() {
    return gamma;
  }

  /**
   * Returns how the fit went.
   *
   * @return the report, or null for a model built from given parameters
   */
  public FitReport report() {
    return report;
  }

  /**
   * Returns the customers with repeat purchases left out of the fit because their mean repeat value
   * is 0 (free purchases): the model's spend is positive. Their expected value is still given, the
   * population mean shrunk towards 0 by their count.
   *
   * @return a count
   */
  public int leftOut() {
    return leftOut;
  }

  /**
   * Returns the Pearson correlation between repeat purchases and mean repeat value over the
   * customers the model was fitted on: the model assumes none.
   *
   * @return in [-1, 1], or NaN when not known
   */
  public double frequencySpendCorrelation() {
    return correlation;
  }

  /**
   * Returns whether the correlation is strong enough to doubt the independence assumption.
   *
   * @return true when its size is above {@link #STRONG_CORRELATION}
   */
  public boolean independenceDoubtful() {
    return Math.abs(correlation) > STRONG_CORRELATION;
  }

  /**
   * Returns the log-likelihood of one customer's mean value.
   *
   * @param x repeat purchases, {@code > 0}
   * @param meanValue their mean value, {@code > 0}
   * @return ln f(z | p, q, gamma; x)
   */
  public double logLikelihood(int x, double meanValue) {
    double px = p * x;
    return LogGamma.value(px + q)
        - LogGamma.value(px)
        - LogGamma.value(q)
        + q * Math.log(gamma)
        + (px - 1) * Math.log(meanValue)
        + px * Math.log(x)
        - (px + q) * Math.log(gamma + x * meanValue);
  }

  /**
   * Returns the expected value of a customer's next purchase: the population mean for a customer
   * without repeat purchases, shrunk towards their own mean by their count otherwise.
   *
   * @param x repeat purchases
   * @param meanValue their mean value (ignored when x = 0)
   * @return the expected value
   * @throws InvalidDataException if q is at most 1 (the population mean is infinite)
   */
  public double expectedValue(int x, double meanValue) {
    if (!(q > 1)) {
      throw new InvalidDataException(
          "q = " + q + " <= 1: the Gamma-Gamma population mean p gamma / (q - 1) is infinite");
    }
    if (x == 0) {
      return p * gamma / (q - 1);
    }
    return p * (gamma + x * meanValue) / (p * x + q - 1);
  }
}
