package dev.segmentation.kmeans;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Elkan's float lower bounds stay lower bounds when their centre moves. */
class ElkanBoundsProperties {

  @Provide
  Arbitrary<Float> bounds() {
    return Arbitraries.oneOf(
        Arbitraries.floats().between(0, 1e6f).ofScale(6),
        Arbitraries.floats().between(-1e3f, 1e3f),
        Arbitraries.of(
            0f, Float.MIN_VALUE, Float.MIN_NORMAL, 1f, Float.MAX_VALUE, -Float.MAX_VALUE),
        Arbitraries.integers().between(0, 1 << 24).map(i -> (float) i));
  }

  @Provide
  Arbitrary<Double> moves() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(0, 1e6),
        Arbitraries.doubles().between(0, 1).map(v -> v * 1e-30),
        Arbitraries.of(0.0, Double.MIN_VALUE, 1.0, 0.5, 1e39),
        Arbitraries.integers().between(0, 1 << 24).map(i -> i + 0.5));
  }

  /**
   * The narrowed value is at most the exact difference (in BigDecimal), and within a relative 1e-6
   * of it (the margin costs pruning power, never correctness). Rounding to the nearest float
   * instead fails the first assertion.
   */
  @Property(tries = 3000)
  void theNarrowedBoundIsBelowTheExactDifference(
      @ForAll("bounds") float bound, @ForAll("moves") double move) {
    float got = ElkanStep.lowered(bound, move);
    BigDecimal exact = new BigDecimal(bound).subtract(new BigDecimal(move));
    assertThat(Float.isNaN(got)).isFalse();
    assertThat(Float.isInfinite(got) && got > 0).isFalse();
    if (!Float.isInfinite(got)) {
      assertThat(new BigDecimal(got).compareTo(exact)).isLessThanOrEqualTo(0);
      double slackness = exact.doubleValue() - got;
      assertThat(slackness).isLessThanOrEqualTo(Math.abs(exact.doubleValue()) * 1e-6 + 1e-40);
    }
  }
}
