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
}
