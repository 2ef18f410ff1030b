package dev.segmentation.som;

/** How the learning rate and the radius shrink from their start to their end value. */
public enum Decay {
  /** Straight line from start (first step) to end (last step). */
  LINEAR,
  /** Geometric: {@code start * (end / start)^(t / (T - 1))}, fast first, slow last. */
  EXPONENTIAL;

  /**
   * Returns the value at step {@code t} of {@code steps}.
   *
   * @param start value at the first step, {@code > 0}
   * @param end value at the last step, {@code > 0}
   * @param t step in {@code [0, steps)}
   * @param steps number of steps, {@code >= 1}
   * @return the value, between start and end
   */
  public double at(double start, double end, long t, long steps) {
    double f = steps <= 1 ? 1 : (double) t / (steps - 1);
    return this == LINEAR ? start + (end - start) * f : start * Math.pow(end / start, f);
  }
}
