package dev.segmentation.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SegmentAlignmentTest {

  /** The least cost over every injective map of rows to columns, by plain recursion. */
  private static double bruteForce(double[][] cost, int row, boolean[] taken) {
    if (row == cost.length) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < taken.length; j++) {
      if (!taken[j]) {
        taken[j] = true;
        best = Math.min(best, cost[row][j] + bruteForce(cost, row + 1, taken));
        taken[j] = false;
      }
    }
    return best;
  }

  @Property(tries = 300)
  void hungarianEqualsBruteForce(
      @ForAll @IntRange(min = 1, max = 6) int rows,
      @ForAll @IntRange(min = 0, max = 2) int extra,
      @ForAll boolean integral,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int cols = rows + extra;
    double[][] cost = new double[rows][cols];
    for (double[] r : cost) {
      for (int j = 0; j < cols; j++) {
        r[j] = integral ? rng.nextInt(4) : rng.nextDouble() * 10 - 3;
      }
    }
    int[] a = SegmentAlignment.minimumCostAssignment(cost);
    boolean[] seen = new boolean[cols];
    double total = 0;
    for (int i = 0; i < rows; i++) {
      assertThat(seen[a[i]]).as("column %d used twice", a[i]).isFalse();
      seen[a[i]] = true;
      total += cost[i][a[i]];
    }
    assertThat(total)
        .isCloseTo(
            bruteForce(cost, 0, new boolean[cols]), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void refitSegmentsKeepTheirNames() {
    double[] before = {0, 0, 10, 10, 20, 0};
    // the same three groups, found in another order and slightly moved
    double[] after = {19, 1, 0.5, 0, 10, 9};
    assertThat(SegmentAlignment.alignCentroids(before, after, 2)).containsExactly(2, 0, 1);
    // a fourth group appears: it gets the next free label
    double[] more = {19, 1, 50, 50, 0.5, 0, 10, 9};
    assertThat(SegmentAlignment.alignCentroids(before, more, 2)).containsExactly(2, 3, 0, 1);
    // one group fewer: the two left keep the labels of their nearest old groups
    double[] fewer = {10, 11, 1, 1};
    assertThat(SegmentAlignment.alignCentroids(before, fewer, 2)).containsExactly(1, 0);
    assertThat(SegmentAlignment.minimumCostAssignment(new double[0][])).isEmpty();
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> SegmentAlignment.minimumCostAssignment(new double[][] {{1}, {2}}))
        .hasMessageContaining("more rows (2) than columns (1)");
    assertThatThrownBy(
            () -> SegmentAlignment.minimumCostAssignment(new double[][] {{1, Double.NaN}}))
        .hasMessageContaining("cost[0][1] = NaN");
    assertThatThrownBy(() -> SegmentAlignment.minimumCostAssignment(new double[][] {{1, 2}, {1}}))
        .hasMessageContaining("row 1 has 1 columns");
    assertThatThrownBy(() -> SegmentAlignment.alignCentroids(new double[3], new double[2], 2))
        .hasMessageContaining("multiples of d=2");
  }

  @Property(tries = 500)
  void alignLabelsUndoesARenumbering(
      @ForAll @IntRange(min = 1, max = 7) int k,
      @ForAll @IntRange(min = 0, max = 2) int extra,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 40 + rng.nextInt(60);
    int[] previous = new int[n];
    // every old segment keeps at least two customers among the first 2k rows, so after the extra
    // new segments take one customer each from the last rows, no extra segment can tie with the
    // segment that really is the old one (a tie would make either alignment correct)
    for (int i = 0; i < n; i++) {
      previous[i] = i < 2 * k ? i % k : rng.nextInt(k);
    }
    int[] perm = new int[k + extra];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = i;
    }
    for (int i = perm.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[] next = new int[n];
    for (int i = 0; i < n; i++) {
      next[i] = perm[previous[i]];
    }
    // the extra new segments take a few customers each (k + extra <= n)
    for (int e = 0; e < extra; e++) {
      next[n - 1 - e] = perm[k + e];
    }
    int[] ids = SegmentAlignment.alignLabels(previous, next);
    int[] back = SegmentAlignment.relabel(next, ids);
    for (int i = 0; i < n - extra; i++) {
      assertThat(back[i]).isEqualTo(previous[i]);
    }
    // identities are a permutation of 0 .. kNext-1, the unmatched ones from k up
    int[] sorted = ids.clone();
    java.util.Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertThat(sorted[i]).isEqualTo(i);
    }
  }

  @Test
  void relabelKeepsNoiseAndNamesAStrayLabel() {
    assertThat(SegmentAlignment.relabel(new int[] {1, -1, 0}, new int[] {5, 3}))
        .containsExactly(3, -1, 5);
    assertThatThrownBy(() -> SegmentAlignment.relabel(new int[] {0, 2}, new int[] {1, 0}))
        .hasMessageContaining("row 1: label 2");
    assertThatThrownBy(() -> SegmentAlignment.alignLabels(new int[] {0}, new int[] {0, 1}))
        .hasMessageContaining("different length");
    assertThatThrownBy(() -> SegmentAlignment.alignLabels(new int[] {-2}, new int[] {0}))
        .hasMessageContaining("row 0");
    // noise on either side is ignored; all-noise previous: every new segment is fresh
    assertThat(SegmentAlignment.alignLabels(new int[] {-1, -1}, new int[] {1, 0}))
        .containsExactly(0, 1);
    assertThat(SegmentAlignment.alignLabels(new int[] {0, 0, 1, -1}, new int[] {1, 1, 0, 0}))
        .containsExactly(1, 0);
  }
}
