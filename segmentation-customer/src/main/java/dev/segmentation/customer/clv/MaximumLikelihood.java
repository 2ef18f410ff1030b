package dev.segmentation.customer.clv;

import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Maximum likelihood for the models of this package: Hipparchus' BOBYQA (Powell 2009, derivative
 * free, bounded) over the logarithms of the positive parameters, then the observed information
 * (minus the Hessian of the log-likelihood, by central differences in the parameters themselves)
 * for the standard errors, inverted with EJML. The search starts from a fixed point and uses no
 * randomness, so a fit is deterministic.
 */
final class MaximumLikelihood {
  /** Bounds on each log-parameter: parameters between about 1e-9 and 1e9. */
  private static final double BOUND = 20;

  private MaximumLikelihood() {}

  /**
   * Maximises {@code logLikelihood(params) - n * penalty * sum(params^2)}.
   *
   * @param names parameter names, for the report
   * @param start starting parameters, all positive
   * @param logLikelihood the total log-likelihood at positive parameters (may return -infinity or
   *     NaN where it cannot be evaluated; such points are treated as very poor)
   * @param n the number of customers, which scales the penalty as {@code lifetimes} does (it
   *     penalises the mean log-likelihood)
   * @param penalty the L2 penalty coefficient, {@code >= 0}
   * @param maxEvaluations the most likelihood evaluations
   * @return the fit
   */
  static FitReport fit(
      String[] names,
      double[] start,
      ToDoubleFunction<double[]> logLikelihood,
      long n,
      double penalty,
      int maxEvaluations) {
    int k = start.length;
    double[] best = new double[k];
    double[] bestValue = {Double.NEGATIVE_INFINITY};
    int[] evaluations = {0};
    ToDoubleFunction<double[]> pure =
        logs -> {
          double[] p = new double[k];
          double squares = 0;
          for (int i = 0; i < k; i++) {
            p[i] = Math.exp(logs[i]);
            squares += p[i] * p[i];
          }
          double ll = logLikelihood.applyAsDouble(p);
          // a penalised mean, as lifetimes minimises, keeps the trust region in scale with n
          return Double.isNaN(ll) ? Double.NEGATIVE_INFINITY : ll / n - penalty * squares;
        };
    ToDoubleFunction<double[]> objective =
        logs -> {
          evaluations[0]++;
          double v = pure.applyAsDouble(logs);
          if (v > bestValue[0]) {
            double[] p = new double[k];
            for (int i = 0; i < k; i++) {
              p[i] = Math.exp(logs[i]);
            }
            bestValue[0] = v;
            System.arraycopy(p, 0, best, 0, k);
          }
          return Double.isInfinite(v) ? -1e300 : v;
        };
    double[] x0 = new double[k];
    double[] lower = new double[k];
    double[] upper = new double[k];
    for (int i = 0; i < k; i++) {
      x0[i] = Math.log(start[i]);
      lower[i] = -BOUND;
      upper[i] = BOUND;
    }
    boolean converged = true;
    try {
      new BOBYQAOptimizer(2 * k + 1, 0.5, 1e-10)
          .optimize(
              new MaxEval(maxEvaluations),
              new ObjectiveFunction(objective::applyAsDouble),
              GoalType.MAXIMIZE,
              new InitialGuess(x0),
              new SimpleBounds(lower, upper));
    } catch (MathIllegalStateException e) {
      // the evaluation limit: the best point seen is reported, marked not converged
      converged = false;
    }
    polish(best, pure);
    double ll = logLikelihood.applyAsDouble(best);
    double[] se = standardErrors(best, logLikelihood);
    for (int i = 0; i < k; i++) {
      // a parameter at its bound has not converged to an interior maximum
      if (Math.abs(Math.log(best[i])) > BOUND - 1e-6) {
        converged = false;
      }
    }
    return new FitReport(names, best, se, ll, evaluations[0], converged, n, penalty);
  }

