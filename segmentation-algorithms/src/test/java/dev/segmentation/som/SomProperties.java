package dev.segmentation.som;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of self-organizing maps over random data. */
class SomProperties {

  private static Dataset data(int n, int d, boolean integral, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = integral ? rng.nextInt(5) : rng.nextGaussian() * 2 + (j % 3);
      }
    }
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "f" + j;
    }
    return Dataset.of(x, names);
  }

  @Property(tries = 60)
  void bestMatchingUnitIsTheNearestUnit(
      @ForAll @IntRange(min = 1, max = 120) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 6) int cols,
      @ForAll @IntRange(min = 1, max = 6) int rows,
      @ForAll Topology topology,
      @ForAll SomTraining training,
      @ForAll boolean integral,
      @ForAll long seed) {
    Dataset data = data(n, d, integral, seed);
    SegmentationResult<SomModel> r =
        Segmentation.som()
            .grid(cols, rows)
            .topology(topology)
            .training(training)
            .epochs(3)
            .segments(1)
            .seed(seed)
            .fit(data);
    double[][] codebook = r.model().codebook();
    int[] hits = new int[codebook.length];
    for (int i = 0; i < n; i++) {
      double[] row = data.row(i);
      int best = 0;
      double bestDist = Double.POSITIVE_INFINITY;
      for (int u = 0; u < codebook.length; u++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += (row[j] - codebook[u][j]) * (row[j] - codebook[u][j]);
        }
        if (s < bestDist) {
          bestDist = s;
          best = u;
        }
      }
      assertThat(r.model().bestMatchingUnit(row)).isEqualTo(best);
      hits[best]++;
    }
    assertThat(r.model().hitCounts()).isEqualTo(hits);
  }

  @Property(tries = 60)
  void batchDistortionNeverRisesOnceTheRadiusIsAtItsFloor(
      @ForAll @IntRange(min = 2, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 5) int side,
      @ForAll SomInit init,
      @ForAll boolean integral,
      @ForAll long seed) {
    // a bubble of radius 0.5 holds only the unit itself: the batch map is then Lloyd's iteration
    double[] trace =
        Segmentation.som()
            .grid(side, side)
            .neighborhood(Neighborhood.BUBBLE)
            .radius(0.5, 0.5, Decay.LINEAR)
            .init(init)
            .epochs(8)
            .segments(1)
            .seed(seed)
            .fit(data(n, d, integral, seed))
            .summary()
            .objectiveTrace();
    assertThat(trace).hasSize(8);
    for (int t = 1; t < trace.length; t++) {
      assertThat(trace[t]).isLessThanOrEqualTo(trace[t - 1] * (1 + 1e-12) + 1e-15);
    }
  }

  @Property(tries = 100)
  void gridDistancesAreSymmetricAndNeighboursBounded(
      @ForAll @IntRange(min = 1, max = 9) int cols,
      @ForAll @IntRange(min = 1, max = 9) int rows,
      @ForAll Topology topology,
      @ForAll boolean toroidal) {
    SomGrid grid = new SomGrid(cols, rows, topology, toroidal);
    int most = topology == Topology.HEXAGONAL ? 6 : 4;
    for (int u = 0; u < grid.units(); u++) {
      assertThat(grid.distance(u, u)).isZero();
      assertThat(grid.neighbours(u).length).isLessThanOrEqualTo(most);
      for (int v = 0; v < grid.units(); v++) {
        assertThat(grid.distance(u, v)).isEqualTo(grid.distance(v, u));
        assertThat(grid.adjacent(u, v)).isEqualTo(grid.adjacent(v, u));
        if (u != v) {
          assertThat(grid.distance(u, v)).isGreaterThan(0.5);
        }
      }
    }
  }

  @Property(tries = 40)
  void sameSeedSameMapAndThreadsChangeNothing(
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll SomTraining training,
      @ForAll SomInit init,
      @ForAll @IntRange(min = 2, max = 4) int threads,
      @ForAll long seed) {
    Dataset data = data(n, d, false, seed);
    // No more segments than customers (issue 19, item 7: the fit refuses them now).
    int segments = Math.min(6, n);
    Som som =
        Segmentation.som()
            .grid(4, 3)
            .segments(segments)
            .training(training)
            .init(init)
            .epochs(4)
            .seed(seed);
    SegmentationResult<SomModel> one = som.threads(1).fit(data);
    SegmentationResult<SomModel> many = som.threads(threads).fit(data);
    assertThat(many.model().codebook()).isDeepEqualTo(one.model().codebook());
    assertThat(many.labels()).isEqualTo(one.labels());
    assertThat(many.summary().objectiveTrace()).isEqualTo(one.summary().objectiveTrace());
    assertThat(Arrays.stream(one.labels()).max().getAsInt()).isLessThan(segments);
  }
}
