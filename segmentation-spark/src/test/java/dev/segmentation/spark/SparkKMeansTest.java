package dev.segmentation.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.segmentation.Segmentation;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.customer.profile.Explainer;
import dev.segmentation.io.ModelFiles;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.kmeans.KMeansVariant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SparkKMeansTest {

  private static double[][] firstRows(double[][] rows, int k) {
    return Arrays.copyOf(rows, k);
  }

  private static void assertSameFit(
      SparkFit<KMeansModel> spark, SegmentationResult<KMeansModel> local) {
    double[][] a = spark.model().centroids();
    double[][] b = local.model().centroids();
    assertThat(a.length).isEqualTo(b.length);
    for (int c = 0; c < a.length; c++) {
      for (int j = 0; j < a[c].length; j++) {
        assertThat(a[c][j]).isCloseTo(b[c][j], within(1e-9 * (1 + Math.abs(b[c][j]))));
      }
    }
    assertThat(spark.summary().iterations()).isEqualTo(local.summary().iterations());
    assertThat(spark.summary().converged()).isEqualTo(local.summary().converged());
    assertThat(spark.summary().objective())
        .isCloseTo(local.summary().objective(), within(1e-9 * local.summary().objective()));
    long[] sizes = new long[a.length];
    for (int l : local.labels()) {
      sizes[l]++;
    }
    assertThat(spark.segmentSizes()).containsExactly(sizes);
    assertThat(spark.rows()).isEqualTo(local.labels().length);
  }

  @ParameterizedTest(name = "k={0} tolerance={1} weighted={2} partitions={3}")
  @CsvSource({"4, 1e-4, false, 4", "6, 0, false, 3", "5, 1e-4, true, 5", "3, 0, true, 1"})
  void sameAsLocalFromTheSameStart(int k, double tolerance, boolean weighted, int partitions) {
    double[][] rows = SparkTesting.blobs(3000, 3, 5, 12, 7 + k);
    double[] w = null;
    if (weighted) {
      w = new double[rows.length];
      for (int i = 0; i < w.length; i++) {
        w[i] = 0.5 + (i % 7);
      }
    }
    Scaling scaling = Scaling.log1p().then(Scaling.standard());
    SegmentationResult<KMeansModel> local =
        Segmentation.kmeans()
            .initialCentroids(firstRows(rows, k))
            .variant(KMeansVariant.LLOYD)
            .tolerance(tolerance)
            .preprocess(scaling)
            .fit(SparkTesting.local(rows, w));
    SparkFit<KMeansModel> spark =
        SparkSegmentation.kmeans(
                Segmentation.kmeans()
                    .initialCentroids(firstRows(rows, k))
                    .tolerance(tolerance)
                    .preprocess(scaling))
            .columns("x0", "x1", "x2")
            .weightColumn(weighted ? "w" : null)
            .sampleSize(rows.length)
            .fit(SparkTesting.frame(rows, w, partitions));
    assertSameFit(spark, local);
    assertThat(spark.sampleRows()).isEqualTo(rows.length);
  }

  @Test
  void repairsAnEmptyClusterAsLocally() {
    double[][] rows = SparkTesting.blobs(2000, 2, 3, 5, 3);
    double[][] start = {rows[0], rows[1], {1e4, 1e4}};
    SegmentationResult<KMeansModel> local =
        Segmentation.kmeans()
            .initialCentroids(start)
            .variant(KMeansVariant.LLOYD)
            .fit(SparkTesting.local(rows, null));
    SparkFit<KMeansModel> spark =
        SparkSegmentation.kmeans(Segmentation.kmeans().initialCentroids(start))
            .columns("x0", "x1")
            .fit(SparkTesting.frame(rows, null, 4));
    assertSameFit(spark, local);
    // given centroids and no preprocessing: nothing to sample
    assertThat(spark.sampleRows()).isZero();
  }

  @Test
  void seedsOnTheSampleAndReportsTheObjectiveOfAllRows() {
    double[][] rows = SparkTesting.blobs(4000, 4, 6, 3, 11);
    SparkFit<KMeansModel> fit =
        SparkSegmentation.kmeans(
                Segmentation.kmeans().k(6).restarts(3).seed(5).preprocess(Scaling.standard()))
            .sampleSize(800)
            .idColumn("id")
            .fit(SparkTesting.frame(rows, null, 4));
    assertThat(fit.sampleRows()).isLessThanOrEqualTo(800).isGreaterThan(600);
    assertThat(fit.model().columnNames()).containsExactly("x0", "x1", "x2", "x3");
    var explainer = Explainer.of(fit.model());
    double sse = 0;
    long[] sizes = new long[6];
    for (double[] r : rows) {
      double[] dist = explainer.distances(r);
      int s = fit.model().assign(r);
      sse += dist[s];
      sizes[s]++;
    }
    assertThat(fit.summary().objective()).isCloseTo(sse, within(1e-9 * sse));
    assertThat(fit.segmentSizes()).containsExactly(sizes);
    // well separated blobs: every blob is one segment
    assertThat(Arrays.stream(sizes).min().orElseThrow()).isGreaterThan(400);
  }

  @Test
  void checkpointsAndResumes(@TempDir Path dir) {
    double[][] rows = SparkTesting.blobs(2000, 2, 4, 6, 5);
    Dataset<Row> frame = SparkTesting.frame(rows, null, 2);
    Path file = dir.resolve("checkpoint.json");
    SparkFit<KMeansModel> first =
        SparkSegmentation.kmeans(Segmentation.kmeans().k(4).maxIterations(2).tolerance(0))
            .checkpoint(file, 1)
            .columns("x0", "x1")
            .fit(frame);
    KMeansModel saved = ModelFiles.load(file, KMeansModel.class);
    assertThat(saved.scaledCentroids()).isDeepEqualTo(first.model().scaledCentroids());
    SparkFit<KMeansModel> resumed =
        SparkSegmentation.kmeans(Segmentation.kmeans().initialModel(saved).tolerance(0)).fit(frame);
    SparkFit<KMeansModel> straight =
        SparkSegmentation.kmeans(Segmentation.kmeans().k(4).tolerance(0))
            .columns("x0", "x1")
            .fit(frame);
    assertThat(resumed.summary().converged()).isTrue();
    assertThat(resumed.summary().objective())
        .isCloseTo(straight.summary().objective(), within(1e-9 * straight.summary().objective()));
    assertThat(resumed.sampleRows()).isZero();
  }

  @Test
  void namesTheColumnAndTheCustomerOfABadValue() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("a", DataTypes.DoubleType)
            .add("b", DataTypes.IntegerType)
            .add("name", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add(RowFactory.create("C" + i, i == 37 ? null : (double) i, i % 5, "n" + i));
    }
    Dataset<Row> frame = SparkTesting.spark().createDataFrame(rows, schema);
    assertThatThrownBy(
            () ->
                SparkSegmentation.kmeans(Segmentation.kmeans().k(2))
                    .columns("a", "b")
                    .idColumn("id")
                    .fit(frame))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'C37'")
        .hasMessageContaining("column 'a' is null");
    assertThatThrownBy(
            () ->
                SparkSegmentation.kmeans(Segmentation.kmeans().k(2))
                    .columns("a", "name")
                    .fit(frame))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("name")
        .hasMessageContaining("string");
    assertThatThrownBy(
            () -> SparkSegmentation.kmeans(Segmentation.kmeans().k(2)).columns("a", "c").fit(frame))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("feature column")
        .hasMessageContaining("(was c)")
        .hasMessageContaining("[id, a, b, name]");
    Dataset<Row> negative = frame.where("a is not null").selectExpr("id", "a - 10 as a", "b");
    assertThatThrownBy(
            () ->
                SparkSegmentation.kmeans(Segmentation.kmeans().k(2).preprocess(Scaling.log1p()))
                    .columns("a", "b")
                    .sampleSize(5)
                    .fit(negative))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'a'");
    assertThatThrownBy(() -> SparkSegmentation.kmeans(Segmentation.kmeans().k(0)))
        .isInstanceOf(InvalidOptionException.class);
    assertThatThrownBy(
            () -> SparkSegmentation.kmeans(Segmentation.kmeans().k(2)).fit(frame.limit(0)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("empty");
  }
}
