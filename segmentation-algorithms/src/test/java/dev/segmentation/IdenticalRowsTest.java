package dev.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.hierarchical.Dendrogram;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 7: identical rows cannot make more segments than they are, in any family (K-means
 * already refused; hierarchical cuts split 49 + 1 at height 0, maps left segments empty).
 */
class IdenticalRowsTest {
  private static Dataset identical(int n) {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new double[] {3, 7};
    }
    return Dataset.of(rows, "a", "b");
  }

  @Test
  void hierarchicalCutsAndMapsRefuseMoreSegmentsThanDistinctRows() {
    Dataset same = identical(50);
    assertThatThrownBy(() -> Segmentation.hierarchical().k(2).fit(same))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("distinct rows in the data (1)");
    Dendrogram tree = Segmentation.hierarchical().tree(same);
    assertThatThrownBy(() -> tree.segmentation(KSelection.range(2, 3)))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("distinct rows");
    // the tree itself can still be cut, as scipy does
    assertThat(tree.cut(2)).hasSize(50);
    assertThatThrownBy(() -> Segmentation.som().grid(3, 3).segments(2).fit(same))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("distinct rows in the data (1)");
    assertThatThrownBy(() -> Segmentation.kmeans().k(2).fit(same))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("distinct rows");
    // one segment of identical rows is fine everywhere
    assertThat(Segmentation.hierarchical().k(1).fit(same).segmentSizes()).containsExactly(50);
    assertThat(Segmentation.som().grid(2, 2).segments(1).epochs(2).fit(same).segmentSizes())
        .containsExactly(50);
  }
}
