package dev.segmentation.som;

import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.kmeans.KMeansKernels;

/**
 * The passes over the data a map needs: best-matching units with per-block sums (the batch map's
 * assignment step), and quality measures. Every pass runs over fixed blocks of rows and reduces
 * per-block partial results in block order, so results are identical for any number of threads.
 */
final class SomTrainer {
  final double[] x;
  final double[] weights;
  final int n;
  final int d;
  final int units;
  final Blocks blocks;
  final int[] bmu;
  private final KMeansKernels.Workspace[] ws;
  private final double[][] blockSums;
  private final double[][] blockCounts;
  private final double[] blockSq;
  private final double[] blockDist;
  private final long[] blockTopo;
  final double[] sums;
  final double[] counts;
  double meanSquared;
  double meanDistance;

  SomTrainer(double[] x, double[] weights, int n, int d, int units, Blocks blocks) {
    this.x = x;
    this.weights = weights;
    this.n = n;
    this.d = d;
    this.units = units;
    this.blocks = blocks;
    this.bmu = new int[n];
    this.ws = new KMeansKernels.Workspace[blocks.workers()];
    for (int w = 0; w < ws.length; w++) {
      ws[w] = new KMeansKernels.Workspace(d, units);
    }
    int count = blocks.count();
    this.blockSums = new double[count][units * d];
    this.blockCounts = new double[count][units];
    this.blockSq = new double[count];
    this.blockDist = new double[count];
    this.blockTopo = new long[count];
    this.sums = new double[units * d];
    this.counts = new double[units];
  }

  /**
   * Finds every row's best-matching unit (the tiled K-means kernel: same distance work as one Lloyd
   * pass with k = units), and sums rows and weights per unit and the quantization errors.
   */
  void assign(double[] codebook) {
    blocks.run(
        (worker, block, start, end) -> {
          KMeansKernels.assign(x, d, start, end, codebook, units, ws[worker], bmu);
          double[] s = blockSums[block];
          double[] c = blockCounts[block];
          java.util.Arrays.fill(s, 0);
          java.util.Arrays.fill(c, 0);
          double sq = 0;
          double dist = 0;
          for (int i = start; i < end; i++) {
            int u = bmu[i];
            double w = weights == null ? 1 : weights[i];
            double e = SquaredEuclidean.distance(x, i * d, codebook, u * d, d);
            sq += w * e;
            dist += w * Math.sqrt(e);
            c[u] += w;
            for (int j = 0; j < d; j++) {
              s[u * d + j] += w * x[i * d + j];
            }
          }
          blockSq[block] = sq;
          blockDist[block] = dist;
        });
    java.util.Arrays.fill(sums, 0);
    java.util.Arrays.fill(counts, 0);
    double sq = 0;
    double dist = 0;
    double total = 0;
    for (int b = 0; b < blocks.count(); b++) {
      double[] s = blockSums[b];
      double[] c = blockCounts[b];
      for (int k = 0; k < sums.length; k++) {
        sums[k] += s[k];
      }
      for (int u = 0; u < units; u++) {
        counts[u] += c[u];
        total += c[u];
      }
      sq += blockSq[b];
      dist += blockDist[b];
    }
    meanSquared = sq / total;
    meanDistance = dist / total;
  }

  /**
   * Returns the share of rows whose second-best-matching unit is not adjacent to the best one on
   * the grid (ties to the lower unit). One scan over all units per row.
   */
  double topographicError(double[] codebook, SomGrid grid) {
    blocks.run(
        (worker, block, start, end) -> {
          long bad = 0;
          for (int i = start; i < end; i++) {
            int first = -1;
            int second = -1;
            double best = Double.POSITIVE_INFINITY;
            double next = Double.POSITIVE_INFINITY;
            for (int u = 0; u < units; u++) {
              double e = SquaredEuclidean.distance(x, i * d, codebook, u * d, d);
              if (e < best) {
                second = first;
                next = best;
                first = u;
                best = e;
              } else if (e < next) {
                second = u;
                next = e;
              }
            }
            if (second >= 0 && !grid.adjacent(first, second)) {
              bad++;
            }
          }
          blockTopo[block] = bad;
        });
    long bad = 0;
    for (int b = 0; b < blocks.count(); b++) {
      bad += blockTopo[b];
    }
    return (double) bad / n;
  }
}
