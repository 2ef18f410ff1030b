package dev.segmentation.kmeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.pass.ArrayPass;
import dev.segmentation.core.pass.CentrePass;
import dev.segmentation.core.preprocess.Scaling;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** K-means over passes ({@link KMeans#fitBatch}) is the local Lloyd fit from the same start. */
class KMeansBatchProperties {

  static Dataset data(int n, int d, long seed, boolean weighted, int distinct) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] pool = new double[distinct][d];
    for (double[] r : pool) {
      for (int j = 0; j < d; j++) {
        r[j] = rng.nextDouble(-5, 5) * (j + 1);
      }
    }
    double[] x = new double[n * d];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(pool[rng.nextInt(distinct)], 0, x, i * d, d);
      w[i] = 0.5 + rng.nextInt(4);
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add("c" + j);
    }
    Dataset ds = Dataset.ofRowMajor(x, n, names);
    return weighted ? ds.withWeights(w) : ds;
  }

  /** Passes over all rows of {@code data}, preprocessed as the fit says. */
  static CentrePass.Factory passes(Dataset data) {
    return fitted -> {
      double[] x = data.toRowMajor();
      fitted.transformInPlace(x, data.numRows());
      return new ArrayPass(x, data.weights().orElse(null), data.numRows(), data.numColumns());
    };
  }

  @Property(tries = 40)
  void passesGiveTheLocalLloydFitFromTheSameStart(
      @ForAll @IntRange(min = 1, max = 7) int k,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll long seed,
      @ForAll boolean weighted,
      @ForAll boolean standardise) {
    Dataset data = data(150, d, seed, weighted, 12);
    SplittableRandom rng = new SplittableRandom(seed ^ 77);
    double[][] start = new double[k][];
    for (int c = 0; c < k; c++) {
      // Starts that may coincide leave clusters empty: the repair runs too.
      start[c] = data.row(rng.nextInt(data.numRows()));
    }
    Scaling scaling = standardise ? Scaling.standard() : Scaling.none();
    SegmentationResult<KMeansModel> local =
        new KMeans()
            .initialCentroids(start)
            .preprocess(scaling)
            .variant(KMeansVariant.LLOYD)
            .threads(1)
            .fit(data);
    SegmentationResult<KMeansModel> batch =
        new KMeans().initialCentroids(start).preprocess(scaling).fitBatch(data, passes(data));
    assertThat(batch.labels()).isEqualTo(local.labels());
    assertThat(batch.summary().iterations()).isEqualTo(local.summary().iterations());
    assertThat(batch.summary().converged()).isEqualTo(local.summary().converged());
    assertThat(batch.summary().objective())
        .isCloseTo(local.summary().objective(), within(1e-9 * (1 + local.summary().objective())));
    double[][] a = batch.model().scaledCentroids();
    double[][] b = local.model().scaledCentroids();
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        assertThat(a[c][j]).isCloseTo(b[c][j], within(1e-9 * (1 + Math.abs(b[c][j]))));
      }
    }
  }

  @Property(tries = 10)
  void withoutAStartTheSampleFitSeedsThePasses(@ForAll long seed) {
    Dataset data = data(200, 3, seed, false, 40);
    KMeans km = new KMeans().k(3).seed(seed).restarts(2);
    KMeansModel onSample = new KMeans().k(3).seed(seed).restarts(2).fit(data).model();
    List<Integer> seen = new ArrayList<>();
    SegmentationResult<KMeansModel> batch =
        km.fitBatch(data, passes(data), (it, model) -> seen.add(it));
    // The sample is all the rows: the local fit has converged, so the passes stop at once.
    assertThat(batch.model().scaledCentroids()).isDeepEqualTo(onSample.scaledCentroids());
    assertThat(seen).hasSize(batch.summary().iterations()).first().isEqualTo(1);
    assertThat(batch.summary().algorithm()).isEqualTo("k-means (LLOYD, local passes)");
  }

  @Test
  void aGivenModelNeedsNoSampleAndContinuesWhereItStopped() {
    Dataset data = data(300, 2, 5, true, 60);
    KMeansModel first =
        new KMeans().k(4).maxIterations(1).preprocess(Scaling.standard()).fit(data).model();
    KMeans resume = new KMeans().initialModel(first);
    assertThat(resume.learnsFromSample()).isFalse();
    Dataset empty = Dataset.ofRowMajor(new double[0], 0, data.columnNames());
    SegmentationResult<KMeansModel> batch = resume.fitBatch(empty, passes(data));
    SegmentationResult<KMeansModel> local =
        new KMeans().initialModel(first).variant(KMeansVariant.LLOYD).fit(data);
    assertThat(batch.labels()).isEmpty();
    assertThat(batch.model().scaling()).isSameAs(first.scaling());
    assertThat(batch.summary().objective())
        .isCloseTo(local.summary().objective(), within(1e-9 * local.summary().objective()));
    assertThat(new KMeans().initialCentroids(new double[][] {{1, 2}}).learnsFromSample()).isFalse();
    assertThat(
            new KMeans()
                .initialCentroids(new double[][] {{1, 2}})
                .preprocess(Scaling.standard())
                .learnsFromSample())
        .isTrue();
  }

  @Test
  void optionsThatCannotRunOverPassesAreRefused() {
    Dataset data = data(50, 2, 1, false, 20);
    assertThatThrownBy(() -> new KMeans().k(KSelection.range(2, 4)).fitBatch(data, passes(data)))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("k");
    assertThatThrownBy(() -> new KMeans().k(2).randomSwap(3).fitBatch(data, passes(data)))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("randomSwap");
    Dataset empty = Dataset.ofRowMajor(new double[0], 0, data.columnNames());
    assertThatThrownBy(() -> new KMeans().k(2).fitBatch(empty, passes(data)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("sample is empty");
    KMeansModel other =
        new KMeans().k(2).fit(Dataset.ofRowMajor(new double[] {1, 2, 3}, 3, List.of("z"))).model();
    assertThatThrownBy(() -> new KMeans().initialModel(other).fit(data))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("initialModel");
    // One distinct row cannot fill two clusters: the repair finds no row at a positive distance.
    Dataset three = data(30, 2, 2, false, 1);
    double[][] start = {three.row(0), three.row(0)};
    assertThatThrownBy(() -> new KMeans().initialCentroids(start).fitBatch(three, passes(three)))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("distinct rows");
  }
}
