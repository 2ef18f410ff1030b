package dev.segmentation.som;

/** How strongly a unit learns from a customer, by its grid distance to the best-matching unit. */
public enum Neighborhood {
  /** {@code exp(-g^2 / (2 r^2))} for grid distance g and radius r. */
  GAUSSIAN,
  /** 1 within the radius ({@code g <= r}), 0 outside. */
  BUBBLE;

  /**
   * Returns the neighbourhood weight.
   *
   * @param gridDistance distance between two units on the grid, {@code >= 0}
   * @param radius the current radius, {@code > 0}
   * @return a weight in {@code [0, 1]}, 1 at distance 0
   */
  public double weight(double gridDistance, double radius) {
    return this == GAUSSIAN
        ? Math.exp(-gridDistance * gridDistance / (2 * radius * radius))
        : (gridDistance <= radius ? 1 : 0);
  }
}
