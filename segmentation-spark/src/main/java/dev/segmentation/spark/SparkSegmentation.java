package dev.segmentation.spark;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.api.Segmenter;
import dev.segmentation.customer.Holdout;
import dev.segmentation.kmeans.KMeans;
import dev.segmentation.som.Som;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The entry point of the Spark module: the library's segmentations on a Spark {@code Dataset<Row>}
 * when one machine is not enough.
 *
 * <ul>
 *   <li>{@link #kmeans(KMeans)}: distributed K-means (the local builder, Lloyd passes on the
 *       executors).
 *   <li>{@link #som(Som)}: a distributed batch self-organizing map.
 *   <li>{@link #fitSample}: DBSCAN, hierarchical clustering (or anything else) fitted on a seeded
 *       sample on the driver, for {@link #assign} to score every row.
 *   <li>{@link #assign} and {@link #scorer}: any model, trained here or locally and saved, scores a
 *       data set: segment, distance, margin and membership columns.
 *   <li>{@link #profiles} and {@link #holdout}: segment profiles and holdout flags as Spark
 *       aggregations and columns, equal to the local library's on the same rows.
 * </ul>
 *
 * <pre>{@code
 * SparkFit<KMeansModel> fit =
 *     SparkSegmentation.kmeans(Segmentation.kmeans().k(6)).columns("r", "f", "m").fit(customers);
 * Dataset<Row> scored = SparkSegmentation.assign(fit.model(), customers);
 * SegmentProfiles profiles = SparkSegmentation.profiles(scored, "segment", "r", "f", "m").compute();
 * }</pre>
 *
 * <p>Spark is a {@code provided} dependency: bring Spark 4.1 (Scala 2.13) or a compatible release.
 * Stateless; thread-safe.
 */
public final class SparkSegmentation {
  private SparkSegmentation() {}

  /**
   * Starts a distributed K-means with the library's defaults (as {@code kmeans(new KMeans())}).
   *
   * @return a new builder
   */
  public static SparkKMeans kmeans() {
    return new SparkKMeans(new KMeans());
  }

  /**
   * Starts a distributed K-means configured as {@code kmeans} (k, seed, restarts, seeding,
   * preprocessing, tolerance, iteration limit, initial centroids or model, progress): the same
   * builder a local fit uses, run through {@link KMeans#fitBatch}.
   *
   * @param kmeans a local K-means builder; read at fit time
   * @return a new builder
   */
  public static SparkKMeans kmeans(KMeans kmeans) {
    return new SparkKMeans(kmeans);
  }

  /**
   * Starts a distributed batch map configured as {@code som} (grid, epochs, radius, segments,
   * preprocessing...).
   *
   * @param som a local map builder, batch training; read at fit time
   * @return a new builder
   */
  public static SparkSom som(Som som) {
    return new SparkSom(som);
  }

  /**
   * Fits any local segmenter on a seeded sample of a Spark data set, collected to the driver: the
   * large-data pattern for DBSCAN and hierarchical clustering, whose fits need all pairs of nearby
   * rows in one place. Score every row afterwards with {@link #assign}. Two Spark jobs (count and
   * sample) plus the local fit on at most {@code sampleSize} rows.
   *
   * @param <M> the model type
   * @param segmenter the configured local segmenter, for example {@code Segmentation.dbscan()...}
   * @param data the customers
   * @param sampleSize rows at most in the sample, {@code >= 1}
   * @param seed the sample's seed
   * @param columns the feature columns (numeric); none means every numeric column
   * @return the local fit on the sample (its labels are the sample's)
   * @throws InvalidOptionException if {@code sampleSize < 1} or a column is missing or not numeric
   * @throws InvalidDataException if the data set is empty or a sampled value is null or not finite
   */
  public static <M extends SegmentModel> SegmentationResult<M> fitSample(
      Segmenter<M> segmenter, Dataset<Row> data, int sampleSize, long seed, String... columns) {
    return segmenter.fit(sample(data, sampleSize, seed, columns));
  }

  /**
   * Collects a seeded sample of a Spark data set to the driver as a local data set, in original
   * units: every row if there are at most {@code sampleSize}, else a Bernoulli sample cut to {@code
   * sampleSize}. The same data, partitioning and seed give the same sample.
   *
   * @param data the customers
   * @param sampleSize rows at most, {@code >= 1}
   * @param seed the seed
   * @param columns the feature columns (numeric); none means every numeric column
   * @return the sample
   * @throws InvalidOptionException if {@code sampleSize < 1} or a column is missing or not numeric
   * @throws InvalidDataException if the data set is empty or a sampled value is null or not finite
   */
  public static dev.segmentation.api.Dataset sample(
      Dataset<Row> data, int sampleSize, long seed, String... columns) {
    if (sampleSize < 1) {
      throw new InvalidOptionException("sampleSize", sampleSize, "must be >= 1");
    }
    return FeatureFrame.of(data.schema(), List.of(columns), null, null)
        .sample(data, sampleSize, seed);
  }

  /**
   * Scores every row with a model, with the default column names and temperature: see {@link
   * SparkScorer}.
   *
   * @param model any model of the library (fitted locally, on Spark, or loaded from a file)
   * @param data rows with every column of the model
   * @return {@code data} with {@code segment}, {@code distance}, {@code margin} and {@code
   *     membership} appended
   * @throws dev.segmentation.api.DimensionMismatchException if a column of the model is missing
   * @throws InvalidOptionException if a column is not numeric or an output column exists
   */
  public static Dataset<Row> assign(SegmentModel model, Dataset<Row> data) {
    return scorer(model).assign(data);
  }

  /**
   * Returns a scorer for a model, to choose column names, the temperature or an id column.
   *
   * @param model any model of the library
   * @return a new scorer
   */
  public static SparkScorer scorer(SegmentModel model) {
    return new SparkScorer(model);
  }

  /**
   * Starts segment profiles of a scored data set, computed by Spark: see {@link SparkProfiles}.
   *
   * @param data rows with a segment column and the feature columns
   * @param segmentColumn the integer segment labels ({@code -1} for rows in no segment)
   * @param columns the feature columns to describe, in original units
   * @return a builder
   */
  public static SparkProfiles profiles(Dataset<Row> data, String segmentColumn, String... columns) {
    return new SparkProfiles(data, segmentColumn, List.of(columns));
  }

  /**
   * Adds a boolean holdout (control group) column: {@link Holdout#isHeldOut} of every row's id and
   * segment, the same flags as the local library's for the same ids, on any machine. Lazy; O(n)
   * hashing.
   *
   * @param data rows with an id and a segment column
   * @param holdout the holdout (salt and fractions)
   * @param idColumn the customer ids (any type, read as strings)
   * @param segmentColumn the integer segment labels
   * @param outputColumn the name of the new column, not already in {@code data}
   * @return {@code data} with the flag column appended
   * @throws InvalidOptionException if a column is missing or the output column exists
   * @throws InvalidDataException (when the data are read) if an id or segment is null
   */
  public static Dataset<Row> holdout(
      Dataset<Row> data,
      Holdout holdout,
      String idColumn,
      String segmentColumn,
      String outputColumn) {
    Objects.requireNonNull(holdout, "holdout");
    List<String> names = List.of(data.schema().fieldNames());
    for (String c : new String[] {idColumn, segmentColumn}) {
      if (!names.contains(c)) {
        throw new InvalidOptionException(
            "column", c, "is not a column of the data set, which has " + names);
      }
    }
    if (names.contains(outputColumn)) {
      throw new InvalidOptionException(
          "output column", outputColumn, "is already a column of the data set");
    }
    Shipped.HoldoutRule rule = new Shipped.HoldoutRule(holdout);
    UDF2<String, Integer, Boolean> flag =
        (id, segment) -> {
          if (id == null || segment == null) {
            throw new InvalidDataException(
                (id == null ? "id column '" + idColumn + "'" : "segment of customer '" + id + "'")
                    + " is null; every customer needs an id and a segment to be held out");
          }
          return rule.get().isHeldOut(id, segment);
        };
    return data.withColumn(
        outputColumn,
        functions
            .udf(flag, DataTypes.BooleanType)
            .apply(
                functions.col(idColumn).cast(DataTypes.StringType),
                functions.col(segmentColumn).cast(DataTypes.IntegerType)));
  }
}
