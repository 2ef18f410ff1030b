package dev.segmentation.customer.clv;

import dev.segmentation.api.InvalidDataException;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The checks a sceptic asks for, on a summary with a holdout period (Fader, Hardie and Lee 2005,
 * section 4): predicted against actual holdout purchases per calibration frequency (their figure 5,
 * the conditional expectation over the holdout), the cumulative repeat purchases of the whole
 * cohort period by period against the model's (figure 3, each customer's E[X(t)] from their first
 * purchase), and the aggregate error over the holdout. Immutable.
 */
public final class Validation {
  private final String model;
  private final int[] frequency;
  private final int[] customers;
  private final double[] actual;
  private final double[] predicted;
  private final int[] trackingActual;
  private final double[] trackingExpected;
  private final double totalActual;
  private final double totalPredicted;
  private final double calibrationPeriods;

  private Validation(
      String model,
      int[] frequency,
      int[] customers,
      double[] actual,
      double[] predicted,
      int[] trackingActual,
      double[] trackingExpected,
      double totalActual,
      double totalPredicted,
      double calibrationPeriods) {
    this.model = model;
    this.frequency = frequency;
    this.customers = customers;
    this.actual = actual;
    this.predicted = predicted;
    this.trackingActual = trackingActual;
    this.trackingExpected = trackingExpected;
    this.totalActual = totalActual;
    this.totalPredicted = totalPredicted;
    this.calibrationPeriods = calibrationPeriods;
  }

  /**
   * Validates a model on the holdout of the summary it was fitted on.
   *
   * @param summary a summary built from a log with a holdout period
   * @param model the fitted purchase model
   * @param topFrequency frequencies at or above it form one group (the paper uses 7)
   * @return the tables
   * @throws InvalidDataException if the summary has no holdout or no dates
   */
  public static Validation of(CalibrationSummary summary, PurchaseModel model, int topFrequency) {
    Objects.requireNonNull(model, "model");
    if (!Objects.requireNonNull(summary, "summary").hasHoldout()) {
      throw new InvalidDataException(
          "validation needs a summary with a holdout period (built with holdoutUntil)");
    }
    double length = summary.holdoutLength();
    Compressed c = summary.compressed();
    double[] rowPredicted = new double[c.rows()];
    for (int r = 0; r < c.rows(); r++) {
      rowPredicted[r] = model.expectedPurchases(length, c.x[r], c.recency[r], c.age[r]);
    }
    int groups = Math.max(1, topFrequency) + 1;
    int[] count = new int[groups];
    double[] act = new double[groups];
    double[] pred = new double[groups];
    double totalA = 0;
    double totalP = 0;
    for (int i = 0; i < summary.size(); i++) {
      int g = Math.min(summary.frequency(i), groups - 1);
      double p = rowPredicted[c.rowOf[i]];
      count[g]++;
      act[g] += summary.holdoutPurchases(i);
      pred[g] += p;
      totalA += summary.holdoutPurchases(i);
      totalP += p;
    }
    int[] freq = new int[groups];
    for (int g = 0; g < groups; g++) {
      freq[g] = g;
      act[g] = count[g] == 0 ? Double.NaN : act[g] / count[g];
      pred[g] = count[g] == 0 ? Double.NaN : pred[g] / count[g];
    }
    // tracking: customers grouped by the day of their first purchase
    TreeMap<Double, Integer> births = new TreeMap<>();
    for (int i = 0; i < summary.size(); i++) {
      births.merge(summary.birth(i), 1, Integer::sum);
    }
    int[] repeats = summary.repeatPurchasesByPeriod();
    int[] cumulative = new int[repeats.length];
    double[] expected = new double[repeats.length];
    int running = 0;
    for (int k = 0; k < repeats.length; k++) {
      running += repeats[k];
      cumulative[k] = running;
      double tau = k + 1.0;
      double e = 0;
      for (var b : births.entrySet()) {
        if (tau > b.getKey()) {
          e += b.getValue() * model.expectedRepeatPurchases(tau - b.getKey());
        }
      }
      expected[k] = e;
    }
    double calibrationPeriods =
        (summary.calibrationEnd().toEpochDay() - summary.cohortStart().toEpochDay() + 1)
            / (double) summary.scale().days();
    return new Validation(
        model.name(),
        freq,
        count,
        act,
        pred,
        cumulative,
        expected,
        totalA,
        totalP,
        calibrationPeriods);
  }

  /**
   * Returns the calibration frequencies of the groups; the last one holds that many or more.
   *
   * @return 0, 1, ..., top
   */
  public int[] frequencies() {
    return frequency.clone();
  }

  /**
   * Returns the customers in each frequency group.
   *
   * @return counts
   */
  public int[] customers() {
    return customers.clone();
  }

  /**
   * Returns the mean actual holdout purchases per frequency group.
   *
   * @return NaN for an empty group
   */
  public double[] actualHoldoutPurchases() {
    return actual.clone();
  }

  /**
   * Returns the mean predicted holdout purchases (conditional expectation) per frequency group.
   *
   * @return NaN for an empty group
   */
  public double[] predictedHoldoutPurchases() {
    return predicted.clone();
  }

  /**
   * Returns the cohort's actual cumulative repeat purchases at the end of each period.
   *
   * @return one entry per period from the cohort's first day
   */
  public int[] trackingActual() {
    return trackingActual.clone();
  }

  /**
   * Returns the model's expected cumulative repeat purchases at the end of each period.
   *
   * @return one entry per period from the cohort's first day
   */
  public double[] trackingExpected() {
    return trackingExpected.clone();
  }

  /**
   * Returns the actual purchases of the cohort in the holdout.
   *
   * @return a count
   */
  public double totalActual() {
    return totalActual;
  }

  /**
   * Returns the predicted purchases of the cohort in the holdout.
   *
   * @return the sum of the conditional expectations
   */
  public double totalPredicted() {
    return totalPredicted;
  }

  /**
   * Returns the aggregate error over the holdout.
   *
   * @return (predicted - actual) / actual
   */
  public double aggregateError() {
    return (totalPredicted - totalActual) / totalActual;
  }

  /**
   * Describes the tables for a terminal: the frequency table, the aggregate error, and the tracking
   * at every fourth period and the last.
   *
   * @return text ending in a newline
   */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(Locale.ROOT, "%s, holdout purchases by calibration frequency:%n", model));
    s.append(
        String.format(Locale.ROOT, "  %9s %9s %9s %9s%n", "x", "customers", "actual", "predicted"));
    for (int g = 0; g < frequency.length; g++) {
      s.append(
          String.format(
              Locale.ROOT,
              "  %9s %9d %9.3f %9.3f%n",
              g == frequency.length - 1 ? frequency[g] + "+" : Integer.toString(frequency[g]),
              customers[g],
              actual[g],
              predicted[g]));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "  holdout total: actual %.0f, predicted %.1f, error %+.1f%%%n",
            totalActual,
            totalPredicted,
            100 * aggregateError()));
    s.append(
        String.format(Locale.ROOT, "  cumulative repeat purchases (period: actual / expected):%n"));
    int k = trackingActual.length;
    for (int i = 3; i < k; i += 4) {
      appendTracking(s, i);
    }
    if (k % 4 != 0) {
      appendTracking(s, k - 1);
    }
    return s.toString();
  }

  private void appendTracking(StringBuilder s, int i) {
    s.append(
        String.format(
            Locale.ROOT,
            "    %3d%s %7d / %9.1f%n",
            i + 1,
            i + 1 <= calibrationPeriods ? " " : "*",
            trackingActual[i],
            trackingExpected[i]));
  }
}
