package dev.segmentation.kmeans;

/**
 * Plain Lloyd assignment: every centroid for every row, O(n k d) per pass, through the tiled,
 * vectorisable {@link KMeansKernels#assign}.
 */
final class LloydStep extends AssignStep {
  /** One workspace per block, so blocks can run on any thread without sharing. */
  private final KMeansKernels.Workspace[] workspaces;

  LloydStep(KMeansRun run) {
    super(run);
    workspaces = new KMeansKernels.Workspace[run.blockChanged.length];
    for (int b = 0; b < workspaces.length; b++) {
      workspaces[b] = new KMeansKernels.Workspace(run.d);
    }
  }

  @Override
  void assignBlock(int block, int start, int end) {
    KMeansRun r = run;
    r.blockChanged[block] =
        KMeansKernels.assign(r.x, r.d, start, end, r.centroids, r.k, workspaces[block], r.labels);
    r.blockDistances[block] = (long) (end - start) * r.k;
  }
}
