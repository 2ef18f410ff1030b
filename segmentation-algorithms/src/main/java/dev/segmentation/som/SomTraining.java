package dev.segmentation.som;

/** How a map learns. */
public enum SomTraining {
  /**
   * Kohonen's batch map: each epoch assigns every customer to its best-matching unit, then sets
   * every unit to the neighbourhood-weighted mean of the customers of nearby units. Parallel and
   * deterministic; no learning rate.
   */
  BATCH,
  /**
   * The original online rule: customers one at a time, in an order shuffled per epoch from the
   * seed, each pulling its best-matching unit and the units around it towards itself by the current
   * learning rate. Sequential.
   */
  ONLINE
}
