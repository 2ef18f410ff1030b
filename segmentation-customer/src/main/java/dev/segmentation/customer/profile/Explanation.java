package dev.segmentation.customer.profile;

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
 * <p>{@code segment}: the assigned segment
 *
 * <p>{@code runnerUp}: the segment with the next nearest prototype, {@code -1} for a one-segment
 * model
 *
 * <p>{@code distance}: squared distance to the assigned segment's nearest prototype
 *
 * <p>{@code runnerUpDistance}: squared distance to the runner-up's nearest prototype (NaN without
 * one)
 *
 * <p>{@code margin}: {@code runnerUpDistance - distance}, {@code >= 0}
 *
 * <p>{@code columns}: the feature names
 *
 * <p>{@code contributions}: each feature's share of the margin (positive: pulls towards the
 * assigned segment)
 *
 * <p>{@code values}: the customer's values, original units
 *
 * <p>{@code segmentValues}: the assigned prototype, original units
 *
 * <p>{@code runnerUpValues}: the runner-up prototype, original units (empty without one)
 */
public final class Explanation {
  private final int segment;
  private final int runnerUp;
  private final double distance;
  private final double runnerUpDistance;
  private final double margin;
  private final List<String> columns;
  private final double[] contributions;
  private final double[] values;
  private final double[] segmentValues;
  private final double[] runnerUpValues;

  /**
   * Creates the value; arrays are copied.
   *
   * @param segment see the accessor of the same name
   * @param runnerUp see the accessor of the same name
   * @param distance see the accessor of the same name
   * @param runnerUpDistance see the accessor of the same name
   * @param margin see the accessor of the same name
   * @param columns see the accessor of the same name
   * @param contributions see the accessor of the same name
   * @param values see the accessor of the same name
   * @param segmentValues see the accessor of the same name
   * @param runnerUpValues see the accessor of the same name
   */
  public Explanation(
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
    this.segment = segment;
    this.runnerUp = runnerUp;
    this.distance = distance;
    this.runnerUpDistance = runnerUpDistance;
    this.margin = margin;
    this.columns = List.copyOf(columns);
    this.contributions = contributions.clone();
    this.values = values.clone();
    this.segmentValues = segmentValues.clone();
    this.runnerUpValues = runnerUpValues.clone();
  }

  /**
   * Returns segment; see the class description.
   *
   * @return the value
   */
  public int segment() {
    return segment;
  }

  /**
   * Returns runnerUp; see the class description.
   *
   * @return the value
   */
  public int runnerUp() {
    return runnerUp;
  }

  /**
   * Returns distance; see the class description.
   *
   * @return the value
   */
  public double distance() {
    return distance;
  }

  /**
   * Returns runnerUpDistance; see the class description.
   *
   * @return the value
   */
  public double runnerUpDistance() {
    return runnerUpDistance;
  }

  /**
   * Returns margin; see the class description.
   *
   * @return the value
   */
  public double margin() {
    return margin;
  }

  /**
   * Returns columns; see the class description.
   *
   * @return the value
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * Returns contributions; see the class description.
   *
   * @return a copy
   */
  public double[] contributions() {
    return contributions.clone();
  }

  /**
   * Returns values; see the class description.
   *
   * @return a copy
   */
  public double[] values() {
    return values.clone();
  }

  /**
   * Returns segmentValues; see the class description.
   *
   * @return a copy
   */
  public double[] segmentValues() {
    return segmentValues.clone();
  }

  /**
   * Returns runnerUpValues; see the class description.
   *
   * @return a copy
   */
  public double[] runnerUpValues() {
    return runnerUpValues.clone();
  }

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
