package dev.segmentation.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NearestSumsProperties {

  /** Sums over any split of the rows, added, are the sums over all rows (to rounding). */
  @Property(tries = 200)
  void splitsAddUp(
      @ForAll @IntRange(min = 1, max = 700) int n,
      @ForAll @IntRange(min = 1, max = 5) int d,
      @ForAll @IntRange(min = 1, max = 20) int k,
      @ForAll @IntRange(min = 0, max = 700) int cut,
      @ForAll boolean weighted,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int q = 0; q < x.length; q++) {
      x[q] = rng.nextDouble(-10, 10);
    }
    double[] w = null;
    if (weighted) {
      w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = rng.nextDouble(0, 3);
      }
    }
    double[] centres = new double[k * d];
    for (int q = 0; q < centres.length; q++) {
      centres[q] = rng.nextDouble(-10, 10);
    }
    NearestCentres.Workspace ws = new NearestCentres.Workspace(d, k);
    int[] labels = new int[n];
    NearestSums all = new NearestSums(k, d);
    all.accumulate(x, w, 0, n, centres, ws, labels);
    int m = Math.min(cut, n);
    NearestSums left = new NearestSums(k, d);
    left.accumulate(x, w, 0, m, centres, ws, labels);
    NearestSums right = new NearestSums(k, d);
    right.accumulate(x, w, m, n, centres, ws, labels);
    // Shipped as arrays and added element by element: the same numbers as add(), bit for bit.
    double[] shipped = left.toArray();
    double[] other = right.toArray();
    for (int q = 0; q < shipped.length; q++) {
      shipped[q] += other[q];
    }
    NearestSums merged = left.add(right);
    NearestSums arrived = NearestSums.fromArray(k, d, shipped);
    assertThat(arrived.sums()).containsExactly(merged.sums());
    assertThat(arrived.weights()).containsExactly(merged.weights());
    assertThat(arrived.counts()).containsExactly(merged.counts());
    assertThat(arrived.squaredError()).isEqualTo(merged.squaredError());
    assertThat(arrived.distanceSum()).isEqualTo(merged.distanceSum());
    assertThat(merged.counts()).containsExactly(all.counts());
    assertThat(merged.totalCount()).isEqualTo(n);
    assertThat(merged.sums()).containsExactly(all.sums(), within(1e-9));
    assertThat(merged.weights()).containsExactly(all.weights(), within(1e-9));
    assertThat(merged.squaredError()).isCloseTo(all.squaredError(), within(1e-9));
    assertThat(merged.distanceSum()).isCloseTo(all.distanceSum(), within(1e-9));
    // and each row went to its nearest centre
    double sq = 0;
    for (int i = 0; i < n; i++) {
      int c = NearestCentres.nearest(x, i * d, centres, k, d);
      assertThat(labels[i]).isEqualTo(c);
      double e = 0;
      for (int j = 0; j < d; j++) {
        double t = x[i * d + j] - centres[c * d + j];
        e += t * t;
      }
      sq += (w == null ? 1 : w[i]) * e;
    }
    assertThat(all.squaredError()).isCloseTo(sq, within(1e-9 * (1 + sq)));
    assertThat(all.totalWeight()).isCloseTo(weighted ? sum(w) : n, within(1e-9));
    all.clear();
    assertThat(all.totalCount()).isZero();
    assertThat(all.squaredError()).isZero();
  }

  /**
   * The sums by label, in groups of columns over slices of rows, are bit for bit those of the plain
   * loop over rows and then columns, added to whatever the arrays held.
   */
  @Property(tries = 300)
  void addRowsIsThePlainLoopBitForBit(
      @ForAll @IntRange(min = 0, max = 3000) int n,
      @ForAll @IntRange(min = 1, max = 20) int d,
      @ForAll @IntRange(min = 1, max = 12) int k,
      @ForAll @IntRange(min = 0, max = 3) int weightOffset,
      @ForAll boolean weighted,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int q = 0; q < x.length; q++) {
      x[q] = rng.nextDouble(-1e3, 1e3);
    }
    double[] w = weighted ? new double[n] : null;
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      // Runs of one label as well as scattered ones.
      labels[i] = i > 0 && rng.nextBoolean() ? labels[i - 1] : rng.nextInt(k);
      if (w != null) {
        w[i] = rng.nextDouble(0, 3);
      }
    }
    int start = n == 0 ? 0 : rng.nextInt(n);
    int end = start + (n == start ? 0 : rng.nextInt(n - start + 1));
    double[] sums = new double[k * d];
    double[] weightSums = new double[weightOffset + k + 2];
    for (int q = 0; q < sums.length; q++) {
      sums[q] = rng.nextDouble(-5, 5);
    }
    for (int q = 0; q < weightSums.length; q++) {
      weightSums[q] = rng.nextDouble(0, 5);
    }
    double[] plainSums = sums.clone();
    double[] plainWeights = weightSums.clone();
    for (int i = start; i < end; i++) {
      int c = labels[i];
      double wi = w == null ? 1 : w[i];
      for (int j = 0; j < d; j++) {
        plainSums[c * d + j] += wi * x[i * d + j];
      }
      plainWeights[weightOffset + c] += wi;
    }
    NearestSums.addRows(x, d, w, labels, start, end, sums, weightSums, weightOffset);
    assertThat(sums).containsExactly(plainSums);
    assertThat(weightSums).containsExactly(plainWeights);
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  @Test
  void anArrayOfAnotherShapeIsRefused() {
    assertThatThrownBy(() -> NearestSums.fromArray(2, 3, new double[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k = 2, d = 3");
  }

  @Test
  void refusesOtherShapes() {
    assertThatThrownBy(() -> new NearestSums(0, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NearestSums(2, 2).add(new NearestSums(3, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k = 3");
    assertThat(new NearestSums(3, 2).k()).isEqualTo(3);
    assertThat(new NearestSums(3, 2).dimension()).isEqualTo(2);
  }
}
