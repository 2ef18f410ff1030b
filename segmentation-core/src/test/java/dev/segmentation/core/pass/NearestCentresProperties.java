package dev.segmentation.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class NearestCentresProperties {

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
  void tiledAssignEqualsNearestRowByRow(
      @ForAll @IntRange(min = 1, max = 900) int n,
      @ForAll @IntRange(min = 1, max = 9) int d,
      @ForAll @IntRange(min = 1, max = 20) int k,
      @ForAll boolean integral,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = values(n * d, integral, rng);
    double[] c = values(k * d, integral, rng);
    int start = rng.nextInt(n);
    int[] labels = new int[n];
    Arrays.fill(labels, -1);
    int changed =
        NearestCentres.assign(x, d, start, n, c, k, new NearestCentres.Workspace(d, k), labels);
    assertThat(changed).isEqualTo(n - start);
    for (int i = 0; i < n; i++) {
      assertThat(labels[i]).isEqualTo(i < start ? -1 : NearestCentres.nearest(x, i * d, c, k, d));
    }
    assertThat(
            NearestCentres.assign(x, d, start, n, c, k, new NearestCentres.Workspace(d, k), labels))
        .isZero();
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
    double[] all = new double[n * k];
    NearestCentres.assignWithBounds(
        x, d, 0, n, c, k, new NearestCentres.Workspace(d, k), labels, upper, lower, all);
    for (int i = 0; i < n; i++) {
      double[] dist = new double[k];
      for (int q = 0; q < k; q++) {
        dist[q] = dev.segmentation.core.distance.SquaredEuclidean.distance(x, i * d, c, q * d, d);
        assertThat(all[i * k + q]).isEqualTo(Math.sqrt(dist[q]));
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
}
