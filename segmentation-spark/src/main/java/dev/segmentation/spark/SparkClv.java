package dev.segmentation.spark;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.customer.clv.BgNbd;
import dev.segmentation.customer.clv.CalibrationSummary;
import dev.segmentation.customer.clv.CustomerValue;
import dev.segmentation.customer.clv.GammaGamma;
import dev.segmentation.customer.clv.ParetoNbd;
import dev.segmentation.customer.clv.PurchaseModel;
import dev.segmentation.customer.clv.TimeScale;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The buy-till-you-die models ({@code dev.segmentation.customer.clv}) on Spark: the calibration
 * summary of a transaction table as Spark SQL aggregations, brought to the driver for the fits (a
 * summary is five numbers per customer: a million customers are 40 MB), and the scoring of a
 * summary table on the executors with fitted models, whose parameters are all that travels.
 *
 * <pre>{@code
 * Dataset<Row> summary = SparkClv.summary(transactions, "customer_id", "date", "amount",
 *     LocalDate.of(1997, 9, 30), TimeScale.WEEKS);
 * CalibrationSummary local = SparkClv.collect(summary, TimeScale.WEEKS);
 * BgNbd bg = BgNbd.fit(local);
 * GammaGamma spend = GammaGamma.fit(local);
 * Dataset<Row> scored = SparkClv.score(summary, bg, spend, 52, 0.01, TimeScale.WEEKS);
 * }</pre>
 *
 * <p>Summary columns: {@code customer_id} (string), {@code x} (int), {@code t_x}, {@code T}, {@code
 * mean_value} (double). Scores add {@code p_alive}, {@code expected_purchases}, {@code
 * expected_value} and {@code clv} (null without a spend model). Every value equals the local
 * library's on the same lines. Stateless.
 */
public final class SparkClv {
  private SparkClv() {}

  /**
   * Summarises a transaction table up to a calibration end, as {@link CalibrationSummary.Builder}
   * does without order ids: a purchase is a customer-day with a sale line (amount {@code >= 0});
   * refunds (negative amounts) are not purchases. Customers whose first purchase is after the end
   * are not in the result.
   *
   * @param transactions one row per line
   * @param customerColumn the customer id column (any type; written as a string)
   * @param dateColumn a date or timestamp column (the day is kept)
   * @param amountColumn a numeric amount column
   * @param calibrationEnd the last day of calibration, inclusive
   * @param scale the unit of t_x and T
   * @return the summary, one row per customer
   * @throws InvalidOptionException if a column is missing
   */
  public static Dataset<Row> summary(
      Dataset<Row> transactions,
      String customerColumn,
      String dateColumn,
      String amountColumn,
      LocalDate calibrationEnd,
      TimeScale scale) {
    Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    Objects.requireNonNull(scale, "scale");
    List<String> names = List.of(transactions.schema().fieldNames());
    for (String c : List.of(customerColumn, dateColumn, amountColumn)) {
      if (!names.contains(c)) {
        throw new InvalidOptionException("column", "'" + c + "'", "must be one of " + names);
      }
    }
    Column day = functions.to_date(functions.col(dateColumn));
    Column end = functions.lit(java.sql.Date.valueOf(calibrationEnd));
    Dataset<Row> purchases =
        transactions
            .filter(functions.col(amountColumn).geq(0).and(day.leq(end)))
            .groupBy(functions.col(customerColumn).cast("string").as("customer_id"), day.as("day"))
            .agg(functions.sum(functions.col(amountColumn).cast("double")).as("value"));
    double unit = scale.days();
    Dataset<Row> perCustomer =
        purchases
            .groupBy("customer_id")
            .agg(
                functions.min("day").as("first"),
                functions.max("day").as("last"),
                functions.count("*").as("n"),
                functions.sum("value").as("total"),
                functions.min_by(functions.col("value"), functions.col("day")).as("first_value"));
    Column x = functions.col("n").minus(1).cast("int");
    return perCustomer.select(
        functions.col("customer_id"),
        x.as("x"),
        functions.datediff(functions.col("last"), functions.col("first")).divide(unit).as("t_x"),
        functions.datediff(end, functions.col("first")).divide(unit).as("T"),
        functions
            .when(x.gt(0), functions.col("total").minus(functions.col("first_value")).divide(x))
            .otherwise(0.0)
            .as("mean_value"));
  }

  /**
   * Brings a summary table to the driver, for the fits.
   *
   * @param summary a table with the columns of {@link #summary}
   * @param scale the unit of its t_x and T
   * @return the local summary, checked as {@link CalibrationSummary#of} checks
   * @throws InvalidDataException as {@link CalibrationSummary#of}
   */
  public static CalibrationSummary collect(Dataset<Row> summary, TimeScale scale) {
    List<Row> rows = summary.select("customer_id", "x", "t_x", "T", "mean_value").collectAsList();
    return toLocal(rows, scale);
  }

