package dev.segmentation.dbscan;

import java.util.Locale;

/**
 * Why a density-based model (DBSCAN) put a customer where it did: the nearest core point, its
 * segment and its distance, against the radius {@code eps}. Distances are in the model's
 * preprocessed space and metric.
 *
 * @param segment the assigned segment, {@code -1} (noise) when no core point is within eps
 * @param nearestCoreRow the training row of the nearest core point
 * @param nearestCoreSegment that core point's segment
 * @param distance the distance to it
 * @param eps the model's radius
 */
public record CoreExplanation(
    int segment, int nearestCoreRow, int nearestCoreSegment, double distance, double eps) {

  /**
   * Says it in one sentence.
   *
   * @param customer how to name the customer, for example its id
   * @return the sentence
   */
  public String text(String customer) {
    if (segment < 0) {
      return String.format(
          Locale.ROOT,
          "Customer %s is in no segment (noise): the nearest core customer (training row %d, segment"
              + " %d) is %.4g away, beyond eps %.4g.",
          customer,
          nearestCoreRow,
          nearestCoreSegment,
          distance,
          eps);
    }
    return String.format(
        Locale.ROOT,
        "Customer %s is in segment %d: core customer %d of that segment is %.4g away, within eps"
            + " %.4g.",
        customer,
        segment,
        nearestCoreRow,
        distance,
        eps);
  }
}
