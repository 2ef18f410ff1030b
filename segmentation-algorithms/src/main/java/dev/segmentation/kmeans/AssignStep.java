package dev.segmentation.kmeans;

import dev.segmentation.core.pass.NearestCentres;

/**
 * The assignment half of a K-means iteration: label each row with its nearest centroid. Variants
 * differ only in which distances they can skip; each must give exactly the labels of {@link
 * LloydStep}, ties to the lowest centroid index.
 *
 * <p>Pruned variants keep bounds between iterations. A bound test only skips work when it holds
 * with a margin ({@link #slack}) that covers floating-point rounding of the bounds, so that a
 * skipped centre is farther in exact arithmetic and also in the rounded distances Lloyd compares.
 */
abstract class AssignStep {
  /** Relative margin on bound tests. */
  static final double REL_SLACK = 1e-10;

  final KMeansRun run;

  /** True when the bounds are not valid (first iteration, after an empty-cluster repair). */
  boolean fresh = true;

  /** One tiled-kernel workspace per worker: a worker runs one block at a time. */
  final NearestCentres.Workspace[] workspaces;

  AssignStep(KMeansRun run) {
    this.run = run;
    workspaces = new NearestCentres.Workspace[run.workers];
    for (int w = 0; w < workspaces.length; w++) {
      workspaces[w] = new NearestCentres.Workspace(run.d, run.k);
    }
  }

  /**
   * Labels a block with every distance computed by the tiled kernel, setting exact bounds: the pass
   * pruned variants make when their bounds are not valid. {@code lower} and {@code all} may be
   * null.
   */
  final void assignBlockExactly(
      int worker, int block, int start, int end, double[] upper, double[] lower, float[] all) {
    KMeansRun r = run;
    r.blockChanged[block] =
        NearestCentres.assignWithBounds(
            r.x,
            r.d,
            start,
            end,
            r.centroids,
            r.k,
            workspaces[worker],
            r.labels,
            upper,
            lower,
            all);
    r.blockDistances[block] = (long) (end - start) * r.k;
  }

  /** Once per iteration, before the blocks: centre-to-centre work. Returns distances computed. */
  long prepare() {
    return 0;
  }

  /**
   * Labels rows {@code [start, end)}; writes changed rows to {@code run.blockChanged[block]} and
   * distances computed to {@code run.blockDistances[block]}.
   */
  abstract void assignBlock(int worker, int block, int start, int end);

  /** Called after every assignment pass. */
  void finish() {
    fresh = false;
  }

  /** Bounds are invalid from now on: the next pass computes every distance. */
  void invalidate() {
    fresh = true;
  }

  /**
   * An upper bound inflated by the rounding margin; compare with {@code <} against lower bounds.
   */
  final double slack(double upper) {
    return upper * (1 + REL_SLACK) + run.absSlack;
  }

  /**
   * Fills {@code cc} (unless null) with centre-to-centre distances (not squared) and {@code half}
   * with half the distance from each centre to its nearest other centre. Returns distances
   * computed.
   */
  final long centreDistances(double[] cc, double[] half) {
    int k = run.k;
    int d = run.d;
    double[] c = run.centroids;
    java.util.Arrays.fill(half, Double.POSITIVE_INFINITY);
    for (int a = 0; a < k; a++) {
      if (cc != null) {
        cc[a * k + a] = 0;
      }
      for (int b = a + 1; b < k; b++) {
        double dist =
            Math.sqrt(
                dev.segmentation.core.distance.SquaredEuclidean.distance(c, a * d, c, b * d, d));
        if (cc != null) {
          cc[a * k + b] = dist;
          cc[b * k + a] = dist;
        }
        half[a] = Math.min(half[a], 0.5 * dist);
        half[b] = Math.min(half[b], 0.5 * dist);
      }
    }
    return (long) k * (k - 1) / 2;
  }
}
