package dev.segmentation.bench;

import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.index.IndexKind;
import dev.segmentation.core.index.NeighborIndex;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The neighbour index alone, single thread: building it, and 10,000 queries (range at a radius that
 * holds about 30 points on average, and 10 nearest neighbours) from rows drawn at random, on the
 * DBSCAN benchmark data.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1)
public class NeighborIndexBenchmark {
  /** Rows and columns, as {@code n:d}. */
  @Param({"100000:2", "1000000:2", "100000:8"})
  String shape;

  @Param({"KD_TREE", "BRUTE_FORCE"})
  IndexKind kind;

  int n;
  int d;
  double[] x;
  NeighborIndex index;
  NeighborIndex.Searcher searcher;
  int[] queries;
  double radius;
  final IntArrayList out = new IntArrayList();
  final int[] rows = new int[10];
  final double[] dists = new double[10];

  /** Builds the data, the index and the query rows; sets the radius from 10-NN distances. */
  @Setup
  public void setup() {
    n = Integer.parseInt(shape.substring(0, shape.indexOf(':')));
    d = Integer.parseInt(shape.substring(shape.indexOf(':') + 1));
    x = BenchData.blobsWithNoise(n, d, 20, 2, 0.1, 1);
    index = NeighborIndex.build(x, n, d, Distance.EUCLIDEAN, kind);
    searcher = index.searcher();
    SplittableRandom rng = new SplittableRandom(3);
    queries = new int[kind == IndexKind.BRUTE_FORCE ? 100 : 10_000];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = rng.nextInt(n);
    }
    // the median distance to the 30th neighbour, measured with the tree
    NeighborIndex tree = NeighborIndex.build(x, n, d, Distance.EUCLIDEAN, IndexKind.KD_TREE);
    double[] k30 = new double[101];
    int[] r = new int[30];
    double[] dist = new double[30];
    for (int i = 0; i < k30.length; i++) {
      tree.searcher().knnOfRow(queries[i % queries.length], 30, r, dist);
      k30[i] = dist[29];
    }
    java.util.Arrays.sort(k30);
    radius = k30[50];
  }

  /**
   * Builds the index over all rows.
   *
   * @return the index
   */
  @Benchmark
  public NeighborIndex build() {
    return NeighborIndex.build(x, n, d, Distance.EUCLIDEAN, kind);
  }

  /**
   * Range queries (10,000 for the tree, 100 for brute force).
   *
   * @return total neighbours found
   */
  @Benchmark
  public long range() {
    long total = 0;
    for (int q : queries) {
      out.clear();
      searcher.rangeOfRow(q, radius, out);
      total += out.size();
    }
    return total;
  }

  /**
   * 10-nearest-neighbour queries (10,000 for the tree, 100 for brute force).
   *
   * @return sum of the 10th distances
   */
  @Benchmark
  public double knn() {
    double total = 0;
    for (int q : queries) {
      searcher.knnOfRow(q, 10, rows, dists);
      total += dists[9];
    }
    return total;
  }
}
