package dev.segmentation.kmeans;

import dev.segmentation.core.pass.NearestCentres;

/**
 * Plain Lloyd assignment: every centroid for every row, O(n k d) per pass, through the tiled,
 * vectorisable {@link NearestCentres#assign}, reading the fit's column tiles when it has them.
 */
final class LloydStep extends AssignStep {
  LloydStep(KMeansRun run) {
    super(run);
  }

  @Override
  void assignBlock(int worker, int block, int start, int end) {
    KMeansRun r = run;
    if (r.tiles == null) {
      assignBlockExactly(worker, block, start, end, null, null, null);
      return;
    }
    r.blockChanged[block] =
        NearestCentres.assign(r.tiles, start, end, r.centroids, r.k, workspaces[worker], r.labels);
    r.blockDistances[block] = (long) (end - start) * r.k;
  }
}
