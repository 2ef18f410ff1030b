package dev.segmentation.spark;

import dev.segmentation.core.pass.CentrePass;
import dev.segmentation.core.pass.Farthest;
import dev.segmentation.core.pass.NearestSums;
import dev.segmentation.core.pass.RowSummary;
import dev.segmentation.som.BatchPass;
import dev.segmentation.som.SomGrid;
import dev.segmentation.spark.FeatureFrame.Block;
import dev.segmentation.spark.Passes.ColumnStats;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The passes the library's training loops run on the executors: K-means ({@link CentrePass}) and
 * the batch map ({@link BatchPass}) over the packed rows of one data set. Remembers the last sums
 * (the final pass of a fit: the segment sizes) and the row count. Opened through {@link #opener},
 * which keeps every packed RDD so that {@link Opener#unpersistAll} frees them after the fit.
 */
final class ExecutorPasses implements CentrePass, BatchPass {
  private final JavaRDD<Block> blocks;
  private final int d;
  private RowSummary summary;
  private NearestSums last;

  private ExecutorPasses(JavaRDD<Block> blocks, int d) {
    this.blocks = blocks;
    this.d = d;
  }

  /** Opens passes over {@code data} packed with each preprocessing it is given, and frees them. */
  static final class Opener {
    private final FeatureFrame frame;
    private final Dataset<Row> data;
    private final StorageLevel level;
    private final List<ExecutorPasses> opened = new ArrayList<>(1);

    Opener(FeatureFrame frame, Dataset<Row> data, StorageLevel level) {
      this.frame = frame;
      this.data = data;
      this.level = level;
    }

    ExecutorPasses open(dev.segmentation.core.preprocess.FittedScaling scaling) {
      ExecutorPasses p =
          new ExecutorPasses(frame.blocks(data, scaling, level), frame.columns.size());
      opened.add(p);
      return p;
    }

    /** The passes the fit opened (it opens one). */
    ExecutorPasses passes() {
      return opened.get(0);
    }

    void unpersistAll() {
      for (ExecutorPasses p : opened) {
        p.blocks.unpersist(false);
      }
    }
  }

  static Opener opener(FeatureFrame frame, Dataset<Row> data, StorageLevel level) {
    return new Opener(frame, data, level);
  }

  @Override
  public RowSummary summary() {
    if (summary == null) {
      // The first pass also runs every input check of the packing.
      ColumnStats stats = Passes.stats(blocks, d);
      summary = new RowSummary(stats.n, stats.meanVariance(), stats.extent());
    }
    return summary;
  }

  @Override
  public NearestSums nearest(double[] centres) {
    last = Passes.nearest(blocks, centres.clone(), centres.length / d, d);
    return last;
  }

  /** The sums of the last pass. */
  NearestSums last() {
    return last;
  }

  /** All rows, as the last pass counted them. */
  long rows() {
    return last.totalCount();
  }

  @Override
  public Farthest farthest(
      double[] current, double[] next, long[] movedBlocks, int[] movedIndexes, int[] movedLabels) {
    return Passes.farthest(
        blocks,
        current.clone(),
        next.clone(),
        current.length / d,
        d,
        movedBlocks,
        movedIndexes,
        movedLabels);
  }

  @Override
  public double topographicError(double[] codebook, SomGrid grid) {
    return (double) Passes.topographicFaults(blocks, codebook.clone(), grid, d) / rows();
  }

  @Override
  public String name() {
    return "Spark";
  }
}
