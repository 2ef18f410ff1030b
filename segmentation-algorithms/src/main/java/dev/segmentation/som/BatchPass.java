package dev.segmentation.som;

import dev.segmentation.core.pass.NearestPass;
import dev.segmentation.core.preprocess.FittedScaling;

/**
 * The passes of batch-map training: the nearest-unit sums ({@link NearestPass#nearest}, a unit's
 * best-matching rows) and the topographic error. One pass of batch-map training over every training
 * row, wherever the rows are: in a local array (the library's own trainer) or spread over a cluster
 * (the Spark module). The map's training loop ({@link Som#fitBatch}) only ever sees these sums, so
 * both give the same map from the same starting codebook.
 */
public interface BatchPass extends NearestPass {

  /**
   * Returns the share of rows whose second-best-matching unit is not adjacent to the best one on
   * the grid. O(n u d).
   *
   * @param codebook unit vectors in the preprocessed space; not modified
   * @param grid the map's grid
   * @return the topographic error, in {@code [0, 1]}
   */
  double topographicError(double[] codebook, SomGrid grid);

  /** Opens the passes once the preprocessing is known. */
  @FunctionalInterface
  interface Factory {
    /**
     * Returns passes over rows transformed by {@code scaling}.
     *
     * @param scaling the preprocessing fitted on the sample; rows must be transformed by it
     * @return the passes
     */
    BatchPass open(FittedScaling scaling);
  }
}
