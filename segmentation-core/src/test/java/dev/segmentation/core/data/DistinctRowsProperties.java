package dev.segmentation.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class DistinctRowsProperties {
  @Property(tries = 300)
  void countsLikeAHashSetUpToTheLimit(
      @ForAll @IntRange(min = 0, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 0, max = 50) int limit,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n * d];
    Set<List<Double>> set = new HashSet<>();
    for (int i = 0; i < n; i++) {
      Double[] row = new Double[d];
      for (int j = 0; j < d; j++) {
        x[i * d + j] = rng.nextInt(3);
        row[j] = x[i * d + j];
      }
      set.add(List.of(row));
    }
    assertThat(DistinctRows.countAtLeast(x, n, d, limit)).isEqualTo(Math.min(limit, set.size()));
  }

  @Property(tries = 10)
  void negativeZeroEqualsZero(@ForAll @IntRange(min = 1, max = 5) int d) {
    double[] x = new double[2 * d];
    x[d] = -0.0;
    assertThat(DistinctRows.countAtLeast(x, 2, d, 5)).isEqualTo(1);
  }
}
