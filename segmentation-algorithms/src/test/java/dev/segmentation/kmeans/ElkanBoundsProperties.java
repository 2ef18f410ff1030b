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
        Arbitraries.floats().between(0, 1e3f).ofScale(9),
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
   * The moved bound is at most the exact {@code max(0, bound - move)} (in BigDecimal; a distance is
   * never negative), and within a relative 1e-6 of it plus the move's last float place (the margin
   * costs pruning power, never correctness). Without the shrink, rounding to the nearest float
   * fails the first assertion.
   */
  @Property(tries = 3000)
  void theMovedBoundStaysBelowTheExactDifference(
      @ForAll("bounds") float bound, @ForAll("moves") double move) {
    float moveUp = ElkanStep.up(move);
    if (Float.isInfinite(moveUp)) {
      // A move beyond the float range leaves nothing of any bound.
      assertThat(move).isGreaterThan(Float.MAX_VALUE);
      assertThat(ElkanStep.lowered(bound, moveUp)).isZero();
      return;
    }
    assertThat(new BigDecimal(moveUp).compareTo(new BigDecimal(move))).isGreaterThanOrEqualTo(0);
    float got = ElkanStep.lowered(bound, moveUp);
    BigDecimal exact = new BigDecimal(bound).subtract(new BigDecimal(move)).max(BigDecimal.ZERO);
    assertThat(Float.isNaN(got)).isFalse();
    assertThat(new BigDecimal(got).compareTo(exact)).isLessThanOrEqualTo(0);
    if (exact.signum() > 0) {
      double slackness = exact.doubleValue() - got;
      // Floats hold a move only to its last place: that much may be lost as well.
      assertThat(slackness)
          .isLessThanOrEqualTo(exact.doubleValue() * 1e-6 + Math.ulp(moveUp) + 1e-38);
    }
  }
}
