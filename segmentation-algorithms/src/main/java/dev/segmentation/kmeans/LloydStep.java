package dev.segmentation.kmeans;

/** Plain Lloyd assignment: every centroid for every row, O(n k d) per pass. */
final class LloydStep extends AssignStep {
  LloydStep(KMeansRun run) {
    super(run);
  }

  @Override
  void assignBlock(int block, int start, int end) {
    KMeansRun r = run;
    r.blockChanged[block] =
        KMeansKernels.assign(r.x, r.d, start, end, r.centroids, r.k, r.labels);
    r.blockDistances[block] = (long) (end - start) * r.k;
  }
}
