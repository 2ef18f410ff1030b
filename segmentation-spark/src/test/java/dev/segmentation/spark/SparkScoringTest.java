package dev.segmentation.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.segmentation.Segmentation;
import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.api.Segmenter;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.customer.BusinessState;
import dev.segmentation.customer.Holdout;
import dev.segmentation.customer.profile.Explainer;
import dev.segmentation.customer.profile.Memberships;
import dev.segmentation.customer.profile.SegmentProfile;
import dev.segmentation.customer.profile.SegmentProfiles;
import dev.segmentation.dbscan.DbscanModel;
import dev.segmentation.hierarchical.HierarchicalModel;
import dev.segmentation.hierarchical.Linkage;
import dev.segmentation.kmeans.KMeansModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

class SparkScoringTest {
  private static final double[][] ROWS = SparkTesting.blobs(3000, 3, 4, 4, 99);
  private static final dev.segmentation.api.Dataset LOCAL = SparkTesting.local(ROWS, null);

  /** The scored rows, in id order (C0, C1, ...). */
  private static List<Row> collect(Dataset<Row> scored) {
    List<Row> rows = new ArrayList<>(scored.collectAsList());
    rows.sort(Comparator.comparingInt(r -> Integer.parseInt(r.getString(0).substring(1))));
    return rows;
  }

  private static KMeansModel kmeans() {
    return Segmentation.kmeans()
        .k(4)
        .seed(1)
        .preprocess(Scaling.standard())
        .fit(LOCAL.select("x0", "x1", "x2"))
        .model();
  }

  @Test
  void scoresLikeTheLocalModelAndExplainer() {
    KMeansModel model = kmeans();
    Dataset<Row> frame = SparkTesting.frame(ROWS, null, 4);
    List<Row> scored = collect(SparkSegmentation.assign(model, frame));
    assertThat(scored.get(0).schema().fieldNames())
        .containsExactly("id", "x0", "x1", "x2", "segment", "distance", "margin", "membership");
    int[] labels = model.assignAll(LOCAL);
    Explainer explainer = Explainer.of(model);
    Memberships memberships = explainer.memberships(LOCAL);
    for (int i = 0; i < ROWS.length; i++) {
      Row r = scored.get(i);
      assertThat(r.getInt(4)).isEqualTo(labels[i]);
      var e = explainer.explain(ROWS[i]);
      assertThat(r.getDouble(5)).isCloseTo(e.distance(), within(1e-12));
      assertThat(r.getDouble(6)).isCloseTo(e.margin(), within(1e-12));
      List<Double> m = r.getList(7);
      for (int s = 0; s < 4; s++) {
        assertThat(m.get(s)).isCloseTo(memberships.get(i, s), within(1e-12));
      }
    }
  }

  @Test
  void scoresWithChosenColumnsAndTemperature() {
    KMeansModel model = kmeans();
    Dataset<Row> frame = SparkTesting.frame(ROWS, null, 3);
    List<Row> scored =
        collect(
            SparkSegmentation.scorer(model)
                .segmentColumn("cluster")
                .distanceColumn(null)
                .marginColumn("firmness")
                .temperature(0.5)
                .assign(frame));
    assertThat(scored.get(0).schema().fieldNames())
        .containsExactly("id", "x0", "x1", "x2", "cluster", "firmness", "membership");
    Explainer explainer = Explainer.of(model);
    for (int i = 0; i < ROWS.length; i += 97) {
      List<Double> m = scored.get(i).getList(6);
      double[] expected = explainer.membership(ROWS[i], 0.5);
      for (int s = 0; s < 4; s++) {
        assertThat(m.get(s)).isCloseTo(expected[s], within(1e-12));
      }
    }
    assertThatThrownBy(() -> SparkSegmentation.scorer(model).segmentColumn("x0").assign(frame))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("x0");
    assertThatThrownBy(() -> SparkSegmentation.assign(model, frame.drop("x1")))
        .isInstanceOf(DimensionMismatchException.class)
        .hasMessageContaining("'x1'");
    assertThatThrownBy(() -> SparkSegmentation.scorer(model).temperature(-1))
        .isInstanceOf(InvalidOptionException.class);
  }

  @Test
  void samplesThenAssignsForDbscanAndHierarchical() {
    Dataset<Row> frame = SparkTesting.frame(ROWS, null, 4);
    SegmentationResult<DbscanModel> db =
        SparkSegmentation.fitSample(
            Segmentation.dbscan().eps(0.3).minPoints(8).preprocess(Scaling.standard()),
            frame,
            1000,
            7,
            "x0",
            "x1",
            "x2");
    assertThat(db.labels()).hasSizeLessThanOrEqualTo(1000).hasSizeGreaterThan(800);
    checkAssign(db.model(), frame);
    Segmenter<HierarchicalModel> ward =
        data ->
            Segmentation.hierarchical()
                .linkage(Linkage.WARD)
                .preprocess(Scaling.standard())
                .tree(data)
                .segmentation(4);
    SegmentationResult<HierarchicalModel> tree =
        SparkSegmentation.fitSample(ward, frame, 500, 3, "x0", "x1", "x2");
    checkAssign(tree.model(), frame);
    // the same seed gives the same sample
    assertThat(SparkSegmentation.sample(frame, 500, 3, "x0", "x1", "x2").toRowMajor())
        .containsExactly(SparkSegmentation.sample(frame, 500, 3, "x0", "x1", "x2").toRowMajor());
  }

