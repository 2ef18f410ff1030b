package dev.segmentation.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.customer.TransactionLog;
import dev.segmentation.customer.clv.BgNbd;
import dev.segmentation.customer.clv.CalibrationSummary;
import dev.segmentation.customer.clv.TimeScale;
import dev.segmentation.customer.propensity.LabelledWindow;
import dev.segmentation.customer.propensity.LabelledWindow.Target;
import dev.segmentation.customer.propensity.LogisticRegression;
import dev.segmentation.customer.propensity.ScoreMetrics;
import dev.segmentation.datasets.SampleDatasets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 21's reference numbers on the bundled CDNOW log: a purchase propensity trained on the
 * cutoff 1997-09-30 and judged on 1997-12-31, horizon 90 days, beside the BG/NBD's expected
 * purchases as a baseline.
 */
class PropensityOnCdnowTest {
  @Test
  void purchasePropensityBeatsChanceAndStandsBesideTheBgNbd() {
    TransactionLog log = SampleDatasets.cdnowTransactions();
    LocalDate train = LocalDate.of(1997, 9, 30);
    LocalDate test = LocalDate.of(1997, 12, 31);
    LabelledWindow a = LabelledWindow.at(train, 90).compute(log);
    LabelledWindow b = LabelledWindow.at(test, 90).compute(log);
    LogisticRegression m =
        LogisticRegression.fitter().fit(a.features().dataset(), a.labels(Target.PURCHASE));
    double[] p = m.probabilities(b.features().dataset());
    int[] y = b.labels(Target.PURCHASE);
    double auc = ScoreMetrics.rocAuc(p, y);
    double logLoss = ScoreMetrics.logLoss(p, y);
    double lift = ScoreMetrics.deciles(p, y)[0].lift();
    // the BG/NBD baseline: expected purchases in the 90 days after the test cutoff
    CalibrationSummary s = CalibrationSummary.until(test).scale(TimeScale.DAYS).compute(log);
    BgNbd bg = BgNbd.fit(s);
    Map<String, Integer> row = new HashMap<>();
    for (int i = 0; i < s.size(); i++) {
      row.put(s.customerIds().get(i), i);
    }
    List<String> ids = b.features().customerIds();
    double[] e = new double[ids.size()];
    for (int i = 0; i < e.length; i++) {
      int r = row.get(ids.get(i));
      e[i] = bg.expectedPurchases(90, s.frequency(r), s.recency(r), s.age(r));
    }
    double bgAuc = ScoreMetrics.rocAuc(e, y);
    double bgLift = ScoreMetrics.deciles(e, y)[0].lift();
    System.out.printf(
        Locale.ROOT,
        "CDNOW purchase in 90 days after 1997-12-31 (trained on 1997-09-30): logistic AUC %.4f,"
            + " log loss %.4f, top-decile lift %.2f; BG/NBD expected purchases AUC %.4f,"
            + " top-decile lift %.2f; %d customers, %d bought%n",
        auc,
        logLoss,
        lift,
        bgAuc,
        bgLift,
        y.length,
        java.util.Arrays.stream(y).sum());
    assertThat(auc).isGreaterThan(0.7);
    assertThat(bgAuc).isGreaterThan(0.7);
    assertThat(lift).isGreaterThan(2);
    assertThat(logLoss).isLessThan(Math.log(2));
  }
}
