package dev.segmentation.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.Segmentation;
import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.customer.Holdout;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.som.SomModel;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/** Every option's checks, and the errors that name the bad row, column or value. */
class SparkOptionsTest {
  private static final double[][] ROWS = SparkTesting.blobs(600, 2, 3, 2, 8);

  @Test
  void kmeansOptionsAreChecked() {
    // The K-means options are the local builder's, checked there (KMeansTest); the Spark ones here.
    SparkKMeans b = SparkSegmentation.kmeans();
    assertThatThrownBy(() -> b.sampleSize(0)).isInstanceOf(InvalidOptionException.class);
    assertThatThrownBy(() -> b.checkpoint(java.nio.file.Path.of("x"), 0))
        .isInstanceOf(InvalidOptionException.class);
  }

  @Test
  void kmeansFitChecksWhatNeedsTheData() {
    Dataset<Row> frame = SparkTesting.frame(ROWS, null, 2);
    assertThatThrownBy(
            () ->
                SparkSegmentation.kmeans(
                        Segmentation.kmeans().initialCentroids(new double[][] {{1, 2, 3}}))
                    .columns("x0", "x1")
                    .fit(frame))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("one value per column");
    KMeansModel other =
        Segmentation.kmeans().k(2).fit(SparkTesting.local(ROWS, null).select("x1", "x0")).model();
    assertThatThrownBy(
            () ->
                SparkSegmentation.kmeans(Segmentation.kmeans().initialModel(other))
                    .columns("x0", "x1")
                    .fit(frame))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("[x1, x0]");
    assertThatThrownBy(() -> SparkSegmentation.kmeans().columns("x0", "x0").fit(frame))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(
            () ->
                // past the seeding's step 0, the first distributed iteration stops the fit
                SparkSegmentation.kmeans(Segmentation.kmeans().k(2).progress(p -> p.step() < 1))
                    .storageLevel(StorageLevel.MEMORY_ONLY())
                    .fit(frame.drop("id")))
        .isInstanceOf(FitCancelledException.class)
        .hasMessageContaining("iteration 1");
    // no columns given: every numeric column but the weight
    double[] w = new double[ROWS.length];
    java.util.Arrays.fill(w, 2);
    SparkFit<KMeansModel> fit =
        SparkSegmentation.kmeans(Segmentation.kmeans().k(3))
            .weightColumn("w")
            .fit(SparkTesting.frame(ROWS, w, 2));
    assertThat(fit.model().columnNames()).containsExactly("x0", "x1");
    assertThat(fit.toString()).contains("rows=600");
  }