  /**
   * Newton steps on the log-parameters from BOBYQA's answer, with derivatives by central
   * differences, each kept only if it improves the objective. BOBYQA stops when its trust region is
   * small, which along a flat direction of the likelihood (the Pareto/NBD's beta has a standard
   * error half its size) can leave the third digit unsettled; a few Newton steps settle it.
   */
  private static void polish(double[] best, ToDoubleFunction<double[]> objective) {
    int k = best.length;
    double[] theta = new double[k];
    for (int i = 0; i < k; i++) {
      theta[i] = Math.log(best[i]);
    }
    double[] h = new double[k];
    java.util.Arrays.fill(h, 1e-4);
    double f0 = objective.applyAsDouble(theta);
    for (int step = 0; step < 20; step++) {
      DMatrixRMaj gradient = new DMatrixRMaj(k, 1);
      DMatrixRMaj hessian = hessian(objective, theta, h, f0, gradient);
      DMatrixRMaj move = new DMatrixRMaj(k, 1);
      if (!CommonOps_DDRM.solve(hessian, gradient, move)) {
        return;
      }
      double[] next = new double[k];
      double size = 0;
      for (int i = 0; i < k; i++) {
        next[i] = theta[i] - move.get(i, 0);
        size = Math.max(size, Math.abs(move.get(i, 0)));
      }
      double f1 = objective.applyAsDouble(next);
      if (!(f1 > f0) || size > 0.1) {
        return; // not an ascent, or too far for a polish: keep BOBYQA's point
      }
      theta = next;
      f0 = f1;
      for (int i = 0; i < k; i++) {
        best[i] = Math.exp(theta[i]);
      }
      if (size < 1e-9) {
        return;
      }
    }
  }

  /**
   * Standard errors from the observed information: the square roots of the diagonal of the inverse
   * of minus the Hessian of the log-likelihood at {@code p}; NaN where it is not positive definite.
   */
  static double[] standardErrors(double[] p, ToDoubleFunction<double[]> logLikelihood) {
    int k = p.length;
    double[] h = new double[k];
    for (int i = 0; i < k; i++) {
      h[i] = 1e-4 * Math.max(Math.abs(p[i]), 1e-6);
    }
    DMatrixRMaj info = hessian(logLikelihood, p, h, logLikelihood.applyAsDouble(p), null);
    CommonOps_DDRM.scale(-1, info);
    double[] se = new double[k];
    DMatrixRMaj inverse = new DMatrixRMaj(k, k);
    if (!CommonOps_DDRM.invert(info, inverse)) {
      java.util.Arrays.fill(se, Double.NaN);
      return se;
    }
    for (int i = 0; i < k; i++) {
      double v = inverse.get(i, i);
      se[i] = v > 0 ? Math.sqrt(v) : Double.NaN;
    }
    return se;
  }

  /**
   * The Hessian of {@code f} at {@code x} by central differences with steps {@code h}, and, when
   * {@code gradient} is given, the gradient from the same points.
   */
  private static DMatrixRMaj hessian(
      ToDoubleFunction<double[]> f, double[] x, double[] h, double f0, DMatrixRMaj gradient) {
    int k = x.length;
    DMatrixRMaj out = new DMatrixRMaj(k, k);
    for (int i = 0; i < k; i++) {
      double up = at(f, x, i, h[i], i, 0);
      double down = at(f, x, i, -h[i], i, 0);
      if (gradient != null) {
        gradient.set(i, 0, (up - down) / (2 * h[i]));
      }
      out.set(i, i, (up - 2 * f0 + down) / (h[i] * h[i]));
      for (int j = i + 1; j < k; j++) {
        double d =
            (at(f, x, i, h[i], j, h[j])
                    - at(f, x, i, h[i], j, -h[j])
                    - at(f, x, i, -h[i], j, h[j])
                    + at(f, x, i, -h[i], j, -h[j]))
                / (4 * h[i] * h[j]);
        out.set(i, j, d);
        out.set(j, i, d);
      }
    }
    return out;
  }

  private static double at(
      ToDoubleFunction<double[]> f, double[] p, int i, double di, int j, double dj) {
    double[] q = p.clone();
    q[i] += di;
    q[j] += dj;
    return f.applyAsDouble(q);
  }
}
