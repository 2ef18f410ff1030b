package dev.segmentation.som;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.preprocess.Scaling;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SomTest {

  /** 200 points spread along a line in 2-D. */
  private static Dataset line() {
    double[][] x = new double[200][];
    for (int i = 0; i < 200; i++) {
      double t = i / 199.0;
      x[i] = new double[] {10 * t, 3 * t + 0.01 * Math.sin(i)};
    }
    return Dataset.of(x, "a", "b");
  }

  @Test
  void pointsOnALineMapToAMonotoneOrderAlongAOneRowGrid() {
    for (SomTraining training : SomTraining.values()) {
      SegmentationResult<SomModel> r =
          Segmentation.som().grid(10, 1).training(training).epochs(20).segments(3).fit(line());
      SomModel model = r.model();
      int first = model.bestMatchingUnit(new double[] {0, 0});
      int last = model.bestMatchingUnit(new double[] {10, 3});
      int direction = Integer.signum(last - first);
      assertThat(direction)
          .as(training + ": the ends of the line map to different ends")
          .isNotZero();
      int prev = first;
      for (int i = 0; i < 200; i++) {
        int u = model.bestMatchingUnit(line().row(i));
        assertThat(Integer.signum(u - prev)).isNotEqualTo(-direction);
        prev = u;
      }
      // segments of a line are runs along it
      int changes = 0;
      int[] labels = r.labels();
      for (int i = 1; i < 200; i++) {
        changes += labels[i] != labels[i - 1] ? 1 : 0;
      }
      assertThat(changes).isEqualTo(2);
    }
  }

  @Test
  void mapsForPeople() {
    SegmentationResult<SomModel> r =
        Segmentation.som()
            .grid(6, 4)
            .topology(Topology.HEXAGONAL)
            .epochs(10)
            .segments(4)
            .grouping(UnitGrouping.KMEANS)
            .preprocess(Scaling.standard())
            .traceTopographicError(true)
            .fit(line());
    SomModel m = r.model();
    assertThat(Arrays.stream(m.hitCounts()).sum()).isEqualTo(200);
    assertThat(m.uMatrix()).hasSize(24);
    assertThat(Arrays.stream(m.uMatrix()).min().getAsDouble()).isNotNegative();
    double[][] planes = m.componentPlanes();
    assertThat(planes).hasNumberOfRows(2);
    // component planes are in original units: column a spans about [0, 10]
    for (double v : planes[0]) {
      assertThat(v).isBetween(-1.0, 11.0);
    }
    assertThat(m.grid().coordinates()[7]).containsExactly(1.5, Math.sqrt(3) / 2);
    assertThat(m.unitSegments()).hasSize(24);
    assertThat(m.quantizationErrors()).hasSize(10);
    assertThat(m.topographicErrors()).hasSize(10);
    assertThat(Arrays.stream(m.topographicErrors()).max().getAsDouble()).isBetween(0.0, 1.0);
    assertThat(r.summary().objectiveTrace()).hasSize(10);
    assertThat(r.summary().objective()).isEqualTo(r.summary().objectiveTrace()[9]);
    assertThat(m.numSegments()).isEqualTo(4);
    assertThat(m.assign(new double[] {5, 1.5})).isBetween(0, 3);
    assertThat(m.toString()).contains("HEXAGONAL");
    assertThat(m.columnNames()).containsExactly("a", "b");
    assertThat(m.scaling()).isNotNull();
  }

  @Test
  void scheduleFunctions() {
    assertThat(Decay.LINEAR.at(4, 1, 0, 4)).isEqualTo(4);
    assertThat(Decay.LINEAR.at(4, 1, 3, 4)).isEqualTo(1);
    assertThat(Decay.LINEAR.at(4, 1, 1, 4)).isEqualTo(3);
    assertThat(Decay.EXPONENTIAL.at(4, 1, 2, 5)).isCloseTo(2, within(1e-12));
    assertThat(Decay.EXPONENTIAL.at(4, 1, 0, 1)).isEqualTo(1);
    assertThat(Neighborhood.GAUSSIAN.weight(0, 2)).isEqualTo(1);
    assertThat(Neighborhood.GAUSSIAN.weight(2, 2)).isCloseTo(Math.exp(-0.5), within(1e-15));
    assertThat(Neighborhood.BUBBLE.weight(2, 2)).isEqualTo(1);
    assertThat(Neighborhood.BUBBLE.weight(2.01, 2)).isZero();
  }

  @Test
  void gridsByHand() {
    SomGrid rect = new SomGrid(3, 3, Topology.RECTANGULAR, false);
    assertThat(rect.neighbours(4)).containsExactly(1, 3, 5, 7);
    assertThat(rect.neighbours(0)).containsExactly(1, 3);
    SomGrid torus = new SomGrid(3, 3, Topology.RECTANGULAR, true);
    assertThat(torus.neighbours(0)).containsExactly(1, 2, 3, 6);
    SomGrid hex = new SomGrid(4, 4, Topology.HEXAGONAL, false);
    // unit 5 (row 1, column 1, shifted right): six neighbours around it
    assertThat(hex.neighbours(5)).containsExactly(1, 2, 4, 6, 9, 10);
    assertThat(hex.columns()).isEqualTo(4);
    assertThat(hex.rows()).isEqualTo(4);
    assertThat(hex.topology()).isEqualTo(Topology.HEXAGONAL);
    assertThat(hex.toroidal()).isFalse();
    assertThat(hex.toString()).contains("4x4");
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> Segmentation.som().grid(0, 3))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("grid");
    assertThatThrownBy(() -> Segmentation.som().epochs(0)).hasMessageContaining("epochs");
    assertThatThrownBy(() -> Segmentation.som().segments(0)).hasMessageContaining("segments");
    assertThatThrownBy(() -> Segmentation.som().radius(1, 2, Decay.LINEAR))
        .hasMessageContaining("radius");
    assertThatThrownBy(() -> Segmentation.som().learningRate(2, 0.1, Decay.LINEAR))
        .hasMessageContaining("learningRate");
    assertThatThrownBy(() -> Segmentation.som().threads(0)).hasMessageContaining("threads");
    assertThatThrownBy(() -> Segmentation.som().grid(2, 2).segments(5).fit(line()))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("number of units (4)");
    assertThatThrownBy(
            () ->
                Segmentation.som()
                    .grid(4, 3)
                    .topology(Topology.HEXAGONAL)
                    .toroidal(true)
                    .fit(line()))
        .hasMessageContaining("even number of rows");
    assertThatThrownBy(() -> Segmentation.som().fit(Dataset.of(new double[0][], "x")))
        .isInstanceOf(InvalidDataException.class);
    assertThatThrownBy(() -> Segmentation.som().progress(p -> p.step() < 2).fit(line()))
        .isInstanceOf(FitCancelledException.class)
        .hasMessageContaining("epoch 2");
    SomModel m = Segmentation.som().grid(3, 3).segments(2).fit(line()).model();
    assertThatThrownBy(() -> m.assign(new double[] {1})).hasMessageContaining("1");
  }
}
