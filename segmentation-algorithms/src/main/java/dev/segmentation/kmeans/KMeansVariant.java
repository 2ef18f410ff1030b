package dev.segmentation.kmeans;

/**
 * Which assignment algorithm a K-means fit uses. All variants produce exactly the labels and
 * centroids of {@link #LLOYD} from the same initial centroids; they differ only in how many
 * distances they compute, by skipping centres that triangle-inequality bounds prove cannot be
 * nearest.
 */
public enum KMeansVariant {
  /**
   * When the fit may run at least {@value KMeans#AUTO_YINYANG_MIN_ITERATIONS} iterations: {@link
   * #YINYANG} from {@value KMeans#AUTO_YINYANG_FROM} segments in at most {@value
   * KMeans#AUTO_YINYANG_MAX_D} dimensions (when its bounds fit in the heap), {@link #HAMERLY} from
   * {@value KMeans#AUTO_HAMERLY_FROM} segments below that; {@link #LLOYD} otherwise: the fastest in
   * our benchmarks (BENCHMARKS.md section 22; {@link KMeans#resolve}).
   */
  AUTO,
  /**
   * Plain Lloyd: {@code k} distances per row per iteration, O(n k d) per iteration, no extra
   * memory. The reference the others are tested against.
   */
  LLOYD,
  /**
   * Hamerly (2010): one upper and one lower bound per row, O(n) extra memory; the rows its bounds
   * cannot skip are searched over every centre in batches through the tiled kernel.
   */
  HAMERLY,
  /**
   * Elkan (2003): one lower bound per row and centre, O(n k) extra memory, O(k^2 d) centre
   * distances per iteration; fewest distance computations, but the bound array costs memory.
   */
  ELKAN,
  /**
   * Exponion (Newling and Fleuret, 2016): Hamerly's bounds plus a search limited to the centres
   * inside a ball around the current one, with a centre's neighbours sorted by distance when a row
   * first needs them in a pass (O(k^2 log k) at most); a row whose ball holds more than a quarter
   * of the centres is searched over all of them through the tiled kernel, as Hamerly's. O(n + k^2)
   * extra memory.
   */
  EXPONION,
  /**
   * Yinyang (Ding et al., 2015): the centres cut once into {@code t = min(ceil(k / 10), 64)}
   * groups, one upper bound per row and one float lower bound per row and group, O(n t) extra
   * memory; a row is skipped, or searched only in the groups its bounds cannot rule out. For
   * hundreds to thousands of segments.
   */
  YINYANG
}
