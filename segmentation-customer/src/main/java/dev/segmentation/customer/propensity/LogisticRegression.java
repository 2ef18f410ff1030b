package dev.segmentation.customer.propensity;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * L2-regularised logistic regression, fitted by Newton's method (iteratively reweighted least
 * squares) with EJML's Cholesky solver on standardised features: it minimises {@code C * sum_i s_i
 * logloss_i + |w|^2 / 2} over the weights w of the standardised features, the intercept not
 * penalised, as scikit-learn's {@code LogisticRegression(penalty="l2", C=C)} does; {@code s_i} are
 * the optional class weights ({@code balanced}: n / (2 n_class), as scikit-learn). Newton steps
 * until no coefficient moves by more than 1e-12 (or 100 steps): deterministic, and to 1e-6 of
 * scikit-learn's lbfgs at tol 1e-10 on the same matrix (tested).
 *
 * <p>Cost: O(n d^2 + d^3) per step, a handful of steps; the sums over rows run in fixed blocks on
 * the common fork-join pool and are added in block order, so results do not depend on threads. The
 * model explains each score by the contributions {@code w_j (x_j - mean_j) / sd_j} of its features
 * against the average customer, which sum with the intercept to the score's logit; the coefficients
 * are also given in original units. Immutable once fitted.
 */
public final class LogisticRegression {
  private final List<String> columns;
  private final double[] mean;
  private final double[] scale;
  private final double[] weights;
  private final double intercept;
  private final int iterations;

  private LogisticRegression(
      List<String> columns,
      double[] mean,
      double[] scale,
      double[] weights,
      double intercept,
      int iterations) {
    this.columns = List.copyOf(columns);
    this.mean = mean;
    this.scale = scale;
    this.weights = weights;
    this.intercept = intercept;
    this.iterations = iterations;
  }

  /**
   * Starts a fit.
   *
   * @return a fitter with C = 1, no class weights
   */
  public static Fitter fitter() {
    return new Fitter();
  }

  /** Fit options. */
  public static final class Fitter {
    private double c = 1;
    private boolean balanced;

    private Fitter() {}

    /**
     * Sets the inverse of the regularisation strength, as scikit-learn's C.
     *
     * @param value {@code > 0}; default 1
     * @return this fitter
     * @throws InvalidOptionException if not a positive number
     */
    public Fitter c(double value) {
      if (!(value > 0) || !Double.isFinite(value)) {
        throw new InvalidOptionException("C", Double.toString(value), "must be a positive number");
      }
      this.c = value;
      return this;
    }

    /**
     * Weighs each class inversely to its frequency (scikit-learn's {@code
     * class_weight="balanced"}).
     *
     * @param value whether to; default false
     * @return this fitter
     */
    public Fitter balanced(boolean value) {
      this.balanced = value;
      return this;
    }

