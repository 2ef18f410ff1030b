package dev.segmentation.kmeans;

import dev.segmentation.core.pass.NearestCentres;

/**
 * Plain Lloyd assignment: every centroid for every row, O(n k d) per pass, through the tiled,
 * vectorisable {@link NearestCentres#assign}.
 */
final class LloydStep extends AssignStep {
  LloydStep(KMeansRun run) {
    super(run);
  }

  @Override
  void assignBlock(int worker, int block, int start, int end) {
    assignBlockExactly(worker, block, start, end, null, null, null);
  }
}
