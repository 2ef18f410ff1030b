package dev.segmentation.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.bench.BenchData;
import dev.segmentation.core.data.Rows;
import dev.segmentation.hierarchical.Dendrogram;
import dev.segmentation.hierarchical.Linkage;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.kmeans.KMeansVariant;
import elki.data.NumberVector;
import elki.database.relation.Relation;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The adapters really run each peer with the same semantics as ours: what the benchmarks compare is
 * the same computation, so their timings compare. Small data, so the suite stays fast.
 */
class PeerAgreementTest {
  private static final int D = 4;

  @ParameterizedTest
  @EnumSource(ElkiPeer.KMeansKind.class)
  void elkiKMeansFromTheSameStartMakesOurFit(ElkiPeer.KMeansKind kind) {
    int n = 3000;
    int k = 6;
    double[] x = BenchData.blobs(n, D, k, 20, 1);
    double[][] start = BenchData.someRows(x, n, D, k, 2);
    SegmentationResult<KMeansModel> ours =
        Segmentation.kmeans()
            .k(k)
            .variant(KMeansVariant.LLOYD)
            .tolerance(0)
            .initialCentroids(start)
            .fit(Dataset.ofRowMajor(x, n, BenchData.names(D)));

    Relation<NumberVector> rel = ElkiPeer.relation(BenchData.rows(x, n, D), false);
    PeerFit elki = ElkiPeer.kmeans(rel, kind, k, start, 1000, 1);
    // A second fit must start from the same centroids again (ELKI updates its start in place).
    PeerFit again = ElkiPeer.kmeans(rel, kind, k, start, 1000, 1);

    assertThat(BenchData.samePartition(ours.labels(), elki.labels())).isTrue();
    assertThat(BenchData.sse(x, n, D, elki.centroids()))
        .isCloseTo(
            BenchData.sse(x, n, D, Rows.flatten(ours.model().centroids(), D, "c")),
            org.assertj.core.data.Percentage.withPercentage(1e-9));
    if (kind != ElkiPeer.KMeansKind.LLOYD) {
      // ParallelLloydKMeans logs no iteration statistic; the others must be captured.
      assertThat(elki.iterations()).isEqualTo(ours.summary().iterations());
      assertThat(again.iterations()).isEqualTo(ours.summary().iterations());
    }
    assertThat(again.labels()).isEqualTo(elki.labels());
  }

  @Test
  void selfSeedingPeersFindSeparatedBlobsLikeOurs() {
    int n = 2000;
    int k = 4;
    double[] x = separated(n, k);
    double[][] rows = BenchData.rows(x, n, D);
    int[] ours =
        Segmentation.kmeans()
            .k(k)
            .restarts(3)
            .fit(Dataset.ofRowMajor(x, n, BenchData.names(D)))
            .labels();

    PeerFit smile = SmilePeer.lloyd(rows, k, 1000, 3);
    PeerFit smileTree = SmilePeer.bbdTree(rows, k, 1000, 3);
    PeerFit commonsMath = CommonsMathPeer.kmeans(CommonsMathPeer.rows(rows), k, 1000, 3);
    PeerFit tribuo = TribuoPeer.kmeans(TribuoPeer.dataset(rows), k, 1000, 2, 3);
    int[] tribuoLabels = new int[n];
    BenchData.nearest(x, n, D, tribuo.centroids(), tribuoLabels);

    assertThat(BenchData.samePartition(ours, smile.labels())).isTrue();
    assertThat(BenchData.samePartition(ours, smileTree.labels())).isTrue();
    assertThat(BenchData.samePartition(ours, commonsMath.labels())).isTrue();
    assertThat(BenchData.samePartition(ours, tribuoLabels)).isTrue();
    assertThat(tribuo.iterations()).isBetween(1, 1000);
  }

