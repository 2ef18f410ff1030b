package dev.segmentation.spark;

import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.customer.profile.Explainer;
import dev.segmentation.dbscan.CoreExplanation;
import dev.segmentation.dbscan.DbscanModel;
import dev.segmentation.hierarchical.HierarchicalModel;
import dev.segmentation.io.ModelFiles;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.som.SomModel;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Scores a Spark data set with any saved model: adds the segment of every row, its distance to that
 * segment and the margin to the runner-up, and its soft membership of every segment, keeping every
 * column of the input. The model travels to the executors once, as its model file ({@link
 * ModelFiles}) in a broadcast variable, and is read once per executor. Start from {@link
 * SparkSegmentation#scorer(SegmentModel)} or {@link SparkSegmentation#assign}.
 *
 * <p><b>Columns</b> (names configurable; the default names are those below):
 *
 * <ul>
 *   <li>{@code segment} (int): {@link SegmentModel#assign}, {@code -1} for DBSCAN noise.
 *   <li>{@code distance} (double): the squared distance in the model's preprocessed space to the
 *       segment's nearest prototype (centroid, unit); for DBSCAN the distance to the nearest core
 *       point. Null for models that have neither.
 *   <li>{@code margin} (double): the runner-up segment's squared distance minus the own one (how
 *       firmly the customer belongs, {@code >= 0}; 0 with one segment); for DBSCAN {@code eps -
 *       distance} (negative for noise).
 *   <li>{@code membership} (array of double): the soft membership of every segment ({@link
 *       Explainer#membership}), with the given temperature or, by default, the mean squared
 *       distance of the rows to their own segment, as {@code Explainer.memberships(data)} computes
 *       it locally (one extra pass over the data). Null for DBSCAN models.
 * </ul>
 *
 * <p>Every value equals what the local library computes for the same row. A row with a null or
 * non-finite feature fails the job with an error naming the column and the row: the columns are
 * lazy, so the failure comes from the action that reads them, as Spark's {@code SparkException}
 * whose cause is the library's {@link InvalidDataException} (the default temperature's pass runs in
 * {@link #assign} itself and throws the library's exception directly).
 *
 * <p><b>Cost.</b> O(n p d) for {@code p} prototypes, in one pass (two with the default
 * temperature). Immutable settings are copied at {@link #assign}; the builder is meant for one
 * thread.
 */
public final class SparkScorer {
  private final SegmentModel model;
  private String segmentColumn = "segment";
  private String distanceColumn = "distance";
  private String marginColumn = "margin";
  private String membershipColumn = "membership";
  private double temperature = Double.NaN;
  private String idColumn;

  SparkScorer(SegmentModel model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  /**
   * Names the segment column.
   *
   * @param name a column name not in the input; default {@code segment}
   * @return this scorer
   */
  public SparkScorer segmentColumn(String name) {
    this.segmentColumn = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * Names the distance column, or leaves it out.
   *
   * @param name a column name not in the input, or null for none; default {@code distance}
   * @return this scorer
   */
  public SparkScorer distanceColumn(String name) {
    this.distanceColumn = name;
    return this;
  }

  /**
   * Names the margin column, or leaves it out.
   *
   * @param name a column name not in the input, or null for none; default {@code margin}
   * @return this scorer
   */
  public SparkScorer marginColumn(String name) {
    this.marginColumn = name;
    return this;
  }

  /**
   * Names the membership column, or leaves it out (which also saves the temperature pass).
   *
   * @param name a column name not in the input, or null for none; default {@code membership}
   * @return this scorer
   */
  public SparkScorer membershipColumn(String name) {
    this.membershipColumn = name;
    return this;
  }

  /**
   * Sets the temperature of the soft memberships.
   *
   * @param tau {@code > 0}, or NaN for the default (the mean squared distance to the own segment)
   * @return this scorer
   * @throws InvalidOptionException if {@code tau} is neither NaN nor positive and finite
   */
  public SparkScorer temperature(double tau) {
    if (!Double.isNaN(tau) && !(tau > 0 && Double.isFinite(tau))) {
      throw new InvalidOptionException("temperature", tau, "must be finite and > 0, or NaN");
    }
    this.temperature = tau;
    return this;
  }

  /**
   * Names a column of customer ids, used in error messages to point at a bad row.
   *
   * @param name the column; null for none (default)
   * @return this scorer
   */
  public SparkScorer idColumn(String name) {
    this.idColumn = name;
    return this;
  }

  /**
   * Returns {@code data} with the scoring columns appended. Lazy, like any Spark transformation,
   * except for the temperature pass when the memberships use the default temperature.
   *
   * @param data rows holding every column of the model (by name; more columns and any order are
   *     fine)
   * @return a new data set: the input's columns, then the scoring columns
   * @throws DimensionMismatchException if a column of the model is missing
   * @throws InvalidOptionException if a column is not numeric or an output column already exists
   * @throws InvalidDataException if a value is null or not finite (naming the column and row)
   */
  public Dataset<Row> assign(Dataset<Row> data) {
    StructType schema = data.schema();
    List<String> names = List.of(schema.fieldNames());
    for (String c : model.columnNames()) {
      if (!names.contains(c)) {
        throw new DimensionMismatchException(
            "column '"
                + c
                + "' of the model is missing from the data set, which has "
                + names
                + "; score rows with the columns the model was trained on");
      }
    }
    FeatureFrame frame = FeatureFrame.of(schema, model.columnNames(), null, idColumn);
    int[] at = new int[model.columnNames().size()];
    for (int j = 0; j < at.length; j++) {
      at[j] = schema.fieldIndex(model.columnNames().get(j));
    }
    int idAt = idColumn == null ? -1 : schema.fieldIndex(idColumn);
    boolean prototypes = explainer(model) != null;
    boolean dbscan = model instanceof DbscanModel;
    boolean withDistance = distanceColumn != null && (prototypes || dbscan);
    boolean withMargin = marginColumn != null && (prototypes || dbscan);
    boolean withMembership = membershipColumn != null && prototypes;
    StructType out = schema.add(outputName(names, segmentColumn), DataTypes.IntegerType, false);
    if (withDistance) {
      out = out.add(outputName(names, distanceColumn), DataTypes.DoubleType, true);
    }
    if (withMargin) {
      out = out.add(outputName(names, marginColumn), DataTypes.DoubleType, true);
    }
    if (withMembership) {
      out =
          out.add(
              outputName(names, membershipColumn),
              DataTypes.createArrayType(DataTypes.DoubleType, false),
              true);
    }
    String json = ModelFiles.toJson(model);
    Broadcast<String> shipped =
        JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext()).broadcast(json);
    // Broadcast ids restart with every SparkContext in a JVM: the key adds the file's digest.
    String key = shipped.id() + "/" + digest(json);
    double tau = withMembership ? temperature(data, frame, shipped, key) : Double.NaN;
    Layout layout = new Layout(at, idAt, withDistance, withMargin, withMembership, tau);
    MapPartitionsFunction<Row, Row> scoring =
        rows -> score(rows, load(shipped, key), layout, frame);
    return data.mapPartitions(scoring, Encoders.row(out));
  }

  static String outputName(List<String> input, String name) {
    if (input.contains(name)) {
      throw new InvalidOptionException(
          "output column", name, "is already a column of the data set; choose another name");
    }
    return name;
  }

  /** Where the features are and what to add: the part of the scorer the executors need. */
  private static final class Layout implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int[] at;
    private final int idAt;
    private final boolean distance;
    private final boolean margin;
    private final boolean membership;
    private final double temperature;

    Layout(
        int[] at,
        int idAt,
        boolean distance,
        boolean margin,
        boolean membership,
        double temperature) {
      this.at = at;
      this.idAt = idAt;
      this.distance = distance;
      this.margin = margin;
      this.membership = membership;
      this.temperature = temperature;
    }

    int[] at() {
      return at;
    }

    int idAt() {
      return idAt;
    }

    boolean distance() {
      return distance;
    }

    boolean margin() {
      return margin;
    }

    boolean membership() {
      return membership;
    }

    double temperature() {
      return temperature;
    }
  }

  private static Iterator<Row> score(
      Iterator<Row> rows, SegmentModel model, Layout layout, FeatureFrame frame) {
    Explainer explainer = explainer(model);
    int extra = 1 + (layout.distance() ? 1 : 0) + (layout.margin() ? 1 : 0);
    extra += layout.membership() ? 1 : 0;
    int width = extra;
    return new Iterator<>() {
      long position;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row r = rows.next();
        double[] v = features(r, layout, frame, position++);
        int n = r.length();
        Object[] values = widened(r, width);
        int segment = model.assign(v);
        int o = n;
        values[o++] = segment;
        if (model instanceof DbscanModel db) {
          CoreExplanation e = db.explain(v);
          if (layout.distance()) {
            values[o++] = e.distance();
          }
          if (layout.margin()) {
            values[o++] = e.eps() - e.distance();
          }
        } else if (explainer != null) {
          double[] dist = explainer.distances(v);
          if (layout.distance()) {
            values[o++] = dist[segment];
          }
          if (layout.margin()) {
            values[o++] = margin(dist, segment);
          }
          if (layout.membership()) {
            values[o++] = explainer.membershipFromDistances(dist, layout.temperature());
          }
        }
        return RowFactory.create(values);
      }
    };
  }

  private static double[] features(Row r, Layout layout, FeatureFrame frame, long position) {
    double[] v = new double[layout.at().length];
    int bad = FeatureFrame.read(r, layout.at(), v, 0);
    if (bad >= 0) {
      throw FeatureFrame.badValue(
          where(r, layout, position), frame.columns.get(bad), r, layout.at()[bad], "scoring");
    }
    return v;
  }

  private static String where(Row r, Layout layout, long position) {
    return where(r, layout.idAt(), position);
  }

  /** The row's values with {@code extra} empty slots after them, for the scoring columns. */
  static Object[] widened(Row r, int extra) {
    int n = r.length();
    Object[] values = new Object[n + extra];
    for (int i = 0; i < n; i++) {
      values[i] = r.get(i);
    }
    return values;
  }

  /** A bad row in messages: by its id when there is an id column, else by its position. */
  static String where(Row r, int idAt, long position) {
    return idAt >= 0
        ? "row with id '" + r.get(idAt) + "'"
        : "row " + position + " of its partition";
  }

  /** The runner-up's distance minus the own one; 0 when there is no runner-up. */
  private static double margin(double[] dist, int segment) {
    double runnerUp = Double.POSITIVE_INFINITY;
    for (int s = 0; s < dist.length; s++) {
      if (s != segment) {
        runnerUp = Math.min(runnerUp, dist[s]);
      }
    }
    return dist.length == 1 ? 0 : runnerUp - dist[segment];
  }

  /** The default temperature: the mean over all rows of the squared distance to the own segment. */
  private double temperature(
      Dataset<Row> data, FeatureFrame frame, Broadcast<String> shipped, String key) {
    if (!Double.isNaN(temperature)) {
      return temperature;
    }
    int[] at = new int[frame.columns.size()];
    for (int j = 0; j < at.length; j++) {
      at[j] = j;
    }
    Layout features = new Layout(at, -1, false, false, false, Double.NaN);
    JavaRDD<Row> rowsOfFeatures = frame.select(data).javaRDD();
    double[] sum =
        FeatureFrame.run(
            () ->
                rowsOfFeatures
                    .mapPartitions(
                        rows -> {
                          Explainer e = explainer(load(shipped, key));
                          double s = 0;
                          long n = 0;
                          while (rows.hasNext()) {
                            double[] dist = e.distances(features(rows.next(), features, frame, n));
                            double min = Double.POSITIVE_INFINITY;
                            for (double v : dist) {
                              min = Math.min(min, v);
                            }
                            s += min;
                            n++;
                          }
                          return List.of(new double[] {s, n}).iterator();
                        })
                    .treeAggregate(
                        new double[2],
                        (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]},
                        (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]},
                        Passes.depth(rowsOfFeatures)));
    return sum[1] == 0 || sum[0] == 0 ? 1 : sum[0] / sum[1];
  }

  private static Explainer explainer(SegmentModel model) {
    if (model instanceof KMeansModel m) {
      return Explainer.of(m);
    }
    if (model instanceof SomModel m) {
      return Explainer.of(m);
    }
    if (model instanceof HierarchicalModel m) {
      return Explainer.of(m);
    }
    return null;
  }

  /** Models read on this executor, by broadcast id and digest: each is parsed once per JVM. */
  private static final Map<String, SegmentModel> LOADED = new ConcurrentHashMap<>();

  static SegmentModel load(Broadcast<String> shipped, String key) {
    if (LOADED.size() > 16) {
      LOADED.clear();
    }
    return LOADED.computeIfAbsent(key, k -> ModelFiles.fromJson(shipped.value(), "broadcast " + k));
  }

  static String digest(String text) {
    try {
      byte[] h =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(h);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
