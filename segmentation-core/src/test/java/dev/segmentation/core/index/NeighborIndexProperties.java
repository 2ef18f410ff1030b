package dev.segmentation.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.parallel.Blocks;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every query of the index equals a plain scan written out here, for every distance and kind. */
class NeighborIndexProperties {

  /**
   * Gaussian values, or small integers, which put many points exactly on the query radius and make
   * duplicate rows: the cases where an index most easily disagrees with a scan.
   */
  private static double[] values(int size, boolean integral, SplittableRandom rng) {
    double[] v = new double[size];
    for (int i = 0; i < size; i++) {
      v[i] = integral ? rng.nextInt(5) - 2 : rng.nextGaussian();
    }
    return v;
  }

  /** Rows must have a direction for the cosine distance: replace all-zero rows. */
  private static void avoidZeroRows(double[] x, int n, int d) {
    for (int i = 0; i < n; i++) {
      boolean zero = true;
      for (int j = 0; j < d; j++) {
        zero &= x[i * d + j] == 0;
      }
      if (zero) {
        x[i * d] = 1;
      }
    }
  }

  /** The rank form written plainly: squared Euclidean, Manhattan, or squared chord of unit rows. */
  private static double plainRank(Distance m, double[] a, int ao, double[] b, int bo, int d) {
    double na = 0;
    double nb = 0;
    for (int j = 0; j < d; j++) {
      na += a[ao + j] * a[ao + j];
      nb += b[bo + j] * b[bo + j];
    }
    na = Math.sqrt(na);
    nb = Math.sqrt(nb);
    double s = 0;
    for (int j = 0; j < d; j++) {
      switch (m) {
        case EUCLIDEAN -> s += (a[ao + j] - b[bo + j]) * (a[ao + j] - b[bo + j]);
        case MANHATTAN -> s += Math.abs(a[ao + j] - b[bo + j]);
        case COSINE -> {
          double t = a[ao + j] / na - b[bo + j] / nb;
          s += t * t;
        }
      }
    }
    return s;
  }

  private static double plainRadius(Distance m, double r) {
    return switch (m) {
      case EUCLIDEAN -> r * r;
      case MANHATTAN -> r;
      case COSINE -> 2 * r;
    };
  }

  private static int[] sorted(IntArrayList list) {
    int[] a = list.toIntArray();
    Arrays.sort(a);
    return a;
  }

  @Property(tries = 300)
  void rangeAndCountEqualAScan(
      @ForAll @IntRange(min = 0, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 5) int d,
      @ForAll Distance distance,
      @ForAll IndexKind kind,
      @ForAll boolean integral,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = values(n * d, integral, rng);
    avoidZeroRows(x, n, d);
    double[] copy = x.clone();
    NeighborIndex index = NeighborIndex.build(x, n, d, distance, kind);
    assertThat(x).isEqualTo(copy);
    NeighborIndex.Searcher s = index.searcher();
    double radius = integral ? rng.nextInt(4) : rng.nextDouble() * 1.5;
    if (distance == Distance.COSINE) {
      radius = integral ? rng.nextInt(3) * 0.5 : rng.nextDouble();
    }
    IntArrayList got = new IntArrayList();
    double[] q = values(d, integral, rng);
    avoidZeroRows(q, 1, d);
    for (int i = -1; i < n; i++) {
      double[] query = i < 0 ? q : x;
      int off = i < 0 ? 0 : i * d;
      IntArrayList want = new IntArrayList();
      for (int p = 0; p < n; p++) {
        if (plainRank(distance, query, off, x, p * d, d) <= plainRadius(distance, radius)) {
          want.add(p);
        }
      }
      got.clear();
      if (i < 0) {
        s.range(query, off, radius, got);
      } else {
        s.rangeOfRow(i, radius, got);
        int limit = 1 + rng.nextInt(8);
        assertThat(s.countOfRow(i, radius, limit)).isEqualTo(Math.min(limit, want.size()));
      }
      assertThat(sorted(got)).as("row %d radius %s", i, radius).isEqualTo(want.toIntArray());
      int nearest = s.nearestWithin(query, off, radius);
      assertThat(nearest).isEqualTo(want.isEmpty() ? -1 : nearestOf(distance, query, off, x, d, n));
    }
  }

  private static int nearestOf(Distance m, double[] q, int off, double[] x, int d, int n) {
    int best = -1;
    double bestRank = Double.POSITIVE_INFINITY;
    for (int p = 0; p < n; p++) {
      double r = plainRank(m, q, off, x, p * d, d);
      if (r < bestRank) {
        bestRank = r;
        best = p;
      }
    }
    return best;
  }

  @Property(tries = 300)
  void knnEqualsASortedScan(
      @ForAll @IntRange(min = 1, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 5) int d,
      @ForAll @IntRange(min = 1, max = 40) int k,
      @ForAll Distance distance,
      @ForAll IndexKind kind,
      @ForAll boolean integral,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = values(n * d, integral, rng);
    avoidZeroRows(x, n, d);
    NeighborIndex index = NeighborIndex.build(x, n, d, distance, kind);
    NeighborIndex.Searcher s = index.searcher();
    int[] rows = new int[k];
    double[] dist = new double[k];
    for (int i = 0; i < n; i += 1 + n / 25) {
      List<double[]> all = new ArrayList<>();
      for (int p = 0; p < n; p++) {
        all.add(new double[] {plainRank(distance, x, i * d, x, p * d, d), p});
      }
      all.sort(Comparator.<double[]>comparingDouble(e -> e[0]).thenComparingDouble(e -> e[1]));
      int found = i % 2 == 0 ? s.knnOfRow(i, k, rows, dist) : s.knn(x, i * d, k, rows, dist);
      assertThat(found).isEqualTo(Math.min(k, n));
      for (int t = 0; t < found; t++) {
        assertThat(rows[t]).as("neighbour %d of row %d", t, i).isEqualTo((int) all.get(t)[1]);
        assertThat(dist[t]).isEqualTo(distance.fromRank(all.get(t)[0]));
      }
    }
  }

  @Property(tries = 100)
  void kDistanceIsTheKthNeighbourForAnyThreadCount(
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 10) int k,
      @ForAll @IntRange(min = 1, max = 4) int threads,
      @ForAll boolean integral,
      @ForAll long seed) {
    int kk = Math.min(k, n);
    double[] x = values(n * d, integral, new SplittableRandom(seed));
    NeighborIndex index = NeighborIndex.build(x, n, d, Distance.EUCLIDEAN);
    KDistance curve = KDistance.of(index, kk, new Blocks(n, threads, ForkJoinPool.commonPool()));
    double[] want = new double[n];
    for (int i = 0; i < n; i++) {
      double[] ranks = new double[n];
      for (int p = 0; p < n; p++) {
        ranks[p] = plainRank(Distance.EUCLIDEAN, x, i * d, x, p * d, d);
      }
      Arrays.sort(ranks);
      want[i] = Math.sqrt(ranks[kk - 1]);
    }
    Arrays.sort(want);
    assertThat(curve.sorted()).isEqualTo(want);
    assertThat(curve.suggestedEps()).isEqualTo(want[curve.kneeIndex()]);
    assertThat(curve.coreShare(curve.suggestedEps()))
        .isGreaterThanOrEqualTo((curve.kneeIndex() + 1.0) / n);
  }
}
