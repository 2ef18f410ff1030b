package dev.segmentation.hierarchical;

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
import java.util.List;
import org.junit.jupiter.api.Test;

class DendrogramTest {

  /** Four customers on a line at 0, 1, 3 and 7. */
  private static Dataset line() {
    return Dataset.of(new double[][] {{0}, {1}, {3}, {7}}, "x");
  }

  private static double[] heights(Linkage linkage) {
    return Segmentation.hierarchical().linkage(linkage).tree(line()).heights();
  }

  @Test
  void heightsByHand() {
    assertThat(heights(Linkage.SINGLE)).containsExactly(1, 2, 4);
    assertThat(heights(Linkage.COMPLETE)).containsExactly(1, 3, 7);
    // {0,1} to 3: (2 + 3) / 2; {0,1,3} to 7: (7 + 6 + 4) / 3
    assertThat(heights(Linkage.AVERAGE)).containsExactly(1, 2.5, 17.0 / 3);
    // weighted: {0,1,3} to 7 = ((7 + 6) / 2 + 4) / 2
    assertThat(heights(Linkage.WEIGHTED)).containsExactly(1, 2.5, 5.25);
    // Ward: sqrt(2 |A||B| / (|A|+|B|)) times the distance of the means
    assertThat(heights(Linkage.WARD))
        .containsExactly(
            new double[] {1, Math.sqrt(4.0 / 3) * 2.5, Math.sqrt(1.5) * (7 - 4.0 / 3)},
            within(1e-12));
    assertThat(heights(Linkage.CENTROID))
        .containsExactly(new double[] {1, 2.5, 7 - 4.0 / 3}, within(1e-12));
    // median: the centre of {0,1,3} is the midpoint of 0.5 and 3
    assertThat(heights(Linkage.MEDIAN)).containsExactly(1, 2.5, 5.25);
  }

  @Test
  void exportsByHand() {
    Dendrogram tree = Segmentation.hierarchical().linkage(Linkage.SINGLE).tree(line());
    assertThat(tree.toLinkageMatrix())
        .isDeepEqualTo(new double[][] {{0, 1, 1, 2}, {2, 4, 2, 3}, {3, 5, 4, 4}});
    assertThat(tree.toNewick()).isEqualTo("(3:4.0,(2:2.0,(0:1.0,1:1.0):1.0):2.0);");
    assertThat(tree.leafOrder()).containsExactly(3, 2, 0, 1);
    assertThat(tree.left(1)).isEqualTo(2);
    assertThat(tree.right(1)).isEqualTo(4);
    assertThat(tree.size(2)).isEqualTo(4);
    assertThat(tree.numLeaves()).isEqualTo(4);
    assertThat(tree.linkage()).isEqualTo(Linkage.SINGLE);
    assertThat(tree.cut(2)).containsExactly(0, 0, 0, 1);
    assertThat(tree.cutAtHeight(1.5)).containsExactly(0, 0, 1, 2);
    assertThat(tree.cutAtHeight(100)).containsExactly(0, 0, 0, 0);
    assertThat(tree.cutAtHeight(0.5)).containsExactly(0, 1, 2, 3);
    assertThat(tree.toString()).contains("SINGLE");
    // ids name the leaves; special characters are quoted
    Dataset named = line().withRowIds(List.of("a", "b", "c d", "it's"));
    assertThat(Segmentation.hierarchical().linkage(Linkage.SINGLE).tree(named).toNewick())
        .isEqualTo("('it''s':4.0,('c d':2.0,(a:1.0,b:1.0):1.0):2.0);");
  }

