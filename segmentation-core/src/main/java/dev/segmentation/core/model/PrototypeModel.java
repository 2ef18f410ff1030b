package dev.segmentation.core.model;

import dev.segmentation.api.SegmentModel;
import dev.segmentation.core.preprocess.FittedScaling;

/**
 * A segment model that assigns a row to the segment of its nearest prototype in the preprocessed
 * space: K-means (a centroid per segment), a self-organizing map (many units per segment),
 * hierarchical clustering cut into segments (every training point a prototype). What explanations,
 * soft memberships and far-from-segment flags are computed from (see the customer module's {@code
 * Explainer.of}).
 */
public interface PrototypeModel extends SegmentModel {

  /**
   * Returns the preprocessing the model applies to a row before comparing it with the prototypes.
   *
   * @return the fitted scaling
   */
  FittedScaling scaling();

  /**
   * Returns the prototypes in the preprocessed space, row-major {@code p x d}, a copy.
   *
   * @return the prototypes
   */
  double[] scaledPrototypes();

  /**
   * Returns the segment of every prototype, in {@code [0, numSegments())}, a copy.
   *
   * @return one segment per prototype
   */
  int[] prototypeSegments();
}
