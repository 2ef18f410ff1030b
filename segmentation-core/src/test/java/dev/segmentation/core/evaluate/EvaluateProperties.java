package dev.segmentation.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.core.parallel.Blocks;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the evaluation criteria over random labelings. */
class EvaluateProperties {

  private static int[] labels(int n, int k, SplittableRandom rng) {
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = rng.nextInt(k);
    }
    return l;
  }

  @Property(tries = 200)
  void agreementIsSymmetricBoundedAndBlindToRenaming(
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 8) int ka,
      @ForAll @IntRange(min = 1, max = 8) int kb,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] a = labels(n, ka, rng);
    int[] b = labels(n, kb, rng);
    // renaming: an arbitrary injective relabelling of b
    int[] renamed = new int[n];
    for (int i = 0; i < n; i++) {
      renamed[i] = 1000 - 7 * b[i];
    }
    double ari = Agreement.adjustedRandIndex(a, b);
    assertThat(Agreement.adjustedRandIndex(a, a)).isEqualTo(1.0);
    assertThat(Agreement.adjustedRandIndex(b, a))
        .isCloseTo(ari, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Agreement.adjustedRandIndex(a, renamed)).isEqualTo(ari);
    assertThat(ari).isBetween(-1.0, 1.0);
    double nmi = Agreement.normalizedMutualInformation(a, b);
    assertThat(nmi).isBetween(0.0, 1.0);
    assertThat(Agreement.normalizedMutualInformation(b, a))
        .isCloseTo(nmi, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Agreement.normalizedMutualInformation(a, a))
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Agreement.fowlkesMallows(a, b)).isBetween(0.0, 1.0 + 1e-15);
    double ami = Agreement.adjustedMutualInformation(a, b);
    assertThat(ami).isLessThanOrEqualTo(1.0 + 1e-9);
    assertThat(Agreement.adjustedMutualInformation(b, a))
        .isCloseTo(ami, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Agreement.adjustedMutualInformation(a, renamed))
        .isCloseTo(ami, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Agreement.purity(a, b)).isBetween(0.0, 1.0);
  }

  @Property(tries = 100)
  void silhouettesAreBoundedAndIndependentOfThreads(
      @ForAll @IntRange(min = 3, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 2, max = 6) int k,
      @ForAll @IntRange(min = 1, max = 4) int threads,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    int[] l = labels(n, Math.min(k, n - 1), rng);
    long distinct = java.util.Arrays.stream(l).distinct().count();
    if (distinct < 2) {
      l[0] = 0;
      l[1] = 1;
    }
    double[] one = Quality.silhouettes(x, n, d, l, new Blocks(n, 1, ForkJoinPool.commonPool()));
    double[] many =
        Quality.silhouettes(x, n, d, l, new Blocks(n, threads, ForkJoinPool.commonPool()));
    assertThat(many).isEqualTo(one);
    for (double v : one) {
      assertThat(v).isBetween(-1.0, 1.0);
    }
    // the sampled estimate with every row is the exact value
    assertThat(
            Quality.sampledSilhouette(
                x, n, d, l, n, seed, new Blocks(n, 2, ForkJoinPool.commonPool())))
        .isEqualTo(Quality.silhouette(x, n, d, l, new Blocks(n, 1, ForkJoinPool.commonPool())));
    assertThat(Quality.daviesBouldin(x, n, d, l)).isNotNegative();
    assertThat(Quality.inertia(x, n, d, l)).isNotNegative();
  }
}
