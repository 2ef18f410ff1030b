package dev.segmentation.kmeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.evaluate.Agreement;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Mini-batch K-means: close to a full fit, deterministic, and its options. */
class MiniBatchKMeansTest {

  /** {@code k} Gaussian blobs of sd 1 on a grid 12 apart, in d columns, and their labels. */
  static double[] blobs(int n, int d, int k, SplittableRandom rng, int[] truth) {
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(k);
      truth[i] = c;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (j == 0 ? 12 * c : 12 * ((c * 7 + j) % k)) + rng.nextGaussian();
      }
    }
    return x;
  }

  static Dataset data(double[] x, int n, int d) {
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "c" + j;
    }
    return Dataset.ofRowMajor(x, n, List.of(names));
  }

  @Property(tries = 12)
  void closeToAFullFitOnSeparatedBlobs(
      @ForAll @IntRange(min = 2, max = 10) int k,
      @ForAll @IntRange(min = 2, max = 6) int d,
      @ForAll long seed) {
    int n = 20_000;
    int[] truth = new int[n];
    double[] x = blobs(n, d, k, new SplittableRandom(seed), truth);
    SegmentationResult<KMeansModel> mini =
        Segmentation.miniBatchKMeans().k(k).batchSize(512).seed(seed).fit(data(x, n, d));
    SegmentationResult<KMeansModel> full =
        Segmentation.kmeans().k(k).seed(seed).restarts(4).fit(data(x, n, d));
    // the truth's objective bounds both from above: both find the blobs
    assertThat(mini.summary().objective()).isLessThan(full.summary().objective() * 1.02);
    assertThat(Agreement.adjustedRandIndex(truth, mini.labels())).isGreaterThan(0.98);
    // far fewer row-centre distances than the full fit's first iterations alone
    assertThat(mini.summary().iterations()).isPositive();
  }

  @Test
  void theSameSeedGivesTheSameFitWhateverTheThreads() {
    int n = 30_000;
    int[] truth = new int[n];
    double[] x = blobs(n, 3, 6, new SplittableRandom(5), truth);
    KMeansModel one =
        Segmentation.miniBatchKMeans().k(6).seed(9).threads(1).fit(data(x, n, 3)).model();
    SegmentationResult<KMeansModel> two =
        Segmentation.miniBatchKMeans().k(6).seed(9).threads(2).fit(data(x, n, 3));
    assertThat(two.model().centroids()).isDeepEqualTo(one.centroids());
    assertThat(two.model().assignAll(data(x, n, 3))).containsExactly(two.labels());
    assertThat(two.summary().algorithm()).startsWith("mini-batch k-means");
    assertThat(two.model().provenance().orElseThrow().options()).containsEntry("batchSize", "1024");
    // a batch larger than the data set is the whole data set; without random reassignment a start
    // on the three rows stays there (with it, a centre no batch row reached yet is moved onto a
    // random batch row, as scikit-learn does, and may land on another's row)
    double[] three = {0, 0, 10, 10, 20, 20};
    SegmentationResult<KMeansModel> tiny =
        Segmentation.miniBatchKMeans()
            .k(3)
            .batchSize(100)
            .reassignmentRatio(0)
            .fit(data(three, 3, 2));
    assertThat(tiny.summary().objective()).isZero();
  }

  @Test
  void badOptionsAreNamed() {
    assertThatThrownBy(() -> Segmentation.miniBatchKMeans().k(0))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("k");
    assertThatThrownBy(() -> Segmentation.miniBatchKMeans().batchSize(0))
        .hasMessageContaining("batchSize");
    assertThatThrownBy(() -> Segmentation.miniBatchKMeans().maxEpochs(0))
        .hasMessageContaining("maxEpochs");
    assertThatThrownBy(() -> Segmentation.miniBatchKMeans().maxNoImprovement(0))
        .hasMessageContaining("maxNoImprovement");
    assertThatThrownBy(() -> Segmentation.miniBatchKMeans().reassignmentRatio(1))
        .hasMessageContaining("reassignmentRatio");
    assertThatThrownBy(() -> Segmentation.miniBatchKMeans().restarts(0))
        .hasMessageContaining("restarts");
    assertThatThrownBy(
            () -> Segmentation.miniBatchKMeans().k(4).fit(data(new double[] {1, 2, 3}, 3, 1)))
        .hasMessageContaining("must not exceed the number of rows");
    assertThat(Segmentation.miniBatchKMeans().k(3).toString()).contains("k=3");
  }
}
