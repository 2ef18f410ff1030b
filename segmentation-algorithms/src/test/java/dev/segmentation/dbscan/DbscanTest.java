package dev.segmentation.dbscan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.Progress;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.index.KDistance;
import dev.segmentation.core.preprocess.Scaling;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class DbscanTest {

  /**
   * On a line: 0 1 2 | 10 11 12 13 | 50. With eps 1.5 and minPoints 3, rows 1, 4 and 5 are core
   * (three rows within 1.5 of them, themselves included), 0 and 2 border of the first segment, 3
   * and 6 border of the second, 50 noise.
   */
  private static Dataset line() {
    return Dataset.of(new double[][] {{0}, {1}, {2}, {10}, {11}, {12}, {13}, {50}}, "spend");
  }

  @Test
  void handCheckedLine() {
    SegmentationResult<DbscanModel> r = Segmentation.dbscan().eps(1.5).minPoints(3).fit(line());
    assertThat(r.labels()).containsExactly(0, 0, 0, 1, 1, 1, 1, -1);
    assertThat(r.model().coreRows()).containsExactly(1, 4, 5);
    assertThat(r.model().isCore(0)).isFalse();
    assertThat(r.noiseCount()).isEqualTo(1);
    assertThat(r.segmentSizes()).containsExactly(3, 4);
    assertThat(r.model().numSegments()).isEqualTo(2);
    // new customers: near a core point, near only a border point, far away
    assertThat(r.model().assign(new double[] {1.4})).isEqualTo(0);
    assertThat(r.model().assign(new double[] {13.9})).isEqualTo(-1);
    assertThat(r.model().assign(new double[] {12.4})).isEqualTo(1);
    assertThat(r.model().assignAll(line())).containsExactly(0, 0, 0, 1, 1, 1, 1, -1);
    assertThat(r.summary().algorithm()).contains("dbscan");
    assertThat(r.summary().distanceComputations()).isPositive();
    // minPoints counts the point itself: with 2, the ends of each run become core too
    assertThat(Segmentation.dbscan().eps(1.5).minPoints(2).fit(line()).model().coreCount())
        .isEqualTo(7);
    assertThat(Segmentation.dbscan().eps(1.5).minPoints(1).fit(line()).labels())
        .containsExactly(0, 0, 0, 1, 1, 1, 1, 2);
  }

  @Test
  void borderPointReachableFromTwoSegmentsGoesToTheFirst() {
    // Row 0 at the origin sees only the core points (-1, 0) and (1, 0), each of which has four
    // neighbours besides itself: row 0 is a border point of both segments, core of none.
    Dataset data =
        Dataset.of(
            new double[][] {
              {0, 0}, {-1, 0}, {-2, 0}, {-1, 1}, {-1, -1}, {1, 0}, {2, 0}, {1, 1}, {1, -1}
            },
            "x",
            "y");
    SegmentationResult<DbscanModel> r = Segmentation.dbscan().eps(1).minPoints(5).fit(data);
    assertThat(r.model().coreRows()).containsExactly(1, 5);
    assertThat(r.labels()).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1);
    // the model sends a new customer at the same place to the nearest core point: a tie, lowest row
    assertThat(r.model().assign(new double[] {0, 0})).isEqualTo(0);
    assertThat(r.model().assign(new double[] {0.1, 0})).isEqualTo(1);
  }

  @Test
  void preprocessingAndDistanceAreKeptByTheModel() {
    Dataset data =
        Dataset.of(
            new double[][] {{1, 100}, {2, 200}, {3, 300}, {100, 1}, {200, 2}, {300, 3}}, "a", "b");
    SegmentationResult<DbscanModel> r =
        Segmentation.dbscan()
            .eps(0.01)
            .minPoints(3)
            .distance(Distance.COSINE)
            .preprocess(Scaling.log1p())
            .fit(data);
    assertThat(r.model().numSegments()).isEqualTo(2);
    assertThat(r.model().assign(new double[] {2, 250})).isEqualTo(r.label(0));
    assertThat(r.model().assign(new double[] {50, 5000})).isEqualTo(SegmentationResult.NOISE);
    assertThat(r.model().distance()).isEqualTo(Distance.COSINE);
    assertThat(r.model().eps()).isEqualTo(0.01);
    assertThat(r.model().minPoints()).isEqualTo(3);
    assertThat(r.model().scaledCorePoints()[0][0]).isEqualTo(Math.log1p(1));
    assertThat(r.model().columnNames()).containsExactly("a", "b");
    assertThat(r.model().toString()).contains("segments=2");
  }

  @Test
  void kDistanceSuggestsARadiusThatSeparatesTheLine() {
    KDistance curve = Segmentation.dbscan().minPoints(3).kDistance(line());
    assertThat(curve.k()).isEqualTo(3);
    assertThat(curve.sorted()).hasSize(8);
    SegmentationResult<DbscanModel> r =
        Segmentation.dbscan().eps(curve.suggestedEps()).minPoints(3).fit(line());
    assertThat(r.label(7)).isEqualTo(SegmentationResult.NOISE);
    assertThat(r.model().numSegments()).isEqualTo(2);
  }

  @Test
  void progressReportsFourStagesAndCanCancel() {
    List<Progress> seen = new ArrayList<>();
    Segmentation.dbscan()
        .progress(
            p -> {
              seen.add(p);
              return true;
            })
        .pool(ForkJoinPool.commonPool())
        .fit(line());
    assertThat(seen).extracting(Progress::step).containsExactly(1L, 2L, 3L, 4L);
    assertThatThrownBy(() -> Segmentation.dbscan().progress(p -> p.step() < 2).fit(line()))
        .isInstanceOf(FitCancelledException.class)
        .hasMessageContaining("step 2 of 4");
  }

  @Test
  void badInputIsRejectedWithTheOptionOrRowNamed() {
    assertThatThrownBy(() -> Segmentation.dbscan().eps(0))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("eps");
    assertThatThrownBy(() -> Segmentation.dbscan().eps(-1)).hasMessageContaining("> 0");
    assertThatThrownBy(() -> Segmentation.dbscan().eps(Double.NaN))
        .isInstanceOf(InvalidOptionException.class);
    assertThatThrownBy(() -> Segmentation.dbscan().eps(Double.POSITIVE_INFINITY))
        .isInstanceOf(InvalidOptionException.class);
    assertThatThrownBy(() -> Segmentation.dbscan().minPoints(0))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("minPoints");
    assertThatThrownBy(() -> Segmentation.dbscan().threads(0))
        .isInstanceOf(InvalidOptionException.class);
    assertThatThrownBy(() -> Segmentation.dbscan().fit(Dataset.of(new double[0][], "x")))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> Segmentation.dbscan().minPoints(9).kDistance(line()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("minPoints = 9");
    Dataset zeros = Dataset.of(new double[][] {{1, 2}, {0, 0}}, "a", "b");
    assertThatThrownBy(() -> Segmentation.dbscan().distance(Distance.COSINE).fit(zeros))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 1");
    DbscanModel model = Segmentation.dbscan().eps(1.5).minPoints(3).fit(line()).model();
    assertThatThrownBy(() -> model.assign(new double[] {1, 2}))
        .isInstanceOf(DimensionMismatchException.class);
    assertThatThrownBy(() -> model.assign(new double[] {Double.NaN}))
        .isInstanceOf(InvalidDataException.class);
    assertThatThrownBy(() -> model.isCore(8)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
