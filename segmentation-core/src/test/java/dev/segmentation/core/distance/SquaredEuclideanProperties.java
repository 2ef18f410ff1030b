package dev.segmentation.core.distance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SquaredEuclideanProperties {
  @Test
  void knownValueWithOffsets() {
    double[] a = {9, 1, 2, 3};
    double[] b = {4, 5, 6, 7, 7};
    // (1-4)^2 + (2-5)^2 + (3-6)^2 = 27
    assertThat(SquaredEuclidean.distance(a, 1, b, 0, 3)).isEqualTo(27);
  }

  @Property(tries = 200)
  void symmetricNonNegativeAndZeroOnItself(
      @ForAll @Size(min = 1, max = 12) double[] raw,
      @ForAll @DoubleRange(min = -1e3, max = 1e3) double shift) {
    int d = raw.length;
    double[] a = new double[d];
    double[] b = new double[d];
    for (int j = 0; j < d; j++) {
      a[j] = Double.isFinite(raw[j]) ? Math.max(-1e6, Math.min(1e6, raw[j])) : 0;
      b[j] = a[j] + shift;
    }
    double ab = SquaredEuclidean.distance(a, 0, b, 0, d);
    assertThat(ab).isEqualTo(SquaredEuclidean.distance(b, 0, a, 0, d));
    assertThat(ab).isGreaterThanOrEqualTo(0);
    assertThat(SquaredEuclidean.distance(a, 0, a, 0, d)).isZero();
    assertThat(ab).isCloseTo(d * shift * shift, within(1e-6 * (1 + ab)));
  }
}