  private static void checkAssign(SegmentModel model, Dataset<Row> frame) {
    List<Row> scored = collect(SparkSegmentation.assign(model, frame));
    int[] labels = model.assignAll(LOCAL);
    for (int i = 0; i < ROWS.length; i++) {
      assertThat(scored.get(i).getInt(4)).isEqualTo(labels[i]);
    }
    if (model instanceof DbscanModel dbscan) {
      var e = dbscan.explain(ROWS[5]);
      assertThat(scored.get(5).getDouble(5)).isCloseTo(e.distance(), within(1e-12));
      assertThat(scored.get(5).getDouble(6)).isCloseTo(e.eps() - e.distance(), within(1e-12));
      assertThat(scored.get(5).schema().fieldNames()).doesNotContain("membership");
    }
  }

  @Test
  void profilesAndHoldoutsEqualTheLocalOnes() {
    KMeansModel model = kmeans();
    int[] labels = model.assignAll(LOCAL);
    boolean[] dnt = new boolean[ROWS.length];
    BusinessState[] all = BusinessState.values();
    BusinessState[] states = new BusinessState[ROWS.length];
    double[][] churn = new double[ROWS.length][1];
    for (int i = 0; i < ROWS.length; i++) {
      dnt[i] = i % 17 == 0;
      states[i] = all[i % all.length];
      churn[i][0] = (i % 10) / 10.0;
    }
    SegmentProfiles local =
        SegmentProfiles.of(LOCAL.select("x0", "x1", "x2"), labels)
            .extras(dev.segmentation.api.Dataset.of(churn, "churn"))
            .atypical(dnt)
            .states(states)
            .words("x0", "east", "west")
            .compute();

    Dataset<Row> scored =
        SparkSegmentation.assign(model, SparkTesting.frame(ROWS, null, 4))
            .withColumn("n", functions.expr("cast(substring(id, 2) as int)"))
            .withColumn("dnt", functions.expr("n % 17 = 0"))
            .withColumn("churn", functions.expr("(n % 10) / 10.0"))
            .withColumn(
                "state",
                functions.element_at(
                    functions.array(
                        java.util.Arrays.stream(BusinessState.values())
                            .map(s -> functions.lit(s.name()))
                            .toArray(org.apache.spark.sql.Column[]::new)),
                    functions.expr("n % " + BusinessState.values().length + " + 1")));
    SegmentProfiles spark =
        SparkSegmentation.profiles(scored, "segment", "x0", "x1", "x2")
            .extras("churn")
            .atypical("dnt")
            .states("state")
            .words("x0", "east", "west")
            .compute();
    assertThat(spark.extraColumns()).containsExactly("churn");
    assertThat(spark.populationMean()).containsExactly(local.populationMean(), within(1e-9));
    List<SegmentProfile> found = new ArrayList<>(spark.segments());
    found.add(spark.atypicalGroup().orElseThrow());
    List<SegmentProfile> expected = new ArrayList<>(local.segments());
    expected.add(local.atypicalGroup().orElseThrow());
    for (int s = 0; s < expected.size(); s++) {
      SegmentProfile a = found.get(s);
      SegmentProfile b = expected.get(s);
      assertThat(a.segment()).isEqualTo(b.segment());
      assertThat(a.name()).isEqualTo(b.name());
      assertThat(a.size()).isEqualTo(b.size());
      assertThat(a.share()).isCloseTo(b.share(), within(1e-15));
      assertThat(a.mean()).containsExactly(b.mean(), within(1e-9));
      assertThat(a.median()).containsExactly(b.median(), within(1e-9));
      assertThat(a.zScore()).containsExactly(b.zScore(), within(1e-9));
      assertThat(a.lift()).containsExactly(b.lift(), within(1e-9));
      assertThat(a.top()).isEqualTo(b.top());
      assertThat(a.extraMeans()).containsExactly(b.extraMeans(), within(1e-12));
      assertThat(a.stateCounts()).containsExactly(b.stateCounts());
    }
    assertThat(spark.toText()).isEqualTo(local.toText());

    Holdout holdout = Holdout.of("december", 0.2).fraction(1, 0.5);
    List<Row> flagged =
        collect(SparkSegmentation.holdout(scored, holdout, "id", "segment", "control"));
    List<String> ids = LOCAL.rowIds().orElseThrow();
    boolean[] flags = holdout.flags(ids, labels);
    int held = 0;
    for (int i = 0; i < ROWS.length; i++) {
      boolean f = flagged.get(i).getBoolean(flagged.get(i).fieldIndex("control"));
      assertThat(f).isEqualTo(flags[i]);
      held += f ? 1 : 0;
    }
    assertThat(held).isBetween(ROWS.length / 10, ROWS.length / 2);
    assertThatThrownBy(() -> SparkSegmentation.holdout(scored, holdout, "nope", "segment", "c"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("nope");
  }
}
