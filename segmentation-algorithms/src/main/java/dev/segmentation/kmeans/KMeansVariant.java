package dev.segmentation.kmeans;

/**
 * Which assignment algorithm a K-means fit uses. All variants produce exactly the labels and
 * centroids of {@link #LLOYD} from the same initial centroids; they differ only in how many
 * distances they compute, by skipping centres that triangle-inequality bounds prove cannot be
 * nearest.
 */
public enum KMeansVariant {
  /**
   * {@link #YINYANG} from 2,000 segments in at most 8 dimensions (when its bounds fit in the heap),
   * {@link #LLOYD} otherwise: the fastest in our benchmarks (BENCHMARKS.md section 22).
   */
  AUTO,
  /**
   * Plain Lloyd: {@code k} distances per row per iteration, O(n k d) per iteration, no extra
   * memory. The reference the others are tested against.
   */
  LLOYD,
  /** Hamerly (2010): one upper and one lower bound per row, O(n) extra memory; best for small k. */
  HAMERLY,
  /**
   * Elkan (2003): one lower bound per row and centre, O(n k) extra memory, O(k^2 d) centre
   * distances per iteration; fewest distance computations, but the bound array costs memory.
   */
  ELKAN,
  /**
   * Exponion (Newling and Fleuret, 2016): Hamerly's bounds plus a search limited to the centres
   * inside a ball around the current one, with centres sorted by distance per iteration (O(k^2 log
   * k)); O(n + k^2) extra memory; best for large k.
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
