package dev.segmentation.spark;

import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.pass.CentrePass;
import dev.segmentation.core.pass.NearestSums;
import dev.segmentation.io.ModelFiles;
import dev.segmentation.kmeans.KMeans;
import dev.segmentation.kmeans.KMeansModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * K-means over a Spark data set: the library's {@link KMeans}, configured as for a local fit, run
 * by {@link KMeans#fitBatch} with its passes over the rows on the executors. Start from {@link
 * SparkSegmentation#kmeans(KMeans)}.
 *
 * <pre>{@code
 * SparkFit<KMeansModel> fit = SparkSegmentation.kmeans(
 *         Segmentation.kmeans().k(6).seed(7).restarts(4)
 *             .preprocess(Scaling.log1p().then(Scaling.standard())))
 *     .columns("recency_days", "frequency", "monetary_total")
 *     .fit(customers);                       // a Dataset<Row>
 * ModelFiles.save(fit.model(), Path.of("model.json"));
 * }</pre>
 *
 * <p><b>Algorithm.</b> A seeded sample of at most {@link #sampleSize} rows is collected to the
 * driver; the K-means builder learns its preprocessing and its start on it (the local K-means,
 * unless the start is given: {@link KMeans#initialCentroids}, {@link KMeans#initialModel}; when
 * nothing is to be learned, no sample is drawn). The rows are then packed once into preprocessed
 * row-major blocks cached on the executors, and every Lloyd iteration is one distributed pass: each
 * partition assigns its rows with the library's tiled kernel and sums them per centroid ({@link
 * NearestSums}); {@code treeAggregate} merges the sums; the builder's loop on the driver updates,
 * tests convergence and repairs empty clusters exactly as for any {@link CentrePass}. From the same
 * initial centroids and preprocessing the result is the local one, to floating-point rounding (sums
 * are merged in another order).
 *
 * <p><b>Complexity.</b> Per iteration one distributed pass, O(n k d) work spread over the
 * executors, O(P k d) merged for P partitions; the driver holds O(k d) plus the sample. Before the
 * iterations: two jobs for the sample, one that packs and checks the rows (column statistics);
 * after: one that measures the final objective and segment sizes. Executor memory: the packed rows,
 * {@code 8 n d} bytes (plus weights), at the storage level chosen ({@code MEMORY_AND_DISK} by
 * default).
 *
 * <p>The builder is mutable and meant for one thread; the model is immutable.
 */
public final class SparkKMeans {
  private final KMeans kmeans;
  private List<String> columns;
  private String weightColumn;
  private String idColumn;
  private int sampleSize = 100_000;
  private long sampleSeed = 42;
  private StorageLevel storageLevel = StorageLevel.MEMORY_AND_DISK();
  private Path checkpointFile;
  private int checkpointEvery;

  SparkKMeans(KMeans kmeans) {
    this.kmeans = Objects.requireNonNull(kmeans, "kmeans");
  }

  /**
   * Sets the feature columns (numeric, any Spark numeric type).
   *
   * @param names column names; default every numeric column but the weight and id columns
   * @return this builder
   */
  public SparkKMeans columns(String... names) {
    this.columns = List.of(names);
    return this;
  }

  /**
   * Uses a numeric column as sample weights (multiplicities), as a local data set's weights.
   *
   * @param name the column; null for none (default)
   * @return this builder
   */
  public SparkKMeans weightColumn(String name) {
    this.weightColumn = name;
    return this;
  }

  /**
   * Names a column of customer ids, used in error messages to point at a bad row.
   *
   * @param name the column; null for none (default)
   * @return this builder
   */
  public SparkKMeans idColumn(String name) {
    this.idColumn = name;
    return this;
  }

  /**
   * Sets how many rows at most the driver-side sample holds.
   *
   * @param rows {@code >= 1}; default 100,000
   * @return this builder
   * @throws InvalidOptionException if {@code rows < 1}
   */
  public SparkKMeans sampleSize(int rows) {
    if (rows < 1) {
      throw new InvalidOptionException("sampleSize", rows, "must be >= 1");
    }
    this.sampleSize = rows;
    return this;
  }

  /**
   * Sets the seed of the driver-side sample (the K-means builder's seed drives its own choices).
   *
   * @param value any value; default 42
   * @return this builder
   */
  public SparkKMeans sampleSeed(long value) {
    this.sampleSeed = value;
    return this;
  }

  /**
   * Sets where the executors keep the packed rows between iterations.
   *
   * @param level a Spark storage level; default {@code MEMORY_AND_DISK}
   * @return this builder
   */
  public SparkKMeans storageLevel(StorageLevel level) {
    this.storageLevel = Objects.requireNonNull(level, "level");
    return this;
  }

  /**
   * Saves the model of the current centroids every {@code every} iterations (a model file, {@link
   * ModelFiles}), so a long fit that is stopped can continue with {@link KMeans#initialModel}.
   *
   * @param file where to write, on the driver's file system; replaced each time
   * @param every iterations between saves, {@code >= 1}
   * @return this builder
   * @throws InvalidOptionException if {@code every < 1}
   */
  public SparkKMeans checkpoint(Path file, int every) {
    if (every < 1) {
      throw new InvalidOptionException("checkpoint", every, "must save every >= 1 iterations");
    }
    this.checkpointFile = Objects.requireNonNull(file, "file");
    this.checkpointEvery = every;
    return this;
  }

  /**
   * Fits K-means on every row of {@code data}. See the class description for the algorithm and its
   * cost. The data set is read, never modified; the packed rows are unpersisted at the end.
   *
   * @param data the customers, one row each
   * @return the model, summary and segment sizes
   * @throws InvalidOptionException if a column is missing or not numeric, {@code k} exceeds the
   *     distinct rows of the sample, or the initial centroids or model do not fit the columns
   * @throws InvalidDataException if the data set is empty, or a value is null, not finite or
   *     outside the preprocessing's domain (the message names the column and the row)
   * @throws FitCancelledException if the progress listener cancelled
   */
  public SparkFit<KMeansModel> fit(Dataset<Row> data) {
    FeatureFrame frame = FeatureFrame.of(data.schema(), columns, weightColumn, idColumn);
    dev.segmentation.api.Dataset sample =
        kmeans.learnsFromSample()
            ? frame.sample(data, sampleSize, sampleSeed)
            : dev.segmentation.api.Dataset.ofRowMajor(new double[0], 0, frame.columns);
    ExecutorPasses.Opener opener = ExecutorPasses.opener(frame, data, storageLevel);
    try {
      SegmentationResult<KMeansModel> result =
          kmeans.fitBatch(
              sample,
              opener::open,
              (iteration, model) -> {
                if (checkpointFile != null && iteration % checkpointEvery == 0) {
                  ModelFiles.save(model, checkpointFile);
                }
              });
      ExecutorPasses pass = opener.passes();
      return new SparkFit<>(
          result.model(),
          result.summary(),
          pass.last().counts(),
          pass.summary().rows(),
          sample.numRows());
    } finally {
      opener.unpersistAll();
    }
  }
}
