package dev.segmentation.kmeans;

import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.Progress;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.pass.ColumnTiles;
import dev.segmentation.core.pass.Farthest;
import dev.segmentation.core.pass.NearestSums;
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
 *
 * <p>Each block keeps its sums from one pass to the next. A block where few labels changed updates
 * them with the changed rows alone (out of the old centre, into the new), as Hamerly (2010, section
 * 3) keeps his sums; a block where many changed, or whose updates since its last full sum reach its
 * row count, sums its rows afresh. Late in a fit few rows move, and the sums, which read every row,
 * were up to half the Lloyd pass at k = 8 (BENCHMARKS.md section 22). The choice depends only on
 * the block's labels, so it too is the same for every variant and thread count.
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

  /** Per block, the sums of its rows by label as of the block's last pass, {@code k d} each. */
  private final double[] blockSums;

  /** Per block, the summed weights of its rows by label, {@code k} each. */
  private final double[] blockWeight;

  /** Per block, how many of its rows each label holds: emptiness exactly, whatever the weights. */
  private final int[] blockCount;

  /**
   * Per block, the rows moved by updates since its sums were last summed afresh; -1 when they must
   * be summed afresh (the first pass, and after labels were set outside a pass).
   */
  private final int[] blockMoved;

  /** Per worker, the labels of the block being assigned as they were before the pass. */
  private final int[][] oldLabels;

  private final double[] blockObjective;
  private final double[] blockFarthest;
  private final int[] blockFarthestRow;
  private final double[] sums;
  private final double[] weight;
  private final int[] count;
  private final Blocks blocks;
  private final AssignStep step;
  private final Blocks.Body assignBody;
  private final Blocks.Body assignAndSumBody;

  /**
   * Per-worker sums and weights of the block {@link #sumBlock} is adding up, copied into {@link
   * #blockSums} and {@link #blockWeight} when the block ends: adjacent blocks' slices of those
   * arrays share cache lines, and two workers adding row after row into them made two threads
   * slower than one at k = 8 (measured, BENCHMARKS.md section 22).
   */
  private final double[][] localSums;

  private final Blocks.Body updateBody;
  private final Blocks.Body resumBody;
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
    this.blockCount = new int[nb * k];
    this.blockMoved = new int[nb];
    Arrays.fill(blockMoved, -1);
    // the first block is the longest
    this.oldLabels = new int[workers][blocks.end(0) - blocks.start(0)];
    this.blockObjective = new double[nb];
    this.blockFarthest = new double[nb];
    this.blockFarthestRow = new int[nb];
    this.sums = new double[k * d];
    this.weight = new double[k];
    this.count = new int[k];
    this.variant = variant;
    this.step = newStep(variant);
    this.assignBody = step::assignBlock;
    this.updateBody = this::sumBlock;
    // The update's per-block sums read the block's rows while the assignment has just left them in
    // cache: one pass over the data per iteration instead of two (the data far exceed the caches).
    this.localSums = new double[workers][k * d + k + k];
    this.assignAndSumBody = this::assignAndSumBlock;
    this.resumBody =
        (worker, block, start, end) -> {
          if (blockMoved[block] > 0) {
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
    // Stopped by the tolerance or the cap, the fit ends after an update: the centroids have
    // moved since the last pass, and the bounds have not yet taken that in.
    if (resum(needFinalAssign)) {
      needFinalAssign = true;
    }
    if (needFinalAssign) {
      // The last update moved the centroids: relabel so labels match the model's assign().
      assign();
    }
    blocks.run(objectiveBody);
    objective = sum(blockObjective);
  }

  /**
   * Sums afresh every block whose sums were updated since they were last summed afresh, and moves
   * the centroids to the means: the fit's centroids are then the means of its labels bit for bit,
   * as if every block had been summed afresh in every pass (a model refitted from them starts at
   * its fixed point). Returns whether any centroid moved, so that the labels are checked again.
   *
   * @param movePending whether {@link #moved} holds a movement no pass has taken in yet: the bounds
   *     of the next pass must then see both movements, so each centre's two are added (the triangle
   *     inequality)
   */
  private boolean resum(boolean movePending) {
    boolean updated = false;
    for (int moved : blockMoved) {
      updated |= moved > 0;
    }
    if (!updated) {
      return false;
    }
    double[] before = centroids.clone();
    double[] pending = movePending ? moved.clone() : null;
    blocks.run(resumBody);
    reduceSums();
    // The counts are those of the last pass, which left no centre empty.
    moveToMeans();
    if (pending != null) {
      for (int c = 0; c < k; c++) {
        moved[c] += pending[c];
      }
    }
    return !Arrays.equals(before, centroids);
  }

  /**
   * One assignment pass without the sums; returns the number of changed labels. The block sums no
   * longer match the labels, so the next summing pass sums every block afresh.
   */
  int assign() {
    Arrays.fill(blockMoved, -1);
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
      // Weights are positive, so a centre with rows has weight; the count says so exactly, where
      // updated weights could leave a rounding residue.
      if (count[c] > 0) {
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
    Arrays.fill(count, 0);
    int kd = k * d;
    for (int b = 0; b < blockChanged.length; b++) {
      for (int q = 0; q < kd; q++) {
        sums[q] += blockSums[b * kd + q];
      }
      for (int c = 0; c < k; c++) {
        weight[c] += blockWeight[b * k + c];
        count[c] += blockCount[b * k + c];
      }
    }
  }

  /**
   * Assigns a block, then brings its sums up to date: by the rows whose label changed when few did,
   * else afresh ({@link #sumBlock}). The traced objective needs every row's distance, so it always
   * sums afresh.
   */
  private void assignAndSumBlock(int worker, int block, int start, int end) {
    final int rows = end - start;
    final int moved = blockMoved[block];
    final boolean update = moved >= 0 && !traceInUpdate;
    if (update) {
      System.arraycopy(labels, start, oldLabels[worker], 0, rows);
    }
    step.assignBlock(worker, block, start, end);
    final int changed = blockChanged[block];
    // The sums afresh stream the block's rows; an update reads each changed row at random, about
    // a cache miss each, since the float screen leaves the rows themselves unread (measured at 1M
    // x 8: a sixteenth changed was as slow as summing afresh, a sixty-fourth faster). Updates
    // since the last fresh sum are capped at the block's rows, so the rounding of a sum stays that
    // of adding at most twice the block's rows.
    if (update && changed <= rows / UPDATE_FRACTION && moved + changed <= rows) {
      if (changed > 0) {
        moveRows(worker, block, start, end);
        blockMoved[block] = moved + changed;
      }
      blockObjective[block] = 0;
    } else {
      sumBlock(worker, block, start, end);
    }
  }

  /** A block sums afresh when more than 1 / this of its rows changed label. */
  static final int UPDATE_FRACTION = 64;

  /**
   * Moves each row of the block whose label changed in this pass out of its old centre's sums and
   * into its new one's, in row order. A centre left without rows in the block gets exact zeros.
   */
  private void moveRows(int worker, int block, int start, int end) {
    final int kd = k * d;
    final int sb = block * kd;
    final int wb = block * k;
    final int[] old = oldLabels[worker];
    for (int i = start; i < end; i++) {
      final int c = labels[i];
      final int o = old[i - start];
      if (c == o) {
        continue;
      }
      final double w = weights == null ? 1 : weights[i];
      final int off = i * d;
      final int from = sb + o * d;
      final int to = sb + c * d;
      for (int j = 0; j < d; j++) {
        final double v = w * x[off + j];
        blockSums[from + j] -= v;
        blockSums[to + j] += v;
      }
      blockWeight[wb + o] -= w;
      blockWeight[wb + c] += w;
      blockCount[wb + c]++;
      if (--blockCount[wb + o] == 0) {
        Arrays.fill(blockSums, from, from + d, 0);
        blockWeight[wb + o] = 0;
      }
    }
  }

  /** Sums the block's rows afresh by label, in row order. */
  void sumBlock(int worker, int block, int start, int end) {
    final int kd = k * d;
    final double[] local = localSums[worker];
    Arrays.fill(local, 0);
    NearestSums.addRows(x, d, weights, labels, start, end, local, local, kd);
    if (weights != null) {
      for (int i = start; i < end; i++) {
        local[kd + k + labels[i]]++;
      }
    }
    System.arraycopy(local, 0, blockSums, block * kd, kd);
    System.arraycopy(local, kd, blockWeight, block * k, k);
    // Without weights the summed weights are the counts, exact in a double.
    final int counts = weights == null ? kd : kd + k;
    for (int c = 0; c < k; c++) {
      blockCount[block * k + c] = (int) local[counts + c];
    }
    if (traceInUpdate) {
      objectiveBlock(worker, block, start, end);
    } else {
      blockObjective[block] = 0;
    }
    blockMoved[block] = 0;
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
