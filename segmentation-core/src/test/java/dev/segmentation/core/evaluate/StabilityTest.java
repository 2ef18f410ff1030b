package dev.segmentation.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.api.Segmenter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Hennig's bootstrap Jaccard, the Rand indices between refits, and the resampling schemes. */
class StabilityTest {

  /** A model that only knows its number of segments; enough for the stability check. */
  private record Fixed(int k) implements SegmentModel {
    @Override
    public int numSegments() {
      return k;
    }

    @Override
    public List<String> columnNames() {
      return List.of("x");
    }

    @Override
    public int assign(double[] row) {
      return 0;
    }
  }

  private static SegmentationResult<Fixed> result(int[] labels, int k) {
    return new SegmentationResult<>(
        labels, new Fixed(k), new FitSummary("test", 0, true, 0, 0, Duration.ZERO, new double[0]));
  }

  /** Segments by thresholds on the single column: a stable rule. */
  private static final Segmenter<Fixed> THRESHOLDS =
      data -> {
        int[] l = new int[data.numRows()];
        for (int i = 0; i < l.length; i++) {
          double v = data.get(i, 0);
          l[i] = v < 50 ? 0 : v < 150 ? 1 : 2;
        }
        return result(l, 3);
      };

  private static Dataset threeGroups(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] rows = new double[n][1];
    for (int i = 0; i < n; i++) {
      rows[i][0] = 100 * (i % 3) + rng.nextDouble();
    }
    return Dataset.of(rows, "x");
  }

  @Property(tries = 30)
  void aRuleThatFindsTheSameGroupsIsPerfectlyStable(
      @ForAll @IntRange(min = 6, max = 200) int n, @ForAll long seed) {
    Dataset data = threeGroups(n, seed);
    StabilityReport r = Stability.of(THRESHOLDS).refits(8).seed(seed).assess(data);
    assertThat(r.numSegments()).isEqualTo(3);
    for (int c = 0; c < 3; c++) {
      if (r.observed()[c] > 0) {
        assertThat(r.meanJaccard()[c]).isEqualTo(1.0);
      }
      assertThat(r.dissolved()[c]).isZero();
    }
    assertThat(r.adjustedRandIndices()).containsOnly(1.0);
    assertThat(r.meanAdjustedRandIndex()).isEqualTo(1.0);
    assertThat(r.meanPairwiseAdjustedRandIndex()).isEqualTo(1.0);
  }

  @Property(tries = 20)
  void randomLabelsAreFlaggedUnstable(
      @ForAll @IntRange(min = 60, max = 300) int n, @ForAll long seed) {
    Dataset data = threeGroups(n, seed);
    SplittableRandom noise = new SplittableRandom(seed);
    Segmenter<Fixed> random =
        d -> {
          int[] l = new int[d.numRows()];
          for (int i = 0; i < l.length; i++) {
            l[i] = noise.nextInt(3);
          }
          return result(l, 3);
        };
    StabilityReport r = Stability.of(random).refits(6).assess(data, THRESHOLDS.fit(data).labels());
    assertThat(r.unstableSegments()).containsExactly(0, 1, 2);
    assertThat(r.meanAdjustedRandIndex()).isLessThan(0.3);
    for (int c = 0; c < 3; c++) {
      assertThat(r.isStable(c)).isFalse();
      assertThat(r.meanJaccard()[c]).isBetween(0.0, 0.75);
    }
  }

  @Test
  void jaccardByHand() {
    int a = Integer.MIN_VALUE; // a row the refit did not draw
    int[] reference = {0, 0, 0, 1, 1, 1};
    int[] refit = {0, 0, 1, 1, 1, a};
    // C0 = {0,1,2}: best D0 = {0,1}, 2/3; C1' = {3,4} (row 5 not drawn): best D1 = {2,3,4}, 2/3
    assertThat(Stability.jaccard(reference, refit, 2))
        .containsExactly(new double[] {2.0 / 3, 2.0 / 3}, offset(1e-15));
    // a noise row in the refit counts for C but for no D; a segment not drawn is NaN
    int[] withNoise = {0, -1, 0, a, a, a};
    double[] j = Stability.jaccard(reference, withNoise, 2);
    assertThat(j[0]).isCloseTo(2.0 / 3, offset(1e-15));
    assertThat(j[1]).isNaN();
  }

  @Test
  void subsamplesDrawDistinctRowsAndBootstrapsDrawN() {
    Dataset data = threeGroups(40, 1);
    List<Integer> sizes = new ArrayList<>();
    List<Integer> distinct = new ArrayList<>();
    Segmenter<Fixed> recording =
        d -> {
          sizes.add(d.numRows());
          Set<Double> values = new HashSet<>();
          for (int i = 0; i < d.numRows(); i++) {
            values.add(d.get(i, 0));
          }
          distinct.add(values.size());
          return THRESHOLDS.fit(d);
        };
    Stability.of(recording)
        .resampling(Stability.Resampling.SUBSAMPLE)
        .fraction(0.25)
        .refits(5)
        .assess(data);
    // the reference fit on all rows, then 5 subsamples of 10 distinct rows
    assertThat(sizes).containsExactly(40, 10, 10, 10, 10, 10);
    assertThat(distinct.subList(1, 6)).containsOnly(10);
    sizes.clear();
    distinct.clear();
    StabilityReport r = Stability.of(recording).refits(5).assess(data);
    assertThat(sizes).containsExactly(40, 40, 40, 40, 40, 40);
    assertThat(distinct.subList(1, 6)).allMatch(v -> v < 40);
    assertThat(r.toText())
        .contains("stability over 5 bootstrap refits")
        .contains("ARI refit vs reference: mean 1.000");
  }

  @Test
  void theSameSeedGivesTheSameReport() {
    Dataset data = threeGroups(90, 2);
    SplittableRandom noise = new SplittableRandom(5);
    int[] fixedNoise = new int[90];
    for (int i = 0; i < 90; i++) {
      fixedNoise[i] = noise.nextInt(3);
    }
    // labels depend on the rows drawn, so the report depends on the draw
    Segmenter<Fixed> byValue =
        d -> {
          int[] l = new int[d.numRows()];
          for (int i = 0; i < l.length; i++) {
            l[i] = fixedNoise[(int) (d.get(i, 0) * 1000) % 90];
          }
          return result(l, 3);
        };
    StabilityReport a = Stability.of(byValue).refits(4).seed(11).assess(data);
    StabilityReport b = Stability.of(byValue).refits(4).seed(11).assess(data);
    assertThat(a.meanJaccard()).isEqualTo(b.meanJaccard());
    assertThat(a.adjustedRandIndices()).isEqualTo(b.adjustedRandIndices());
  }

  @Test
  void badInputIsNamed() {
    Dataset data = threeGroups(10, 1);
    assertThatThrownBy(() -> Stability.of(THRESHOLDS).refits(0))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("option refits");
    assertThatThrownBy(() -> Stability.of(THRESHOLDS).fraction(1.0))
        .hasMessageContaining("option fraction");
    assertThatThrownBy(() -> Stability.of(THRESHOLDS).threshold(-0.1))
        .hasMessageContaining("option threshold");
    assertThatThrownBy(() -> Stability.of(THRESHOLDS).assess(data, new int[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 reference labels for 10 rows");
    assertThatThrownBy(
            () ->
                Stability.of(THRESHOLDS)
                    .resampling(Stability.Resampling.SUBSAMPLE)
                    .fraction(0.1)
                    .assess(data))
        .hasMessageContaining("a refit needs at least 2");
    StabilityReport one = Stability.of(THRESHOLDS).refits(1).threshold(1.0).assess(data);
    assertThat(one.meanPairwiseAdjustedRandIndex()).isNaN();
    assertThat(one.threshold()).isEqualTo(1.0);
    assertThat(one.refits()).isEqualTo(1);
    assertThat(one.toString()).startsWith("StabilityReport[1 refits");
  }
}
