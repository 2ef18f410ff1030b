package dev.segmentation.core.distance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.MixedDataset;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GowerProperties {

  /** Random mixed data: p numeric, q categorical columns, a share of cells missing. */
  static MixedDataset random(long seed, int n, int p, int q, double missing) {
    Random r = new Random(seed);
    MixedDataset.Builder b = MixedDataset.builder(n);
    for (int k = 0; k < p; k++) {
      double[] col = new double[n];
      for (int i = 0; i < n; i++) {
        col[i] = r.nextDouble() < missing ? Double.NaN : Math.round(r.nextGaussian() * 40) / 4.0;
      }
      b.numeric("x" + k, col);
    }
    for (int k = 0; k < q; k++) {
      String[] col = new String[n];
      int levels = 2 + r.nextInt(4);
      for (int i = 0; i < n; i++) {
        col[i] = r.nextDouble() < missing ? null : "L" + r.nextInt(levels);
      }
      b.categorical("c" + k, col);
    }
    return b.build();
  }

  /** Gower (1971), eq. (1) with the weights: written out independently of the class. */
  static double direct(MixedDataset m, double[] w, int i, int j) {
    int p = m.numNumeric();
    double num = 0;
    double den = 0;
    for (int k = 0; k < p; k++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < m.numRows(); r++) {
        if (!Double.isNaN(m.numeric(r, k))) {
          lo = Math.min(lo, m.numeric(r, k));
          hi = Math.max(hi, m.numeric(r, k));
        }
      }
      double a = m.numeric(i, k);
      double b = m.numeric(j, k);
      if (Double.isNaN(a) || Double.isNaN(b)) {
        continue;
      }
      den += w[k];
      num += hi > lo ? w[k] * Math.abs(a - b) / (hi - lo) : 0;
    }
    for (int k = 0; k < m.numCategorical(); k++) {
      String a = m.level(i, k);
      String b = m.level(j, k);
      if (a == null || b == null) {
        continue;
      }
      den += w[p + k];
      num += a.equals(b) ? 0 : w[p + k];
    }
    return den == 0 ? 1 : num / den;
  }

  @Property(tries = 60)
  void theFullMatrixEqualsTheDirectFormula(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 40) int n,
      @ForAll @IntRange(min = 0, max = 3) int p,
      @ForAll @IntRange(min = 1, max = 3) int q) {
    MixedDataset m = random(seed, n, p, q, 0.15);
    Gower g;
    try {
      g = Gower.of(m, Map.of("c0", 2.5));
    } catch (InvalidDataException allMissing) {
      assertThat(allMissing).hasMessageContaining("every value missing");
      return;
    }
    double[] w = g.weights();
    assertThat(w[p]).isEqualTo(2.5);
    for (int i = 0; i < n; i++) {
      assertThat(g.between(i, i)).isZero();
      for (int j = 0; j < n; j++) {
        double d = g.between(i, j);
        assertThat(d).isCloseTo(direct(m, w, i, j), org.assertj.core.data.Offset.offset(1e-14));
        assertThat(d).isBetween(0.0, 1.0).isEqualTo(g.between(j, i));
      }
    }
  }

  @Property(tries = 60)
  void onCompleteRowsTheCoordinatesAreManhattanGower(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 30) int n,
      @ForAll @IntRange(min = 0, max = 3) int p,
      @ForAll @IntRange(min = 1, max = 3) int q) {
    MixedDataset m = random(seed, n, p, q, 0);
    Gower g = Gower.of(m, Map.of("c0", 0.5));
    Dataset c = g.coordinates();
    double[] x = c.toRowMajor();
    int d = c.numColumns();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertThat(Distance.MANHATTAN.between(x, i * d, x, j * d, d))
            .isCloseTo(g.between(i, j), org.assertj.core.data.Offset.offset(1e-13));
      }
    }
  }

  @Test
  void theExampleOfTheDefinition() {
    MixedDataset m =
        MixedDataset.builder(3)
            .numeric("spend", new double[] {0, 50, 100})
            .numeric("visits", new double[] {1, Double.NaN, 1})
            .categorical("channel", new String[] {"web", "web", "store"})
            .build();
    Gower g = Gower.of(m);
    // spend 50/100, channel match, visits skipped: (0.5 + 0) / 2
    assertThat(g.between(0, 1)).isEqualTo(0.25);
    // spend 1, visits 0 (constant column), channel mismatch: (1 + 0 + 1) / 3
    assertThat(g.between(0, 2)).isEqualTo(2.0 / 3);
    assertThat(g.ranges()).containsExactly(100, 0);
    assertThat(g.coordinateNames())
        .containsExactly("spend", "visits", "channel=store", "channel=web");
  }

  @Test
  void allMissingRowsNoSharedColumnsAndBadWeightsFollowTheDocumentedRules() {
    MixedDataset empty =
        MixedDataset.builder(2)
            .numeric("spend", new double[] {1, Double.NaN})
            .categorical("channel", new String[] {"web", null})
            .build();
    assertThatThrownBy(() -> Gower.of(empty))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 1 has every value missing");

    MixedDataset disjoint =
        MixedDataset.builder(3)
            .numeric("spend", new double[] {1, Double.NaN, 2})
            .categorical("channel", new String[] {null, "web", "app"})
            .build();
    assertThat(Gower.of(disjoint).between(0, 1)).isEqualTo(1);
    assertThatThrownBy(() -> Gower.of(disjoint).coordinates())
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 0, column 'channel'");
    assertThatThrownBy(() -> Gower.of(disjoint, Map.of("spend", -1.0)))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining(">= 0");
    assertThatThrownBy(() -> Gower.of(disjoint, Map.of("region", 1.0)))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("'region'".replace("'", ""));
  }
}
