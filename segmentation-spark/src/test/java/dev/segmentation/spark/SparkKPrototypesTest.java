package dev.segmentation.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.Segmentation;
import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.MixedDataset;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.kprototypes.KPrototypesExplanation;
import dev.segmentation.kprototypes.KPrototypesModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Issue 24: k-prototypes scoring of a customer table on Spark equals the local model's. */
class SparkKPrototypesTest {

  @Test
  void everyRowScoresAsTheLocalModelScoresIt() {
    int n = 600;
    Random r = new Random(11);
    double[] spend = new double[n];
    double[] visits = new double[n];
    String[] channel = new String[n];
    String[] region = new String[n];
    String[] channels = {"web", "app", "store"};
    for (int i = 0; i < n; i++) {
      int g = i % 3;
      spend[i] = 30 + 50 * g + r.nextGaussian() * 10;
      visits[i] = 1 + g * 2 + r.nextInt(3);
      channel[i] = r.nextInt(10) < 8 ? channels[g] : channels[r.nextInt(3)];
      region[i] = "r" + r.nextInt(4);
    }
    MixedDataset train =
        MixedDataset.builder(n)
            .numeric("spend", spend)
            .numeric("visits", visits)
            .categorical("channel", channel)
            .categorical("region", region)
            .build();
    KPrototypesModel model =
        Segmentation.kprototypes().k(3).preprocess(Scaling.standard()).fit(train).model();

    SparkSession spark = SparkTesting.spark();
    StructType schema =
        new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("spend", DataTypes.DoubleType, false)
            .add("visits", DataTypes.IntegerType, false)
            .add("channel", DataTypes.StringType, true)
            .add("region", DataTypes.StringType, true);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // some unseen levels and missing ones, which the local model handles too
      String ch = i % 97 == 0 ? null : i % 89 == 0 ? "kiosk" : channel[i];
      rows.add(RowFactory.create("c" + i, spend[i], (int) visits[i], ch, region[i]));
    }
    Dataset<Row> customers = spark.createDataFrame(rows, schema).repartition(4);
    List<Row> scored = SparkKPrototypes.score(customers, model, "customer_id").collectAsList();
    assertThat(scored).hasSize(n);
    for (Row s : scored) {
      int i = Integer.parseInt(s.getString(0).substring(1));
      String[] cats = {s.isNullAt(3) ? null : s.getString(3), s.getString(4)};
      KPrototypesExplanation local = model.explain(new double[] {spend[i], visits[i]}, cats);
      assertThat(s.getInt(5)).isEqualTo(local.segment());
      assertThat(s.getInt(5)).isEqualTo(model.assign(new double[] {spend[i], visits[i]}, cats));
      assertThat(s.getDouble(6)).isEqualTo(local.cost());
      assertThat(s.getInt(7)).isEqualTo(local.mismatchedCategories().size());
    }
    assertThatThrownBy(() -> SparkKPrototypes.score(customers.drop("region"), model, "customer_id"))
        .isInstanceOf(DimensionMismatchException.class)
        .hasMessageContaining("'region'");
  }
}
