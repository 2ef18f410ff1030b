package dev.segmentation.som;

import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.pass.NearestCentres;
import dev.segmentation.core.pass.NearestSums;

/**
 * The passes over the data a map needs: best-matching units with per-block sums (the batch map's
 * assignment step), and quality measures. Every pass runs over fixed blocks of rows and reduces
 * per-block partial results in block order, so results are identical for any number of threads.
 */
final class SomTrainer implements BatchPass {
  final double[] x;
  final double[] weights;
  final int n;
  final int d;
  final int units;
  final Blocks blocks;
  final int[] bmu;
  private final NearestCentres.Workspace[] ws;
  private final NearestSums[] blockSums;
  private final NearestSums total;
  private final long[] blockTopo;

  SomTrainer(double[] x, double[] weights, int n, int d, int units, Blocks blocks) {
    this.x = x;
    this.weights = weights;
    this.n = n;
    this.d = d;
    this.units = units;
    this.blocks = blocks;
    this.bmu = new int[n];
    this.ws = new NearestCentres.Workspace[blocks.workers()];
    for (int w = 0; w < ws.length; w++) {
      ws[w] = new NearestCentres.Workspace(d, units);
    }
    int count = blocks.count();
    this.blockSums = new NearestSums[count];
    for (int b = 0; b < count; b++) {
      blockSums[b] = new NearestSums(units, d);
    }
    this.total = new NearestSums(units, d);
    this.blockTopo = new long[count];
  }

  /**
   * Finds every row's best-matching unit (the tiled K-means kernel: same distance work as one Lloyd
   * pass with k = units) into {@link #bmu}, and sums rows, weights and errors per unit, per block,
   * reduced in block order. The result is this trainer's buffer, valid until the next call.
   */
  @Override
  public NearestSums nearest(double[] codebook) {
    blocks.run(
        (worker, block, start, end) -> {
          NearestSums s = blockSums[block];
          s.clear();
          s.accumulate(x, weights, start, end, codebook, ws[worker], bmu);
        });
    total.clear();
    for (NearestSums s : blockSums) {
      total.add(s);
    }
    return total;
  }

  /**
   * Returns the share of rows whose second-best-matching unit is not adjacent to the best one on
   * the grid (ties to the lower unit). One scan over all units per row.
   */
  @Override
  public double topographicError(double[] codebook, SomGrid grid) {
    blocks.run(
        (worker, block, start, end) -> {
          long bad = grid.topographicFaults(x, start, end, d, codebook);
          blockTopo[block] = bad;
        });
    long bad = 0;
    for (int b = 0; b < blocks.count(); b++) {
      bad += blockTopo[b];
    }
    return (double) bad / n;
  }
}
