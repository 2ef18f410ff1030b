package dev.segmentation.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.segmentation.Segmentation;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.kmeans.KMeansVariant;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class SparkKMeansProperties {

  /** Whatever the data, k, weights and partitioning: the local fit from the same start. */
  @Property(tries = 12)
  void distributedLloydIsTheLocalOne(
      @ForAll @IntRange(min = 50, max = 1500) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 6) int k,
      @ForAll @IntRange(min = 1, max = 6) int partitions,
      @ForAll boolean weighted,
      @ForAll @LongRange(min = 1, max = 1000) long seed) {
    double[][] rows = SparkTesting.blobs(n, d, 1 + (int) (seed % 5), (double) (1 + seed % 7), seed);
    double[] w = null;
    if (weighted) {
      w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = 1 + ((i * 31L + seed) % 4);
      }
    }
    double[][] start = Arrays.copyOf(rows, k);
    SegmentationResult<KMeansModel> local =
        Segmentation.kmeans()
            .initialCentroids(start)
            .variant(KMeansVariant.LLOYD)
            .preprocess(Scaling.standard())
            .fit(SparkTesting.local(rows, w));
    SparkFit<KMeansModel> spark =
        SparkSegmentation.kmeans(
                Segmentation.kmeans().initialCentroids(start).preprocess(Scaling.standard()))
            .weightColumn(weighted ? "w" : null)
            .idColumn("id")
            .sampleSize(n)
            .fit(SparkTesting.frame(rows, w, partitions));
    assertThat(spark.summary().iterations()).isEqualTo(local.summary().iterations());
    double[][] a = spark.model().centroids();
    double[][] b = local.model().centroids();
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        assertThat(a[c][j]).isCloseTo(b[c][j], within(1e-8 * (1 + Math.abs(b[c][j]))));
      }
    }
    long[] sizes = new long[k];
    for (int l : local.labels()) {
      sizes[l]++;
    }
    assertThat(spark.segmentSizes()).containsExactly(sizes);
  }
}
