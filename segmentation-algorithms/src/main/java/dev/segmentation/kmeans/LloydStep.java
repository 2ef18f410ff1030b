package dev.segmentation.kmeans;

/**
 * Plain Lloyd assignment: every centroid for every row, O(n k d) per pass. Centroids are
 * transposed once per pass so the distance loop vectorises across centroids.
 */
final class LloydStep extends AssignStep {
  private final double[] centroidsT;
  /** One distance buffer per block, so blocks can run on any thread without sharing. */
  private final double[][] scratch;

  LloydStep(KMeansRun run) {
    super(run);
    centroidsT = new double[run.k * run.d];
    scratch = new double[run.blockChanged.length][run.k];
  }

  @Override
  long prepare() {
    KMeansKernels.transpose(run.centroids, run.k, run.d, centroidsT);
    return 0;
  }

  @Override
  void assignBlock(int block, int start, int end) {
    KMeansRun r = run;
    r.blockChanged[block] =
        KMeansKernels.assign(r.x, r.d, start, end, centroidsT, r.k, scratch[block], r.labels);
    r.blockDistances[block] = (long) (end - start) * r.k;
  }
}
