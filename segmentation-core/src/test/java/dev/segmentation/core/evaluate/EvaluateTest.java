package dev.segmentation.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.segmentation.core.parallel.Blocks;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class EvaluateTest {
  private static final int[] TRUTH = {0, 0, 1, 1};
  private static final int[] SPLIT = {0, 0, 1, 2};

  private static Blocks blocks(int n) {
    return new Blocks(n, 2, ForkJoinPool.commonPool());
  }

  @Test
  void agreementByHand() {
    // pairs: 1 kept together by both, 1 only by the truth, 4 by neither (scikit-learn: 0.5714)
    assertThat(Agreement.adjustedRandIndex(TRUTH, SPLIT)).isCloseTo(8.0 / 14, within(1e-12));
    // MI = H(truth) = ln 2, H(split) = 1.5 ln 2: NMI = ln 2 / (1.25 ln 2)
    assertThat(Agreement.normalizedMutualInformation(TRUTH, SPLIT)).isCloseTo(0.8, within(1e-12));
    assertThat(Agreement.mutualInformation(TRUTH, SPLIT)).isCloseTo(Math.log(2), within(1e-12));
    // tk = 6 - 4, pk = 8 - 4, qk = 6 - 4
    assertThat(Agreement.fowlkesMallows(TRUTH, SPLIT)).isCloseTo(2 / Math.sqrt(8), within(1e-12));
    // E[MI] = 2 ln 2 / 3 by hand (hypergeometric sums), so AMI = (1 / 3) / (5 / 4 - 2 / 3)
    assertThat(Agreement.adjustedMutualInformation(TRUTH, SPLIT)).isCloseTo(4.0 / 7, within(1e-12));
    assertThat(Agreement.adjustedMutualInformation(TRUTH, new int[] {1, 1, 0, 0})).isEqualTo(1.0);
    assertThat(Agreement.adjustedMutualInformation(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}))
        .isCloseTo(0.0, within(1e-12));
    assertThat(Agreement.adjustedMutualInformation(new int[] {4, 4}, new int[] {7, 7}))
        .isEqualTo(1.0);
    assertThat(Agreement.purity(TRUTH, SPLIT)).isEqualTo(1.0);
    assertThat(Agreement.purity(SPLIT, TRUTH)).isEqualTo(0.75);
    // special cases as scikit-learn
    assertThat(Agreement.adjustedRandIndex(new int[] {0, 0}, new int[] {1, 1})).isEqualTo(1.0);
    assertThat(Agreement.normalizedMutualInformation(new int[] {0, 0}, new int[] {5, 5}))
        .isEqualTo(1.0);
    assertThat(Agreement.normalizedMutualInformation(new int[] {0, 0}, new int[] {0, 1}))
        .isEqualTo(0.0);
    assertThat(Agreement.fowlkesMallows(new int[] {0, 1}, new int[] {0, 1})).isEqualTo(0.0);
    assertThat(Agreement.purity(new int[0], new int[0])).isEqualTo(1.0);
    // anti-correlated pairs give a negative index: scikit-learn gives -0.5 here
    assertThat(Agreement.adjustedRandIndex(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}))
        .isCloseTo(-0.5, within(1e-12));
  }

  @Test
  void contingencyByHand() {
    Contingency t = Contingency.of(TRUTH, SPLIT);
    assertThat(t.rows()).isEqualTo(2);
    assertThat(t.columns()).isEqualTo(3);
    assertThat(t.count(0, 0)).isEqualTo(2);
    assertThat(t.count(1, 2)).isEqualTo(1);
    assertThat(t.rowSums()).containsExactly(2, 2);
    assertThat(t.columnSums()).containsExactly(2, 1, 1);
    assertThat(t.rowLabel(1)).isEqualTo(1);
    assertThat(t.columnLabel(2)).isEqualTo(2);
    assertThat(t.total()).isEqualTo(4);
    assertThatThrownBy(() -> Contingency.of(new int[2], new int[3]))
        .hasMessageContaining("different length: 2 and 3");
  }

  @Test
  void internalCriteriaByHand() {
    double[] x = {0, 1, 10, 11};
    int[] labels = {0, 0, 1, 1};
    double[] s = Quality.silhouettes(x, 4, 1, labels, blocks(4));
    assertThat(s)
        .containsExactly(
            new double[] {9.5 / 10.5, 8.5 / 9.5, 8.5 / 9.5, 9.5 / 10.5}, within(1e-15));
    assertThat(Quality.silhouette(x, 4, 1, labels, blocks(4)))
        .isCloseTo((9.5 / 10.5 + 8.5 / 9.5) / 2, within(1e-15));
    // B = 4 * 25, W = 4 * 0.25: (100 / 1) / (1 / 2)
    assertThat(Quality.calinskiHarabasz(x, 4, 1, labels)).isCloseTo(200, within(1e-12));
    // spreads 0.5 and 0.5, centroids 10 apart
    assertThat(Quality.daviesBouldin(x, 4, 1, labels)).isCloseTo(0.1, within(1e-15));
    assertThat(Quality.inertia(x, 4, 1, labels)).isCloseTo(1.0, within(1e-15));
    // noise rows are left out: the same values with a far outlier labelled -1
    double[] withNoise = {0, 1, 10, 11, 500};
    int[] noisy = {0, 0, 1, 1, -1};
    assertThat(Quality.calinskiHarabasz(withNoise, 5, 1, noisy)).isCloseTo(200, within(1e-12));
    assertThat(Quality.silhouettes(withNoise, 5, 1, noisy, blocks(5))[4]).isNaN();
    assertThat(Quality.silhouette(withNoise, 5, 1, noisy, blocks(5)))
        .isCloseTo((9.5 / 10.5 + 8.5 / 9.5) / 2, within(1e-15));
    // a singleton segment has silhouette 0; all-points segments give DB 0 and CH 1
    assertThat(Quality.silhouettes(new double[] {0, 1, 5}, 3, 1, new int[] {0, 0, 1}, blocks(3))[2])
        .isZero();
    assertThat(Quality.daviesBouldin(new double[] {0, 5}, 2, 1, new int[] {0, 1})).isZero();
    assertThat(Quality.calinskiHarabasz(new double[] {0, 5}, 2, 1, new int[] {0, 1})).isEqualTo(1);
  }

  @Test
  void centroidIndexByHand() {
    // A = {0, 10}, B = {1, 2}: every B centroid is someone's nearest, but 10 in A is nobody's
    assertThat(Quality.centroidIndex(new double[] {0, 10}, new double[] {1, 2}, 1)).isEqualTo(1);
    assertThat(Quality.centroidIndex(new double[] {0, 10}, new double[] {9, 1}, 1)).isZero();
    assertThatThrownBy(() -> Quality.centroidIndex(new double[0], new double[] {1}, 1))
        .hasMessageContaining("non-empty");
  }

  @Test
  void undefinedCasesAreRefused() {
    assertThatThrownBy(
            () -> Quality.silhouette(new double[] {0, 1}, 2, 1, new int[] {0, 0}, blocks(2)))
        .hasMessageContaining("2 to n - 1 segments");
    assertThatThrownBy(() -> Quality.daviesBouldin(new double[] {0, 1}, 2, 1, new int[] {3, 3}))
        .hasMessageContaining("at least 2 segments");
    assertThatThrownBy(() -> Quality.inertia(new double[] {0, 1}, 2, 1, new int[] {0}))
        .hasMessageContaining("1 labels for 2 rows");
    assertThatThrownBy(
            () ->
                Quality.sampledSilhouette(
                    new double[] {0, 1}, 2, 1, new int[] {0, 1}, 1, 1, blocks(1)))
        .hasMessageContaining("sample must be >= 2");
  }
}
