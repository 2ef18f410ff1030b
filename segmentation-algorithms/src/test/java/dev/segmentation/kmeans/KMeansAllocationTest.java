package dev.segmentation.kmeans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The iteration loop allocates nothing: a fit of 40 iterations allocates (almost) exactly what a
 * fit of 5 iterations does. Measured with the per-thread allocation counter on one thread, so every
 * block runs on the calling thread.
 */
class KMeansAllocationTest {

  @ParameterizedTest
  @EnumSource(
      value = KMeansVariant.class,
      names = {"LLOYD", "HAMERLY", "ELKAN", "EXPONION", "YINYANG"})
  void iterationsDoNotAllocate(KMeansVariant variant) {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    SplittableRandom rng = new SplittableRandom(7);
    int n = 5000;
    double[][] rows = new double[n][4];
    for (double[] row : rows) {
      for (int j = 0; j < 4; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    Dataset data = Dataset.of(rows, "a", "b", "c", "d");
    double[][] start = java.util.Arrays.copyOf(rows, 20);
    // the least of five runs: on a loaded machine the JIT compiles late, and code that runs
    // interpreted allocates what escape analysis removes once compiled
    long[] bytes = {Long.MAX_VALUE, Long.MAX_VALUE};
    int[] iterations = {5, 40};
    for (int rep = 0; rep < 5; rep++) {
      for (int t = 0; t < 2; t++) {
        KMeans km =
            Segmentation.kmeans()
                .initialCentroids(start)
                .variant(variant)
                .tolerance(0)
                .maxIterations(iterations[t])
                .threads(1);
        long before = bean.getCurrentThreadAllocatedBytes();
        var result = km.fit(data);
        bytes[t] = Math.min(bytes[t], bean.getCurrentThreadAllocatedBytes() - before);
        assertThat(result.summary().iterations()).isEqualTo(iterations[t]);
      }
    }
    long perIteration = (bytes[1] - bytes[0]) / (iterations[1] - iterations[0]);
    assertThat(perIteration)
        .as("bytes per iteration (%d vs %d bytes per fit)", bytes[1], bytes[0])
        .isLessThan(64);
  }
}
