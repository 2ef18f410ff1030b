package dev.segmentation.customer.clv;

import dev.segmentation.api.InvalidOptionException;
import java.util.Objects;

/**
 * Options of a maximum-likelihood fit, shared by the models of this package: an optional L2 penalty
 * and the most likelihood evaluations. Get one from {@link BgNbd#fitter()}, {@link
 * ParetoNbd#fitter()} or {@link GammaGamma#fitter()}. Mutable; one thread.
 *
 * @param <M> the fitted model
 */
public final class Fitter<M> {
  /** How a model fits itself with the options. */
  interface Fit<M> {
    M fit(CalibrationSummary summary, double penalty, int maxEvaluations);
  }

  private final Fit<M> fit;
  private double penalty;
  private int maxEvaluations = 5000;

  Fitter(Fit<M> fit) {
    this.fit = fit;
  }

  /**
   * Sets an L2 penalty on the parameters, as {@code lifetimes}' {@code penalizer_coef}: the fit
   * maximises the mean log-likelihood minus {@code coefficient} times the sum of the squared
   * parameters. It pulls small samples away from extreme estimates; reported log-likelihoods and
   * standard errors are those of the unpenalised likelihood at the estimate.
   *
   * @param coefficient {@code >= 0}; default 0
   * @return this fitter
   * @throws InvalidOptionException if negative or not finite
   */
  public Fitter<M> penalty(double coefficient) {
    if (!(coefficient >= 0) || !Double.isFinite(coefficient)) {
      throw new InvalidOptionException(
          "penalty", Double.toString(coefficient), "must be a finite number >= 0");
    }
    this.penalty = coefficient;
    return this;
  }

  /**
   * Sets the most likelihood evaluations.
   *
   * @param value {@code >= 10}; default 5,000
   * @return this fitter
   * @throws InvalidOptionException if below 10
   */
  public Fitter<M> maxEvaluations(int value) {
    if (value < 10) {
      throw new InvalidOptionException("maxEvaluations", Integer.toString(value), "must be >= 10");
    }
    this.maxEvaluations = value;
    return this;
  }

  /**
   * Fits the model.
   *
   * @param summary the calibration summary
   * @return the model with its report
   * @throws dev.segmentation.api.InvalidDataException if the summary cannot be fitted (for the
   *     spend model: no customer with a repeat purchase, or a non-positive mean value)
   */
  public M fit(CalibrationSummary summary) {
    return fit.fit(Objects.requireNonNull(summary, "summary"), penalty, maxEvaluations);
  }
}
