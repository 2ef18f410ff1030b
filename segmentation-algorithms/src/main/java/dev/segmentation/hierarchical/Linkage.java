package dev.segmentation.hierarchical;

/**
 * How the distance between two segments follows from the distances between their customers. Heights
 * follow scipy's {@code linkage} exactly, on Euclidean distances of the preprocessed rows:
 *
 * <ul>
 *   <li>{@link #SINGLE}, {@link #COMPLETE}, {@link #AVERAGE}, {@link #WEIGHTED}: the linkage
 *       distance itself;
 *   <li>{@link #WARD}: the Lance-Williams Ward distance {@code sqrt(2 |A| |B| / (|A| + |B|)) *
 *       ||c_A - c_B||}, so two single customers merge at their Euclidean distance and the squared
 *       height is twice the increase of the within-segment sum of squares;
 *   <li>{@link #CENTROID}, {@link #MEDIAN}: the Euclidean distance between the segments' centres.
 * </ul>
 *
 * <p>The first five give monotone trees (a merge is never lower than the merges below it); centroid
 * and median trees can have inversions, see {@link Dendrogram#isMonotone()}.
 */
public enum Linkage {
  /** Nearest pair of members. Minimum spanning tree (Prim), O(n) memory, O(n^2 d) time. */
  SINGLE,
  /**
   * Farthest pair of members. Nearest-neighbour chain over a packed distance matrix: O(n^2) memory,
   * O(n^2) time after O(n^2 d) to fill the matrix.
   */
  COMPLETE,
  /**
   * Mean distance over all pairs of members (UPGMA). Matrix nearest-neighbour chain, as COMPLETE.
   */
  AVERAGE,
  /** Mean of the two merged segments' distances (WPGMA). Matrix nearest-neighbour chain. */
  WEIGHTED,
  /**
   * Least increase of the within-segment sum of squares. Nearest-neighbour chain on centroids: O(n
   * d) memory, O(n^2 d) time.
   */
  WARD,
  /**
   * Distance between segment means. Müllner's generic algorithm on centroids with a priority queue:
   * O(n d) memory, O(n^2 d) time in practice.
   */
  CENTROID,
  /**
   * Distance between segment centres, where a merged centre is the midpoint of the two (WPGMC).
   * Generic algorithm, as CENTROID.
   */
  MEDIAN;

  /**
   * Returns whether this linkage needs the O(n^2) distance matrix.
   *
   * @return true for COMPLETE, AVERAGE and WEIGHTED
   */
  public boolean needsMatrix() {
    return this == COMPLETE || this == AVERAGE || this == WEIGHTED;
  }

  /**
   * Returns whether trees of this linkage are always monotone.
   *
   * @return false for CENTROID and MEDIAN
   */
  public boolean isMonotone() {
    return this != CENTROID && this != MEDIAN;
  }
}
