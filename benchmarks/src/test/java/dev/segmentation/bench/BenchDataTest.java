package dev.segmentation.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BenchDataTest {
  @Property(tries = 100)
  void renumberingKeepsThePartition(
      @ForAll @Size(min = 1, max = 60) List<@IntRange(min = -1, max = 5) Integer> values,
      @ForAll long seed) {
    int[] a = values.stream().mapToInt(Integer::intValue).toArray();
    int[] perm = {0, 1, 2, 3, 4, 5};
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    for (int i = perm.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[] b = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i] < 0 ? -1 : perm[a[i]] + 10;
    }
    assertThat(BenchData.samePartition(a, b)).isTrue();
  }

  @Test
  void mergedSplitOrMovedNoiseIsAnotherPartition() {
    int[] a = {0, 0, 1, 1, -1};
    assertThat(BenchData.samePartition(a, new int[] {0, 0, 0, 0, -1})).isFalse();
    assertThat(BenchData.samePartition(a, new int[] {0, 2, 1, 1, -1})).isFalse();
    assertThat(BenchData.samePartition(a, new int[] {0, 0, 1, 1, 1})).isFalse();
    assertThat(BenchData.samePartition(a, new int[] {0, 0, 1, 1})).isFalse();
    assertThat(BenchData.samePartition(a, new int[] {7, 7, 3, 3, -1})).isTrue();
  }

  @Test
  void nearestLabelsAndObjective() {
    double[] x = {0, 0, 1, 0, 10, 10};
    int[] labels = new int[3];
    double sse = BenchData.nearest(x, 3, 2, new double[] {0.5, 0, 10, 10}, labels);
    assertThat(labels).containsExactly(0, 0, 1);
    assertThat(sse).isEqualTo(0.5);
    assertThat(BenchData.sse(x, 3, 2, new double[] {0, 0})).isEqualTo(1 + 200);
  }
}
