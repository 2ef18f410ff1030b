package dev.segmentation.core.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class BlocksProperties {
  @Property(tries = 30)
  void blocksCoverEveryRowOnceAndSumsDoNotDependOnThreads(
      @ForAll @IntRange(min = 0, max = 40_000) int n,
      @ForAll @IntRange(min = 1, max = 8) int threads,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian() * 1e6;
    }
    double expected = blockSum(x, new Blocks(n, 1, ForkJoinPool.commonPool()), new int[n]);
    int[] visits = new int[n];
    double got = blockSum(x, new Blocks(n, threads, Blocks.defaultPool()), visits);
    assertThat(Double.doubleToLongBits(got)).isEqualTo(Double.doubleToLongBits(expected));
    for (int v : visits) {
      assertThat(v).isEqualTo(1);
    }
  }

  private static double blockSum(double[] x, Blocks blocks, int[] visits) {
    double[] partial = new double[blocks.count()];
    // Run twice: the second run checks that tasks re-arm correctly.
    for (int rep = 0; rep < 2; rep++) {
      blocks.run(
          (w, b, start, end) -> {
            double s = 0;
            for (int i = start; i < end; i++) {
              s += x[i];
            }
            partial[b] = s;
          });
    }
    blocks.run(
        (w, b, start, end) -> {
          assertThat(w).isBetween(0, blocks.workers() - 1);
          for (int i = start; i < end; i++) {
            visits[i]++;
          }
        });
    double total = 0;
    for (double p : partial) {
      total += p;
    }
    return total;
  }
}
