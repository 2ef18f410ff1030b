package dev.segmentation.customer.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.dbscan.CoreExplanation;
import dev.segmentation.dbscan.DbscanModel;
import dev.segmentation.hierarchical.Linkage;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every model's explainer agrees with the model and its contributions add up. */
class ExplainerProperties {

  private static Dataset data(int n, int d, SplittableRandom rng) {
    double[][] rows = new double[n][d];
    for (double[] r : rows) {
      for (int j = 0; j < d; j++) {
        r[j] = Math.exp(rng.nextDouble(0, 5)) * (j + 1);
      }
    }
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "f" + j;
    }
    return Dataset.of(rows, names);
  }

  private static void agrees(SegmentModel model, Explainer e, Dataset data, SplittableRandom rng) {
    Memberships m = e.memberships(data);
    for (int i = 0; i < data.numRows(); i++) {
      double[] row = data.row(i);
      Explanation x = e.explain(row);
      assertThat(x.segment()).isEqualTo(model.assign(row));
      double sum = 0;
      for (double c : x.contributions()) {
        sum += c;
      }
      if (x.runnerUp() >= 0) {
        assertThat(sum)
            .isCloseTo(
                x.margin(), org.assertj.core.data.Offset.offset(1e-9 * (1 + x.runnerUpDistance())));
      }
      double total = 0;
      for (double v : m.of(i)) {
        total += v;
      }
      assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(x.values()).containsExactly(row);
    }
    // a new customer too
    double[] fresh = data.row(rng.nextInt(data.numRows()));
    fresh[0] *= 1.5;
    assertThat(e.explain(fresh).segment()).isEqualTo(model.assign(fresh));
  }

  @Property(tries = 40)
  void kmeansSomAndHierarchicalExplainersAgreeWithTheirModels(
      @ForAll @IntRange(min = 10, max = 80) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Dataset data = data(n, d, rng);
    Scaling scaling = Scaling.log1p().then(Scaling.standard());
    var km = Segmentation.kmeans().k(k).seed(seed).preprocess(scaling).fit(data).model();
    agrees(km, Explainer.of(km), data, rng);
    var som =
        Segmentation.som().grid(3, 3).epochs(3).segments(k).preprocess(scaling).fit(data).model();
    agrees(som, Explainer.of(som), data, rng);
    for (Linkage l : new Linkage[] {Linkage.WARD, Linkage.SINGLE}) {
      var h = Segmentation.hierarchical().linkage(l).preprocess(scaling).tree(data).model(k);
      agrees(h, Explainer.of(h), data, rng);
    }
  }

  @Property(tries = 40)
  void dbscanExplainsByTheNearestCorePoint(
      @ForAll @IntRange(min = 10, max = 120) int n, @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Dataset data = data(n, 2, rng);
    DbscanModel model =
        Segmentation.dbscan()
            .eps(0.4)
            .minPoints(4)
            .preprocess(Scaling.log1p().then(Scaling.standard()))
            .fit(data)
            .model();
    if (model.coreCount() == 0) {
      return;
    }
    for (int i = 0; i < n; i++) {
      CoreExplanation x = model.explain(data.row(i));
      assertThat(x.segment()).isEqualTo(model.assign(data.row(i)));
      assertThat(x.segment() >= 0).isEqualTo(x.distance() <= x.eps());
      if (x.segment() >= 0) {
        assertThat(x.nearestCoreSegment()).isEqualTo(x.segment());
      }
      assertThat(x.text("r" + i)).startsWith("Customer r" + i + " is in ");
    }
  }
}
