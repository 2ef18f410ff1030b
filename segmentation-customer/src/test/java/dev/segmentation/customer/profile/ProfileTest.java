package dev.segmentation.customer.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.preprocess.FittedScaling;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.customer.BusinessState;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Profiles, names and explanations on hand-checked cases; explanation invariants on random ones.
 */
class ProfileTest {

  private static final Dataset DATA =
      Dataset.of(
          new double[][] {{1, 100}, {3, 100}, {10, 0}, {12, 0}, {20, 50}},
          "frequency",
          "monetary_total");
  private static final int[] LABELS = {0, 0, 1, 1, -1};

  /**
   * Issue 22: names never contradict the segment's own customers. Segment 0 are one-time buyers who
   * bought long ago (the gap is then only the time since that purchase: no "quick to return");
   * segment 1 mostly churned, so "churned" leads and no recency or pace word contradicts it;
   * segment 2 active and frequent.
   */
  @Test
  void namesAgreeWithStatesAndOneTimeBuyers() {
    double[][] rows = new double[12][];
    BusinessState[] states = new BusinessState[12];
    int[] labels = new int[12];
    for (int i = 0; i < 12; i++) {
      int g = i / 4;
      labels[i] = g;
      // recency_days, frequency, interpurchase_days, monetary_total
      rows[i] =
          switch (g) {
            case 0 -> new double[] {400 + i, 1, 400 + i, 20};
            case 1 -> new double[] {380 + i, 4, 10 + i, 90};
            default -> new double[] {5 + i, 9, 30, 300};
          };
      states[i] =
          g == 2
              ? BusinessState.ACTIVE
              : g == 1 && i == 4 ? BusinessState.LAPSING : BusinessState.CHURNED;
    }
    Dataset data =
        Dataset.of(rows, "recency_days", "frequency", "interpurchase_days", "monetary_total");
    List<SegmentProfile> named =
        SegmentProfiles.of(data, labels).states(states).compute().segments();
    assertThat(named.get(0).name()).startsWith("churned, one-time buyers").doesNotContain("return");
    assertThat(named.get(1).name())
        .startsWith("churned")
        .doesNotContain("quick to return")
        .doesNotContain("recent");
    assertThat(named.get(2).name()).startsWith("active").contains("frequent");
    // without states: one-time buyers still named as such, recency words come back
    List<SegmentProfile> plain = SegmentProfiles.of(data, labels).compute().segments();
    assertThat(plain.get(0).name()).startsWith("one-time buyers").contains("lapsed");
    assertThat(plain.get(1).name()).contains("quick to return");
  }

  @Test
  void profilesByHand() {
    Dataset churn = Dataset.of(new double[][] {{0.1}, {0.3}, {0.5}, {0.7}, {0.9}}, "churn");
    SegmentProfiles p =
        SegmentProfiles.of(DATA, LABELS)
            .extras(churn)
            .states(
                new BusinessState[] {
                  BusinessState.NEW,
                  BusinessState.ACTIVE,
                  BusinessState.CHURNED,
                  BusinessState.CHURNED,
                  BusinessState.LAPSING
                })
            .compute();
    SegmentProfile s0 = p.segments().get(0);
    double sdF = Math.sqrt(230.8 / 5);
    double sdM = Math.sqrt(2000);
    assertThat(s0.size()).isEqualTo(2);
    assertThat(s0.share()).isEqualTo(0.4);
    assertThat(s0.mean()).containsExactly(2, 100);
    assertThat(s0.median()).containsExactly(2, 100);
    assertThat(s0.zScore()).containsExactly(new double[] {-7.2 / sdF, 50 / sdM}, offset(1e-12));
    assertThat(s0.lift()).containsExactly(new double[] {2 / 9.2, 2}, offset(1e-12));
    assertThat(s0.top()).containsExactly("monetary_total", "frequency");
    assertThat(s0.name()).isEqualTo("high spend, infrequent");
    assertThat(s0.extraMeans()).containsExactly(new double[] {0.2}, offset(1e-12));
    assertThat(s0.stateCounts()).containsExactly(1, 1, 0, 0);
    SegmentProfile s1 = p.segments().get(1);
    assertThat(s1.name()).isEqualTo("churned, low spend, frequent");
    assertThat(s1.stateCounts()).containsExactly(0, 0, 0, 2);
    assertThat(s1.lift()[1]).isZero();
    SegmentProfile group = p.atypicalGroup().orElseThrow();
    assertThat(group.segment()).isEqualTo(-1);
    assertThat(group.name()).isEqualTo("atypical, to review");
    assertThat(group.size()).isEqualTo(1);
    assertThat(p.populationMean()).containsExactly(new double[] {9.2, 50}, offset(1e-12));
    assertThat(p.columns()).containsExactly("frequency", "monetary_total");
    assertThat(p.extraColumns()).containsExactly("churn");
    assertThat(p.toText())
        .contains("segment 0 \"high spend, infrequent\": 2 customers (40.0%)")
        .contains("group \"atypical, to review\": 1 customers (20.0%)")
        .contains("states: 0 new, 0 active, 0 lapsing, 2 churned")
        .contains("mean churn: 0.6");
  }

