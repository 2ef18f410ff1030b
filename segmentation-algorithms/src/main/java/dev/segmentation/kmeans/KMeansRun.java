package dev.segmentation.kmeans;

import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.Progress;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.pass.ColumnTiles;
import dev.segmentation.core.pass.Farthest;
import dev.segmentation.core.pass.NearestCentres;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import java.util.Arrays;

/**
 * One K-means run from given initial centroids: alternate assignment (by the chosen {@link
 * AssignStep}) and update (weighted means), until no label changes, the centroids move less than
 * the tolerance, or the iteration limit. All buffers are allocated here, once per run; the
 * iteration loop allocates nothing (unless the objective is traced).
 *
 * <p>The update is shared by every variant and sums per block, combined in block order, so that
 * equal labels always give bit-identical centroids whatever the variant or thread count.
 */
final class KMeansRun {
  final double[] x;

  /** The variant this run assigns with (never {@code AUTO}). */
  final KMeansVariant variant;

  /** The rows as column tiles for the Lloyd kernel, or null to transpose tile by tile per pass. */
  final ColumnTiles tiles;

  final double[] weights;
  final int n;
  final int d;
  final int k;
  final double[] centroids;
  final int[] labels;

  /** Distance (not squared) each centroid moved in the last update. */
  final double[] moved;

  /** Margin added to bounds against rounding, proportional to the data's extent. */
  final double absSlack;

  /** How many workers may run blocks at once (the size of per-worker scratch). */
  final int workers;

  final int[] blockChanged;
  final long[] blockDistances;
  private final double[] blockSums;
  private final double[] blockWeight;
  private final double[] blockObjective;
  private final double[] blockFarthest;
  private final int[] blockFarthestRow;
  private final double[] sums;
  private final double[] weight;
  private final Blocks blocks;
  private final AssignStep step;
  private final Blocks.Body assignBody;
  private final Blocks.Body assignAndSumBody;

  /** Per-worker scratch of {@link ColumnTiles#addTo}, or null without tiles. */
  private final int[][] sumScratch;

  /**
   * Per-worker sums and weights of the block {@link #sumBlock} is adding up, copied into {@link
   * #blockSums} and {@link #blockWeight} when the block ends: adjacent blocks' slices of those
   * arrays share cache lines, and two workers adding row after row into them made two threads
   * slower than one at k = 8 (measured, BENCHMARKS.md section 22).
   */
  private final double[][] localSums;

  private final Blocks.Body updateBody;
  private final Blocks.Body objectiveBody;
  private final Blocks.Body farthestBody;
  private boolean traceInUpdate;

  /** Summed squared movement of the centroids in the last {@link #moveToMeans}. */
  private double lastShift;

  /** Objective of the labels against the centroids before the last update (when traced). */
  private double updateObjective;

  long distances;
  int iterations;
  boolean converged;
  double objective;
  final DoubleArrayList trace = new DoubleArrayList();

  KMeansRun(
      double[] x,
      ColumnTiles tiles,
      double[] weights,
      int n,
      int d,
      double[] initial,
      int k,
      KMeansVariant variant,
      Blocks blocks,
      double absSlack) {
    this.x = x;
    this.tiles = tiles;
    this.weights = weights;
    this.n = n;
    this.d = d;
    this.k = k;
    this.centroids = initial.clone();
    this.labels = new int[n];
    Arrays.fill(labels, -1);
    this.moved = new double[k];
    this.absSlack = absSlack;
    this.blocks = blocks;
    int nb = blocks.count();
    this.workers = blocks.workers();
    this.blockChanged = new int[nb];
    this.blockDistances = new long[nb];
    this.blockSums = new double[nb * k * d];
    this.blockWeight = new double[nb * k];
    this.blockObjective = new double[nb];
    this.blockFarthest = new double[nb];
    this.blockFarthestRow = new int[nb];
    this.sums = new double[k * d];
    this.weight = new double[k];
    this.variant = variant;
    this.step = newStep(variant);
    this.assignBody = step::assignBlock;
    this.updateBody = this::sumBlock;
    // The update's per-block sums read the block's rows while the assignment has just left them in
    // cache: one pass over the data per iteration instead of two (the data far exceed the caches).
    // Lloyd on column tiles goes further, tile by tile, so the sums read the tile from L1.
    this.sumScratch =
        tiles == null || tiles.screened() ? null : new int[workers][ColumnTiles.scratchSize(k)];
    this.localSums = new double[workers][k * d + k];
    this.assignAndSumBody =
        (worker, block, start, end) -> {
          // Only a Lloyd fit is given tiles (KMeansFit.tilesFor); the traced objective needs the
          // row-by-row sums, which also add each row's distance. The float screen keeps no double
          // tiles: its blocks are assigned, then summed from the row-major rows.
          if (tiles != null && !tiles.screened() && !traceInUpdate) {
            lloydTileBlock(worker, block, start, end);
          } else {
            step.assignBlock(worker, block, start, end);
            sumBlock(worker, block, start, end);
          }
        };
    this.objectiveBody = this::objectiveBlock;
    this.farthestBody = this::farthestBlock;
  }

