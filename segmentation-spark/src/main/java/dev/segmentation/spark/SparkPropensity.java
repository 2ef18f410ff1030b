package dev.segmentation.spark;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.customer.propensity.Calibrator;
import dev.segmentation.customer.propensity.LogisticRegression;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;

/**
 * A fitted propensity model ({@link LogisticRegression}, optionally {@link Calibrator}) scoring a
 * customer table on Spark: the log-odds are one SQL expression of the model's standardisation and
 * weights, evaluated in the same order as the local {@link LogisticRegression#probability}, so each
 * probability equals the local one; a calibrator travels inside a user-defined function (its
 * numbers only). The explanation is the {@code top} largest contributions {@code w_j (x_j - mean_j)
 * / sd_j} to the log-odds, as {@link LogisticRegression#explain} ranks them. Train on the driver (a
 * labelled window of a few million customers fits in memory); score anywhere.
 *
 * <pre>{@code
 * LogisticRegression m = LogisticRegression.fitter().fit(window.features().dataset(),
 *     window.labels(LabelledWindow.Target.PURCHASE));
 * Dataset<Row> scored = SparkPropensity.score(customers, m, null, 3);
 * }</pre>
 *
 * <p>Adds {@code probability} (double; null where a feature is null) and {@code reason} (the top
 * features as {@code name value (+log-odds)}, separated by {@code "; "}). One pass, no shuffle.
 * Stateless.
 */
public final class SparkPropensity {
  private SparkPropensity() {}

  /**
   * Scores every row.
   *
   * @param customers a table with the model's feature columns (numeric)
   * @param model the fitted regression
   * @param calibrator applied to the probability, or null for none
   * @param top features named in each reason, {@code >= 1}
   * @return the table with {@code probability} and {@code reason}
   * @throws InvalidOptionException if a feature column is missing or not numeric, an output column
   *     exists already, or {@code top < 1}
   */
  public static Dataset<Row> score(
      Dataset<Row> customers, LogisticRegression model, Calibrator calibrator, int top) {
    Objects.requireNonNull(customers, "customers");
    Objects.requireNonNull(model, "model");
    if (top < 1) {
      throw new InvalidOptionException("top", Integer.toString(top), "must be at least 1");
    }
    List<String> names = List.of(customers.schema().fieldNames());
    for (String out : List.of("probability", "reason")) {
      if (names.contains(out)) {
        throw new InvalidOptionException(
            "customers", "column '" + out + "'", "exists already; drop or rename it first");
      }
    }
    List<String> columns = model.columns();
    for (String c : columns) {
      if (!names.contains(c)) {
        throw new InvalidOptionException(
            "customers", "column '" + c + "'", "is a feature of the model; the table has " + names);
      }
      if (!(customers.schema().apply(c).dataType() instanceof NumericType)) {
        throw new InvalidOptionException(
            "customers", "column '" + c + "'", "must be numeric for the model");
      }
    }
    double[] w = model.standardisedCoefficients();
    double[] mean = model.means();
    double[] scale = model.scales();
    Column eta = functions.lit(model.standardisedIntercept());
    List<Column> parts = new ArrayList<>();
    for (int j = 0; j < w.length; j++) {
      Column x = functions.col(columns.get(j)).cast(DataTypes.DoubleType);
      Column part = functions.lit(w[j]).multiply(x.minus(mean[j])).divide(scale[j]);
      eta = eta.plus(part);
      parts.add(
          functions.struct(
              functions.abs(part).as("size"),
              functions.lit(columns.get(j)).as("feature"),
              x.as("value"),
              part.as("log_odds")));
    }
    // the local sigmoid's two branches, so that the bits agree
    Column p =
        functions
            .when(eta.geq(0), functions.lit(1.0).divide(functions.exp(eta.multiply(-1)).plus(1)))
            .otherwise(functions.exp(eta).divide(functions.exp(eta).plus(1)));
    if (calibrator != null) {
      UDF1<Double, Double> calibrate = v -> v == null ? null : calibrator.apply(v);
      p = functions.udf(calibrate, DataTypes.DoubleType).apply(p);
    }
    Column ranked =
        functions.slice(
            functions.sort_array(functions.array(parts.toArray(new Column[0])), false), 1, top);
    Column reason =
        functions.concat_ws(
            "; ",
            functions.transform(
                ranked,
                s ->
                    functions.format_string(
                        "%s %s (%+.2f)",
                        s.getField("feature"),
                        s.getField("value").cast(DataTypes.StringType),
                        s.getField("log_odds"))));
    return customers.withColumn("probability", p).withColumn("reason", reason);
  }
}
