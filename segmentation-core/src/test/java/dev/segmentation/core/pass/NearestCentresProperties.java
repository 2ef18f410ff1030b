package dev.segmentation.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class NearestCentresProperties {

  /**
   * {@link NearestCentres#below} is the largest float at most its argument, for doubles of every
   * sign and scale: around float steps, in the float's subnormal range, past its largest value and
   * at the infinities.
   */
  @Property(tries = 2000)
  void belowIsTheLargestFloatAtMost(
      @ForAll double v, @ForAll @IntRange(min = -1, max = 1) int ulps) {
    double[] values = {v, Math.scalb(v, -1000), (double) (float) v + ulps * Math.ulp(v)};
    for (double w : values) {
      if (Double.isNaN(w)) {
        continue;
      }
      float f = NearestCentres.below(w);
      assertThat((double) f).as("below(%s)", w).isLessThanOrEqualTo(w);
      if (!Double.isInfinite(w)) {
        assertThat((double) Math.nextUp(f)).as("above below(%s)", w).isGreaterThan(w);
      } else {
        assertThat((double) f).isEqualTo(w);
      }
    }
  }

  /**
   * Gaussian values, or small integers, which make exact ties (they must go to the lowest index).
   */
  private static double[] values(int size, boolean integral, SplittableRandom rng) {
    double[] v = new double[size];
    for (int i = 0; i < size; i++) {
      v[i] = integral ? rng.nextInt(4) : rng.nextGaussian();
    }
    return v;
  }

  @Property(tries = 200)
  void boundsAreTheExactNearestAndSecondNearestDistances(
      @ForAll @IntRange(min = 1, max = 600) int n,
      @ForAll @IntRange(min = 1, max = 6) int d,
      @ForAll @IntRange(min = 1, max = 12) int k,
      @ForAll boolean integral,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = values(n * d, integral, rng);
    double[] c = values(k * d, integral, rng);
    int[] labels = new int[n];
    double[] upper = new double[n];
    double[] lower = new double[n];
    float[] all = new float[n * k];
    NearestCentres.assignWithBounds(
        x, d, 0, n, c, k, new NearestCentres.Workspace(d, k), labels, upper, lower, all);
    for (int i = 0; i < n; i++) {
      double[] dist = new double[k];
      for (int q = 0; q < k; q++) {
        dist[q] = dev.segmentation.core.distance.SquaredEuclidean.distance(x, i * d, c, q * d, d);
        // The largest float at most the distance: still a lower bound, and the tightest one.
        double root = Math.sqrt(dist[q]);
        assertThat((double) all[i * k + q]).isLessThanOrEqualTo(root);
        assertThat((double) Math.nextUp(all[i * k + q])).isGreaterThan(root);
      }
      int best = NearestCentres.nearest(x, i * d, c, k, d);
      assertThat(labels[i]).isEqualTo(best);
      assertThat(upper[i]).isEqualTo(Math.sqrt(dist[best]));
      double second = Double.POSITIVE_INFINITY;
      for (int q = 0; q < k; q++) {
        if (q != best) {
          second = Math.min(second, dist[q]);
        }
      }
      assertThat(lower[i]).isEqualTo(Math.sqrt(second));
    }
  }

  /** The labels of {@link NearestCentres#nearest} and each row's squared distance, bit for bit. */
  @Property(tries = 150)
  void assignWithDistancesGivesTheNearestAndItsDistance(
      @ForAll @IntRange(min = 1, max = 2500) int n,
      @ForAll @IntRange(min = 1, max = 9) int d,
      @ForAll @IntRange(min = 1, max = 40) int k,
      @ForAll boolean integral,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = values(n * d, integral, rng);
    double[] c = values(k * d, integral, rng);
    int[] labels = new int[n];
    double[] squared = new double[n];
    int start = rng.nextInt(n);
    NearestCentres.assignWithDistances(
        x, d, start, n, c, k, new NearestCentres.Workspace(d, k), labels, squared);
    for (int i = 0; i < n; i++) {
      if (i < start) {
        assertThat(labels[i]).isZero();
        assertThat(squared[i]).isZero();
        continue;
      }
      int best = NearestCentres.nearest(x, i * d, c, k, d);
      assertThat(labels[i]).isEqualTo(best);
      assertThat(squared[i])
          .isEqualTo(
              dev.segmentation.core.distance.SquaredEuclidean.distance(x, i * d, c, best * d, d));
    }
  }

  /**
   * Both Lloyd kernels, the one copying each tile and the one reading column tiles kept for the
   * fit, over a row range that need not fall on tile boundaries: the labels of {@link
   * NearestCentres#nearest}, ties to the lowest index, rows outside untouched.
   */
  @Property(tries = 250)
  void tiledKernelsEqualNearestRowByRow(
      @ForAll @IntRange(min = 1, max = 1200) int n,
      @ForAll @IntRange(min = 1, max = 13) int d,
      @ForAll @IntRange(min = 1, max = 70) int k,
      @ForAll boolean integral,
      @ForAll boolean kept,
      @ForAll boolean screened,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = values(n * d, integral, rng);
    double[] c = values(k * d, integral, rng);
    int start = rng.nextInt(n);
    int end = start + 1 + rng.nextInt(n - start);
    int[] labels = new int[n];
    Arrays.fill(labels, -1);
    ColumnTiles tiles = new ColumnTiles(x, n, d, screened);
    NearestCentres.Workspace ws = new NearestCentres.Workspace(d, k);
    java.util.function.IntSupplier pass =
        kept
            ? () -> NearestCentres.assign(tiles, start, end, c, k, ws, labels)
            : () -> NearestCentres.assign(x, d, start, end, c, k, ws, labels);
    assertThat(pass.getAsInt()).isEqualTo(end - start);
    for (int i = 0; i < n; i++) {
      assertThat(labels[i])
          .isEqualTo(i < start || i >= end ? -1 : NearestCentres.nearest(x, i * d, c, k, d));
    }
    assertThat(pass.getAsInt()).isZero();
  }

  /** Distances that overflow to infinity: the arithmetic argmin gives NaN and must fall back. */
  @Property(tries = 60)
  void overflowingDistancesStillGiveTheNearestCentre(
      @ForAll @IntRange(min = 1, max = 600) int n,
      @ForAll @IntRange(min = 1, max = 5) int d,
      @ForAll @IntRange(min = 1, max = 20) int k,
      @ForAll boolean screened,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n * d];
    double[] c = new double[k * d];
    double[] scales = {1, 1e150, 1e154, 1e160, Double.MAX_VALUE};
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian() * scales[rng.nextInt(scales.length)];
    }
    for (int i = 0; i < c.length; i++) {
      c[i] = rng.nextGaussian() * scales[rng.nextInt(scales.length)];
    }
    int[] tiled = new int[n];
    int[] copied = new int[n];
    NearestCentres.Workspace ws = new NearestCentres.Workspace(d, k);
    NearestCentres.assign(new ColumnTiles(x, n, d, screened), 0, n, c, k, ws, tiled);
    NearestCentres.assign(x, d, 0, n, c, k, ws, copied);
    for (int i = 0; i < n; i++) {
      int expected = NearestCentres.nearest(x, i * d, c, k, d);
      assertThat(tiled[i]).isEqualTo(expected);
      assertThat(copied[i]).isEqualTo(expected);
    }
    assertNearestTwo(x, n, d, c, k, rng);
  }

  /**
   * The nearest and second-nearest distances of {@link NearestCentres#assignWithBounds} and of rows
   * picked by index ({@link NearestCentres#nearestTwoOf}, in any order and with repeats) are those
   * of a plain loop over the centroids, ties to the lowest index.
   */
  @Property(tries = 200)
  void nearestTwoOfPickedRowsIsThePlainLoop(
      @ForAll @IntRange(min = 1, max = 700) int n,
      @ForAll @IntRange(min = 1, max = 9) int d,
      @ForAll @IntRange(min = 1, max = 40) int k,
      @ForAll boolean integral,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    assertNearestTwo(values(n * d, integral, rng), n, d, values(k * d, integral, rng), k, rng);
  }

  private static void assertNearestTwo(
      double[] x, int n, int d, double[] c, int k, SplittableRandom rng) {
    NearestCentres.Workspace ws = new NearestCentres.Workspace(d, k);
    int[] labels = new int[n];
    double[] upper = new double[n];
    double[] lower = new double[n];
    NearestCentres.assignWithBounds(x, d, 0, n, c, k, ws, labels, upper, lower, null);
    int m = Math.min(NearestCentres.TILE, 1 + rng.nextInt(n));
    int[] rows = new int[m];
    for (int q = 0; q < m; q++) {
      rows[q] = rng.nextInt(n);
    }
    int[] label = new int[m];
    double[] best = new double[m];
    double[] second = new double[m];
    NearestCentres.nearestTwoOf(x, d, rows, m, c, k, ws, label, best, second);
    double[][] expected = new double[n][];
    for (int i = 0; i < n; i++) {
      expected[i] = plainNearestTwo(x, i, d, c, k);
      assertThat(labels[i]).isEqualTo((int) expected[i][0]);
      assertThat(upper[i]).isEqualTo(Math.sqrt(expected[i][1]));
      assertThat(lower[i]).isEqualTo(Math.sqrt(expected[i][2]));
    }
    for (int q = 0; q < m; q++) {
      double[] e = expected[rows[q]];
      assertThat(label[q]).as("row %d", rows[q]).isEqualTo((int) e[0]);
      assertThat(best[q]).isEqualTo(e[1]);
      assertThat(second[q]).isEqualTo(e[2]);
    }
  }

  /**
   * Label, nearest and second-nearest squared distance of row {@code i}, one centroid at a time.
   */
  private static double[] plainNearestTwo(double[] x, int i, int d, double[] c, int k) {
    int label = 0;
    double best = Double.POSITIVE_INFINITY;
    double second = Double.POSITIVE_INFINITY;
    for (int q = 0; q < k; q++) {
      double dist = dev.segmentation.core.distance.SquaredEuclidean.distance(x, i * d, c, q * d, d);
      if (dist < best) {
        second = best;
        best = dist;
        label = q;
      } else if (dist < second) {
        second = dist;
      }
    }
    return new double[] {label, best, second};
  }

  /**
   * The float screen against the data that could fool it: rows a few ulps either side of the
   * midpoint of two centroids (their float distances tie or order the wrong way), values far from
   * zero with a small spread, values in the float's subnormal range and beyond its reach, and
   * duplicate centroids. Every label must still be the exact nearest, and the near-ties must have
   * gone to the exact kernel.
   */
  @Property(tries = 200)
  void floatScreenGivesTheExactNearestOnNearTiesAndExtremeScales(
      @ForAll @IntRange(min = 1, max = 2500) int n,
      @ForAll @IntRange(min = 1, max = 11) int d,
      @ForAll @IntRange(min = 2, max = 40) int k,
      @ForAll @IntRange(min = 0, max = 6) int scaleIndex,
      @ForAll boolean offset,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double scale = new double[] {1e-300, 1e-41, 1e-20, 1, 1e15, 1e30, 1e200}[scaleIndex];
    double shift = offset ? 1e6 * scale : 0;
    double[] c = new double[k * d];
    for (int i = 0; i < c.length; i++) {
      c[i] = shift + scale * rng.nextGaussian();
    }
    // A duplicate centroid: an exact tie every row must break to the lower index.
    System.arraycopy(c, 0, c, (k - 1) * d, d);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      boolean midpoint = rng.nextInt(3) == 0;
      int a = rng.nextInt(k);
      int b = rng.nextInt(k);
      for (int j = 0; j < d; j++) {
        double v =
            midpoint
                ? c[a * d + j] + (c[b * d + j] - c[a * d + j]) / 2
                : shift + scale * rng.nextGaussian();
        for (int steps = rng.nextInt(5) - 2; steps != 0; steps -= Integer.signum(steps)) {
          v = steps > 0 ? Math.nextUp(v) : Math.nextDown(v);
        }
        x[i * d + j] = v;
      }
    }
    // Row 0 sits on the duplicated centroid: at least one exact tie.
    System.arraycopy(c, 0, x, 0, d);
    int[] labels = new int[n];
    NearestCentres.Workspace ws = new NearestCentres.Workspace(d, k);
    NearestCentres.assign(new ColumnTiles(x, n, d, true), 0, n, c, k, ws, labels);
    int ties = 0;
    for (int i = 0; i < n; i++) {
      int best = NearestCentres.nearest(x, i * d, c, k, d);
      assertThat(labels[i]).as("row %d", i).isEqualTo(best);
      double nearest =
          dev.segmentation.core.distance.SquaredEuclidean.distance(x, i * d, c, best * d, d);
      for (int q = 0; q < k; q++) {
        if (q != best
            && dev.segmentation.core.distance.SquaredEuclidean.distance(x, i * d, c, q * d, d)
                == nearest) {
          ties++;
          break;
        }
      }
    }
    assertThat(ties).isPositive();
    assertThat(ws.screened() + ws.rechecked()).isLessThanOrEqualTo(n);
    if (ws.screened() + ws.rechecked() == n) {
      // Two centroids at one exact distance: the float screen must never decide such a row.
      assertThat(ws.rechecked()).isGreaterThanOrEqualTo(ties);
    }
  }

  /** On well separated data the screen decides almost every row itself: it is not a detour. */
  @Property(tries = 20)
  void floatScreenDecidesAlmostEveryRowOfSeparatedBlobs(
      @ForAll @IntRange(min = 2_000, max = 6_000) int n,
      @ForAll @IntRange(min = 2, max = 16) int d,
      @ForAll @IntRange(min = 2, max = 64) int k,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] c = values(k * d, false, rng);
    for (int i = 0; i < c.length; i++) {
      c[i] = 100 + 10 * c[i];
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int a = rng.nextInt(k);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = c[a * d + j] + rng.nextGaussian();
      }
    }
    int[] labels = new int[n];
    NearestCentres.Workspace ws = new NearestCentres.Workspace(d, k);
    NearestCentres.assign(new ColumnTiles(x, n, d, true), 0, n, c, k, ws, labels);
    assertThat(ws.screened() + ws.rechecked()).isEqualTo(n);
    assertThat(ws.rechecked()).isLessThan(n / 100 + 1);
    for (int i = 0; i < n; i++) {
      assertThat(labels[i]).isEqualTo(NearestCentres.nearest(x, i * d, c, k, d));
    }
  }

  @Property(tries = 30)
  void columnTilesBytesCoverTheValues(
      @ForAll @IntRange(min = 0, max = 100_000) int n, @ForAll @IntRange(min = 1, max = 64) int d) {
    assertThat(ColumnTiles.bytes(n, d)).isGreaterThanOrEqualTo(8L * n * d);
    assertThat(ColumnTiles.screenBytes(n, d)).isGreaterThanOrEqualTo(4L * n * d);
  }
}
