package dev.segmentation.hdbscan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.index.IndexKind;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.io.ModelFiles;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The public HDBSCAN* builder and model. */
class HdbscanTest {

  static Dataset data(double[] x, int n) {
    return Dataset.ofRowMajor(x, n, List.of("a", "b"));
  }

  /** Rows without an exact duplicate: their assignment is exact whatever the ties. */
  static boolean[] unique(double[] x, int n) {
    Map<String, Integer> count = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      count.merge(x[2 * i] + "," + x[2 * i + 1], 1, Integer::sum);
    }
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = count.get(x[2 * i] + "," + x[2 * i + 1]) == 1;
    }
    return out;
  }

  @Property(tries = 60)
  void fitsAsTheEngineAndAssignsTrainingRowsExactly(
      @ForAll @IntRange(min = 10, max = 400) int n,
      @ForAll @IntRange(min = 2, max = 12) int minClusterSize,
      @ForAll @IntRange(min = 1, max = 8) int minSamples,
      @ForAll boolean leaf,
      @ForAll long seed) {
    double[] x = HdbscanEngineTest.blobs(new SplittableRandom(seed), n);
    SegmentationResult<HdbscanModel> r =
        Segmentation.hdbscan()
            .minClusterSize(minClusterSize)
            .minSamples(minSamples)
            .selection(leaf ? ClusterSelection.LEAF : ClusterSelection.EXCESS_OF_MASS)
            .threads(2)
            .fit(data(x, n));
    HdbscanEngine.Result e =
        HdbscanEngine.run(
            x.clone(), n, 2, Distance.EUCLIDEAN, minClusterSize, minSamples, leaf, false, 0);
    assertThat(r.labels()).containsExactly(e.labels());
    HdbscanModel m = r.model();
    assertThat(m.trainingLabels()).containsExactly(e.labels());
    assertThat(m.probabilities()).containsExactly(e.probabilities());
    assertThat(m.outlierScores()).containsExactly(e.outlierScores());
    assertThat(m.numSegments()).isEqualTo(m.persistence().length);
    boolean[] unique = unique(x, n);
    for (int i = 0; i < n; i++) {
      if (unique[i]) {
        HdbscanMembership got = m.explain(new double[] {x[2 * i], x[2 * i + 1]});
        assertThat(got.segment()).as("row %d", i).isEqualTo(e.labels()[i]);
        assertThat(got.probability()).as("row %d", i).isEqualTo(e.probabilities()[i]);
        assertThat(got.nearestRow()).isEqualTo(i);
      }
    }
    // the brute-force index and one thread give the same result
    SegmentationResult<HdbscanModel> brute =
        Segmentation.hdbscan()
            .minClusterSize(minClusterSize)
            .minSamples(minSamples)
            .selection(leaf ? ClusterSelection.LEAF : ClusterSelection.EXCESS_OF_MASS)
            .index(IndexKind.BRUTE_FORCE)
            .threads(1)
            .fit(data(x, n));
    assertThat(brute.labels()).containsExactly(r.labels());
    assertThat(brute.model().outlierScores()).containsExactly(m.outlierScores());
  }

  @Property(tries = 40)
  void newCustomersJoinASegmentOrAreNoiseWithAProbability(
      @ForAll @IntRange(min = 30, max = 300) int n, @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = HdbscanEngineTest.blobs(rng, n);
    HdbscanModel m = Segmentation.hdbscan().minClusterSize(5).fit(data(x, n)).model();
    for (int t = 0; t < 50; t++) {
      double[] q = {rng.nextDouble(-30, 80), rng.nextDouble(-30, 80)};
      HdbscanMembership got = m.explain(q);
      assertThat(got.segment()).isBetween(-1, m.numSegments() - 1).isEqualTo(m.assign(q));
      assertThat(got.probability()).isBetween(0.0, 1.0);
      assertThat(got.probability() > 0).isEqualTo(got.segment() >= 0);
      assertThat(got.reachability()).isGreaterThanOrEqualTo(0);
    }
    // far outside everything: noise
    assertThat(m.assign(new double[] {1e6, -1e6})).isEqualTo(SegmentationResult.NOISE);
  }

  @Test
  void varyingDensitiesAreFoundWhereOneRadiusFails() {
    // a tight group of 60 and a loose group of 60, far apart, and 6 scattered rows
    SplittableRandom rng = new SplittableRandom(3);
    int n = 126;
    double[] x = new double[2 * n];
    for (int i = 0; i < 60; i++) {
      x[2 * i] = rng.nextGaussian() * 0.2;
      x[2 * i + 1] = rng.nextGaussian() * 0.2;
      x[2 * (60 + i)] = 20 + rng.nextGaussian() * 3;
      x[2 * (60 + i) + 1] = rng.nextGaussian() * 3;
    }
    double[][] far = {{-40, 40}, {50, 50}, {-50, -40}, {60, -40}, {0, 60}, {20, -60}};
    for (int i = 0; i < 6; i++) {
      x[2 * (120 + i)] = far[i][0];
      x[2 * (120 + i) + 1] = far[i][1];
    }
    SegmentationResult<HdbscanModel> r = Segmentation.hdbscan().minClusterSize(10).fit(data(x, n));
    int[] labels = r.labels();
    assertThat(r.model().numSegments()).isEqualTo(2);
    Set<Integer> tight = new HashSet<>();
    Set<Integer> loose = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      tight.add(labels[i]);
      loose.add(labels[60 + i]);
    }
    assertThat(tight).containsExactly(0);
    // a loose group's stragglers may be noise, but no row of it joins the tight group
    assertThat(loose).contains(1).doesNotContain(0);
    double[] scores = r.model().outlierScores();
    double inner = 0;
    for (int i = 0; i < 120; i++) {
      inner = Math.max(inner, labels[i] == 0 ? scores[i] : 0);
    }
    for (int i = 120; i < n; i++) {
      assertThat(labels[i]).isEqualTo(-1);
      assertThat(scores[i]).isGreaterThan(inner);
    }
    assertThat(r.summary().algorithm()).startsWith("hdbscan");
    assertThat(r.model().provenance().orElseThrow().options())
        .containsEntry("minSamples", "10")
        .containsEntry("selection", "EXCESS_OF_MASS");
  }

  @Test
  void exportsTheCondensedTreeAndTheLinkage() throws Exception {
    double[] x = HdbscanEngineTest.blobs(new SplittableRandom(9), 200);
    HdbscanModel m =
        Segmentation.hdbscan().minClusterSize(8).minSamples(4).fit(data(x, 200)).model();
    CondensedTree t = m.condensedTree();
    Map<String, Object> json = JSON.std.mapFrom(t.toJson());
    assertThat(json.get("rows")).isEqualTo(200);
    assertThat((List<?>) json.get("clusters")).hasSize(t.clusters());
    assertThat((List<?>) json.get("tree")).hasSize(200 + t.clusters() - 1);
    int selected = 0;
    for (int c = 0; c < t.clusters(); c++) {
      if (c > 0) {
        assertThat(t.parent(c)).isBetween(0, c - 1);
        assertThat(t.birthLambda(c)).isGreaterThanOrEqualTo(t.birthLambda(t.parent(c)));
        assertThat(t.size(c)).isGreaterThanOrEqualTo(8).isLessThan(t.size(t.parent(c)));
      }
      selected += t.selected(c) ? 1 : 0;
      assertThat(t.segment(c) >= 0).isEqualTo(t.selected(c));
    }
    assertThat(selected).isEqualTo(m.numSegments());
    double[][] z = m.singleLinkage();
    assertThat(z).hasNumberOfRows(199);
    for (int s = 1; s < z.length; s++) {
      assertThat(z[s][2]).isGreaterThanOrEqualTo(z[s - 1][2]);
      assertThat(z[s][0]).isLessThan(z[s][1]);
    }
    assertThat(z[198][3]).isEqualTo(200);
    // the root merge happens at the largest core distance or beyond
    assertThat(z[198][2])
        .isGreaterThanOrEqualTo(Arrays.stream(m.coreDistances()).max().orElseThrow());
  }

  @Test
  void loadedModelsAreTheSame() {
    double[] x = HdbscanEngineTest.blobs(new SplittableRandom(4), 150);
    HdbscanModel m =
        Segmentation.hdbscan()
            .minClusterSize(6)
            .preprocess(Scaling.standard())
            .fit(data(x, 150))
            .model();
    HdbscanModel loaded = (HdbscanModel) ModelFiles.fromJson(ModelFiles.toJson(m), "hdbscan.json");
    assertThat(loaded.trainingLabels()).containsExactly(m.trainingLabels());
    assertThat(loaded.probabilities()).containsExactly(m.probabilities());
    assertThat(loaded.outlierScores()).containsExactly(m.outlierScores());
    assertThat(loaded.persistence()).containsExactly(m.persistence());
    assertThat(loaded.singleLinkage()).isDeepEqualTo(m.singleLinkage());
    assertThat(loaded.condensedTree().toJson()).isEqualTo(m.condensedTree().toJson());
    assertThat(loaded.provenance()).isPresent();
  }

  @Test
  void badOptionsAreNamed() {
    assertThatThrownBy(() -> Segmentation.hdbscan().minClusterSize(1))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("minClusterSize");
    assertThatThrownBy(() -> Segmentation.hdbscan().minSamples(0))
        .hasMessageContaining("minSamples");
    assertThatThrownBy(() -> Segmentation.hdbscan().clusterSelectionEpsilon(-1))
        .hasMessageContaining("clusterSelectionEpsilon");
    assertThatThrownBy(() -> Segmentation.hdbscan().clusterSelectionEpsilon(Double.NaN))
        .hasMessageContaining("clusterSelectionEpsilon");
    assertThatThrownBy(() -> Segmentation.hdbscan().fit(Dataset.of(new double[0][], "x")))
        .hasMessageContaining("at least one row");
    Dataset zeros = Dataset.of(new double[][] {{1, 2}, {0, 0}}, "a", "b");
    assertThatThrownBy(() -> Segmentation.hdbscan().distance(Distance.COSINE).fit(zeros))
        .hasMessageContaining("row 1");
    assertThat(Segmentation.hdbscan().minClusterSize(7).toString()).contains("minClusterSize=7");
  }
}
