package dev.segmentation.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SelectionTable;
import dev.segmentation.core.parallel.Blocks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The selection rules and constraints on partitions given by hand. */
class KSelectionTest {

  // 1-D rows: two tight pairs, a triple and an outlier
  private static final double[] X = {0, 1, 10, 11, 12, 30, 31, 50};
  private static final int N = X.length;
  // k = 2, 3, 4, 5
  private static final int[][] PARTS = {
    {0, 0, 0, 0, 0, 1, 1, 1},
    {0, 0, 1, 1, 1, 2, 2, 2},
    {0, 0, 1, 1, 1, 2, 2, 3},
    {0, 1, 2, 2, 2, 3, 3, 4},
  };

  private static SelectionTable choose(KSelection s) {
    return s.choose(X, N, 1, PARTS, null, 1, ForkJoinPool.commonPool());
  }

  @Test
  void calinskiHarabaszPicksTheHighestAndTheTableHoldsEveryFigure() {
    SelectionTable t = choose(KSelection.range(2, 5).by(Criterion.CALINSKI_HARABASZ));
    double best = Double.NEGATIVE_INFINITY;
    int argmax = 0;
    for (int i = 0; i < PARTS.length; i++) {
      SelectionTable.Row r = t.rows().get(i);
      double ch = Quality.calinskiHarabasz(X, N, 1, PARTS[i]);
      assertThat(r.k()).isEqualTo(i + 2);
      assertThat(r.value()).isEqualTo(ch);
      assertThat(r.inertia()).isEqualTo(Quality.inertia(X, N, 1, PARTS[i]));
      assertThat(r.spread()).isNaN();
      assertThat(r.eligible()).isTrue();
      if (ch > best) {
        best = ch;
        argmax = i + 2;
      }
    }
    assertThat(t.chosenK()).isEqualTo(argmax);
    // by hand for k = 3: segments {0,1}, {10,11,12}, {30,31,50}
    assertThat(t.row(3).inertia()).isCloseTo(0.5 + 2 + (49 + 36 + 169), offset(1e-9));
    assertThat(t.row(2).smallestShare()).isEqualTo(3.0 / 8);
    assertThat(t.row(4).smallestShare()).isEqualTo(1.0 / 8);
    assertThat(t.criterion()).isEqualTo("CALINSKI_HARABASZ");
    assertThat(t.toText()).contains("calinski_harabasz").containsPattern("\\*\\s+" + argmax + " ");
  }

  @Test
  void daviesBouldinPicksTheLowest() {
    SelectionTable t = choose(KSelection.range(2, 5).by(Criterion.DAVIES_BOULDIN));
    int argmin = 2;
    for (int k = 2; k <= 5; k++) {
      assertThat(t.row(k).value()).isEqualTo(Quality.daviesBouldin(X, N, 1, PARTS[k - 2]));
      argmin = t.row(k).value() < t.row(argmin).value() ? k : argmin;
    }
    assertThat(t.chosenK()).isEqualTo(argmin);
  }

  @Test
  void silhouetteIsExactUpToTheSampleSizeAndSeededAbove() {
    SelectionTable exact = choose(KSelection.range(2, 5));
    for (int k = 2; k <= 5; k++) {
      assertThat(exact.row(k).value())
          .isEqualTo(Quality.silhouette(X, N, 1, PARTS[k - 2], new Blocks(N, 1, null)));
    }
    SelectionTable a = choose(KSelection.range(2, 5).silhouetteSample(6).seed(3));
    SelectionTable b = choose(KSelection.range(2, 5).silhouetteSample(6).seed(3));
    for (int k = 2; k <= 5; k++) {
      assertThat(a.row(k).value()).isEqualTo(b.row(k).value()).isBetween(-1.0, 1.0);
    }
  }

  @Test
  void aMinimumShareRejectsSmallSegmentsAndSaysWhy() {
    SelectionTable t = choose(KSelection.range(2, 5).by(Criterion.CALINSKI_HARABASZ).minShare(0.2));
    assertThat(t.row(4).eligible()).isFalse();
    assertThat(t.row(4).note()).isEqualTo("rejected: smallest segment 12.5% < minimum share 20.0%");
    assertThat(t.row(5).eligible()).isFalse();
    assertThat(t.row(2).eligible()).isTrue();
    assertThat(t.chosenK()).isIn(2, 3);
    assertThat(t.rule()).contains("minimum share 20.0%");
  }

  @Test
  void thePreferredRangeWinsWhenItCanAndFallsBackOtherwise() {
    SelectionTable inside =
        choose(KSelection.range(2, 5).by(Criterion.DAVIES_BOULDIN).preferred(4, 5));
    assertThat(inside.chosenK()).isIn(4, 5);
    assertThat(inside.row(2).eligible()).isFalse();
    assertThat(inside.row(2).note()).isEqualTo("set aside: outside the preferred range");

    SelectionTable fallback =
        choose(KSelection.range(2, 5).by(Criterion.DAVIES_BOULDIN).minShare(0.2).preferred(4, 5));
    assertThat(fallback.chosenK()).isIn(2, 3);
    assertThat(fallback.row(2).note())
        .isEqualTo("outside the preferred range (no eligible k inside it)");
  }

  @Test
  void noEligibleKIsAnErrorThatCarriesTheTable() {
    assertThatThrownBy(() -> choose(KSelection.range(2, 5).minShare(0.4)))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("option minShare")
        .hasMessageContaining("no k in 2..5 is eligible")
        .hasMessageContaining("k = 2: rejected: smallest segment 37.5% < minimum share 40.0%");
  }

