package dev.segmentation.spark;

import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.pass.Farthest;
import dev.segmentation.core.pass.NearestCentres;
import dev.segmentation.core.pass.NearestSums;
import dev.segmentation.som.SomGrid;
import dev.segmentation.spark.FeatureFrame.Block;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * The distributed passes: each partition runs the library's kernels over its blocks and the partial
 * results are merged by {@code treeAggregate}, so the driver receives O(k d) numbers per pass
 * whatever the number of rows. Static, so the closures Spark ships capture only their arguments.
 */
final class Passes {
  private Passes() {}

  /**
   * Depth of the aggregation tree for an RDD: up to 64 partitions the driver merges the partial
   * results itself (depth 1; a tree level would add a shuffle stage to every pass, measured at
   * about a third of an iteration's time in local mode); beyond, one level of merging on the
   * executors keeps the driver's share at O(sqrt(P) k d).
   */
  static int depth(JavaRDD<?> rdd) {
    return rdd.getNumPartitions() <= 64 ? 1 : 2;
  }

  /**
   * Assigns every row to its nearest centre (the tiled Lloyd kernel) and sums per centre. O(n k d)
   * on the executors, O(P k d) merged.
   */
  static NearestSums nearest(JavaRDD<Block> blocks, double[] centres, int k, int d) {
    // Partial sums travel as NearestSums.toArray(): added element by element, they merge in the
    // arithmetic of NearestSums.add.
    double[] merged =
        FeatureFrame.run(
            () ->
                blocks
                    .mapPartitions(
                        it -> {
                          NearestSums acc = new NearestSums(k, d);
                          NearestCentres.Workspace ws = new NearestCentres.Workspace(d, k);
                          int[] labels = new int[FeatureFrame.BLOCK_ROWS];
                          while (it.hasNext()) {
                            Block b = it.next();
                            acc.accumulate(b.x, b.w, 0, b.n, centres, ws, labels);
                          }
                          return List.of(acc.toArray()).iterator();
                        })
                    .treeAggregate(
                        new NearestSums(k, d).toArray(),
                        Passes::addInto,
                        Passes::addInto,
                        depth(blocks)));
    return NearestSums.fromArray(k, d, merged);
  }

  private static double[] addInto(double[] into, double[] other) {
    for (int q = 0; q < into.length; q++) {
      into[q] += other[q];
    }
    return into;
  }

  /** Counts the rows whose two best units are not adjacent on the grid. O(n u d). */
  static long topographicFaults(JavaRDD<Block> blocks, double[] codebook, SomGrid grid, int d) {
    Shipped.Grid shipped = new Shipped.Grid(grid);
    return FeatureFrame.run(
        () ->
            blocks
                .map(b -> shipped.get().topographicFaults(b.x, 0, b.n, d, codebook))
                .treeAggregate(0L, Long::sum, Long::sum, depth(blocks)));
  }

  /** Row count, per-column mean and squared deviations (merged by Chan's rule), and extent. */
  static final class ColumnStats implements Serializable {
    private static final long serialVersionUID = 1L;

    long n;
    final double[] mean;
    final double[] m2;
    final double[] min;
    final double[] max;

