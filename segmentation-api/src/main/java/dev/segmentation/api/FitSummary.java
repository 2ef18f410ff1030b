package dev.segmentation.api;

import java.time.Duration;
import java.util.Arrays;

/**
 * How a fit went: iterations, convergence, final objective, work done and time taken.
 *
 * <p>Immutable. {@link #objectiveTrace()} holds one value per iteration when the algorithm was
 * asked to record it (for K-means: the weighted sum of squared distances of the labels found in
 * that iteration to the centroids they were assigned to), otherwise it is empty.
 */
public final class FitSummary {
  private final String algorithm;
  private final int iterations;
  private final boolean converged;
  private final double objective;
  private final long distanceComputations;
  private final Duration elapsed;
  private final double[] objectiveTrace;

  /**
   * Creates a summary.
   *
   * @param algorithm a short description, for example {@code "k-means (HAMERLY)"}
   * @param iterations iterations of the run that produced the result (the best restart)
   * @param converged whether that run met its convergence criterion before the iteration limit
   * @param objective the final value of the objective (for K-means the inertia, SSE)
   * @param distanceComputations point-to-centre distances computed over the whole fit
   * @param elapsed wall-clock time of the whole fit
   * @param objectiveTrace objective per iteration, or an empty array; copied
   */
  public FitSummary(
      String algorithm,
      int iterations,
      boolean converged,
      double objective,
      long distanceComputations,
      Duration elapsed,
      double[] objectiveTrace) {
    this.algorithm = algorithm;
    this.iterations = iterations;
    this.converged = converged;
    this.objective = objective;
    this.distanceComputations = distanceComputations;
    this.elapsed = elapsed;
    this.objectiveTrace = objectiveTrace.clone();
  }

  /**
   * Returns which algorithm produced the fit.
   *
   * @return a short description
   */
  public String algorithm() {
    return algorithm;
  }

  /**
   * Returns the number of iterations of the run that produced the result.
   *
   * @return iterations, at least 1
   */
  public int iterations() {
    return iterations;
  }

  /**
   * Tells whether that run converged before its iteration limit.
   *
   * @return {@code true} if converged
   */
  public boolean converged() {
    return converged;
  }

  /**
   * Returns the final objective (for K-means: weighted sum of squared distances to the nearest
   * centroid in the preprocessed space, the inertia).
   *
   * @return the objective
   */
  public double objective() {
    return objective;
  }

  /**
   * Returns the number of distance computations over the whole fit (all restarts, seeding
   * included), the usual machine-independent measure of work for clustering algorithms.
   *
   * @return the count
   */
  public long distanceComputations() {
    return distanceComputations;
  }

  /**
   * Returns the wall-clock time of the fit.
   *
   * @return the elapsed time
   */
  public Duration elapsed() {
    return elapsed;
  }

  /**
   * Returns the objective after each iteration of the chosen run, if it was recorded.
   *
   * @return a copy of the trace, empty when not recorded
   */
  public double[] objectiveTrace() {
    return objectiveTrace.clone();
  }

  @Override
  public String toString() {
    return algorithm
        + ": "
        + iterations
        + " iterations"
        + (converged ? " (converged)" : "")
        + ", objective "
        + objective
        + ", "
        + distanceComputations
        + " distance computations, "
        + elapsed.toMillis()
        + " ms";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FitSummary s)) {
      return false;
    }
    return algorithm.equals(s.algorithm)
        && iterations == s.iterations
        && converged == s.converged
        && Double.compare(objective, s.objective) == 0
        && distanceComputations == s.distanceComputations
        && elapsed.equals(s.elapsed)
        && Arrays.equals(objectiveTrace, s.objectiveTrace);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
                algorithm, iterations, converged, objective, distanceComputations, elapsed)
            * 31
        + Arrays.hashCode(objectiveTrace);
  }
}
