package dev.segmentation.hdbscan;

/** How HDBSCAN* picks flat segments from its condensed tree (Campello et al. 2015, section 4). */
public enum ClusterSelection {
  /**
   * The clusters of greatest total stability (excess of mass) such that no two nest: the default,
   * as scikit-learn's {@code cluster_selection_method="eom"}. Tends to a few large segments.
   */
  EXCESS_OF_MASS,
  /**
   * The leaves of the condensed tree: many small, homogeneous segments, as scikit-learn's {@code
   * "leaf"}. Useful when the niches matter more than the mass market.
   */
  LEAF
}
