package dev.segmentation.spark;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.data.Messages;
import dev.segmentation.customer.Holdout;
import dev.segmentation.customer.decide.Condition;
import dev.segmentation.customer.decide.DecisionRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;

/**
 * A decision rule table ({@link DecisionRules}) applied to a customer table on Spark, with the
 * local semantics: each customer lands in the first rule whose condition holds, or in no action; a
 * null or NaN number satisfies no comparison; text compares as written (a null as blank); opted-out
 * customers are removed before any rule (a left anti join) and appear in no row of the result;
 * {@code listed} conditions join their ids (broadcast). Every rule is checked against the table's
 * schema first, with errors naming the rule.
 *
 * <pre>{@code
 * Dataset<Row> placed = SparkDecisions.apply(customers, DecisionRules.read(path), "customer_id",
 *     optOutIds, Holdout.of("spring", 0.1));
 * placed.filter("action = 'segment'").write().partitionBy("decision").csv("audiences/");
 * }</pre>
 *
 * <p>Adds {@code decision} (the rule's name, or {@code "no action"}), {@code decision_index} (its
 * position, -1 for no action), {@code action} ({@code segment}, {@code exclude} or {@code none}),
 * {@code reason} and, with a holdout, {@code holdout} (the flag {@code segment decide} writes:
 * {@link Holdout#isHeldOut} of the id in segment 0). One pass plus one join per list. Stateless.
 */
public final class SparkDecisions {
  private SparkDecisions() {}

  /**
   * Places every customer.
   *
   * @param customers one row per customer
   * @param rules the rule table
   * @param idColumn the customer id column (any type, read as text)
   * @param optOut ids removed from the result
   * @param holdout the holdout to flag, or null for no {@code holdout} column
   * @return the customers not opted out, with their decision columns
   * @throws InvalidOptionException if a column is missing, an output column exists, or a rule does
   *     not fit the schema (naming the rule)
   */
  public static Dataset<Row> apply(
      Dataset<Row> customers,
      DecisionRules rules,
      String idColumn,
      Collection<String> optOut,
      Holdout holdout) {
    Objects.requireNonNull(customers, "customers");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(optOut, "optOut");
    List<String> names = List.of(customers.schema().fieldNames());
    if (!names.contains(idColumn)) {
      throw new InvalidOptionException(
          "id column", "'" + idColumn + "'", "is not a column of the table " + names);
    }
    for (String out : List.of("decision", "decision_index", "action", "reason", "holdout")) {
      if (names.contains(out)) {
        throw new InvalidOptionException(
            "customers", "column '" + out + "'", "exists already; drop or rename it first");
      }
    }
    Column id = functions.col(idColumn).cast(DataTypes.StringType);
    Dataset<Row> data = customers;
    if (!optOut.isEmpty()) {
      Dataset<Row> out =
          customers
              .sparkSession()
              .createDataset(new ArrayList<>(optOut), Encoders.STRING())
              .distinct()
              .toDF("__opt_out");
      data = data.join(functions.broadcast(out), id.equalTo(out.col("__opt_out")), "left_anti");
    }
    List<Dataset<Row>> lists = new ArrayList<>();
    List<Column> conditions = new ArrayList<>();
    for (DecisionRules.Rule r : rules.rules()) {
      conditions.add(column(r.when(), data, "rule '" + r.name() + "'", lists));
    }
    for (int k = 0; k < lists.size(); k++) {
      Dataset<Row> list = lists.get(k);
      data =
          data.join(functions.broadcast(list), id.equalTo(list.col("__listed_id_" + k)), "left")
              .drop("__listed_id_" + k);
    }
    Column index = functions.lit(-1);
    Column decision = functions.lit("no action");
    Column action = functions.lit("none");
    Column reason = functions.lit("no rule applies");
    for (int k = rules.rules().size() - 1; k >= 0; k--) {
      DecisionRules.Rule r = rules.rules().get(k);
      Column c = functions.coalesce(conditions.get(k), functions.lit(false));
      index = functions.when(c, k).otherwise(index);
      decision = functions.when(c, r.name()).otherwise(decision);
      action = functions.when(c, r.action().name().toLowerCase(Locale.ROOT)).otherwise(action);
      reason = functions.when(c, r.reason()).otherwise(reason);
    }
    data =
        data.withColumn("decision_index", index)
            .withColumn("decision", decision)
            .withColumn("action", action)
            .withColumn("reason", reason);
    for (int k = 0; k < lists.size(); k++) {
      data = data.drop("__listed_" + k);
    }
    if (holdout != null) {
      Shipped.HoldoutRule rule = new Shipped.HoldoutRule(holdout);
      UDF1<String, Boolean> flag =
          v -> {
            if (v == null) {
              throw new InvalidDataException(
                  "id column '" + idColumn + "' is null; every customer needs an id");
            }
            return rule.get().isHeldOut(v, 0);
          };
      data = data.withColumn("holdout", functions.udf(flag, DataTypes.BooleanType).apply(id));
    }
    return data;
  }