  @Test
  void gapIsTheMeanReferenceLogInertiaMinusTheLogInertia() {
    List<double[]> references = new ArrayList<>();
    List<int[][]> parts = new ArrayList<>();
    KSelection.Refit refit =
        (rx, rn, rd, ks) -> {
          references.add(rx.clone());
          // a fixed rule stands in for the algorithm: split the sorted range into k equal runs
          int[][] out = new int[ks.length][rn];
          for (int i = 0; i < ks.length; i++) {
            for (int r = 0; r < rn; r++) {
              out[i][r] = (int) Math.min(ks[i] - 1, Math.floor(rx[r] / 50.0001 * ks[i]));
            }
          }
          parts.add(out);
          return out;
        };
    SelectionTable t =
        KSelection.range(2, 5)
            .by(Criterion.GAP)
            .references(4)
            .seed(9)
            .choose(X, N, 1, PARTS, refit, 1, ForkJoinPool.commonPool());
    assertThat(references).hasSize(4);
    for (double[] ref : references) {
      assertThat(ref).hasSize(N);
      for (double v : ref) {
        assertThat(v).isBetween(0.0, 50.0);
      }
    }
    for (int k = 2; k <= 5; k++) {
      double[] logW = new double[4];
      double mean = 0;
      for (int b = 0; b < 4; b++) {
        logW[b] = Math.log(Quality.inertia(references.get(b), N, 1, parts.get(b)[k - 2]));
        mean += logW[b] / 4;
      }
      double ss = 0;
      for (double v : logW) {
        ss += (v - mean) * (v - mean);
      }
      SelectionTable.Row r = t.row(k);
      assertThat(r.value())
          .isCloseTo(mean - Math.log(Quality.inertia(X, N, 1, PARTS[k - 2])), offset(1e-12));
      assertThat(r.spread()).isCloseTo(Math.sqrt(ss / 4) * Math.sqrt(1.25), offset(1e-12));
    }
    // R's firstSEmax: the first local maximum, then the smallest k within one s of it
    int top = 5;
    for (int k = 2; k < 5 && top == 5; k++) {
      if (t.row(k).value() >= t.row(k + 1).value()) {
        top = k;
      }
    }
    int expected = top;
    for (int k = top; k >= 2; k--) {
      if (t.row(k).value() >= t.row(top).value() - t.row(top).spread()) {
        expected = k;
      }
    }
    assertThat(t.chosenK()).isEqualTo(expected);
    assertThatThrownBy(() -> choose(KSelection.range(2, 5).by(Criterion.GAP)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refit");
  }

  @Test
  void elbowIsTheKneeOfTheLogInertiaCurve() {
    SelectionTable t = choose(KSelection.range(2, 5).by(Criterion.ELBOW));
    double total = Quality.inertia(X, N, 1, new int[N]);
    double top = Math.log(total);
    double range = top - Math.log(t.row(5).inertia());
    int knee = 2;
    for (int k = 2; k <= 5; k++) {
      double expected = (top - Math.log(t.row(k).inertia())) / range - (k - 1) / 4.0;
      assertThat(t.row(k).value()).isCloseTo(expected, offset(1e-12));
      knee = t.row(k).value() > t.row(knee).value() ? k : knee;
    }
    assertThat(t.chosenK()).isEqualTo(knee);
  }

  @Test
  void badOptionsNameTheOption() {
    assertThatThrownBy(() -> KSelection.range(0, 4)).hasMessageContaining("option k");
    assertThatThrownBy(() -> KSelection.range(5, 3)).hasMessageContaining("5..3");
    assertThatThrownBy(() -> KSelection.range(1, 4).by(Criterion.SILHOUETTE))
        .hasMessageContaining("undefined for one segment");
    assertThat(KSelection.range(1, 4).by(Criterion.GAP).ks()).containsExactly(1, 2, 3, 4);
    assertThatThrownBy(() -> KSelection.range(2, 4).minShare(1.0))
        .hasMessageContaining("option minShare");
    assertThatThrownBy(() -> KSelection.range(2, 4).preferred(6, 8))
        .hasMessageContaining("option preferred");
    assertThatThrownBy(() -> KSelection.range(2, 4).references(0))
        .hasMessageContaining("option references");
    assertThatThrownBy(() -> KSelection.range(2, 4).silhouetteSample(1))
        .hasMessageContaining("option silhouetteSample");
    assertThatThrownBy(
            () ->
                KSelection.range(2, 4)
                    .choose(X, N, 1, new int[2][], null, 1, ForkJoinPool.commonPool()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 partitions for 3 values of k");
    assertThat(KSelection.range(2, 4).by(Criterion.GAP).minShare(0.1).preferred(3, 4).toString())
        .isEqualTo("KSelection[2..4 by GAP, minShare 0.1, preferred 3..4]");
  }

  @Test
  void aTableRefusesAChoiceThatIsNotEligibleAndUnknownK() {
    SelectionTable t = choose(KSelection.range(2, 5));
    assertThatThrownBy(() -> t.row(9)).hasMessageContaining("covers 2..5");
    List<SelectionTable.Row> rows =
        List.of(new SelectionTable.Row(2, 0.5, Double.NaN, 1, 0.5, false, "rejected"));
    assertThatThrownBy(() -> new SelectionTable("SILHOUETTE", "rule", rows, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
