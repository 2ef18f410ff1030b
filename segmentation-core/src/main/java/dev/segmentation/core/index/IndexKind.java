package dev.segmentation.core.index;

/**
 * How a {@link NeighborIndex} organises its points. Every kind returns exactly the same answers.
 */
public enum IndexKind {
  /**
   * A k-d tree when it pays off, else brute force: the tree is chosen when {@code n >= 8 * 2^d}
   * (below that, most leaves are visited by every query and the tree only adds overhead).
   */
  AUTO,

  /**
   * A k-d tree over flat arrays: median splits on the widest side of each node's bounding box,
   * leaves of at most {@link NeighborIndex#LEAF_SIZE} points. Build O(n d log n).
   */
  KD_TREE,

  /** No structure: every query scans all points, O(n d) per query. */
  BRUTE_FORCE
}
