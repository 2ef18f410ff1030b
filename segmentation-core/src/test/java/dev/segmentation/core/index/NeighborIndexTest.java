package dev.segmentation.core.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.parallel.Blocks;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class NeighborIndexTest {

  /** A 10 x 10 grid of unit spacing. */
  private static double[] grid() {
    double[] x = new double[200];
    for (int i = 0; i < 100; i++) {
      x[2 * i] = i % 10;
      x[2 * i + 1] = Math.floorDiv(i, 10);
    }
    return x;
  }

  @Test
  void autoPicksATreeOnlyWhenThereAreManyMorePointsThanCorners() {
    assertThat(NeighborIndex.build(new double[2 * 40], 40, 2, Distance.EUCLIDEAN).kind())
        .isEqualTo(IndexKind.KD_TREE);
    assertThat(NeighborIndex.build(new double[2 * 31], 31, 2, Distance.EUCLIDEAN).kind())
        .isEqualTo(IndexKind.BRUTE_FORCE);
    assertThat(NeighborIndex.build(new double[30 * 100], 100, 30, Distance.EUCLIDEAN).kind())
        .isEqualTo(IndexKind.BRUTE_FORCE);
  }

  @Test
  void gridNeighbourhoodsByHand() {
    NeighborIndex index =
        NeighborIndex.build(grid(), 100, 2, Distance.EUCLIDEAN, IndexKind.KD_TREE);
    NeighborIndex.Searcher s = index.searcher();
    IntArrayList out = new IntArrayList();
    // point (5, 5) is row 55; radius 1 takes its 4 axis neighbours, boundary included
    s.rangeOfRow(55, 1.0, out);
    assertThat(out.toIntArray()).containsExactlyInAnyOrder(45, 54, 55, 56, 65);
    out.clear();
    s.range(new double[] {5, 5}, 0, Math.sqrt(2), out);
    assertThat(out.size()).isEqualTo(9);
    // Manhattan radius 2 around a corner: (0,0) (1,0) (2,0) (0,1) (1,1) (0,2)
    NeighborIndex l1 = NeighborIndex.build(grid(), 100, 2, Distance.MANHATTAN, IndexKind.KD_TREE);
    out.clear();
    l1.searcher().rangeOfRow(0, 2.0, out);
    assertThat(out.toIntArray()).containsExactlyInAnyOrder(0, 1, 2, 10, 11, 20);
    int[] rows = new int[3];
    double[] dist = new double[3];
    assertThat(s.knnOfRow(0, 3, rows, dist)).isEqualTo(3);
    assertThat(rows).containsExactly(0, 1, 10);
    assertThat(dist).containsExactly(0, 1, 1);
    assertThat(s.nearestWithin(new double[] {4.4, 4.4}, 0, 0.5)).isEqualTo(-1);
    assertThat(s.nearestWithin(new double[] {4.4, 4.4}, 0, 0.6)).isEqualTo(44);
    assertThat(s.distanceComputations()).isPositive();
  }

  @Test
  void cosineIgnoresLength() {
    double[] x = {1, 0, 10, 0, 0, 3, 1, 1};
    NeighborIndex index = NeighborIndex.build(x, 4, 2, Distance.COSINE);
    IntArrayList out = new IntArrayList();
    index.searcher().range(new double[] {5, 0}, 0, 1e-12, out);
    assertThat(out.toIntArray()).containsExactlyInAnyOrder(0, 1);
    out.clear();
    // 1 - cos(45 degrees) = 0.2929
    index.searcher().range(new double[] {5, 0}, 0, 0.3, out);
    assertThat(out.toIntArray()).containsExactlyInAnyOrder(0, 1, 3);
    assertThat(Distance.COSINE.between(new double[] {1, 0}, new double[] {0, 2}))
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> NeighborIndex.build(new double[] {1, 1, 0, 0}, 2, 2, Distance.COSINE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1 is all zeros");
    NeighborIndex index = NeighborIndex.build(grid(), 100, 2, Distance.EUCLIDEAN);
    assertThatThrownBy(() -> index.searcher().rangeOfRow(0, Double.NaN, new IntArrayList()))
        .hasMessageContaining("radius must be >= 0, got NaN");
    assertThatThrownBy(() -> index.searcher().knnOfRow(0, 0, new int[1], new double[1]))
        .hasMessageContaining("k must be >= 1");
    assertThatThrownBy(() -> NeighborIndex.build(new double[3], 2, 2, Distance.EUCLIDEAN))
        .hasMessageContaining("n=2 rows of d=2 from an array of 3");
    assertThatThrownBy(
            () -> KDistance.of(index, 101, new Blocks(100, 1, ForkJoinPool.commonPool())))
        .hasMessageContaining("k must be in [1, 100]");
    assertThatThrownBy(() -> Distance.EUCLIDEAN.between(new double[2], new double[3]))
        .hasMessageContaining("different length: 2 and 3");
  }

  @Test
  void kneeOfAFlatThenSteepCurve() {
    // 90 points on a tight line, 10 far outliers: the knee is at the end of the line
    double[] x = new double[100];
    for (int i = 0; i < 90; i++) {
      x[i] = i * 0.1;
    }
    for (int i = 90; i < 100; i++) {
      x[i] = 100 + (i - 90) * 50;
    }
    NeighborIndex index = NeighborIndex.build(x, 100, 1, Distance.EUCLIDEAN);
    KDistance curve = KDistance.of(index, 3, new Blocks(100, 2, ForkJoinPool.commonPool()));
    assertThat(curve.suggestedEps()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(curve.coreShare(curve.suggestedEps())).isEqualTo(0.9);
    assertThat(curve.k()).isEqualTo(3);
  }
}
