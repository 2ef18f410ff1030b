package dev.segmentation.customer.propensity;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.core.data.Rows;
import java.util.Arrays;

/**
 * Turns scores into calibrated probabilities, fitted on a held-out set (a later cutoff than the
 * model was trained on): Platt's sigmoid {@code 1 / (1 + exp(A s + B))} on the score's logit,
 * fitted by Newton's method to Platt's smoothed targets ((N+ + 1) / (N+ + 2) and 1 / (N- + 2);
 * Platt 1999, as scikit-learn's {@code CalibratedClassifierCV(method="sigmoid")}), or isotonic
 * regression (pool adjacent violators on the scores, equal scores pooled first, predictions
 * interpolated linearly between the fitted points and clipped outside them, as scikit-learn's
 * {@code IsotonicRegression(out_of_bounds="clip")}). Immutable and serializable (its numbers only).
 */
public final class Calibrator implements java.io.Serializable {
  // values only: a calibrator travels to Spark executors inside a user-defined function
  private static final long serialVersionUID = 1L;
  private final boolean platt;
  private final double a;
  private final double b;
  private final double[] xs;
  private final double[] ys;

  private Calibrator(boolean platt, double a, double b, double[] xs, double[] ys) {
    this.platt = platt;
    this.a = a;
    this.b = b;
    this.xs = xs;
    this.ys = ys;
  }

  private static void check(double[] scores, int[] labels) {
    if (scores.length != labels.length || scores.length < 2) {
      throw new InvalidDataException(
          scores.length + " scores for " + labels.length + " labels; calibration needs pairs");
    }
    for (int y : labels) {
      if (y != 0 && y != 1) {
        throw new InvalidDataException("label " + y + " is not 0 or 1");
      }
    }
  }

  /**
   * Fits Platt's sigmoid to probabilities and outcomes.
   *
   * @param probabilities the model's probabilities on the calibration set
   * @param labels the outcomes
   * @return the calibrator
   */
  public static Calibrator platt(double[] probabilities, int[] labels) {
    check(probabilities, labels);
    int n = labels.length;
    double[] f = new double[n];
    int positives = 0;
    for (int i = 0; i < n; i++) {
      double p = Math.min(Math.max(probabilities[i], 1e-15), 1 - 1e-15);
      f[i] = Math.log(p / (1 - p));
      positives += labels[i];
    }
    double hi = (positives + 1.0) / (positives + 2.0);
    double lo = 1.0 / (n - positives + 2.0);
    double pa = 0;
    double pb = Math.log((n - positives + 1.0) / (positives + 1.0));
    for (int it = 0; it < 100; it++) {
      double g1 = 0;
      double g2 = 0;
      double h11 = 1e-12;
      double h22 = 1e-12;
      double h21 = 0;
      for (int i = 0; i < n; i++) {
        double t = labels[i] == 1 ? hi : lo;
        double p = LogisticRegression.sigmoid(-(pa * f[i] + pb));
        // derivative of the log loss with respect to (A, B) through p = sigmoid(-(A f + B))
        double d = t - p;
        g1 += d * f[i];
        g2 += d;
        double w = p * (1 - p);
        h11 += w * f[i] * f[i];
        h22 += w;
        h21 += w * f[i];
      }
      double det = h11 * h22 - h21 * h21;
      double da = -(h22 * g1 - h21 * g2) / det;
      double db = -(-h21 * g1 + h11 * g2) / det;
      pa += da;
      pb += db;
      if (Math.abs(da) < 1e-12 && Math.abs(db) < 1e-12) {
        break;
      }
    }
    return new Calibrator(true, pa, pb, null, null);
  }

  /**
   * Fits an isotonic (non-decreasing) map from scores to outcomes.
   *
   * @param scores the model's scores on the calibration set
   * @param labels the outcomes
   * @return the calibrator
   */
  public static Calibrator isotonic(double[] scores, int[] labels) {
    check(scores, labels);
    int n = labels.length;
    int[] order = Rows.stableOrder(n, (a, b) -> Double.compare(scores[a], scores[b]));
    // blocks: value, weight, first distinct score; equal scores start as one block
    double[] value = new double[n];
    double[] weight = new double[n];
    double[] key = new double[n];
    int blocks = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      double sum = 0;
      while (j < n && scores[order[j]] == scores[order[i]]) {
        sum += labels[order[j]];
        j++;
      }
      key[blocks] = scores[order[i]];
      value[blocks] = sum / (j - i);
      weight[blocks] = j - i;
      blocks++;
      i = j;
    }
    int distinct = blocks;
    double[] xs = Arrays.copyOf(key, distinct);
    // pool adjacent violators over the distinct scores
    int[] start = new int[distinct];
    double[] v = new double[distinct];
    double[] w = new double[distinct];
    int top = 0;
    for (int k = 0; k < distinct; k++) {
      start[top] = k;
      v[top] = value[k];
      w[top] = weight[k];
      top++;
      while (top > 1 && v[top - 2] >= v[top - 1]) {
        double ww = w[top - 2] + w[top - 1];
        v[top - 2] = (v[top - 2] * w[top - 2] + v[top - 1] * w[top - 1]) / ww;
        w[top - 2] = ww;
        top--;
      }
    }
    double[] ys = new double[distinct];
    for (int t = 0; t < top; t++) {
      int end = t + 1 < top ? start[t + 1] : distinct;
      Arrays.fill(ys, start[t], end, v[t]);
    }
    return new Calibrator(false, 0, 0, xs, ys);
  }

  /**
   * Returns Platt's A.
   *
   * @return the slope on the score's logit (NaN for an isotonic calibrator)
   */
  public double a() {
    return platt ? a : Double.NaN;
  }

  /**
   * Returns Platt's B.
   *
   * @return the offset (NaN for an isotonic calibrator)
   */
  public double b() {
    return platt ? b : Double.NaN;
  }

  /**
   * Returns the calibrated probability of a score.
   *
   * @param score a probability (Platt) or score (isotonic) from the same model
   * @return in [0, 1]
   */
  public double apply(double score) {
    if (platt) {
      double p = Math.min(Math.max(score, 1e-15), 1 - 1e-15);
      return LogisticRegression.sigmoid(-(a * Math.log(p / (1 - p)) + b));
    }
    if (score <= xs[0]) {
      return ys[0];
    }
    if (score >= xs[xs.length - 1]) {
      return ys[ys.length - 1];
    }
    int i = Arrays.binarySearch(xs, score);
    if (i >= 0) {
      return ys[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double t = (score - xs[lo]) / (xs[hi] - xs[lo]);
    return ys[lo] + t * (ys[hi] - ys[lo]);
  }

  /**
   * Calibrates many scores.
   *
   * @param scores scores from the same model
   * @return one probability each
   */
  public double[] apply(double[] scores) {
    double[] out = new double[scores.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = apply(scores[i]);
    }
    return out;
  }
}