  @Test
  void atypicalFlagsCustomWordsAndRepeatedNames() {
    SegmentProfiles p =
        SegmentProfiles.of(DATA, LABELS)
            .atypical(new boolean[] {false, true, false, false, false})
            .words("frequency", "loyal", "occasional")
            .compute();
    assertThat(p.segments().get(0).size()).isEqualTo(1);
    assertThat(p.atypicalGroup().orElseThrow().size()).isEqualTo(2);
    assertThat(p.segments().get(1).name()).isEqualTo("low spend, loyal");
    Dataset same = Dataset.of(new double[][] {{1}, {1}, {5}, {5}}, "x");
    SegmentProfiles twins = SegmentProfiles.of(same, new int[] {0, 0, 1, 2}).compute();
    assertThat(twins.segments().get(0).name()).isEqualTo("low x");
    assertThat(twins.segments().get(1).name()).isEqualTo("high x");
    assertThat(twins.segments().get(2).name()).isEqualTo("high x #2");
    assertThat(twins.atypicalGroup()).isEmpty();
    Dataset flat = Dataset.of(new double[][] {{1}, {1}}, "x");
    assertThat(SegmentProfiles.of(flat, new int[] {0, 1}).compute().segments().get(0).name())
        .isEqualTo("typical");
    assertThatThrownBy(() -> SegmentProfiles.of(DATA, new int[2]))
        .isInstanceOf(DimensionMismatchException.class);
    assertThatThrownBy(() -> SegmentProfiles.of(DATA, new int[] {0, 0, 0, 0, -2}).compute())
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 4");
    assertThatThrownBy(() -> SegmentProfiles.of(DATA, LABELS).segments())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SegmentProfiles.of(DATA, LABELS).extras(flat))
        .hasMessageContaining("extras have 2 rows for 5 customers");
  }

  private static FittedScaling none(int d) {
    return Scaling.none().fit(new double[d], 1, cols(d));
  }

  private static List<String> cols(int d) {
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "x" + j;
    }
    return List.of(names);
  }

  @Test
  void explanationByHand() {
    Explainer e = Explainer.of(none(2), cols(2), new double[] {0, 0, 4, 0}, new int[] {0, 1}, 2);
    Explanation x = e.explain(new double[] {1, 1});
    assertThat(x.segment()).isZero();
    assertThat(x.runnerUp()).isEqualTo(1);
    assertThat(x.distance()).isEqualTo(2);
    assertThat(x.runnerUpDistance()).isEqualTo(10);
    assertThat(x.margin()).isEqualTo(8);
    assertThat(x.contributions()).containsExactly(8, 0);
    assertThat(x.segmentValues()).containsExactly(0, 0);
    assertThat(x.runnerUpValues()).containsExactly(4, 0);
    assertThat(x.text("c42"))
        .isEqualTo(
            "Customer c42 is in segment 0 rather than 1 (squared distance 2.000 vs 10.00) mainly"
                + " because of x0 1.000 (segment 0: 0.000, segment 1: 4.000; 100% of the margin).");
    assertThat(e.membership(new double[] {1, 1}, 4)[0])
        .isCloseTo(1 / (1 + Math.exp(-2)), offset(1e-12));
    Memberships m = e.memberships(Dataset.of(new double[][] {{1, 1}, {2, 0}, {4, 1}}, "x0", "x1"));
    // default temperature: mean distance to the own segment, (2 + 4 + 1) / 3
    assertThat(m.temperature()).isCloseTo(7.0 / 3, offset(1e-12));
    assertThat(m.isBetween(1)).isTrue();
    assertThat(m.between()).containsExactly(false, true, false);
    assertThat(m.get(1, 0)).isCloseTo(0.5, offset(1e-12));
    assertThat(
            e.farFromSegment(Dataset.of(new double[][] {{0, 0}, {0, 1}, {0, 3}}, "x0", "x1"), 0.5))
        .containsExactly(false, false, true);
    Explainer one = Explainer.of(none(2), cols(2), new double[] {0, 0}, new int[] {0}, 1);
    assertThat(one.explain(new double[] {1, 1}).text("z"))
        .isEqualTo("Customer z is in segment 0, the only segment.");
  }

  @Test
  void badExplainerInput() {
    Explainer e = Explainer.of(none(2), cols(2), new double[] {0, 0, 4, 0}, new int[] {0, 1}, 2);
    assertThatThrownBy(() -> e.explain(new double[] {1}))
        .isInstanceOf(DimensionMismatchException.class);
    assertThatThrownBy(() -> e.explain(new double[] {1, Double.NaN}))
        .hasMessageContaining("column 'x1'");
    assertThatThrownBy(() -> e.membership(new double[] {1, 1}, 0))
        .isInstanceOf(InvalidOptionException.class);
    assertThatThrownBy(() -> e.farFromSegment(Dataset.of(new double[][] {{1, 1}}, "x0", "x1"), 1))
        .hasMessageContaining("option quantile");
    assertThatThrownBy(() -> e.memberships(Dataset.of(new double[][] {{1}}, "x0")))
        .hasMessageContaining("column 'x1' of the model is missing");
    assertThatThrownBy(() -> Explainer.of(none(2), cols(2), new double[] {0, 0}, new int[] {1}, 2))
        .hasMessageContaining("segment 0 has no prototype");
    assertThatThrownBy(() -> Explainer.of(none(2), cols(2), new double[] {0}, new int[] {0}, 1))
        .hasMessageContaining("prototype values");
  }

  @Property(tries = 300)
  void contributionsSumToTheMarginAndMembershipsToOne(
      @ForAll @IntRange(min = 1, max = 5) int d,
      @ForAll @IntRange(min = 1, max = 12) int p,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int k = 1 + rng.nextInt(p);
    double[] protos = new double[p * d];
    int[] seg = new int[p];
    for (int u = 0; u < p; u++) {
      seg[u] = u < k ? u : rng.nextInt(k);
      for (int j = 0; j < d; j++) {
        protos[u * d + j] = rng.nextDouble(-10, 10);
      }
    }
    Explainer e = Explainer.of(none(d), cols(d), protos, seg, k);
    double[] row = new double[d];
    for (int j = 0; j < d; j++) {
      row[j] = rng.nextDouble(-12, 12);
    }
    Explanation x = e.explain(row);
    double sum = 0;
    for (double c : x.contributions()) {
      sum += c;
    }
    double[] dist = e.distances(row);
    assertThat(x.distance()).isEqualTo(dist[x.segment()]);
    for (double v : dist) {
      assertThat(v).isGreaterThanOrEqualTo(x.distance());
    }
    if (k > 1) {
      assertThat(sum).isCloseTo(x.margin(), offset(1e-9 * (1 + x.runnerUpDistance())));
      assertThat(x.margin()).isGreaterThanOrEqualTo(0);
    }
    double[] m = e.membership(row, 0.1 + rng.nextDouble(5));
    double total = 0;
    int top = 0;
    for (int s = 0; s < k; s++) {
      total += m[s];
      top = m[s] > m[top] ? s : top;
    }
    assertThat(total).isCloseTo(1.0, offset(1e-12));
    assertThat(dist[top]).isEqualTo(x.distance());
  }
}