    ColumnStats(int d) {
      mean = new double[d];
      m2 = new double[d];
      min = new double[d];
      max = new double[d];
      Arrays.fill(min, Double.POSITIVE_INFINITY);
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    ColumnStats add(Block b) {
      int d = mean.length;
      for (int i = 0; i < b.n; i++) {
        n++;
        for (int j = 0; j < d; j++) {
          double v = b.x[i * d + j];
          double delta = v - mean[j];
          mean[j] += delta / n;
          m2[j] += delta * (v - mean[j]);
          min[j] = Math.min(min[j], v);
          max[j] = Math.max(max[j], v);
        }
      }
      return this;
    }

    ColumnStats merge(ColumnStats o) {
      if (o.n == 0) {
        return this;
      }
      long total = n + o.n;
      for (int j = 0; j < mean.length; j++) {
        double delta = o.mean[j] - mean[j];
        mean[j] += delta * o.n / total;
        m2[j] += o.m2[j] + delta * delta * ((double) n * o.n / total);
        min[j] = Math.min(min[j], o.min[j]);
        max[j] = Math.max(max[j], o.max[j]);
      }
      n = total;
      return this;
    }

    /** The mean over columns of the population variance (the K-means tolerance's scale). */
    double meanVariance() {
      double s = 0;
      for (double v : m2) {
        s += v / n;
      }
      return s / m2.length;
    }

    /** The length of the bounding box's diagonal. */
    double extent() {
      double sq = 0;
      for (int j = 0; j < min.length; j++) {
        sq += (max[j] - min[j]) * (max[j] - min[j]);
      }
      return Math.sqrt(sq);
    }
  }

  /** Column statistics of the preprocessed rows; the first pass also runs every input check. */
  static ColumnStats stats(JavaRDD<Block> blocks, int d) {
    return FeatureFrame.run(
        () ->
            blocks.treeAggregate(
                new ColumnStats(d), ColumnStats::add, ColumnStats::merge, depth(blocks)));
  }

  /** The row farthest from the centre it is assigned to, and where it is; merged on the driver. */
  static final class FarthestRow implements Serializable {
    private static final long serialVersionUID = 1L;

    double distance = -1;
    long block;
    int index;
    int label;
    double weight;
    double[] row = new double[0];

    FarthestRow better(FarthestRow o) {
      // Deterministic whatever the merge order: larger distance, then smaller values (as the
      // local repair, so that row order does not matter), then lower block, then index.
      if (o.distance < 0) {
        return this;
      }
      if (distance < 0 || Farthest.prefers(o.distance, o.row, 0, distance, row, 0, row.length)) {
        return o;
      }
      if (Farthest.prefers(distance, row, 0, o.distance, o.row, 0, row.length)) {
        return this;
      }
      return o.block < block || (o.block == block && o.index < index) ? o : this;
    }
  }

  /**
   * Finds the row farthest from its centre in {@code next}, where a row's centre is its nearest in
   * {@code current}, or the one a previous repair moved it to (block ids, indexes in the block and
   * new labels). O(n k d).
   */
  static Farthest farthest(
      JavaRDD<Block> blocks,
      double[] current,
      double[] next,
      int k,
      int d,
      long[] movedBlocks,
      int[] movedIndexes,
      int[] movedLabels) {
    FarthestRow f =
        FeatureFrame.run(
            () ->
                blocks
                    .map(
                        b -> {
                          FarthestRow far = new FarthestRow();
                          NearestCentres.Workspace ws = new NearestCentres.Workspace(d, k);
                          int[] labels = new int[b.n];
                          NearestCentres.assign(b.x, d, 0, b.n, current, k, ws, labels);
                          for (int m = 0; m < movedBlocks.length; m++) {
                            if (movedBlocks[m] == b.id) {
                              labels[movedIndexes[m]] = movedLabels[m];
                            }
                          }
                          for (int i = 0; i < b.n; i++) {
                            double e =
                                SquaredEuclidean.distance(b.x, i * d, next, labels[i] * d, d);
                            if (Farthest.prefers(e, b.x, i * d, far.distance, far.row, 0, d)) {
                              far.distance = e;
                              far.block = b.id;
                              far.index = i;
                              far.label = labels[i];
                              far.weight = b.w == null ? 1 : b.w[i];
                              far.row = Arrays.copyOfRange(b.x, i * d, i * d + d);
                            }
                          }
                          return far;
                        })
                    .treeAggregate(
                        new FarthestRow(),
                        FarthestRow::better,
                        FarthestRow::better,
                        depth(blocks)));
    return new Farthest(f.distance, f.block, f.index, f.label, f.weight, f.row);
  }
}