  private static Dataset<Row> badWeights() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("a", DataTypes.DoubleType)
            .add("w", DataTypes.DoubleType)
            .add("label", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(RowFactory.create("C" + i, (double) i, i == 31 ? -1.0 : 1.0, "l" + i));
    }
    return SparkTesting.spark().createDataFrame(rows, schema);
  }

  @Test
  void weightsMustBeNumericFiniteAndNonNegative() {
    Dataset<Row> frame = badWeights();
    assertThatThrownBy(
            () ->
                SparkSegmentation.kmeans(Segmentation.kmeans().k(2))
                    .columns("a")
                    .weightColumn("w")
                    .fit(frame))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("sampled row 31")
        .hasMessageContaining("weight column 'w' is -1.0");
    assertThatThrownBy(
            () ->
                SparkSegmentation.kmeans(Segmentation.kmeans().k(2))
                    .columns("a")
                    .weightColumn("w")
                    .idColumn("id")
                    .sampleSize(3)
                    .fit(frame.where("id != 'C0'")))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'C31'");
    assertThatThrownBy(
            () ->
                SparkSegmentation.kmeans(Segmentation.kmeans().k(2))
                    .columns("a")
                    .weightColumn("label")
                    .fit(frame))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("weight column");
    assertThatThrownBy(
            () -> SparkSegmentation.kmeans(Segmentation.kmeans().k(2)).idColumn("nope").fit(frame))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("id column");
    assertThatThrownBy(() -> SparkSegmentation.kmeans().fit(frame.select("id", "label")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("no numeric column");
    assertThatThrownBy(() -> SparkSegmentation.sample(frame, 0, 1, "a"))
        .isInstanceOf(InvalidOptionException.class);
  }

  @Test
  void moreSegmentsThanDistinctRowsIsAnOptionError() {
    double[][] rows = new double[40][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {i % 2, 0};
    }
    double[][] start = {{0, 0}, {1, 0}, {5, 5}};
    assertThatThrownBy(
            () ->
                SparkSegmentation.kmeans(Segmentation.kmeans().initialCentroids(start))
                    .columns("x0", "x1")
                    .fit(SparkTesting.frame(rows, null, 2)))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("distinct rows");
  }

  @Test
  void somOptionsAndSizes() {
    assertThatThrownBy(() -> SparkSegmentation.som(Segmentation.som()).sampleSize(0))
        .isInstanceOf(InvalidOptionException.class);
    double[] w = new double[ROWS.length];
    java.util.Arrays.fill(w, 1);
    SparkFit<SomModel> fit =
        SparkSegmentation.som(Segmentation.som().grid(3, 2).epochs(3).segments(2))
            .weightColumn("w")
            .idColumn("id")
            .sampleSeed(4)
            .sampleSize(100)
            .storageLevel(StorageLevel.MEMORY_ONLY())
            .fit(SparkTesting.frame(ROWS, w, 3));
    assertThat(fit.model().columnNames()).containsExactly("x0", "x1");
    assertThat(fit.sampleRows()).isLessThanOrEqualTo(100);
    assertThat(java.util.Arrays.stream(fit.segmentSizes()).sum()).isEqualTo(ROWS.length);
    assertThat(fit.model().hitCounts()).hasSize(6);
  }

  @Test
  void scoringNamesTheBadRow() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("x0", DataTypes.DoubleType)
            .add("x1", DataTypes.IntegerType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rows.add(RowFactory.create("C" + i, i == 12 ? Double.NaN : (double) i, i == 20 ? null : i));
    }
    Dataset<Row> frame = SparkTesting.spark().createDataFrame(rows, schema);
    KMeansModel model = Segmentation.kmeans().k(2).fit(SparkTesting.local(ROWS, null)).model();
    assertThatThrownBy(
            () ->
                SparkSegmentation.scorer(model)
                    .idColumn("id")
                    .membershipColumn(null)
                    .assign(frame.where("id != 'C20'"))
                    .collectAsList())
        // a lazy column fails when an action runs: Spark's exception, caused by the library's
        .rootCause()
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'C12'")
        .hasMessageContaining("'x0' is NaN");
    assertThatThrownBy(
            () ->
                SparkSegmentation.scorer(model)
                    .membershipColumn(null)
                    .assign(frame.where("id != 'C12'"))
                    .collectAsList())
        .rootCause()
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'x1' is null")
        .hasMessageContaining("of its partition");
    assertThatThrownBy(() -> SparkSegmentation.assign(model, frame.where("id != 'C12'")))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'x1' is null");
    List<Row> ok =
        SparkSegmentation.scorer(model)
            .distanceColumn(null)
            .marginColumn(null)
            .membershipColumn(null)
            .assign(frame.where("id not in ('C12', 'C20')"))
            .collectAsList();
    assertThat(ok).hasSize(28);
    assertThat(ok.get(0).schema().fieldNames()).containsExactly("id", "x0", "x1", "segment");
  }

  private static Dataset<Row> labelled(Object[][] values) {
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("segment", DataTypes.IntegerType)
            .add("a", DataTypes.DoubleType)
            .add("state", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (Object[] v : values) {
      rows.add(RowFactory.create(v));
    }
    return SparkTesting.spark().createDataFrame(rows, schema);
  }

  @Test
  void profilesAndHoldoutsCheckTheirInput() {
    Dataset<Row> gap =
        labelled(
            new Object[][] {
              {"A", 0, 1.0, "ACTIVE"}, {"B", 2, 5.0, "ACTIVE"}, {"C", 2, 7.0, "CHURNED"}
            });
    var profiles = SparkSegmentation.profiles(gap, "segment", "a").states("state").compute();
    assertThat(profiles.segments()).hasSize(3);
    assertThat(profiles.segments().get(1).size()).isZero();
    assertThat(profiles.segments().get(2).median()).containsExactly(6.0);
    assertThat(profiles.atypicalGroup()).isEmpty();
    assertThatThrownBy(() -> SparkSegmentation.profiles(gap.limit(0), "segment", "a").compute())
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(
            () ->
                SparkSegmentation.profiles(
                        labelled(new Object[][] {{"A", null, 1.0, "ACTIVE"}}), "segment", "a")
                    .compute())
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("null in 1 rows");
    assertThatThrownBy(
            () ->
                SparkSegmentation.profiles(
                        labelled(new Object[][] {{"A", -2, 1.0, "ACTIVE"}}), "segment", "a")
                    .compute())
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("below -1");
    assertThatThrownBy(
            () ->
                SparkSegmentation.profiles(
                        labelled(new Object[][] {{"A", 0, null, "ACTIVE"}}), "segment", "a")
                    .compute())
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("column 'a' is null in 1 rows");
    assertThatThrownBy(
            () ->
                SparkSegmentation.profiles(
                        labelled(new Object[][] {{"A", 0, 1.0, "HAPPY"}}), "segment", "a")
                    .states("state")
                    .compute())
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'HAPPY'");
    assertThatThrownBy(() -> SparkSegmentation.profiles(gap, "segment", "state").compute())
        .isInstanceOf(InvalidOptionException.class);
    assertThatThrownBy(
            () -> SparkSegmentation.profiles(gap, "segment", "a").atypical("state").compute())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("boolean");

    Holdout h = Holdout.of("s", 0.5);
    assertThatThrownBy(() -> SparkSegmentation.holdout(gap, h, "id", "segment", "a"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("already");
    Dataset<Row> noId = labelled(new Object[][] {{null, 0, 1.0, "ACTIVE"}});
    assertThatThrownBy(
            () -> SparkSegmentation.holdout(noId, h, "id", "segment", "flag").collectAsList())
        .rootCause()
        .hasMessageContaining("id column 'id'");
    assertThatThrownBy(
            () ->
                SparkSegmentation.assign(
                    Segmentation.kmeans()
                        .k(1)
                        .fit(dev.segmentation.api.Dataset.of(new double[][] {{1}}, "b"))
                        .model(),
                    gap))
        .isInstanceOf(DimensionMismatchException.class);
  }
}
