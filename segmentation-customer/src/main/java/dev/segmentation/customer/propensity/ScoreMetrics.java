package dev.segmentation.customer.propensity;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.core.data.Rows;
import java.util.Arrays;

/**
 * How good a propensity score is, computed as scikit-learn's {@code sklearn.metrics} computes them
 * (tested against it): ROC AUC (the Mann-Whitney statistic, ties counted half), average precision
 * (PR AUC: {@code sum (R_k - R_{k-1}) P_k} over the distinct thresholds), log loss (probabilities
 * clipped to [eps, 1 - eps], eps the double's machine epsilon, as scikit-learn 1.2), the Brier
 * score, and by decile of the score (ten groups of equal size, highest scores first; ties broken by
 * row order): the mean prediction and the observed rate (the reliability table), the lift (rate in
 * the decile over the overall rate) and the cumulative gain (share of all events in the deciles so
 * far). Stateless.
 */
public final class ScoreMetrics {
  private ScoreMetrics() {}

  private static void check(double[] scores, int[] labels) {
    if (scores.length != labels.length || scores.length == 0) {
      throw new InvalidDataException(
          scores.length + " scores for " + labels.length + " labels; give one score per label");
    }
    int positives = 0;
    for (int y : labels) {
      if (y != 0 && y != 1) {
        throw new InvalidDataException("label " + y + " is not 0 or 1");
      }
      positives += y;
    }
    if (positives == 0 || positives == labels.length) {
      throw new InvalidDataException(
          "the labels hold one class only; the metric needs events and non-events");
    }
  }

  /**
   * Returns the area under the ROC curve.
   *
   * @param scores higher means likelier
   * @param labels 0 or 1, both present
   * @return in [0, 1]
   */
  public static double rocAuc(double[] scores, int[] labels) {
    check(scores, labels);
    int n = scores.length;
    int[] order = Rows.stableOrder(n, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1; // average rank of the tied run
      for (int t = i; t <= j; t++) {
        if (labels[order[t]] == 1) {
          rankSum += rank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /**
   * Returns the average precision (the area under the precision-recall curve, as scikit-learn's
   * {@code average_precision_score}).
   *
   * @param scores higher means likelier
   * @param labels 0 or 1, both present
   * @return in [0, 1]
   */
  public static double averagePrecision(double[] scores, int[] labels) {
    check(scores, labels);
    int n = scores.length;
    int[] order = Rows.stableOrder(n, (a, b) -> Double.compare(-scores[a], -scores[b]));
    long positives = Arrays.stream(labels).filter(y -> y == 1).count();
    double ap = 0;
    double previousRecall = 0;
    long tp = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      for (int t = i; t <= j; t++) {
        tp += labels[order[t]];
      }
      double recall = (double) tp / positives;
      double precision = (double) tp / (j + 1);
      ap += (recall - previousRecall) * precision;
      previousRecall = recall;
      i = j + 1;
    }
    return ap;
  }

  /**
   * Returns the mean log loss.
   *
   * @param probabilities predicted probabilities of the event
   * @param labels 0 or 1, both present
   * @return {@code >= 0}
   */
  public static double logLoss(double[] probabilities, int[] labels) {
    check(probabilities, labels);
    double eps = Math.ulp(1.0);
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      double p = Math.min(Math.max(probabilities[i], eps), 1 - eps);
      sum -= labels[i] == 1 ? Math.log(p) : Math.log1p(-p);
    }
    return sum / labels.length;
  }

  /**
   * Returns the Brier score: the mean squared difference of probability and outcome.
   *
   * @param probabilities predicted probabilities
   * @param labels 0 or 1, both present
   * @return in [0, 1]
   */
  public static double brier(double[] probabilities, int[] labels) {
    check(probabilities, labels);
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      double e = probabilities[i] - labels[i];
      sum += e * e;
    }
    return sum / labels.length;
  }

  /**
   * The metrics of one score on one set of labels.
   *
   * @param customers rows scored
   * @param meanScore the mean score
   * @param baseRate the share of events
   * @param rocAuc {@link #rocAuc}
   * @param averagePrecision {@link #averagePrecision} (PR AUC)
   * @param logLoss {@link #logLoss}
   * @param brier {@link #brier}
   */
  public record Summary(
      int customers,
      double meanScore,
      double baseRate,
      double rocAuc,
      double averagePrecision,
      double logLoss,
      double brier) {}

  /**
   * Returns every single-number metric of a probability score. O(n log n).
   *
   * @param probabilities predicted probabilities
   * @param labels 0 or 1, both present
   * @return the metrics
   * @throws InvalidDataException if the lengths differ, a label is not 0 or 1 or a class is missing
   */
  public static Summary summary(double[] probabilities, int[] labels) {
    check(probabilities, labels);
    double mean = 0;
    long events = 0;
    for (int i = 0; i < labels.length; i++) {
      mean += probabilities[i];
      events += labels[i];
    }
    return new Summary(
        labels.length,
        mean / labels.length,
        (double) events / labels.length,
        rocAuc(probabilities, labels),
        averagePrecision(probabilities, labels),
        logLoss(probabilities, labels),
        brier(probabilities, labels));
  }

  /**
   * One decile of the score, highest first: its customers, mean prediction, observed rate, lift and
   * cumulative gain.
   *
   * @param decile 1 (highest scores) to 10
   * @param customers rows in it
   * @param meanScore the mean score in it
   * @param observedRate the share of events in it
   * @param lift the observed rate over the overall rate
   * @param cumulativeGain the share of all events in deciles 1 to this one
   */
  public record Decile(
      int decile,
      int customers,
      double meanScore,
      double observedRate,
      double lift,
      double cumulativeGain) {}

  /**
   * Returns the ten deciles of the score: the reliability table, lift and cumulative gain.
   *
   * @param scores predicted probabilities (or any score, for lift and gain)
   * @param labels 0 or 1, both present, at least 10 rows
   * @return ten deciles, highest scores first
   */
  public static Decile[] deciles(double[] scores, int[] labels) {
    check(scores, labels);
    int n = scores.length;
    if (n < 10) {
      throw new InvalidDataException(n + " rows cannot form ten deciles; score at least 10");
    }
    int[] order = Rows.stableOrder(n, (a, b) -> Double.compare(-scores[a], -scores[b]));
    long total = Arrays.stream(labels).filter(y -> y == 1).count();
    double rate = (double) total / n;
    Decile[] out = new Decile[10];
    long cumulative = 0;
    for (int q = 0; q < 10; q++) {
      int from = (int) ((long) n * q / 10);
      int to = (int) ((long) n * (q + 1) / 10);
      double s = 0;
      long events = 0;
      for (int t = from; t < to; t++) {
        s += scores[order[t]];
        events += labels[order[t]];
      }
      cumulative += events;
      int size = to - from;
      double observed = (double) events / size;
      out[q] =
          new Decile(q + 1, size, s / size, observed, observed / rate, (double) cumulative / total);
    }
    return out;
  }
}
