package dev.segmentation.kmeans;

import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.Progress;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.core.pass.CentrePass;
import dev.segmentation.core.pass.Farthest;
import dev.segmentation.core.pass.NearestSums;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.function.IntConsumer;

/**
 * Lloyd's iterations over rows held elsewhere, driven from here through a {@link CentrePass}: the
 * update, stopping rule and empty-cluster repair of {@link KMeansRun}, with the rows' sums coming
 * from passes. Holds O(k d).
 */
final class BatchLloyd {
  private final CentrePass pass;
  private final int k;
  private final int d;
  double[] centroids;
  int iterations;
  boolean converged;
  final DoubleArrayList trace = new DoubleArrayList();

  BatchLloyd(CentrePass pass, double[] start, int k, int d) {
    this.pass = pass;
    this.centroids = start.clone();
    this.k = k;
    this.d = d;
  }

  /**
   * Iterates until the summed squared movement is at most {@code toleranceSq}, or at most {@code
   * floorSq} (no centroid moved beyond rounding: no label changed), or {@code maxIterations}.
   */
  void iterate(
      int maxIterations,
      double toleranceSq,
      double floorSq,
      ProgressListener listener,
      IntConsumer afterIteration) {
    String stage = "k-means (" + pass.name() + ")";
    for (int it = 1; it <= maxIterations; it++) {
      NearestSums sums = pass.nearest(centroids);
      iterations = it;
      trace.add(sums.squaredError());
      double[] next = means(sums, centroids);
      double shift = 0;
      if (repairEmpty(sums, next)) {
        shift = Double.POSITIVE_INFINITY;
      } else {
        for (int q = 0; q < next.length; q++) {
          double t = next[q] - centroids[q];
          shift += t * t;
        }
      }
      centroids = next;
      if (listener != ProgressListener.NONE
          && !listener.onProgress(new Progress(stage, it, maxIterations, sums.squaredError()))) {
        throw new FitCancelledException(stage + " cancelled after iteration " + it);
      }
      afterIteration.accept(it);
      if (shift <= toleranceSq || shift <= floorSq) {
        converged = true;
        return;
      }
    }
  }

  /** New centroids from the sums; an empty cluster keeps its old centroid (repaired next). */
  private double[] means(NearestSums sums, double[] old) {
    double[] next = old.clone();
    double[] s = sums.sums();
    double[] w = sums.weights();
    for (int c = 0; c < k; c++) {
      if (w[c] > 0) {
        for (int j = 0; j < d; j++) {
          next[c * d + j] = s[c * d + j] / w[c];
        }
      }
    }
    return next;
  }

  /**
   * As {@link KMeansRun}: while a cluster is empty, move the row farthest from its centroid into it
   * and recompute the two means it affects. Returns whether any cluster was empty.
   */
  private boolean repairEmpty(NearestSums sums, double[] next) {
    double[] s = sums.sums().clone();
    double[] w = sums.weights().clone();
    LongArrayList movedBlocks = new LongArrayList();
    IntArrayList movedIndexes = new IntArrayList();
    IntArrayList movedLabels = new IntArrayList();
    boolean any = false;
    for (int empty = firstEmpty(w); empty >= 0; empty = firstEmpty(w)) {
      any = true;
      Farthest f =
          pass.farthest(
              centroids,
              next,
              movedBlocks.toLongArray(),
              movedIndexes.toIntArray(),
              movedLabels.toIntArray());
      if (!(f.distance() > 0)) {
        throw new InvalidOptionException(
            "k", k, "must not exceed the number of distinct rows: an empty cluster found no row");
      }
      movedBlocks.add(f.block());
      movedIndexes.add(f.index());
      movedLabels.add(empty);
      double[] row = f.row();
      for (int j = 0; j < d; j++) {
        s[f.label() * d + j] -= f.weight() * row[j];
        s[empty * d + j] += f.weight() * row[j];
      }
      w[f.label()] -= f.weight();
      w[empty] += f.weight();
      for (int c : new int[] {f.label(), empty}) {
        if (w[c] > 0) {
          for (int j = 0; j < d; j++) {
            next[c * d + j] = s[c * d + j] / w[c];
          }
        }
      }
    }
    return any;
  }

  private int firstEmpty(double[] w) {
    for (int c = 0; c < k; c++) {
      if (!(w[c] > 0)) {
        return c;
      }
    }
    return -1;
  }
}
