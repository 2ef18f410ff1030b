package dev.segmentation.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.segmentation.customer.TransactionLog;
import dev.segmentation.customer.clv.BgNbd;
import dev.segmentation.customer.clv.CalibrationSummary;
import dev.segmentation.customer.clv.CustomerValue;
import dev.segmentation.customer.clv.GammaGamma;
import dev.segmentation.customer.clv.TimeScale;
import java.time.LocalDate;
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

/** The calibration summary as Spark SQL and the scoring on executors equal the local library. */
class SparkClvTest {
  static final LocalDate START = LocalDate.of(2025, 1, 1);
  static final LocalDate END = START.plusDays(200);

  @Test
  void summaryAndScoresEqualTheLocalOnes() {
    SplittableRandom rng = new SplittableRandom(5);
    TransactionLog.Builder b = TransactionLog.builder();
    List<Row> rows = new ArrayList<>();
    for (int c = 0; c < 400; c++) {
      int lines = 1 + rng.nextInt(8);
      int first = rng.nextInt(260);
      for (int l = 0; l < lines; l++) {
        LocalDate day = START.plusDays(first + (l == 0 ? 0 : rng.nextInt(120)));
        double amount =
            l > 0 && rng.nextInt(10) == 0 ? -5 : Math.round(rng.nextDouble(1, 90) * 100) / 100.0;
        b.add("c" + c, day, amount);
        rows.add(RowFactory.create("c" + c, java.sql.Date.valueOf(day), amount));
      }
    }
    TransactionLog log = b.build();
    StructType schema =
        new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("date", DataTypes.DateType)
            .add("amount", DataTypes.DoubleType);
    Dataset<Row> table = SparkTesting.spark().createDataFrame(rows, schema).repartition(3);
    CalibrationSummary local = CalibrationSummary.until(END).scale(TimeScale.WEEKS).compute(log);
    Dataset<Row> summary =
        SparkClv.summary(table, "customer_id", "date", "amount", END, TimeScale.WEEKS);
    CalibrationSummary remote = SparkClv.collect(summary, TimeScale.WEEKS);
    assertThat(remote.size()).isEqualTo(local.size());
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < remote.size(); i++) {
      at.put(remote.customerIds().get(i), i);
    }
    for (int i = 0; i < local.size(); i++) {
      int j = at.get(local.customerIds().get(i));
      assertThat(remote.frequency(j)).isEqualTo(local.frequency(i));
      assertThat(remote.recency(j)).isCloseTo(local.recency(i), offset(1e-12));
      assertThat(remote.age(j)).isCloseTo(local.age(i), offset(1e-12));
      assertThat(remote.meanValue(j)).isCloseTo(local.meanValue(i), offset(1e-9));
    }
    BgNbd bg = BgNbd.fit(local);
    GammaGamma gg = GammaGamma.of(6.25, 3.74, 15.44);
    CustomerValue expected = CustomerValue.score(local, bg, gg, 26, 0.01);
    List<Row> scored = SparkClv.score(summary, bg, gg, 26, 0.01, TimeScale.WEEKS).collectAsList();
    assertThat(scored).hasSize(local.size());
    Map<String, Row> byId = new HashMap<>();
    for (Row r : scored) {
      byId.put(r.getString(0), r);
    }
    for (int i = 0; i < local.size(); i++) {
      Row r = byId.get(local.customerIds().get(i));
      assertThat(r.getDouble(5)).isCloseTo(expected.probabilityAlive(i), offset(1e-12));
      assertThat(r.getDouble(6)).isCloseTo(expected.expectedPurchases(i), offset(1e-12));
      assertThat(r.getDouble(8)).isCloseTo(expected.lifetimeValue(i), offset(1e-9));
    }
    assertThat(SparkClv.score(summary, bg, null, 26, 0.01, TimeScale.WEEKS).first().isNullAt(8))
        .isTrue();
  }
}
