package dev.segmentation.customer.propensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.customer.Feature;
import dev.segmentation.customer.TransactionLog;
import dev.segmentation.customer.propensity.LabelledWindow.Target;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Labelled windows by hand and without leakage, the model's explanations, the deciles. */
class PropensityTest {
  static final LocalDate D0 = LocalDate.of(2025, 1, 1);

  static TransactionLog.Builder base() {
    return TransactionLog.builder()
        .add("A", D0, 10)
        .add("A", D0.plusDays(20), 10)
        .add("B", D0.plusDays(5), 10)
        .add("C", D0.plusDays(8), 10)
        .add("D", D0.plusDays(9), 10);
  }

  @Test
  void labelsWhatEachCustomerDidInTheWindow() {
    TransactionLog log =
        base()
            // A buys twice in the window, once at a discount
            .add("A", D0.plusDays(31), 5, Double.NaN, null, null, 2, false)
            .add("A", D0.plusDays(40), 5)
            // B returns something and buys nothing
            .add("B", D0.plusDays(35), -10)
            // C buys once, after the window: churned in it
            .add("C", D0.plusDays(70), 7)
            // E's first purchase is in the window: not a customer at the cutoff
            .add("E", D0.plusDays(33), 9)
            .build();
    LabelledWindow w =
        LabelledWindow.at(D0.plusDays(30), 30)
            .features(Feature.RECENCY, Feature.FREQUENCY)
            .optOut(List.of("D"))
            .compute(log);
    assertThat(w.features().customerIds()).containsExactly("A", "B", "C");
    assertThat(w.labels(Target.PURCHASE)).containsExactly(1, 0, 0);
    assertThat(w.labels(Target.REPEAT)).containsExactly(1, 0, 0);
    assertThat(w.labels(Target.CHURN)).containsExactly(0, 1, 1);
    assertThat(w.labels(Target.RETURN)).containsExactly(0, 1, 0);
    assertThat(w.labels(Target.DISCOUNT)).containsExactly(1, 0, 0);
    assertThat(w.cutoff()).isEqualTo(D0.plusDays(30));
    assertThat(w.horizonDays()).isEqualTo(30);
    assertThatThrownBy(() -> LabelledWindow.at(D0.plusDays(50), 30).compute(log))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("runs past the log's last day 2025-03-12");
    assertThatThrownBy(() -> LabelledWindow.at(D0.plusDays(80), 5).compute(log))
        .hasMessageContaining("nothing to label");
    assertThatThrownBy(() -> LabelledWindow.at(D0, 0)).isInstanceOf(InvalidOptionException.class);
  }

  /** Nothing after the cutoff moves the features: every later line shifted or dropped. */
  @Property(tries = 50)
  void noInformationFromAfterTheCutoffLeaks(@ForAll @IntRange(min = 1, max = 1000) int seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    LocalDate cutoff = D0.plusDays(100);
    TransactionLog.Builder a = TransactionLog.builder();
    TransactionLog.Builder b = TransactionLog.builder();
    for (int i = 0; i < 200; i++) {
      String c = "c" + rng.nextInt(20);
      int day = rng.nextInt(200);
      double amount = rng.nextInt(10) == 0 ? -5 : 1 + rng.nextInt(50);
      a.add(c, D0.plusDays(day), amount);
      // the other log moves every later line and changes its amount; earlier lines are the same
      b.add(c, D0.plusDays(day > 100 ? 101 + rng.nextInt(99) : day), day > 100 ? 999 : amount);
    }
    a.add("z", D0.plusDays(199), 1);
    b.add("z", D0.plusDays(199), 1);
    LabelledWindow wa = LabelledWindow.at(cutoff, 90).compute(a.build());
    LabelledWindow wb = LabelledWindow.at(cutoff, 90).compute(b.build());
    Dataset fa = wa.features().dataset();
    Dataset fb = wb.features().dataset();
    assertThat(wb.features().customerIds()).isEqualTo(wa.features().customerIds());
    assertThat(fb.toRowMajor()).containsExactly(fa.toRowMajor());
  }