  @Test
  void copheneticCorrelationByHand() {
    // pairs: (0,1)=1 joined at 1, (0,3)=3 (1,3)=2 joined at 2, (x,7) = 7,6,4 joined at 4
    double[] dist = {1, 3, 2, 7, 6, 4};
    double[] coph = {1, 2, 2, 4, 4, 4};
    double mx = 23.0 / 6;
    double my = 17.0 / 6;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < 6; i++) {
      sxy += (dist[i] - mx) * (coph[i] - my);
      sxx += (dist[i] - mx) * (dist[i] - mx);
      syy += (coph[i] - my) * (coph[i] - my);
    }
    Dendrogram tree = Segmentation.hierarchical().linkage(Linkage.SINGLE).tree(line());
    assertThat(tree.copheneticCorrelation()).isCloseTo(sxy / Math.sqrt(sxx * syy), within(1e-12));
  }

  @Test
  void centroidTreesCanInvertAndThenOnlyCutByCount() {
    Dataset triangle = Dataset.of(new double[][] {{0, 0}, {2, 0}, {1, 1.8}}, "x", "y");
    Dendrogram tree = Segmentation.hierarchical().linkage(Linkage.CENTROID).tree(triangle);
    assertThat(tree.heights()).containsExactly(new double[] {2, 1.8}, within(1e-12));
    assertThat(tree.isMonotone()).isFalse();
    assertThat(tree.cut(2)).containsExactly(0, 0, 1);
    assertThatThrownBy(() -> tree.cutAtHeight(1.9))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("non-monotone CENTROID")
        .hasMessageContaining("use cut(k)");
    assertThat(tree.toNewick()).contains(":-0.19999");
  }

  @Test
  void modelsAssignNewCustomers() {
    Dendrogram ward =
        Segmentation.hierarchical().linkage(Linkage.WARD).preprocess(Scaling.none()).tree(line());
    SegmentationResult<HierarchicalModel> r = ward.segmentation(2);
    assertThat(r.labels()).containsExactly(0, 0, 0, 1);
    HierarchicalModel model = r.model();
    assertThat(model.assignsByCentroid()).isTrue();
    assertThat(model.scaledCentroids()[0]).containsExactly(4.0 / 3);
    // 4 is nearer the centroid 4/3 than 7? no: |4 - 4/3| = 2.67 < 3
    assertThat(model.assign(new double[] {4})).isEqualTo(0);
    assertThat(model.assign(new double[] {5})).isEqualTo(1);
    HierarchicalModel single =
        Segmentation.hierarchical().linkage(Linkage.SINGLE).tree(line()).model(2);
    assertThat(single.assignsByCentroid()).isFalse();
    // nearest member: 4.9 is nearer 3 than 7
    assertThat(single.assign(new double[] {4.9})).isEqualTo(0);
    assertThat(single.assign(new double[] {5.1})).isEqualTo(1);
    assertThat(single.scaledCentroids()[1]).containsExactly(7);
    assertThat(single.numSegments()).isEqualTo(2);
    assertThat(single.columnNames()).containsExactly("x");
    assertThat(single.toString()).contains("nearest member");
  }

  @Test
  void wardTreatsAWeightAsThatManyIdenticalRows() {
    Dataset weighted = line().withWeights(new double[] {2, 1, 3, 1});
    double[][] copies = {{0}, {0}, {1}, {3}, {3}, {3}, {7}};
    double[] w = Segmentation.hierarchical().tree(weighted).heights();
    double[] c = Segmentation.hierarchical().tree(Dataset.of(copies, "x")).heights();
    // the copies first merge among themselves at height 0; the rest is the weighted tree
    assertThat(c).startsWith(0, 0, 0);
    assertThat(w).containsExactly(java.util.Arrays.copyOfRange(c, 3, 6), within(1e-12));
  }

  @Test
  void progressCountsMergesAndCanCancel() {
    int[] calls = new int[1];
    Segmentation.hierarchical()
        .progress(
            p -> {
              calls[0]++;
              return true;
            })
        .fit(line());
    assertThat(calls[0]).isEqualTo(3);
    assertThatThrownBy(() -> Segmentation.hierarchical().progress(p -> p.step() < 2).tree(line()))
        .isInstanceOf(FitCancelledException.class)
        .hasMessageContaining("after 2 of 3 merges");
  }

  @Test
  void badInputIsNamed() {
    Dendrogram tree = Segmentation.hierarchical().tree(line());
    assertThatThrownBy(() -> tree.cut(0)).hasMessageContaining("[1, 4]");
    assertThatThrownBy(() -> tree.cut(5)).isInstanceOf(InvalidOptionException.class);
    assertThatThrownBy(() -> tree.cutAtHeight(Double.NaN))
        .isInstanceOf(InvalidOptionException.class);
    assertThatThrownBy(() -> Segmentation.hierarchical().tree(Dataset.of(new double[0][], "x")))
        .isInstanceOf(InvalidDataException.class);
    assertThatThrownBy(() -> Segmentation.hierarchical().threads(0))
        .isInstanceOf(InvalidOptionException.class);
    assertThatThrownBy(() -> tree.model(2).assign(new double[] {1, 2})).hasMessageContaining("2");
    // one row: a tree without merges, cut into one segment
    Dendrogram single = Segmentation.hierarchical().tree(Dataset.of(new double[][] {{1}}, "x"));
    assertThat(single.cut(1)).containsExactly(0);
    assertThat(single.toNewick()).isEqualTo("0;");
    assertThat(single.leafOrder()).containsExactly(0);
  }

  @Test
  void aMatrixThatCannotFitIsRefusedBeforeAllocating() {
    double[][] x = new double[200_000][1];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = i;
    }
    assertThatThrownBy(
            () -> Segmentation.hierarchical().linkage(Linkage.AVERAGE).tree(Dataset.of(x, "x")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("149.01 GiB distance matrix for 200000 rows")
        .hasMessageContaining("GiB of heap is free")
        .hasMessageContaining("SINGLE, WARD, CENTROID or MEDIAN");
  }
}