  private AssignStep newStep(KMeansVariant variant) {
    return switch (variant) {
      case LLOYD -> new LloydStep(this);
      case HAMERLY -> new HamerlyStep(this);
      case ELKAN -> new ElkanStep(this);
      case EXPONION -> new ExponionStep(this);
      case YINYANG -> new YinyangStep(this);
      case AUTO -> throw new IllegalArgumentException("unresolved variant " + variant);
    };
  }

  /**
   * Iterates to convergence.
   *
   * @param maxIterations iteration limit
   * @param toleranceSq stop when the sum of squared centroid movements is at most this
   * @param traceObjective record the objective of every iteration
   * @param listener progress and cancellation
   * @param stage stage name for the listener
   */
  void iterate(
      int maxIterations,
      double toleranceSq,
      boolean traceObjective,
      ProgressListener listener,
      String stage) {
    traceInUpdate = traceObjective;
    boolean needFinalAssign = true;
    for (int it = 1; it <= maxIterations; it++) {
      int changed = assign(assignAndSumBody);
      iterations = it;
      if (it > 1 && changed == 0) {
        // Labels are those the current centroids were computed from: a fixed point.
        converged = true;
        needFinalAssign = false;
        break;
      }
      double shift = update();
      if (traceObjective) {
        trace.add(updateObjective);
      }
      if (listener != ProgressListener.NONE
          && !listener.onProgress(new Progress(stage, it, maxIterations, Double.NaN))) {
        throw new FitCancelledException(stage + " cancelled after iteration " + it);
      }
      if (shift <= toleranceSq) {
        converged = true;
        break;
      }
    }
    if (needFinalAssign) {
      // The last update moved the centroids: relabel so labels match the model's assign().
      assign();
    }
    blocks.run(objectiveBody);
    objective = sum(blockObjective);
  }

  /** One assignment pass; returns the number of changed labels. */
  int assign() {
    return assign(assignBody);
  }

  /** One assignment pass with the given block body; returns the number of changed labels. */
  private int assign(Blocks.Body body) {
    distances += step.prepare();
    blocks.run(body);
    step.finish();
    int changed = 0;
    for (int b = 0; b < blockChanged.length; b++) {
      changed += blockChanged[b];
      distances += blockDistances[b];
    }
    return changed;
  }

  /**
   * Recomputes centroids as weighted means from the per-block sums of the current labels (which the
   * fused assignment pass computed); repairs empty clusters. Returns the squared shift.
   */
  private double update() {
    reduceSums();
    updateObjective = sum(blockObjective);
    int empty = moveToMeans();
    if (empty >= 0) {
      repairEmpty(empty);
      return Double.POSITIVE_INFINITY;
    }
    return lastShift;
  }

  /**
   * Moves every non-empty centroid to the mean of its rows (from the reduced sums), records how far
   * each moved in {@link #moved} and the summed squared movement in {@link #lastShift}. Returns the
   * first empty cluster, or -1.
   */
  private int moveToMeans() {
    double shift = 0;
    int empty = -1;
    for (int c = 0; c < k; c++) {
      if (weight[c] > 0) {
        double sq = 0;
        for (int j = 0; j < d; j++) {
          double v = sums[c * d + j] / weight[c];
          double t = v - centroids[c * d + j];
          sq += t * t;
          centroids[c * d + j] = v;
        }
        moved[c] = Math.sqrt(sq);
        shift += sq;
      } else if (empty < 0) {
        empty = c;
      }
    }
    lastShift = shift;
    return empty;
  }

