package dev.segmentation.spark;

import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.pass.NearestSums;
import dev.segmentation.som.Som;
import dev.segmentation.som.SomModel;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * A batch self-organizing map trained over a Spark data set: the map, its options and its training
 * loop are those of a local {@link Som} (configure one and hand it over); only the passes over the
 * rows run on the executors. Start from {@link SparkSegmentation#som(Som)}.
 *
 * <pre>{@code
 * SparkFit<SomModel> fit = SparkSegmentation.som(
 *         Segmentation.som().grid(12, 8).epochs(20).segments(6).preprocess(Scaling.standard()))
 *     .columns("recency_days", "frequency", "monetary_total")
 *     .fit(customers);
 * }</pre>
 *
 * <p><b>Algorithm.</b> A seeded sample (at most {@link #sampleSize} rows) comes to the driver: the
 * preprocessing is fitted on it and the codebook initialised from it (PCA or random rows). The rows
 * are packed once into preprocessed blocks cached on the executors. Every epoch, each partition
 * finds its rows' best-matching units with the tiled kernel and sums rows and weights per unit (the
 * numerator and denominator of the batch update, {@link NearestSums}); {@code treeAggregate} merges
 * them and the driver smooths them over the grid exactly as {@link Som#fit} does. Units are grouped
 * into segments on the driver with the final hit weights. With the whole data set as the sample the
 * map is the local one, to rounding.
 *
 * <p><b>Complexity.</b> {@code epochs + 2} distributed passes of O(n u d) for {@code u} units, each
 * merging O(P u d) numbers, plus the local grouping. Executor memory: the packed rows, {@code 8 n
 * d} bytes.
 *
 * <p>The builder is mutable and meant for one thread; the model is immutable.
 */
public final class SparkSom {
  private final Som som;
  private List<String> columns;
  private String weightColumn;
  private String idColumn;
  private int sampleSize = 100_000;
  private long seed = 42;
  private StorageLevel storageLevel = StorageLevel.MEMORY_AND_DISK();

  SparkSom(Som som) {
    this.som = Objects.requireNonNull(som, "som");
  }

  /**
   * Sets the feature columns (numeric).
   *
   * @param names column names; default every numeric column but the weight and id columns
   * @return this builder
   */
  public SparkSom columns(String... names) {
    this.columns = List.of(names);
    return this;
  }

  /**
   * Uses a numeric column as row weights (multiplicities).
   *
   * @param name the column; null for none (default)
   * @return this builder
   */
  public SparkSom weightColumn(String name) {
    this.weightColumn = name;
    return this;
  }

  /**
   * Names a column of customer ids, used in error messages to point at a bad row.
   *
   * @param name the column; null for none (default)
   * @return this builder
   */
  public SparkSom idColumn(String name) {
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
  public SparkSom sampleSize(int rows) {
    if (rows < 1) {
      throw new InvalidOptionException("sampleSize", rows, "must be >= 1");
    }
    this.sampleSize = rows;
    return this;
  }

  /**
   * Sets the seed of the sample (the map's own seed is set on the {@link Som}).
   *
   * @param value any value; default 42
   * @return this builder
   */
  public SparkSom sampleSeed(long value) {
    this.seed = value;
    return this;
  }

  /**
   * Sets where the executors keep the packed rows between epochs.
   *
   * @param level a Spark storage level; default {@code MEMORY_AND_DISK}
   * @return this builder
   */
  public SparkSom storageLevel(StorageLevel level) {
    this.storageLevel = Objects.requireNonNull(level, "level");
    return this;
  }

  /**
   * Trains the map on every row of {@code data}. See the class description.
   *
   * @param data the customers, one row each
   * @return the map, summary and segment sizes over all rows
   * @throws InvalidOptionException if a column is missing or not numeric, the map is not a batch
   *     map, or its number of segments is to be chosen (choose it on a sample first)
   * @throws InvalidDataException if the data set is empty or a value is null, not finite or outside
   *     the preprocessing's domain (the message names the column and the row)
   * @throws FitCancelledException if the map's progress listener cancelled
   */
  public SparkFit<SomModel> fit(Dataset<Row> data) {
    FeatureFrame frame = FeatureFrame.of(data.schema(), columns, weightColumn, idColumn);
    dev.segmentation.api.Dataset sample = frame.sample(data, sampleSize, seed);
    ExecutorPasses.Opener opener = ExecutorPasses.opener(frame, data, storageLevel);
    try {
      SegmentationResult<SomModel> result = som.fitBatch(sample, opener::open);
      SomModel model = result.model();
      long[] sizes = new long[model.numSegments()];
      int[] hits = model.hitCounts();
      int[] unitSegments = model.unitSegments();
      for (int u = 0; u < hits.length; u++) {
        sizes[unitSegments[u]] += hits[u];
      }
      return new SparkFit<>(
          model, result.summary(), sizes, opener.passes().rows(), sample.numRows());
    } finally {
      opener.unpersistAll();
    }
  }
}