  @Test
  void everyPeersDbscanGivesOurClustersAndNoise() {
    int n = 3000;
    double[] x = BenchData.blobsWithNoise(n, 2, 8, 2, 0.1, 1);
    Dataset data = Dataset.ofRowMajor(x, n, BenchData.names(2));
    double eps = Segmentation.dbscan().minPoints(10).kDistance(data).suggestedEps();
    int[] ours = Segmentation.dbscan().eps(eps).minPoints(10).fit(data).labels();
    double[][] rows = BenchData.rows(x, n, 2);

    assertThat(ours).contains(-1);
    for (PeerFit peer :
        List.of(
            ElkiPeer.dbscan(ElkiPeer.relation(rows, true), eps, 10),
            ElkiPeer.dbscan(ElkiPeer.relation(rows, false), eps, 10),
            SmilePeer.dbscan(rows, eps, 10),
            CommonsMathPeer.dbscan(CommonsMathPeer.rows(rows), eps, 10))) {
      assertThat(BenchData.samePartition(ours, peer.labels())).isTrue();
    }
  }

  @Test
  void hierarchicalCutsOfThePeersEqualOurs() {
    int n = 1500;
    int cut = 6;
    double[] x = BenchData.blobs(n, D, cut, 20, 3);
    Dataset data = Dataset.ofRowMajor(x, n, BenchData.names(D));
    double[][] rows = BenchData.rows(x, n, D);
    Relation<NumberVector> rel = ElkiPeer.relation(rows, false);
    Dendrogram ward = Segmentation.hierarchical().linkage(Linkage.WARD).tree(data);
    Dendrogram single = Segmentation.hierarchical().linkage(Linkage.SINGLE).tree(data);

    assertThat(
            same(
                ward.cut(cut),
                ElkiPeer.hierarchical(rel, ElkiPeer.HierarchicalKind.ANDERBERG, true, cut)))
        .isTrue();
    assertThat(same(ward.cut(cut), SmilePeer.hierarchical(rows, true, cut))).isTrue();
    assertThat(
            same(
                single.cut(cut),
                ElkiPeer.hierarchical(rel, ElkiPeer.HierarchicalKind.SLINK, false, cut)))
        .isTrue();
    assertThat(
            same(
                single.cut(cut),
                ElkiPeer.hierarchical(rel, ElkiPeer.HierarchicalKind.ANDERBERG, false, cut)))
        .isTrue();
    assertThat(same(single.cut(cut), SmilePeer.hierarchical(rows, false, cut))).isTrue();
  }

  @Test
  void peerMapsStartAtTheGivenUnitsAndAnEpochLowersTheError() {
    int n = 2000;
    int side = 4;
    double[] x = BenchData.blobs(n, D, 5, 10, 4);
    double[][] rows = BenchData.rows(x, n, D);
    double[] units = Rows.flatten(BenchData.someRows(x, n, D, side * side, 2), D, "units");
    double before = BenchData.sse(x, n, D, units);

    CommonsMathPeer.Som cm = CommonsMathPeer.som(units, side, D, n);
    assertThat(unitSet(cm.units())).isEqualTo(unitSet(units));
    cm.epoch(rows, 1);
    assertThat(BenchData.sse(x, n, D, cm.units())).isLessThan(before);

    smile.vq.SOM som = SmilePeer.som(units, side, D, n);
    assertThat(som.neurons()[1][2]).containsExactly(Arrays.copyOfRange(units, 6 * D, 7 * D));
    SmilePeer.epoch(som, rows, 1);
    assertThat(BenchData.sse(x, n, D, SmilePeer.units(som, side, D))).isLessThan(before);
  }

  private static boolean same(int[] ours, PeerFit peer) {
    return BenchData.samePartition(ours, peer.labels());
  }

  private static Set<List<Double>> unitSet(double[] units) {
    Set<List<Double>> set = new HashSet<>();
    for (int u = 0; u < units.length / D; u++) {
      set.add(Arrays.stream(Arrays.copyOfRange(units, u * D, u * D + D)).boxed().toList());
    }
    return set;
  }

  /** k tight blobs on the corners of a large simplex: one right answer for every K-means. */
  private static double[] separated(int n, int k) {
    double[] x = BenchData.blobs(n, D, k, 1, 5);
    java.util.SplittableRandom rng = new java.util.SplittableRandom(6);
    // Relabel each row to a blob by position so the centres are 100 apart along axis c.
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(k);
      for (int j = 0; j < D; j++) {
        x[i * D + j] = (j == c % D ? 100.0 * (1 + c / D) : 0) + rng.nextGaussian();
      }
    }
    return x;
  }
}
