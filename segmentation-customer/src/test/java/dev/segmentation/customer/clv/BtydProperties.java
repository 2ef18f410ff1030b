package dev.segmentation.customer.clv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.numbers.gamma.Gamma;
import org.junit.jupiter.api.Test;

/**
 * The likelihoods against the papers' formulas written out the slow way, the predictions'
 * invariants, and recovery of known parameters from simulated customers.
 */
class BtydProperties {

  /** Fader, Hardie and Lee (2005), equation 6, as a product of gamma and beta functions. */
  static double bgNbdDirect(
      double r, double alpha, double a, double b, int x, double tx, double t) {
    double beta = Gamma.value(a) * Gamma.value(b) / Gamma.value(a + b);
    double nbd = Gamma.value(r + x) * Math.pow(alpha, r) / Gamma.value(r);
    double stay =
        Gamma.value(a)
            * Gamma.value(b + x)
            / Gamma.value(a + b + x)
            / beta
            * nbd
            / Math.pow(alpha + t, r + x);
    double drop =
        x == 0
            ? 0
            : Gamma.value(a + 1)
                * Gamma.value(b + x - 1)
                / Gamma.value(a + b + x)
                / beta
                * nbd
                / Math.pow(alpha + tx, r + x);
    return Math.log(stay + drop);
  }

  /** The defining series of 2F1, summed plainly. */
  static double hyp2f1(double a, double b, double c, double z) {
    double term = 1;
    double sum = 1;
    for (int n = 0; n < 1_000_000 && Math.abs(term) > 1e-18 * sum; n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      sum += term;
    }
    return sum;
  }