    /**
     * Fits the model.
     *
     * @param data the features, one row per customer, all finite
     * @param labels 1 for the event, 0 otherwise, one per row
     * @return the model
     * @throws InvalidDataException if the labels are not 0/1, hold one class only, or do not match
     *     the rows
     */
    public LogisticRegression fit(Dataset data, int[] labels) {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(labels, "labels");
      int n = data.numRows();
      int d = data.numColumns();
      if (labels.length != n) {
        throw new InvalidDataException(
            labels.length + " labels for " + n + " rows; give one label per row");
      }
      int positives = 0;
      for (int i = 0; i < n; i++) {
        if (labels[i] != 0 && labels[i] != 1) {
          throw new InvalidDataException(
              "row " + (i + 1) + ": label " + labels[i] + " is not 0 or 1");
        }
        positives += labels[i];
      }
      if (positives == 0 || positives == n) {
        throw new InvalidDataException(
            "the target has one class only ("
                + (positives == 0 ? "no" : "every")
                + " customer has the event); a propensity needs both");
      }
      double[] mean = new double[d];
      double[] sd = new double[d];
      double[] x = data.toRowMajor();
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += x[i * d + j];
        }
        mean[j] = s / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
          double v = x[i * d + j] - mean[j];
          ss += v * v;
        }
        // a constant column keeps a scale of 1, as scikit-learn's StandardScaler does
        sd[j] = ss > 0 ? Math.sqrt(ss / n) : 1;
      }
      double[] z = new double[n * (d + 1)];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          z[i * (d + 1) + j] = (x[i * d + j] - mean[j]) / sd[j];
        }
        z[i * (d + 1) + d] = 1;
      }
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = !balanced ? 1 : labels[i] == 1 ? n / (2.0 * positives) : n / (2.0 * (n - positives));
      }
      int k = d + 1;
      double[] beta = new double[k];
      DMatrixRMaj h = new DMatrixRMaj(k, k);
      DMatrixRMaj g = new DMatrixRMaj(k, 1);
      DMatrixRMaj step = new DMatrixRMaj(k, 1);
      LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(k);
      int it = 0;
      while (it < 100) {
        it++;
        h.zero();
        g.zero();
        for (int j = 0; j < d; j++) {
          h.set(j, j, 1);
          g.set(j, 0, beta[j]);
        }
        // rows in fixed blocks, each summed on its own and the blocks added in order: the same
        // bits whatever the number of threads
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[][] partial = new double[blocks][];
        final double[] b = beta;
        final double[] weightsOf = s;
        IntStream.range(0, blocks)
            .parallel()
            .forEach(
                q ->
                    partial[q] =
                        block(
                            z,
                            labels,
                            weightsOf,
                            b,
                            k,
                            q * BLOCK,
                            Math.min(n, (q + 1) * BLOCK),
                            c));
        double[] hd = h.data;
        double[] gd = g.data;
        for (double[] part : partial) {
          for (int a = 0; a < k; a++) {
            gd[a] += part[a];
            for (int bb = 0; bb <= a; bb++) {
              hd[a * k + bb] += part[k + a * k + bb];
            }
          }
        }
        for (int a = 0; a < k; a++) {
          for (int bb = 0; bb < a; bb++) {
            hd[bb * k + a] = hd[a * k + bb];
          }
        }
        if (!solver.setA(h)) {
          throw new InvalidDataException("the Hessian is singular; check for repeated columns");
        }
        solver.solve(g, step);
        double most = 0;
        for (int j = 0; j < k; j++) {
          beta[j] -= step.get(j, 0);
          most = Math.max(most, Math.abs(step.get(j, 0)));
        }
        if (most < 1e-12) {
          break;
        }
      }
      return new LogisticRegression(
          data.columnNames(), mean, sd, java.util.Arrays.copyOf(beta, d), beta[d], it);
    }
  }

  /** Rows per block of the gradient and Hessian sums. */
  private static final int BLOCK = 1 << 15;

  /**
   * One block's gradient (first k entries) and lower-triangular Hessian (k x k after them) of the
   * loss part, for rows {@code [from, to)}.
   */
  private static double[] block(
      double[] z, int[] labels, double[] s, double[] beta, int k, int from, int to, double c) {
    double[] out = new double[k + k * k];
    for (int i = from; i < to; i++) {
      int row = i * k;
      double eta = 0;
      for (int j = 0; j < k; j++) {
        eta += z[row + j] * beta[j];
      }
      double p = sigmoid(eta);
      double r = c * s[i] * (p - labels[i]);
      double w = c * s[i] * p * (1 - p);
      for (int a = 0; a < k; a++) {
        double za = z[row + a];
        out[a] += r * za;
        double wz = w * za;
        int at = k + a * k;
        for (int b = 0; b <= a; b++) {
          out[at + b] += wz * z[row + b];
        }
      }
    }
    return out;
  }

  static double sigmoid(double eta) {
    return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
  }

  /**
   * Returns the weights of the standardised features (what scikit-learn's {@code coef_} holds when
   * fitted on the standardised matrix).
   *
   * @return a copy, in column order
   */
  public double[] standardisedCoefficients() {
    return weights.clone();
  }

  /**
   * Returns the intercept on the standardised features.
   *
   * @return scikit-learn's {@code intercept_}
   */
  public double standardisedIntercept() {
    return intercept;
  }

  /**
   * Returns the means the features were centred on (the training rows' means).
   *
   * @return a copy, in column order
   */
  public double[] means() {
    return mean.clone();
  }

  /**
   * Returns the scales the features were divided by (the training rows' population standard
   * deviations; 1 for a constant column).
   *
   * @return a copy, in column order
   */
  public double[] scales() {
    return scale.clone();
  }

  /**
   * Returns the coefficients in original units: the change in log-odds per unit of each feature.
   *
   * @return a copy, in column order
   */
  public double[] coefficients() {
    double[] out = new double[weights.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = weights[j] / scale[j];
    }
    return out;
  }

  /**
   * Returns the intercept in original units.
   *
   * @return the log-odds at all features 0
   */
  public double intercept() {
    double b = intercept;
    for (int j = 0; j < weights.length; j++) {
      b -= weights[j] * mean[j] / scale[j];
    }
    return b;
  }

  /**
   * Returns the Newton steps the fit took.
   *
   * @return at most 100
   */
  public int iterations() {
    return iterations;
  }

  /**
   * Returns the feature names, in order.
   *
   * @return an unmodifiable list
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * Returns the probability of the event for one customer.
   *
   * @param row the features in column order
   * @return in (0, 1)
   */
  public double probability(double[] row) {
    return sigmoid(logit(row));
  }

  private double logit(double[] row) {
    if (row.length != weights.length) {
      throw new InvalidDataException(
          row.length + " values for a model of " + weights.length + " features " + columns);
    }
    double eta = intercept;
    for (int j = 0; j < weights.length; j++) {
      eta += weights[j] * (row[j] - mean[j]) / scale[j];
    }
    return eta;
  }

  /**
   * Returns the probability of the event for every row of a data set with the model's columns.
   *
   * @param data rows with (at least) the model's columns, matched by name
   * @return one probability per row
   * @throws InvalidDataException if a column is missing
   */
  public double[] probabilities(Dataset data) {
    Dataset d = data.select(columns.toArray(new String[0]));
    double[] out = new double[d.numRows()];
    for (int i = 0; i < out.length; i++) {
      out[i] = probability(d.row(i));
    }
    return out;
  }

  /** One feature's part of a score: its name, value and contribution to the log-odds. */
  public record Contribution(String feature, double value, double logOdds) {}

  /**
   * Explains one score: each feature's contribution {@code w_j (x_j - mean_j) / sd_j} to the
   * log-odds against the average customer, largest in size first. The contributions and the
   * intercept sum to the score's logit.
   *
   * @param row the features in column order
   * @param top how many to return, {@code >= 1}
   * @return the largest contributions
   */
  public List<Contribution> explain(double[] row, int top) {
    logit(row);
    List<Contribution> all = new ArrayList<>();
    for (int j = 0; j < weights.length; j++) {
      all.add(new Contribution(columns.get(j), row[j], weights[j] * (row[j] - mean[j]) / scale[j]));
    }
    all.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.logOdds())));
    return all.subList(0, Math.max(1, Math.min(top, all.size())));
  }
}
