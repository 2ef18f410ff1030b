package dev.segmentation.customer.clv;

import java.util.List;
import java.util.Locale;

/**
 * How a maximum-likelihood fit went: the parameters with their standard errors (from the observed
 * information: the inverse of minus the log-likelihood's Hessian at the estimate; NaN where it is
 * not positive definite), the log-likelihood at the estimate (without the penalty), the likelihood
 * evaluations the search used, and whether it converged (the search ended by its own tolerance, not
 * by the evaluation limit, and no parameter sits at a bound). Immutable.
 */
public final class FitReport {
  private final List<String> names;
  private final double[] values;
  private final double[] standardErrors;
  private final double logLikelihood;
  private final int evaluations;
  private final boolean converged;
  private final long customers;
  private final double penalty;

  FitReport(
      String[] names,
      double[] values,
      double[] standardErrors,
      double logLikelihood,
      int evaluations,
      boolean converged,
      long customers,
      double penalty) {
    this.names = List.of(names);
    this.values = values.clone();
    this.standardErrors = standardErrors.clone();
    this.logLikelihood = logLikelihood;
    this.evaluations = evaluations;
    this.converged = converged;
    this.customers = customers;
    this.penalty = penalty;
  }

  /**
   * Returns the parameter names, in the papers' order.
   *
   * @return for example {@code [r, alpha, a, b]}
   */
  public List<String> names() {
    return names;
  }

  /**
   * Returns the estimates.
   *
   * @return a copy, in the order of {@link #names()}
   */
  public double[] values() {
    return values.clone();
  }

  /**
   * Returns the standard errors.
   *
   * @return a copy, in the order of {@link #names()}; NaN where not available
   */
  public double[] standardErrors() {
    return standardErrors.clone();
  }

  /**
   * Returns the log-likelihood of the data at the estimates, without the penalty.
   *
   * @return the total over customers
   */
  public double logLikelihood() {
    return logLikelihood;
  }

  /**
   * Returns the likelihood evaluations the search used (BOBYQA has no iterations apart from them).
   *
   * @return a count
   */
  public int evaluations() {
    return evaluations;
  }

  /**
   * Returns whether the search converged.
   *
   * @return false if it stopped at the evaluation limit or a parameter is at a bound
   */
  public boolean converged() {
    return converged;
  }

  /**
   * Returns the customers the model was fitted on.
   *
   * @return a count
   */
  public long customers() {
    return customers;
  }

  /**
   * Returns the L2 penalty coefficient used.
   *
   * @return {@code >= 0}
   */
  public double penalty() {
    return penalty;
  }

  /**
   * Describes the fit in a few lines for a terminal: each parameter with its standard error, then
   * the log-likelihood, evaluations and convergence.
   *
   * @param model the model's name, for the first line
   * @return text ending in a newline
   */
  public String describe(String model) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "%s on %,d customers: log-likelihood %.4f, %d evaluations, %s%s%n",
            model,
            customers,
            logLikelihood,
            evaluations,
            converged ? "converged" : "NOT converged",
            penalty > 0 ? String.format(Locale.ROOT, ", L2 penalty %g", penalty) : ""));
    for (int i = 0; i < values.length; i++) {
      s.append(
          String.format(
              Locale.ROOT,
              "  %-6s %12.6f  (standard error %.6f)%n",
              names.get(i),
              values[i],
              standardErrors[i]));
    }
    return s.toString();
  }
}
