package dev.segmentation.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why a customer is in its segment rather than the next best one, for a model that assigns to the
 * nearest prototype (K-means centroids, SOM units, hierarchical centroids). Distances are squared
 * Euclidean in the model's preprocessed space; {@code contributions[j] = (z_j - r_j)^2 - (z_j -
 * a_j)^2} for the customer {@code z}, the assigned prototype {@code a} and the runner-up {@code r},
 * so the contributions sum to {@code margin}. Values are in original units.
 *
 * @param segment the assigned segment
 * @param runnerUp the segment with the next nearest prototype, {@code -1} for a one-segment model
 * @param distance squared distance to the assigned segment's nearest prototype
 * @param runnerUpDistance squared distance to the runner-up's nearest prototype (NaN without one)
 * @param margin {@code runnerUpDistance - distance}, {@code >= 0}
 * @param columns the feature names
 * @param contributions each feature's share of the margin (positive: pulls towards the assigned
 *     segment)
 * @param values the customer's values, original units
 * @param segmentValues the assigned prototype, original units
 * @param runnerUpValues the runner-up prototype, original units (empty without one)
 */
public record Explanation(
    int segment,
    int runnerUp,
    double distance,
    double runnerUpDistance,
    double margin,
    List<String> columns,
    double[] contributions,
    double[] values,
    double[] segmentValues,
    double[] runnerUpValues) {

  /**
   * Says it in one sentence: the segment, the runner-up, the margin, and the (up to three) features
   * that contribute most, with the customer's value and both prototypes' values.
   *
   * @param customer how to name the customer, for example its id
   * @return the sentence
   */
  public String text(String customer) {
    if (runnerUp < 0) {
      return String.format(
          Locale.ROOT, "Customer %s is in segment %d, the only segment.", customer, segment);
    }
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < contributions.length; j++) {
      order.add(j);
    }
    order.sort((a, b) -> Double.compare(contributions[b], contributions[a]));
    List<String> parts = new ArrayList<>();
    for (int t = 0; t < Math.min(3, order.size()); t++) {
      int j = order.get(t);
      if (!(contributions[j] > 0)) {
        break;
      }
      parts.add(
          String.format(
              Locale.ROOT,
              "%s %.4g (segment %d: %.4g, segment %d: %.4g; %.0f%% of the margin)",
              columns.get(j),
              values[j],
              segment,
              segmentValues[j],
              runnerUp,
              runnerUpValues[j],
              margin > 0 ? 100 * contributions[j] / margin : 0));
    }
    return String.format(
        Locale.ROOT,
        "Customer %s is in segment %d rather than %d (squared distance %.4g vs %.4g)%s.",
        customer,
        segment,
        runnerUp,
        distance,
        runnerUpDistance,
        parts.isEmpty()
            ? ", equally close to both"
            : " mainly because of " + String.join(", ", parts));
  }
}
