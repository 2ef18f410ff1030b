package dev.segmentation.core.pass;

/**
 * One pass over every training row, wherever the rows are (a local array, the partitions of a Spark
 * data set), that assigns each row to its nearest centre and sums the rows per centre: the step a
 * Lloyd iteration and a batch self-organizing map share. The training loops only ever see these
 * sums, so a local and a distributed pass give the same model from the same start.
 */
@FunctionalInterface
public interface NearestPass {

  /**
   * Finds every row's nearest centre (ties to the lower index) and returns the per-centre sums. O(n
   * k d) for {@code n} rows and {@code k} centres.
   *
   * @param centres centres in the preprocessed space, row-major {@code k x d}; not modified
   * @return the sums of the rows per nearest centre
   */
  NearestSums nearest(double[] centres);
}