  private static CalibrationSummary toLocal(List<Row> rows, TimeScale scale) {
    int n = rows.size();
    List<String> ids = new ArrayList<>(n);
    int[] x = new int[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      ids.add(String.valueOf(r.get(0)));
      x[i] = ((Number) r.get(1)).intValue();
      tx[i] = ((Number) r.get(2)).doubleValue();
      t[i] = ((Number) r.get(3)).doubleValue();
      v[i] = ((Number) r.get(4)).doubleValue();
    }
    return CalibrationSummary.of(ids, x, tx, t, v, scale);
  }

  /**
   * Scores a summary table on the executors: each partition is scored as {@link
   * CustomerValue#score} scores a local summary.
   *
   * @param summary a table with the columns of {@link #summary}
   * @param model a fitted BG/NBD or Pareto/NBD
   * @param spend a fitted Gamma-Gamma, or null (then {@code expected_value} and {@code clv} are
   *     null)
   * @param horizon in the summary's unit, {@code > 0}
   * @param monthlyDiscount per month of 30 days, {@code >= 0}
   * @param scale the unit of the summary's t_x and T (and of the horizon)
   * @return the summary's columns and {@code p_alive}, {@code expected_purchases}, {@code
   *     expected_value}, {@code clv}
   * @throws InvalidOptionException if the horizon or the discount is out of range
   */
  public static Dataset<Row> score(
      Dataset<Row> summary,
      PurchaseModel model,
      GammaGamma spend,
      double horizon,
      double monthlyDiscount,
      TimeScale scale) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(scale, "scale");
    if (!(horizon > 0) || !Double.isFinite(horizon)) {
      throw new InvalidOptionException("horizon", Double.toString(horizon), "must be > 0");
    }
    if (!(monthlyDiscount >= 0) || !Double.isFinite(monthlyDiscount)) {
      throw new InvalidOptionException(
          "discount", Double.toString(monthlyDiscount), "must be a finite rate >= 0");
    }
    // the parameters are all a model is: they travel as numbers, the models are rebuilt there
    boolean bg = model instanceof BgNbd;
    double[] p = parameters(model);
    double[] g = spend == null ? null : new double[] {spend.p(), spend.q(), spend.gamma()};
    Dataset<Row> in = summary.select("customer_id", "x", "t_x", "T", "mean_value");
    StructType out =
        in.schema()
            .add("p_alive", DataTypes.DoubleType, false)
            .add("expected_purchases", DataTypes.DoubleType, false)
            .add("expected_value", DataTypes.DoubleType, true)
            .add("clv", DataTypes.DoubleType, true);
    MapPartitionsFunction<Row, Row> scoring =
        rows -> scorePartition(rows, bg, p, g, horizon, monthlyDiscount, scale);
    return in.mapPartitions(scoring, Encoders.row(out));
  }

  private static double[] parameters(PurchaseModel model) {
    if (model instanceof BgNbd b) {
      return new double[] {b.r(), b.alpha(), b.a(), b.b()};
    }
    if (model instanceof ParetoNbd q) {
      return new double[] {q.r(), q.alpha(), q.s(), q.beta()};
    }
    throw new InvalidOptionException(
        "model", model.getClass().getName(), "must be a BgNbd or ParetoNbd of this library");
  }

  private static Iterator<Row> scorePartition(
      Iterator<Row> rows,
      boolean bg,
      double[] p,
      double[] g,
      double horizon,
      double discount,
      TimeScale scale) {
    List<Row> part = new ArrayList<>();
    rows.forEachRemaining(part::add);
    if (part.isEmpty()) {
      return part.iterator();
    }
    PurchaseModel model =
        bg ? BgNbd.of(p[0], p[1], p[2], p[3]) : ParetoNbd.of(p[0], p[1], p[2], p[3]);
    GammaGamma spend = g == null ? null : GammaGamma.of(g[0], g[1], g[2]);
    CustomerValue v = CustomerValue.score(toLocal(part, scale), model, spend, horizon, discount);
    List<Row> out = new ArrayList<>(part.size());
    for (int i = 0; i < part.size(); i++) {
      Row r = part.get(i);
      out.add(
          RowFactory.create(
              r.get(0),
              r.get(1),
              r.get(2),
              r.get(3),
              r.get(4),
              v.probabilityAlive(i),
              v.expectedPurchases(i),
              spend == null ? null : v.expectedValue(i),
              spend == null ? null : v.lifetimeValue(i)));
    }
    return out.iterator();
  }
}
