/**
 * Shared row passes: the nearest-centre kernel ({@link dev.segmentation.core.pass.NearestCentres},
 * tiled so a tile's columns stay in the L1 cache), the per-centre sums an assignment pass produces
 * ({@link dev.segmentation.core.pass.NearestSums}), and the small interfaces through which the
 * K-means and self-organizing-map training loops run over rows they do not hold ({@link
 * dev.segmentation.core.pass.NearestPass}, {@link dev.segmentation.core.pass.CentrePass}, with
 * {@link dev.segmentation.core.pass.ArrayPass} over a local array).
 *
 * <p>Internal machinery shared by the algorithm families and the Spark module: public so they can
 * share one kernel, but not a stable API; it may change in any release.
 */
package dev.segmentation.core.pass;
