package dev.segmentation.core.pass;

import dev.segmentation.core.preprocess.FittedScaling;

/**
 * Everything a K-means fit needs from rows it does not hold: their summary (count, scale, extent),
 * nearest-centre sums per iteration, and the farthest row for the empty-cluster repair. {@code
 * KMeans.fitBatch} drives Lloyd's iterations, its stopping rule and the repair through this
 * interface; the Spark module implements it over the executors, {@link ArrayPass} over a local
 * array.
 */
public interface CentrePass extends NearestPass {

  /**
   * Returns the summary of the preprocessed rows; computed once, on the first call.
   *
   * @return the row count, mean column variance and extent
   */
  RowSummary summary();

  /**
   * Finds the row farthest from its centre in {@code next}, where a row's centre is its nearest in
   * {@code current}, or the one an earlier repair of this iteration moved it to. O(n k d).
   *
   * @param current the centres the rows were assigned to, row-major {@code k x d}
   * @param next the centres distances are measured to (the new means), row-major {@code k x d}
   * @param movedBlocks {@link Farthest#block()} of the rows already moved this iteration
   * @param movedIndexes {@link Farthest#index()} of those rows
   * @param movedLabels the centre each of those rows was moved to
   * @return the farthest row; its distance is -1 when there is no row
   */
  Farthest farthest(
      double[] current, double[] next, long[] movedBlocks, int[] movedIndexes, int[] movedLabels);

  /**
   * Names where the rows are, for the fit summary ({@code "passes"}, {@code "Spark"}).
   *
   * @return a short name
   */
  default String name() {
    return "passes";
  }

  /** Opens the passes once the preprocessing is known. */
  @FunctionalInterface
  interface Factory {
    /**
     * Returns passes over rows transformed by {@code scaling}.
     *
     * @param scaling the preprocessing fitted on the sample; rows must be transformed by it
     * @return the passes
     */
    CentrePass open(FittedScaling scaling);
  }
}
