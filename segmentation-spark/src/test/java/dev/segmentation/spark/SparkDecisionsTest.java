package dev.segmentation.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.customer.Holdout;
import dev.segmentation.customer.decide.Condition;
import dev.segmentation.customer.decide.CustomerColumns;
import dev.segmentation.customer.decide.DecisionRules;
import dev.segmentation.customer.propensity.Calibrator;
import dev.segmentation.customer.propensity.LogisticRegression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Issue 21, item 6: propensities and rule tables on Spark equal the local library's. */
class SparkDecisionsTest {
  static final int N = 600;
  static final String[] STATES = {"NEW", "ACTIVE", "LAPSING", "CHURNED"};

  /** The same customers as a Spark table and as local arrays. */
  static final class Table {
    final Dataset<Row> spark;
    final double[] x;
    final int[] y;
    final String[] state;
    final double[] score;

    Table(Dataset<Row> spark, double[] x, int[] y, String[] state, double[] score) {
      this.spark = spark;
      this.x = x;
      this.y = y;
      this.state = state;
      this.score = score;
    }

    Dataset<Row> spark() {
      return spark;
    }

    double[] x() {
      return x;
    }

    int[] y() {
      return y;
    }

    String[] state() {
      return state;
    }

    double[] score() {
      return score;
    }
  }

  static Table table() {
    SplittableRandom rng = new SplittableRandom(11);
    double[] x = new double[N * 3];
    int[] y = new int[N];
    String[] state = new String[N];
    double[] score = new double[N];
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      double a = rng.nextDouble(0, 300);
      double b = rng.nextInt(12);
      double c = Math.round(rng.nextDouble(5, 200) * 100) / 100.0;
      x[i * 3] = a;
      x[i * 3 + 1] = b;
      x[i * 3 + 2] = c;
      double eta = 1 - a / 80 + b / 3 + rng.nextGaussian();
      y[i] = eta > 0 ? 1 : 0;
      state[i] = i % 37 == 0 ? null : STATES[rng.nextInt(4)];
      // NaN and null scores satisfy no comparison, locally and on Spark
      score[i] = i % 29 == 0 ? Double.NaN : 1 + rng.nextInt(5);
      rows.add(
          RowFactory.create(
              "c" + i, a, b, c, state[i], i % 31 == 0 ? null : Double.valueOf(score[i])));
      if (i % 31 == 0) {
        score[i] = Double.NaN;
      }
    }
    StructType schema =
        new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("recency_days", DataTypes.DoubleType)
            .add("frequency", DataTypes.DoubleType)
            .add("monetary_mean", DataTypes.DoubleType)
            .add("state", DataTypes.StringType)
            .add("m_score", DataTypes.DoubleType);
    return new Table(
        SparkTesting.spark().createDataFrame(rows, schema).repartition(3), x, y, state, score);
  }

  @Test
  void propensitiesEqualTheLocalOnesWithAndWithoutCalibration() {
    Table t = table();
    dev.segmentation.api.Dataset local =
        dev.segmentation.api.Dataset.ofRowMajor(
            t.x(), N, List.of("recency_days", "frequency", "monetary_mean"));
    LogisticRegression m = LogisticRegression.fitter().c(0.5).fit(local, t.y());
    double[] p = m.probabilities(local);
    for (Calibrator cal :
        new Calibrator[] {null, Calibrator.platt(p, t.y()), Calibrator.isotonic(p, t.y())}) {
      Map<String, Row> byId = new HashMap<>();
      for (Row r :
          SparkPropensity.score(t.spark(), m, cal, 2)
              .select("customer_id", "probability", "reason")
              .collectAsList()) {
        byId.put(r.getString(0), r);
      }
      assertThat(byId).hasSize(N);
      for (int i = 0; i < N; i++) {
        Row r = byId.get("c" + i);
        double want = cal == null ? p[i] : cal.apply(p[i]);
        assertThat(r.getDouble(1)).as("c" + i).isCloseTo(want, offset(1e-12));
        String top = m.explain(local.row(i), 1).get(0).feature();
        assertThat(r.getString(2)).as("c" + i).startsWith(top + " ");
        assertThat(r.getString(2).split("; ", -1)).hasSize(2);
      }
    }
    assertThatThrownBy(() -> SparkPropensity.score(t.spark().drop("frequency"), m, null, 3))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("'frequency'");
  }

  @Test
  void theRuleTableEqualsTheLocalPlacementAndLeavesOptOutsOut() {
    Table t = table();
    DecisionRules rules =
        DecisionRules.builder()
            .exclude("staff", Condition.listed("staff", List.of("c5", "c6", "nobody")))
            .segment(
                "lapsed high value",
                Condition.all(
                    Condition.in("state", "LAPSING", "CHURNED"), Condition.atLeast("m_score", 4)))
            .segment(
                "new or blank state",
                Condition.any(
                    Condition.in("state", "NEW", ""), Condition.below("recency_days", 10)))
            .segment("scored 1.0", Condition.in("m_score", "1.0"))
            .build();
    List<String> optOut = List.of("c1", "c2", "c400");
    Holdout hold = Holdout.of("spring", 0.2);
    List<Row> placed =
        SparkDecisions.apply(t.spark(), rules, "customer_id", optOut, hold)
            .select("customer_id", "decision_index", "decision", "action", "holdout")
            .collectAsList();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      ids.add("c" + i);
    }
    String[] states = new String[N];
    for (int i = 0; i < N; i++) {
      states[i] = t.state()[i] == null ? "" : t.state()[i];
    }
    double[] recency = new double[N];
    for (int i = 0; i < N; i++) {
      recency[i] = t.x()[i * 3];
    }
    CustomerColumns columns =
        CustomerColumns.of(
            ids, Map.of("m_score", t.score(), "recency_days", recency), Map.of("state", states));
    int[] want = rules.apply(columns, optOut);
    assertThat(placed).hasSize(N - 3);
    int[] seen = new int[rules.rules().size() + 1];
    for (Row r : placed) {
      int i = Integer.parseInt(r.getString(0).substring(1));
      assertThat(want[i]).as(r.getString(0)).isNotEqualTo(-2);
      assertThat(r.getInt(1)).as(r.getString(0)).isEqualTo(want[i]);
      assertThat(r.getString(2))
          .isEqualTo(want[i] < 0 ? "no action" : rules.rules().get(want[i]).name());
      assertThat(r.getBoolean(4)).isEqualTo(hold.isHeldOut(r.getString(0), 0));
      seen[want[i] + 1]++;
    }
    // every rule and no action took someone: the comparison covers each path
    assertThat(java.util.Arrays.stream(seen).min().orElseThrow())
        .as(java.util.Arrays.toString(seen))
        .isPositive();
    assertThatThrownBy(
            () ->
                SparkDecisions.apply(
                    t.spark(),
                    DecisionRules.builder().segment("bad", Condition.atLeast("state", 1)).build(),
                    "customer_id",
                    List.of(),
                    null))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("rule 'bad'")
        .hasMessageContaining("use in");
  }
}
