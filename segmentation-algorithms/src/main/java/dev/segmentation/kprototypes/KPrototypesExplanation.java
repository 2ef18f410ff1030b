package dev.segmentation.kprototypes;

import java.util.Map;

/**
 * Why a customer is in its k-prototypes segment: the cost against the segment's prototype, made of
 * each numeric column's squared difference to the segment mean (preprocessed units) and {@code
 * gamma} for each category that differs from the segment's mode, next to the cost of the runner-up.
 *
 * @param segment the assigned segment
 * @param cost the cost against it
 * @param numericContributions per numeric column, its squared difference to the segment mean
 * @param mismatchedCategories per categorical column whose level differs from the mode, that mode
 * @param gamma the cost of one mismatch
 * @param runnerUp the segment of next least cost, or -1 with one segment
 * @param runnerUpCost its cost, NaN with one segment
 */
public record KPrototypesExplanation(
    int segment,
    double cost,
    Map<String, Double> numericContributions,
    Map<String, String> mismatchedCategories,
    double gamma,
    int runnerUp,
    double runnerUpCost) {

  /**
   * Creates the record, copying the maps (keeping their order).
   *
   * @param segment the segment
   * @param cost its cost
   * @param numericContributions per numeric column
   * @param mismatchedCategories per mismatched categorical column, the mode
   * @param gamma the mismatch cost
   * @param runnerUp the next segment
   * @param runnerUpCost its cost
   */
  public KPrototypesExplanation {
    numericContributions =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(numericContributions));
    mismatchedCategories =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mismatchedCategories));
  }

  /**
   * Returns the part of the cost due to categories: {@code gamma} times the mismatches.
   *
   * @return the categorical cost
   */
  public double categoricalCost() {
    return gamma * mismatchedCategories.size();
  }
}