  /**
   * Moves the row farthest from its centroid into each empty cluster, one at a time, recomputing
   * the means after each move. The farthest row is never alone in its cluster (its distance would
   * be 0), and k <= distinct rows guarantees a row at positive distance exists.
   */
  private void repairEmpty(int firstEmpty) {
    int empty = firstEmpty;
    while (empty >= 0) {
      blocks.run(farthestBody);
      distances += n;
      int row = -1;
      double far = -1;
      for (int b = 0; b < blockFarthest.length; b++) {
        if (blockFarthestRow[b] >= 0
            && Farthest.prefers(
                blockFarthest[b], x, blockFarthestRow[b] * d, far, x, Math.max(row, 0) * d, d)) {
          far = blockFarthest[b];
          row = blockFarthestRow[b];
        }
      }
      if (!(far > 0)) {
        throw new IllegalStateException("no row left to fill an empty cluster");
      }
      labels[row] = empty;
      blocks.run(updateBody);
      reduceSums();
      empty = moveToMeans();
    }
    // Labels moved outside the assignment step: its bounds no longer hold.
    step.invalidate();
  }

  private void reduceSums() {
    Arrays.fill(sums, 0);
    Arrays.fill(weight, 0);
    int kd = k * d;
    for (int b = 0; b < blockChanged.length; b++) {
      for (int q = 0; q < kd; q++) {
        sums[q] += blockSums[b * kd + q];
      }
      for (int c = 0; c < k; c++) {
        weight[c] += blockWeight[b * k + c];
      }
    }
  }

  /**
   * A Lloyd assignment and the block's sums, one tile at a time: the same labels and, the rows of
   * each sum added in row order, the same sums bit for bit as {@link LloydStep} then {@link
   * #sumBlock}.
   */
  private void lloydTileBlock(int worker, int block, int start, int end) {
    final int kd = k * d;
    final int sb = block * kd;
    final int wb = block * k;
    Arrays.fill(blockSums, sb, sb + kd, 0);
    Arrays.fill(blockWeight, wb, wb + k, 0);
    NearestCentres.Workspace ws = step.workspaces[worker];
    int changed = 0;
    for (int s = start; s < end; ) {
      int e = Math.min(end, (s / NearestCentres.TILE + 1) * NearestCentres.TILE);
      changed += NearestCentres.assign(tiles, s, e, centroids, k, ws, labels);
      tiles.addTo(s, e, labels, weights, k, blockSums, sb, blockWeight, wb, sumScratch[worker]);
      s = e;
    }
    blockChanged[block] = changed;
    blockDistances[block] = (long) (end - start) * k;
    blockObjective[block] = 0;
  }

  void sumBlock(int worker, int block, int start, int end) {
    final int kd = k * d;
    final double[] local = localSums[worker];
    Arrays.fill(local, 0);
    double obj = 0;
    for (int i = start; i < end; i++) {
      int c = labels[i];
      double w = weights == null ? 1 : weights[i];
      int off = i * d;
      int so = c * d;
      for (int j = 0; j < d; j++) {
        local[so + j] += w * x[off + j];
      }
      local[kd + c] += w;
      if (traceInUpdate) {
        obj += w * SquaredEuclidean.distance(x, off, centroids, c * d, d);
      }
    }
    System.arraycopy(local, 0, blockSums, block * kd, kd);
    System.arraycopy(local, kd, blockWeight, block * k, k);
    blockObjective[block] = obj;
  }

  void objectiveBlock(int worker, int block, int start, int end) {
    double obj = 0;
    for (int i = start; i < end; i++) {
      double w = weights == null ? 1 : weights[i];
      obj += w * SquaredEuclidean.distance(x, i * d, centroids, labels[i] * d, d);
    }
    blockObjective[block] = obj;
  }

  void farthestBlock(int worker, int block, int start, int end) {
    double far = -1;
    int row = -1;
    for (int i = start; i < end; i++) {
      double dist = SquaredEuclidean.distance(x, i * d, centroids, labels[i] * d, d);
      if (Farthest.prefers(dist, x, i * d, far, x, Math.max(row, 0) * d, d)) {
        far = dist;
        row = i;
      }
    }
    blockFarthest[block] = far;
    blockFarthestRow[block] = row;
  }

  private static double sum(double[] parts) {
    double s = 0;
    for (double p : parts) {
      s += p;
    }
    return s;
  }
}