  /** The condition as a boolean column (null where a number is null, which no rule takes). */
  private static Column column(
      Condition when, Dataset<Row> data, String where, List<Dataset<Row>> lists) {
    if (when instanceof Condition.Compare c) {
      known(data, c.column(), where);
      if (!(data.schema().apply(c.column()).dataType() instanceof NumericType)) {
        throw new InvalidOptionException(
            where,
            "'" + c.column() + " " + c.op() + " " + c.value() + "'",
            "compares a text column; use in");
      }
      Column x = functions.col(c.column()).cast(DataTypes.DoubleType);
      Column test =
          switch (c.op()) {
            case ">" -> x.gt(c.value());
            case ">=" -> x.geq(c.value());
            case "<" -> x.lt(c.value());
            case "<=" -> x.leq(c.value());
            case "==" -> x.equalTo(c.value());
            default -> x.notEqual(c.value());
          };
      // Spark orders NaN above every number; locally NaN satisfies no comparison
      return test.and(functions.not(functions.isnan(x)));
    }
    if (when instanceof Condition.In c) {
      known(data, c.column(), where);
      Column v;
      if (data.schema().apply(c.column()).dataType() instanceof NumericType) {
        // locally a number's text is Java's Double.toString, which is how the values were kept
        UDF1<Double, String> text = d -> Double.toString(d == null ? Double.NaN : d);
        v =
            functions
                .udf(text, DataTypes.StringType)
                .apply(functions.col(c.column()).cast(DataTypes.DoubleType));
      } else {
        v =
            functions.coalesce(
                functions.col(c.column()).cast(DataTypes.StringType), functions.lit(""));
      }
      Column in = v.isin(c.values().toArray());
      return c.negated() ? functions.not(in) : in;
    }
    if (when instanceof Condition.Listed c) {
      int k = lists.size();
      lists.add(
          data.sparkSession()
              .createDataset(new ArrayList<>(c.ids()), Encoders.STRING())
              .toDF("__listed_id_" + k)
              .withColumn("__listed_" + k, functions.lit(true)));
      return functions.coalesce(functions.col("__listed_" + k), functions.lit(false));
    }
    if (when instanceof Condition.All c) {
      Column all = functions.lit(true);
      for (Condition part : c.parts()) {
        all = all.and(functions.coalesce(column(part, data, where, lists), functions.lit(false)));
      }
      return all;
    }
    if (when instanceof Condition.Any c) {
      Column any = functions.lit(false);
      for (Condition part : c.parts()) {
        any = any.or(functions.coalesce(column(part, data, where, lists), functions.lit(false)));
      }
      return any;
    }
    throw new IllegalStateException("unknown condition " + when);
  }

  private static void known(Dataset<Row> data, String column, String where) {
    List<String> names = List.of(data.schema().fieldNames());
    if (!names.contains(column)) {
      throw new InvalidOptionException(
          where,
          "column '" + Messages.cut(column) + "'",
          "is not a column of the customers " + Messages.cut(names.toString()));
    }
  }
}