  /** Fader and Hardie (2005, the Pareto/NBD note), equations 18-20, with plain 2F1 and powers. */
  static double paretoDirect(
      double r, double alpha, double s, double beta, int x, double tx, double t) {
    double rsx = r + s + x;
    double a0;
    if (alpha >= beta) {
      a0 =
          hyp2f1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + tx)) / Math.pow(alpha + tx, rsx)
              - hyp2f1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + t))
                  / Math.pow(alpha + t, rsx);
    } else {
      a0 =
          hyp2f1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + tx)) / Math.pow(beta + tx, rsx)
              - hyp2f1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + t)) / Math.pow(beta + t, rsx);
    }
    double front = Gamma.value(r + x) * Math.pow(alpha, r) * Math.pow(beta, s) / Gamma.value(r);
    return Math.log(
        front * (1 / (Math.pow(alpha + t, r + x) * Math.pow(beta + t, s)) + s / rsx * a0));
  }

  /** Fader and Hardie (2013), equation 3. */
  static double gammaGammaDirect(double p, double q, double g, int x, double z) {
    return Math.log(
        Gamma.value(p * x + q)
            / (Gamma.value(p * x) * Gamma.value(q))
            * Math.pow(g, q)
            * Math.pow(x, p * x)
            * Math.pow(z, p * x - 1)
            / Math.pow(g + x * z, p * x + q));
  }

  @Property(tries = 300)
  void likelihoodsEqualThePapersFormulas(
      @ForAll @DoubleRange(min = 0.1, max = 3) double r,
      @ForAll @DoubleRange(min = 0.5, max = 20) double alpha,
      @ForAll @DoubleRange(min = 0.2, max = 3) double a,
      @ForAll @DoubleRange(min = 0.5, max = 20) double b,
      @ForAll @IntRange(min = 0, max = 12) int x,
      @ForAll @DoubleRange(min = 0.05, max = 1) double recencyShare,
      @ForAll @DoubleRange(min = 1, max = 78) double age) {
    double tx = x == 0 ? 0 : recencyShare * age;
    assertThat(BgNbd.of(r, alpha, a, b).logLikelihood(x, tx, age))
        .isCloseTo(
            bgNbdDirect(r, alpha, a, b, x, tx, age),
            org.assertj.core.data.Offset.offset(1e-9 * (1 + x)));
    // s and beta reuse a and b's ranges; both branches of A0 (alpha >= beta and below) occur
    assertThat(ParetoNbd.of(r, alpha, a, b).logLikelihood(x, tx, age))
        .isCloseTo(
            paretoDirect(r, alpha, a, b, x, tx, age),
            org.assertj.core.data.Offset.offset(1e-8 * (1 + x)));
    if (x > 0) {
      double z = 1 + 50 * recencyShare;
      assertThat(GammaGamma.of(a, b, alpha).logLikelihood(x, z))
          .isCloseTo(
              gammaGammaDirect(a, b, alpha, x, z),
              org.assertj.core.data.Offset.offset(1e-9 * (1 + x)));
    }
  }

  @Property(tries = 300)
  void predictionsBehave(
      @ForAll @DoubleRange(min = 0.1, max = 3) double r,
      @ForAll @DoubleRange(min = 0.5, max = 20) double alpha,
      @ForAll @DoubleRange(min = 0.2, max = 3) double a,
      @ForAll @DoubleRange(min = 1, max = 20) double b,
      @ForAll @IntRange(min = 0, max = 12) int x,
      @ForAll @DoubleRange(min = 0.05, max = 1) double recencyShare,
      @ForAll @DoubleRange(min = 1, max = 78) double age) {
    double tx = x == 0 ? 0 : recencyShare * age;
    for (PurchaseModel m : List.of(BgNbd.of(r, alpha, a, b), ParetoNbd.of(r, alpha, a, b))) {
      double alive = m.probabilityAlive(x, tx, age);
      assertThat(alive).as(m.name()).isGreaterThan(0).isLessThanOrEqualTo(1);
      double previous = 0;
      for (double t : new double[] {1, 4, 13, 26, 52, 104}) {
        double e = m.expectedPurchases(t, x, tx, age);
        assertThat(e).as(m.name() + " at " + t).isGreaterThanOrEqualTo(previous);
        previous = e;
        assertThat(m.expectedRepeatPurchases(t)).isGreaterThanOrEqualTo(0);
      }
      // repeat buyers who last bought at the end of calibration: one more purchase, more to come
      // (not from x = 0: a BG/NBD customer can only drop out after a purchase, so x = 0 is alive)
      int y = Math.max(1, x);
      assertThat(m.expectedPurchases(26, y + 1, age, age))
          .as(m.name())
          .isGreaterThan(m.expectedPurchases(26, y, age, age));
    }
    assertThat(BgNbd.of(r, alpha, a, b).probabilityAlive(0, 0, age)).isEqualTo(1);
  }

  @Test
  void bgNbdExpectationsWithoutRepeatsNeedAPlusBAboveOne() {
    BgNbd m = BgNbd.of(0.5, 2, 0.3, 0.6);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.expectedRepeatPurchases(10))
        .isInstanceOf(dev.segmentation.api.InvalidDataException.class)
        .hasMessageContaining("need a + b > 1");
    assertThat(m.expectedPurchases(10, 2, 5, 10)).isPositive();
    assertThat(m.probabilityAlive(0, 0, 10)).isEqualTo(1);
  }

  @Test
  void lifetimeValueFallsAsTheDiscountRateRises() {
    CalibrationSummary s =
        CalibrationSummary.of(
            List.of("a", "b", "c"),
            new int[] {0, 3, 8},
            new double[] {0, 20, 38},
            new double[] {39, 39, 39},
            new double[] {0, 25, 40},
            TimeScale.WEEKS);
    BgNbd m = BgNbd.of(0.243, 4.414, 0.793, 2.426);
    GammaGamma g = GammaGamma.of(6.25, 3.74, 15.44);
    double[] previous = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    for (double d : new double[] {0, 0.005, 0.01, 0.05, 0.2}) {
      CustomerValue v = CustomerValue.score(s, m, g, 52, d);
      for (int i = 0; i < 3; i++) {
        assertThat(v.lifetimeValue(i)).isLessThan(previous[i]).isPositive();
        previous[i] = v.lifetimeValue(i);
      }
      // undiscounted, the lifetime value is the expected value times the expected purchases
      if (d == 0) {
        for (int i = 0; i < 3; i++) {
          assertThat(v.lifetimeValue(i))
              .isCloseTo(
                  v.expectedValue(i) * v.expectedPurchases(i),
                  org.assertj.core.data.Offset.offset(1e-9 * v.lifetimeValue(i)));
        }
      }
    }
  }

  /** Marsaglia and Tsang's gamma sampler, shape k and scale 1, for the simulation. */
  static double gamma(SplittableRandom rng, double k) {
    if (k < 1) {
      return gamma(rng, k + 1) * Math.pow(rng.nextDouble(), 1 / k);
    }
    double d = k - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = normal(rng);
      double v = Math.pow(1 + c * z, 3);
      if (v > 0 && Math.log(rng.nextDouble()) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  static double normal(SplittableRandom rng) {
    double u = rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * Customers drawn from the BG/NBD story (Fader, Hardie and Lee 2005, section 3) with known
   * parameters: the fit recovers each within three standard errors.
   */
  @Test
  void recoversSimulatedParametersWithinTheirStandardErrors() {
    double r = 0.5;
    double alpha = 6;
    double a = 0.8;
    double b = 2.5;
    SplittableRandom rng = new SplittableRandom(2026);
    int n = 6000;
    List<String> ids = new ArrayList<>();
    int[] x = new int[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    for (int i = 0; i < n; i++) {
      ids.add("c" + i);
      double lambda = gamma(rng, r) / alpha;
      double ga = gamma(rng, a);
      double p = ga / (ga + gamma(rng, b));
      age[i] = 26 + rng.nextInt(27);
      double t = 0;
      while (true) {
        t += -Math.log(1 - rng.nextDouble()) / lambda;
        if (t > age[i]) {
          break;
        }
        x[i]++;
        tx[i] = t;
        if (rng.nextDouble() < p) {
          break; // drops out after this purchase
        }
      }
    }
    CalibrationSummary s = CalibrationSummary.of(ids, x, tx, age, null, TimeScale.WEEKS);
    BgNbd m = BgNbd.fit(s);
    double[] truth = {r, alpha, a, b};
    double[] fit = m.report().values();
    double[] se = m.report().standardErrors();
    for (int k = 0; k < 4; k++) {
      assertThat(Math.abs(fit[k] - truth[k]))
          .as(m.report().names().get(k) + " " + fit[k] + " +- " + se[k])
          .isLessThan(3 * se[k]);
      assertThat(se[k]).isPositive().isLessThan(truth[k]);
    }
  }

  /**
   * P(at least one purchase in the next t weeks) from the BG/NBD story with known parameters: over
   * simulated customers continued past calibration, the predicted and observed counts agree within
   * three standard deviations, overall and for customers with 0, 1-2 and 3+ repeat purchases; the
   * probability never exceeds P(alive) and grows with t.
   */
  @Test
  void probabilityOfPurchaseMatchesSimulatedCustomers() {
    BgNbd m = BgNbd.of(0.5, 6, 0.8, 2.5);
    SplittableRandom rng = new SplittableRandom(7);
    double horizon = 13;
    double[] predicted = new double[4];
    double[] variance = new double[4];
    int[] observed = new int[4];
    for (int i = 0; i < 40_000; i++) {
      double lambda = gamma(rng, m.r()) / m.alpha();
      double ga = gamma(rng, m.a());
      double p = ga / (ga + gamma(rng, m.b()));
      double age = 26 + rng.nextInt(27);
      int x = 0;
      double tx = 0;
      double t = 0;
      boolean alive = true;
      boolean bought = false;
      while (alive) {
        t += -Math.log(1 - rng.nextDouble()) / lambda;
        if (t > age + horizon) {
          break;
        }
        if (t > age) {
          bought = true;
          break;
        }
        x++;
        tx = t;
        alive = rng.nextDouble() >= p;
      }
      double q = m.probabilityOfPurchase(horizon, x, tx, age);
      assertThat(q).isBetween(0.0, m.probabilityAlive(x, tx, age));
      assertThat(m.probabilityOfPurchase(2 * horizon, x, tx, age)).isGreaterThanOrEqualTo(q);
      for (int g : new int[] {0, x == 0 ? 1 : x <= 2 ? 2 : 3}) {
        predicted[g] += q;
        variance[g] += q * (1 - q);
        observed[g] += bought ? 1 : 0;
      }
    }
    for (int g = 0; g < 4; g++) {
      assertThat(Math.abs(observed[g] - predicted[g]))
          .as("group " + g + ": observed " + observed[g] + ", predicted " + predicted[g])
          .isLessThan(3 * Math.sqrt(variance[g]));
    }
  }
}