  @Test
  void explanationsSumToTheLogitAndCoefficientsAreInOriginalUnits() {
    double[][] x = SklearnAgreementTest.features();
    int[] y = SklearnAgreementTest.labels(x);
    Dataset data = Dataset.of(x, "a", "b", "c");
    LogisticRegression m = LogisticRegression.fitter().c(2).fit(data, y);
    double[] beta = m.coefficients();
    for (int i = 0; i < 20; i++) {
      double p = m.probability(x[i]);
      double eta = m.intercept();
      for (int j = 0; j < 3; j++) {
        eta += beta[j] * x[i][j];
      }
      assertThat(p).isCloseTo(1 / (1 + Math.exp(-eta)), offset(1e-12));
      double sum = m.standardisedIntercept();
      List<LogisticRegression.Contribution> all = m.explain(x[i], 3);
      for (LogisticRegression.Contribution c : all) {
        sum += c.logOdds();
      }
      assertThat(1 / (1 + Math.exp(-sum))).isCloseTo(p, offset(1e-12));
      assertThat(Math.abs(all.get(0).logOdds()))
          .isGreaterThanOrEqualTo(Math.abs(all.get(2).logOdds()));
    }
    assertThat(m.explain(x[0], 1)).hasSize(1);
    assertThat(m.iterations()).isBetween(2, 30);
    assertThat(m.columns()).containsExactly("a", "b", "c");
    // balanced class weights move the intercept towards the rarer class
    LogisticRegression w = LogisticRegression.fitter().c(2).balanced(true).fit(data, y);
    assertThat(w.standardisedIntercept()).isNotEqualTo(m.standardisedIntercept());
    assertThatThrownBy(() -> LogisticRegression.fitter().fit(data, new int[x.length]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("one class only");
    assertThatThrownBy(() -> LogisticRegression.fitter().fit(data, new int[3]))
        .hasMessageContaining("3 labels for 400 rows");
    int[] bad = y.clone();
    bad[5] = 2;
    assertThatThrownBy(() -> LogisticRegression.fitter().fit(data, bad))
        .hasMessageContaining("row 6: label 2");
    assertThatThrownBy(() -> LogisticRegression.fitter().c(0))
        .isInstanceOf(InvalidOptionException.class);
    assertThatThrownBy(() -> m.probability(new double[2])).hasMessageContaining("2 values");
  }

  @Test
  void decilesSplitTheScoresAndAddUp() {
    double[][] x = SklearnAgreementTest.features();
    int[] y = SklearnAgreementTest.labels(x);
    double[] p =
        LogisticRegression.fitter()
            .fit(Dataset.of(x, "a", "b", "c"), y)
            .probabilities(Dataset.of(x, "a", "b", "c"));
    ScoreMetrics.Decile[] d = ScoreMetrics.deciles(p, y);
    assertThat(d).hasSize(10);
    int total = 0;
    for (int q = 0; q < 10; q++) {
      total += d[q].customers();
      if (q > 0) {
        assertThat(d[q].meanScore()).isLessThanOrEqualTo(d[q - 1].meanScore());
        assertThat(d[q].cumulativeGain()).isGreaterThanOrEqualTo(d[q - 1].cumulativeGain());
      }
    }
    assertThat(total).isEqualTo(400);
    assertThat(d[9].cumulativeGain()).isCloseTo(1, offset(1e-12));
    assertThat(d[0].lift()).isGreaterThan(1);
    // a perfect score: AUC 1, AP 1; a constant one: AUC 1/2
    double[] perfect = new double[y.length];
    double[] constant = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      perfect[i] = y[i];
      constant[i] = 0.3;
    }
    assertThat(ScoreMetrics.rocAuc(perfect, y)).isEqualTo(1);
    assertThat(ScoreMetrics.averagePrecision(perfect, y)).isEqualTo(1);
    assertThat(ScoreMetrics.rocAuc(constant, y)).isEqualTo(0.5);
    assertThatThrownBy(() -> ScoreMetrics.brier(new double[] {0.5}, new int[] {1}))
        .hasMessageContaining("one class only");
    assertThatThrownBy(() -> ScoreMetrics.logLoss(new double[] {0.5}, new int[] {1, 0}))
        .hasMessageContaining("1 scores for 2 labels");
    assertThatThrownBy(() -> ScoreMetrics.deciles(new double[] {0.5, 0.2}, new int[] {1, 0}))
        .hasMessageContaining("ten deciles");
    assertThatThrownBy(() -> ScoreMetrics.rocAuc(new double[] {0.5, 0.2}, new int[] {1, 3}))
        .hasMessageContaining("label 3");
  }

  @Test
  void calibratorsAreMonotoneAndNamed() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] s = new double[300];
    int[] y = new int[300];
    for (int i = 0; i < s.length; i++) {
      s[i] = Math.round(rng.nextDouble() * 50) / 50.0;
      y[i] = rng.nextDouble() < s[i] * s[i] ? 1 : 0;
    }
    Calibrator iso = Calibrator.isotonic(s, y);
    Calibrator platt = Calibrator.platt(s, y);
    double previousIso = -1;
    double previousPlatt = -1;
    for (double q = -0.1; q <= 1.1; q += 0.01) {
      double a = iso.apply(q);
      double b = platt.apply(q);
      assertThat(a).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previousIso);
      assertThat(b).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previousPlatt - 1e-15);
      previousIso = a;
      previousPlatt = b;
    }
    assertThat(iso.a()).isNaN();
    assertThat(platt.a()).isNegative();
    assertThat(iso.apply(new double[] {-1, 2})).containsExactly(iso.apply(-1), iso.apply(2));
    assertThatThrownBy(() -> Calibrator.isotonic(new double[] {0.1}, new int[] {1}))
        .hasMessageContaining("calibration needs pairs");
    assertThatThrownBy(() -> Calibrator.platt(new double[] {0.1, 0.2}, new int[] {1, 5}))
        .hasMessageContaining("label 5");
  }

  /** The fit is the same to the bit on one thread and on three. */
  @Test
  void fitsTheSameOnAnyNumberOfThreads() throws Exception {
    int n = 100_000;
    double[] x = new double[n * 2];
    int[] y = new int[n];
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < n; i++) {
      x[2 * i] = rng.nextGaussian();
      x[2 * i + 1] = rng.nextGaussian();
      y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-(x[2 * i] - 0.5 * x[2 * i + 1]))) ? 1 : 0;
    }
    Dataset data = Dataset.ofRowMajor(x, n, List.of("u", "v"));
    double[][] fits = new double[2][];
    int[] threads = {1, 3};
    for (int t = 0; t < 2; t++) {
      java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads[t]);
      try {
        fits[t] = pool.submit(() -> LogisticRegression.fitter().fit(data, y).coefficients()).get();
      } finally {
        pool.shutdown();
      }
    }
    assertThat(fits[1]).containsExactly(fits[0]);
  }
}
