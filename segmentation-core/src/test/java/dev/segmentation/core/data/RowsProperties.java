package dev.segmentation.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RowsProperties {

  /**
   * The order is the one a stable sort of boxed indices gives: sorted by the key, equal keys (many,
   * from few distinct values) in index order.
   */
  @Property(tries = 200)
  void stableOrderIsTheStableSortOfTheIndices(
      @ForAll @IntRange(min = 0, max = 5000) int n,
      @ForAll @IntRange(min = 1, max = 50) int distinct,
      @ForAll boolean descending,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] key = new double[n];
    for (int i = 0; i < n; i++) {
      key[i] = rng.nextInt(distinct) - distinct / 2.0;
    }
    double sign = descending ? -1 : 1;
    int[] order = Rows.stableOrder(n, (a, b) -> Double.compare(sign * key[a], sign * key[b]));
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> Double.compare(sign * key[a], sign * key[b]));
    assertThat(order).containsExactly(Arrays.stream(boxed).mapToInt(Integer::intValue).toArray());
    for (int t = 1; t < n; t++) {
      int c = Double.compare(sign * key[order[t - 1]], sign * key[order[t]]);
      assertThat(c <= 0 && (c < 0 || order[t - 1] < order[t])).isTrue();
    }
  }
}
