package dev.segmentation.spark;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.customer.BusinessState;
import dev.segmentation.customer.profile.SegmentProfiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Segment profiles of a scored Spark data set, computed as Spark aggregations: counts, means, exact
 * medians ({@code percentile(x, 0.5)}), population standard deviations, extra-column means and
 * business-state counts per segment. Only these numbers come to the driver, where {@link
 * SegmentProfiles#ofStatistics} derives z-scores, lifts, top features and names exactly as the
 * local {@code SegmentProfiles.of(data, labels)} does, so the same rows give the same profiles.
 * Start from {@link SparkSegmentation#profiles}.
 *
 * <p>Cost: three aggregation jobs (population, per segment, states when asked); the exact median
 * holds each segment's values of one column at a time on an executor, as Spark's {@code percentile}
 * does.
 */
public final class SparkProfiles {
  private final Dataset<Row> data;
  private final String segmentColumn;
  private final List<String> columns;
  private List<String> extras = List.of();
  private String atypicalColumn;
  private String stateColumn;
  private final Map<String, String[]> words = new HashMap<>();

  SparkProfiles(Dataset<Row> data, String segmentColumn, List<String> columns) {
    this.data = Objects.requireNonNull(data, "data");
    this.segmentColumn = Objects.requireNonNull(segmentColumn, "segmentColumn");
    this.columns = List.copyOf(columns);
  }

  /**
   * Adds numeric columns to average per segment (a churn score, a margin).
   *
   * @param names column names
   * @return this builder
   */
  public SparkProfiles extras(String... names) {
    this.extras = List.of(names);
    return this;
  }

  /**
   * Moves the rows whose boolean column is true out of their segments into the group of atypical
   * customers to review (a flag for a closer look, not an exclusion).
   *
   * @param column a boolean column (true = atypical), or null for none
   * @return this builder
   */
  public SparkProfiles atypical(String column) {
    this.atypicalColumn = column;
    return this;
  }

  /**
   * Counts business states per segment from a column holding {@link BusinessState} names.
   *
   * @param column a string column, or null for none
   * @return this builder
   */
  public SparkProfiles states(String column) {
    this.stateColumn = column;
    return this;
  }

  /**
   * Sets the words a column's high and low values give in names, as {@link SegmentProfiles#words}.
   *
   * @param column a column name
   * @param high the word for a segment well above average
   * @param low the word for a segment well below average
   * @return this builder
   */
  public SparkProfiles words(String column, String high, String low) {
    words.put(column, new String[] {high, low});
    return this;
  }

  /**
   * Runs the aggregations and derives the profiles.
   *
   * @return the computed profiles
   * @throws InvalidOptionException if a column is missing or of the wrong type
   * @throws InvalidDataException if the data set is empty, a feature is null, a segment label is
   *     null or below -1, or a state is not a {@link BusinessState} name
   */
  public SegmentProfiles compute() {
    FeatureFrame.of(data.schema(), columns, null, null);
    if (!extras.isEmpty()) {
      FeatureFrame.of(data.schema(), extras, null, null);
    }
    FeatureFrame.of(data.schema(), List.of(segmentColumn), null, null);
    Column group = functions.col(segmentColumn);
    if (atypicalColumn != null
        && !(List.of(data.schema().fieldNames()).contains(atypicalColumn)
            && data.schema().apply(atypicalColumn).dataType() == DataTypes.BooleanType)) {
      throw new InvalidOptionException(
          "atypical", atypicalColumn, "must be a boolean column of the data set (true = atypical)");
    }
    if (atypicalColumn != null) {
      group = functions.when(functions.col(atypicalColumn), functions.lit(-1)).otherwise(group);
    }
    Dataset<Row> grouped = data.withColumn("__group", group.cast(DataTypes.IntegerType));
    int d = columns.size();

    List<Column> population = new ArrayList<>();
    population.add(functions.count(functions.lit(1)));
    population.add(functions.count(functions.col(segmentColumn)));
    population.add(functions.min(functions.col(segmentColumn)));
    population.add(functions.max(functions.col(segmentColumn)));
    for (String c : columns) {
      population.add(functions.count(functions.col(c)));
      population.add(functions.avg(number(c)));
      population.add(functions.stddev_pop(number(c)));
    }
    Row all = FeatureFrame.run(() -> aggregate(grouped.groupBy(), population).first());
    long n = all.getLong(0);
    if (n == 0) {
      throw new InvalidDataException("the data set is empty: there is nothing to profile");
    }
    if (all.getLong(1) != n) {
      throw new InvalidDataException(
          "segment column '" + segmentColumn + "' is null in " + (n - all.getLong(1)) + " rows");
    }
    if (((Number) all.get(2)).longValue() < -1) {
      throw new InvalidDataException(
          "segment column '" + segmentColumn + "' holds " + all.get(2) + ", below -1 (noise)");
    }
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (int j = 0; j < d; j++) {
      long nonNull = all.getLong(4 + 3 * j);
      if (nonNull != n) {
        throw new InvalidDataException(
            "column '"
                + columns.get(j)
                + "' is null in "
                + (n - nonNull)
                + " rows; filter or fill them before profiling");
      }
      mean[j] = all.getDouble(5 + 3 * j);
      sd[j] = all.getDouble(6 + 3 * j);
    }

    List<Column> perGroup = new ArrayList<>();
    perGroup.add(functions.count(functions.lit(1)));
    for (String c : columns) {
      perGroup.add(functions.avg(number(c)));
    }
    for (String c : columns) {
      perGroup.add(functions.percentile(number(c), functions.lit(0.5)));
    }
    for (String e : extras) {
      perGroup.add(functions.avg(number(e)));
    }
    List<Row> rows =
        FeatureFrame.run(
            () -> aggregate(grouped.groupBy(functions.col("__group")), perGroup).collectAsList());
    Map<Integer, int[]> states = stateCounts(grouped);
    // as locally: one profile per label up to the largest, even if the atypical flag emptied it
    int k = (int) Math.max(0, ((Number) all.get(3)).longValue() + 1);
    SegmentProfiles.Statistics[] bySegment = new SegmentProfiles.Statistics[k];
    SegmentProfiles.Statistics outside = null;
    int e = extras.size();
    for (Row r : rows) {
      int label = r.getInt(0);
      long size = r.getLong(1);
      double[] m = new double[d];
      double[] med = new double[d];
      double[] x = new double[e];
      for (int j = 0; j < d; j++) {
        m[j] = r.getDouble(2 + j);
        med[j] = r.getDouble(2 + d + j);
      }
      for (int q = 0; q < e; q++) {
        x[q] = r.isNullAt(2 + 2 * d + q) ? Double.NaN : r.getDouble(2 + 2 * d + q);
      }
      int[] counts = states == null ? new int[0] : states.getOrDefault(label, new int[nStates()]);
      SegmentProfiles.Statistics s = new SegmentProfiles.Statistics(label, size, m, med, x, counts);
      if (label < 0) {
        outside = s;
      } else {
        bySegment[label] = s;
      }
    }
    for (int c = 0; c < k; c++) {
      if (bySegment[c] == null) {
        double[] nan = new double[d];
        Arrays.fill(nan, Double.NaN);
        double[] extraNan = new double[e];
        Arrays.fill(extraNan, Double.NaN);
        bySegment[c] =
            new SegmentProfiles.Statistics(
                c, 0, nan, nan, extraNan, states == null ? new int[0] : new int[nStates()]);
      }
    }
    SegmentProfiles out =
        SegmentProfiles.ofStatistics(columns, extras, n, mean, sd, List.of(bySegment), outside);
    for (Map.Entry<String, String[]> w : words.entrySet()) {
      out.words(w.getKey(), w.getValue()[0], w.getValue()[1]);
    }
    return out.compute();
  }

  private static Dataset<Row> aggregate(
      org.apache.spark.sql.RelationalGroupedDataset by, List<Column> columns) {
    return by.agg(columns.get(0), columns.subList(1, columns.size()).toArray(new Column[0]));
  }

  /**
   * Any numeric type (decimals, integers) is described as doubles, as the local library sees it.
   */
  private static Column number(String column) {
    return functions.col(column).cast(DataTypes.DoubleType);
  }

  private static int nStates() {
    return BusinessState.values().length;
  }

  private Map<Integer, int[]> stateCounts(Dataset<Row> grouped) {
    if (stateColumn == null) {
      return null;
    }
    List<Row> rows =
        FeatureFrame.run(
            () ->
                grouped
                    .groupBy(functions.col("__group"), functions.col(stateColumn))
                    .count()
                    .collectAsList());
    Map<Integer, int[]> out = new HashMap<>();
    for (Row r : rows) {
      String name = r.isNullAt(1) ? null : r.getString(1);
      BusinessState state;
      try {
        state = BusinessState.valueOf(Objects.requireNonNull(name, "null"));
      } catch (IllegalArgumentException | NullPointerException ex) {
        throw new InvalidDataException(
            "state column '"
                + stateColumn
                + "' holds '"
                + name
                + "', not one of "
                + Arrays.toString(BusinessState.values()),
            ex);
      }
      out.computeIfAbsent(r.getInt(0), g -> new int[nStates()])[state.code()] +=
          Math.toIntExact(r.getLong(2));
    }
    return out;
  }
}
