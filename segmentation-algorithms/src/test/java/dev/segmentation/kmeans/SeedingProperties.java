package dev.segmentation.kmeans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.core.data.DistinctRows;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.parallel.Blocks;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The tiled (vectorised) greedy k-means++ gives the row-by-row algorithm's centres bit for bit. */
class SeedingProperties {

  /** Greedy k-means++ without pruning, as the library ran it before: the reference. */
  static double[] plain(double[] x, double[] w, int n, int d, int k, SplittableRandom rng) {
    double[] c = new double[k * d];
    double[] minDist = new double[n];
    double[] cumulative = new double[n];
    int trials = 2 + (int) Math.log(k);
    for (int i = 0; i < n; i++) {
      cumulative[i] = (i == 0 ? 0 : cumulative[i - 1]) + (w == null ? 1 : w[i]);
    }
    int first = Seeding.draw(cumulative, rng);
    System.arraycopy(x, first * d, c, 0, d);
    for (int i = 0; i < n; i++) {
      minDist[i] = SquaredEuclidean.distance(x, i * d, c, 0, d);
    }
    int[] candidates = new int[trials];
    for (int centre = 1; centre < k; centre++) {
      double acc = 0;
      for (int i = 0; i < n; i++) {
        acc += (w == null ? 1 : w[i]) * minDist[i];
        cumulative[i] = acc;
      }
      for (int t = 0; t < trials; t++) {
        candidates[t] = acc > 0 ? Seeding.draw(cumulative, rng) : byWeight(w, n, rng);
      }
      int best = 0;
      double bestPot = Double.POSITIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        // per block of the library's Blocks, summed in block order, as the library sums
        Blocks blocks = new Blocks(n, 1, Blocks.defaultPool());
        double pot = 0;
        for (int b = 0; b < blocks.count(); b++) {
          double part = 0;
          for (int i = blocks.start(b); i < blocks.end(b); i++) {
            double dist = SquaredEuclidean.distance(x, i * d, x, candidates[t] * d, d);
            part += (w == null ? 1 : w[i]) * Math.min(minDist[i], dist);
          }
          pot += part;
        }
        if (pot < bestPot) {
          bestPot = pot;
          best = t;
        }
      }
      System.arraycopy(x, candidates[best] * d, c, centre * d, d);
      for (int i = 0; i < n; i++) {
        minDist[i] = Math.min(minDist[i], SquaredEuclidean.distance(x, i * d, c, centre * d, d));
      }
    }
    return c;
  }

  private static int byWeight(double[] w, int n, SplittableRandom rng) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += w == null ? 1 : w[i];
    }
    double r = rng.nextDouble() * total;
    for (int i = 0; i < n; i++) {
      r -= w == null ? 1 : w[i];
      if (r < 0) {
        return i;
      }
    }
    return n - 1;
  }

  @Property(tries = 150)
  void tiledSeedingEqualsThePlainAlgorithmBitForBit(
      @ForAll @IntRange(min = 1, max = 9000) int n,
      @ForAll @IntRange(min = 1, max = 5) int d,
      @ForAll @IntRange(min = 1, max = 60) int k,
      @ForAll @IntRange(min = 1, max = 2) int threads,
      @ForAll boolean weighted,
      @ForAll long seed) {
    SplittableRandom data = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      // clustered, with duplicates: rows equal to centres and ties of distances
      x[i] = data.nextInt(4) == 0 ? data.nextInt(3) : Math.floor(data.nextGaussian() * 50) / 8;
    }
    double[] w = null;
    if (weighted) {
      w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = 0.5 + data.nextInt(4);
      }
    }
    int kk = Math.min(k, n);
    Seeding fast = new Seeding(x, w, n, d, new Blocks(n, threads, Blocks.defaultPool()));
    double[] got = fast.kMeansPlusPlus(kk, new SplittableRandom(seed ^ 42));
    double[] want = plain(x, w, n, d, kk, new SplittableRandom(seed ^ 42));
    assertThat(got).isEqualTo(want);
    long trials = 2L + (long) Math.log(kk);
    assertThat(fast.distances).isEqualTo(n + (kk - 1) * (trials + 1) * n);
  }

  /**
   * Random seeding (hash table of the values taken) draws and keeps exactly what the scan over
   * every centre taken did: the reference below, on data full of repeated rows and of 0.0 and -0.0,
   * which are the same value.
   */
  @Property(tries = 60)
  void randomSeedingKeepsTheDrawsTheScanKept(
      @ForAll @IntRange(min = 1, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 1, max = 6) int levels,
      @ForAll long seed) {
    SplittableRandom data = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      int v = data.nextInt(levels);
      x[i] = v == 0 ? (data.nextBoolean() ? 0.0 : -0.0) : v;
    }
    double[] w = data.nextBoolean() ? null : new double[n];
    if (w != null) {
      for (int i = 0; i < n; i++) {
        w[i] = 0.5 + data.nextDouble();
      }
    }
    int distinct = DistinctRows.countAtLeast(x, n, d, n);
    int k = 1 + data.nextInt(distinct);
    Seeding seeding = new Seeding(x, w, n, d, new Blocks(n, 1, Blocks.defaultPool()));
    double[] got = seeding.random(k, new SplittableRandom(seed ^ 7));
    assertThat(got).containsExactly(scanRandom(x, w, n, d, k, new SplittableRandom(seed ^ 7)));
  }

  private static boolean contains(double[] c, int found, double[] x, int off, int d) {
    for (int q = 0; q < found; q++) {
      boolean same = true;
      for (int j = 0; j < d && same; j++) {
        same = x[off + j] == c[q * d + j];
      }
      if (same) {
        return true;
      }
    }
    return false;
  }

  /** Random seeding as the library ran it before: a scan over every centre taken per draw. */
  private static double[] scanRandom(
      double[] x, double[] w, int n, int d, int k, SplittableRandom rng) {
    double[] c = new double[k * d];
    double[] cumulative = new double[n];
    for (int i = 0; i < n; i++) {
      cumulative[i] = (i == 0 ? 0 : cumulative[i - 1]) + (w == null ? 1 : w[i]);
    }
    int found = 0;
    while (found < k) {
      int row = Seeding.draw(cumulative, rng);
      if (!contains(c, found, x, row * d, d)) {
        System.arraycopy(x, row * d, c, found * d, d);
        found++;
      }
    }
    return c;
  }
}
