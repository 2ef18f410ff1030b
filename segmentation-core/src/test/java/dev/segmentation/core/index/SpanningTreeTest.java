package dev.segmentation.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.parallel.Blocks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The mutual-reachability spanning tree: Borůvka over the k-d tree equals Prim on the brute-force
 * index edge for edge (the tree is unique under the documented total order), both equal Kruskal
 * over every pair, and threads change nothing.
 */
class SpanningTreeTest {

  /** Points on a small integer grid with duplicates, so that equal weights are everywhere. */
  static double[] grid(SplittableRandom rng, int n, int d, int side) {
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextInt(side) + (rng.nextInt(5) == 0 ? 0.5 : 0);
    }
    // a few copies of earlier rows
    for (int i = 1; i < n; i += 7) {
      System.arraycopy(x, rng.nextInt(i) * d, x, i * d, d);
    }
    return x;
  }

  static SpanningTree tree(double[] x, int n, int d, Distance dist, IndexKind kind, int ms, int t) {
    NeighborIndex index = NeighborIndex.build(x, n, d, dist, kind);
    return SpanningTree.mutualReachability(index, ms, new Blocks(n, t, Blocks.defaultPool()));
  }

  static void assertSame(SpanningTree a, SpanningTree b) {
    assertThat(a.size()).isEqualTo(b.size());
    for (int e = 0; e < a.size(); e++) {
      assertThat(new Object[] {a.from(e), a.to(e), a.weight(e)})
          .as("edge %d", e)
          .containsExactly(b.from(e), b.to(e), b.weight(e));
    }
    assertThat(a.coreDistances()).containsExactly(b.coreDistances());
  }

  @Property(tries = 150)
  void boruvkaOverTheTreeEqualsPrim(
      @ForAll @IntRange(min = 1, max = 600) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 8) int minSamples,
      @ForAll Distance dist,
      @ForAll @IntRange(min = 2, max = 30) int side,
      @ForAll long seed) {
    double[] x = grid(new SplittableRandom(seed), n, d, side);
    if (dist == Distance.COSINE) {
      for (int i = 0; i < n; i++) {
        x[i * d] += 1; // no all-zero rows
      }
    }
    SpanningTree boruvka = tree(x, n, d, dist, IndexKind.KD_TREE, minSamples, 2);
    SpanningTree prim = tree(x, n, d, dist, IndexKind.BRUTE_FORCE, minSamples, 1);
    assertSame(boruvka, prim);
    assertSame(boruvka, tree(x, n, d, dist, IndexKind.KD_TREE, minSamples, 1));
    for (int e = 1; e < boruvka.size(); e++) {
      assertThat(boruvka.weight(e)).isGreaterThanOrEqualTo(boruvka.weight(e - 1));
      assertThat(boruvka.from(e)).isLessThan(boruvka.to(e));
    }
    if (n > 1) {
      assertThat(boruvka.rounds()).isBetween(1, 32 - Integer.numberOfLeadingZeros(n - 1));
    }
  }

  @Property(tries = 60)
  void equalsKruskalOverEveryPair(
      @ForAll @IntRange(min = 1, max = 90) int n,
      @ForAll @IntRange(min = 1, max = 6) int minSamples,
      @ForAll long seed) {
    int d = 2;
    double[] x = grid(new SplittableRandom(seed), n, d, 6);
    SpanningTree got = tree(x, n, d, Distance.EUCLIDEAN, IndexKind.KD_TREE, minSamples, 2);
    double[] core = new double[n];
    for (int i = 0; i < n; i++) {
      double[] row = new double[n];
      for (int j = 0; j < n; j++) {
        row[j] = Distance.EUCLIDEAN.between(x, i * d, x, j * d, d);
      }
      java.util.Arrays.sort(row);
      core[i] = row[Math.min(minSamples, n) - 1];
    }
    List<double[]> pairs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double w =
            Math.max(Math.max(core[i], core[j]), Distance.EUCLIDEAN.between(x, i * d, x, j * d, d));
        pairs.add(new double[] {w, i, j});
      }
    }
    pairs.sort(
        (p, q) ->
            p[0] != q[0]
                ? Double.compare(p[0], q[0])
                : p[1] != q[1] ? Double.compare(p[1], q[1]) : Double.compare(p[2], q[2]));
    int[] set = new int[n];
    for (int i = 0; i < n; i++) {
      set[i] = i;
    }
    int e = 0;
    for (double[] p : pairs) {
      int a = set[(int) p[1]];
      int b = set[(int) p[2]];
      if (a == b) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        set[i] = set[i] == b ? a : set[i];
      }
      assertThat(new double[] {got.weight(e), got.from(e), got.to(e)})
          .as("edge %d", e)
          .containsExactly(p);
      e++;
    }
    assertThat(got.size()).isEqualTo(e);
    assertThat(got.coreDistances()).containsExactly(core);
  }

  @Test
  void minSamplesOneIsTheEuclideanTreeAndBadInputIsRefused() {
    double[] x = {0, 0, 3, 0, 1, 0};
    SpanningTree t = tree(x, 3, 2, Distance.EUCLIDEAN, IndexKind.KD_TREE, 1, 1);
    assertThat(t.size()).isEqualTo(2);
    assertThat(new double[] {t.from(0), t.to(0), t.weight(0)}).containsExactly(0, 2, 1);
    assertThat(new double[] {t.from(1), t.to(1), t.weight(1)}).containsExactly(1, 2, 2);
    assertThat(t.coreDistances()).containsOnly(0);
    NeighborIndex index = NeighborIndex.build(x, 3, 2, Distance.EUCLIDEAN);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SpanningTree.mutualReachability(index, 0, new Blocks(3, 1, Blocks.defaultPool())))
        .hasMessageContaining("minSamples");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SpanningTree.mutualReachability(index, 2, new Blocks(5, 1, Blocks.defaultPool())))
        .hasMessageContaining("blocks");
  }
}
