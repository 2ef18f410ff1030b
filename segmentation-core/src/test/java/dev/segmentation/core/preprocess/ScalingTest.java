package dev.segmentation.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ScalingTest {
  private static final List<String> AB = List.of("a", "b");
  // Columns a = 1..5, b = constant 7.
  private static final double[] DATA = {1, 7, 2, 7, 3, 7, 4, 7, 5, 7};

  private static double[] apply(Scaling s) {
    double[] x = DATA.clone();
    s.fit(DATA.clone(), 5, AB).transformInPlace(x, 5);
    return x;
  }

  @Test
  void standardGivesZeroMeanUnitSdAndLeavesConstantColumnsAtZero() {
    double[] x = apply(Scaling.standard());
    double sd = Math.sqrt(2);
    assertThat(x[0]).isCloseTo(-2 / sd, within(1e-15));
    assertThat(x[8]).isCloseTo(2 / sd, within(1e-15));
    for (int i = 0; i < 5; i++) {
      assertThat(x[2 * i + 1]).isZero();
    }
  }

  @Test
  void minMaxMapsOntoUnitInterval() {
    double[] x = apply(Scaling.minMax());
    assertThat(x[0]).isZero();
    assertThat(x[4]).isEqualTo(0.5);
    assertThat(x[8]).isEqualTo(1.0);
    assertThat(x[1]).isZero();
  }

  @Test
  void robustUsesMedianAndInterquartileRange() {
    double[] x = apply(Scaling.robust());
    // median 3, q25 2, q75 4 (linear interpolation) -> IQR 2
    assertThat(x[0]).isEqualTo(-1.0);
    assertThat(x[4]).isZero();
    assertThat(x[8]).isEqualTo(1.0);
    assertThat(x[1]).isZero();
  }

  @Test
  void log1pAndItsDomain() {
    double[] x = apply(Scaling.log1p());
    assertThat(x[0]).isEqualTo(Math.log1p(1));
    assertThatThrownBy(() -> Scaling.log1p().fit(new double[] {0, -1}, 1, AB))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 0")
        .hasMessageContaining("'b'")
        .hasMessageContaining("-1.0");
    FittedScaling f = Scaling.log1p().fit(DATA.clone(), 5, AB);
    assertThatThrownBy(() -> f.transform(new double[] {-2, 1}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'a'");
  }

  @Test
  void transformChecksWidthAndFiniteness() {
    FittedScaling f = Scaling.standard().fit(DATA.clone(), 5, AB);
    assertThatThrownBy(() -> f.transform(new double[] {1}))
        .isInstanceOf(DimensionMismatchException.class);
    assertThatThrownBy(() -> f.transform(new double[] {1, Double.POSITIVE_INFINITY}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'b'");
  }

  @Test
  void byNameParsesChains() {
    assertThat(Scaling.byName("log1p+standard").name()).isEqualTo("log1p+standard");
    assertThat(Scaling.byName("MinMax").name()).isEqualTo("minmax");
    assertThatThrownBy(() -> Scaling.byName("zscore"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("zscore");
  }

  @Property(tries = 200)
  void inverseUndoesTransform(
      @ForAll @IntRange(min = 1, max = 50) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 0, max = 5) int recipe,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextDouble() * 1000;
    }
    List<String> names = new java.util.ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add("c" + j);
    }
    Scaling s =
        new Scaling[] {
              Scaling.none(),
              Scaling.standard(),
              Scaling.minMax(),
              Scaling.robust(),
              Scaling.log1p(),
              Scaling.log1p().then(Scaling.standard())
            }
            [recipe];
    FittedScaling f = s.fit(x.clone(), n, names);
    double[] row = java.util.Arrays.copyOf(x, d);
    double[] back = f.inverse(f.transform(row));
    for (int j = 0; j < d; j++) {
      assertThat(back[j]).isCloseTo(row[j], within(1e-9 * Math.max(1, Math.abs(row[j]))));
    }
  }
}
