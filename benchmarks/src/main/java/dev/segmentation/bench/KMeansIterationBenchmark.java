package dev.segmentation.bench;

import dev.segmentation.core.pass.ColumnTiles;
import dev.segmentation.core.pass.NearestCentres;
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
 * One plain Lloyd assignment pass (single thread) against two floors: the memory bandwidth (summing
 * the same data array once; target at n = 1M, d = 8, k = 8: the pass with its per-block sums within
 * 3x of it) and the arithmetic (target at k = 64: within 2x of {@code n k d} multiply-adds at the
 * rate {@link #multiplyAdds} measures, the vector width of this core as the JIT uses it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KMeansIterationBenchmark {
  @Param({"100000", "1000000"})
  int n;

  @Param({"8"})
  int d;

  @Param({"8", "64"})
  int k;

  double[] x;
  double[] centroids;
  NearestCentres.Workspace workspace;
  int[] labels;
  ColumnTiles tiles;
  ColumnTiles exactTiles;
  double[] sums;
  double[] sumWeights;

  /** L1-resident operands of {@link #multiplyAdds}: four columns of one tile and the sums. */
  final double[][] columns = new double[4][NearestCentres.TILE];

  final double[] acc = new double[NearestCentres.TILE];

  /** Builds overlapping blobs and k starting centroids. */
  @Setup
  public void setup() {
    x = BenchData.blobs(n, d, k, 20, 1);
    double[][] c = BenchData.someRows(x, n, d, k, 2);
    centroids = new double[k * d];
    for (int i = 0; i < k; i++) {
      System.arraycopy(c[i], 0, centroids, i * d, d);
    }
    labels = new int[n];
    workspace = new NearestCentres.Workspace(d, k);
    tiles = new ColumnTiles(x, n, d, true);
    exactTiles = new ColumnTiles(x, n, d);
    sums = new double[k * d];
    sumWeights = new double[k];
    // The sums alone read the labels of a real pass, not k = 1's.
    NearestCentres.assign(tiles, 0, n, centroids, k, workspace, labels);
    for (int j = 0; j < 4; j++) {
      for (int i = 0; i < NearestCentres.TILE; i++) {
        columns[j][i] = x[i * d + j % d];
      }
    }
  }

  /**
   * The floor: read every value once.
   *
   * @return the sum
   */
  @Benchmark
  public double sumArray() {
    double s = 0;
    final double[] a = x;
    for (int i = 0; i < a.length; i++) {
      s += a[i];
    }
    return s;
  }

  /**
   * One assignment pass of plain Lloyd over all rows.
   *
   * @return the number of changed labels
   */
  @Benchmark
  public int lloydAssignPass() {
    return NearestCentres.assign(x, d, 0, n, centroids, k, workspace, labels);
  }

  /**
   * One Lloyd pass as the fit runs it on one thread: labels from the float screen kept for the fit,
   * then the sums of the new centroids from the row-major rows, block by block (4,096 rows).
   *
   * @return the number of changed labels
   */
  @Benchmark
  public int lloydPassWithSums() {
    return passWithSums(tiles);
  }

  /**
   * {@link #lloydPassWithSums} on tiles without the float screen: every distance in double, as
   * before the screen.
   *
   * @return the number of changed labels
   */
  @Benchmark
  public int lloydPassWithSumsExact() {
    return passWithSums(exactTiles);
  }

  /** As KMeansRun on one thread: a block's labels, then its sums from the row-major rows. */
  private int passWithSums(ColumnTiles rows) {
    java.util.Arrays.fill(sums, 0);
    java.util.Arrays.fill(sumWeights, 0);
    int changed = 0;
    final int block = dev.segmentation.core.parallel.Blocks.DEFAULT_BLOCK_ROWS;
    for (int s = 0; s < n; s += block) {
      int e = Math.min(n, s + block);
      changed += NearestCentres.assign(rows, s, e, centroids, k, workspace, labels);
      addRows(s, e);
    }
    return changed;
  }

  /**
   * The sums alone, from the row-major data.
   *
   * @return one sum
   */
  @Benchmark
  public double rowMajorSums() {
    java.util.Arrays.fill(sums, 0);
    java.util.Arrays.fill(sumWeights, 0);
    addRows(0, n);
    return sums[0];
  }

  /**
   * Adds rows {@code [start, end)} of the row-major data to their labels' sums, as the fit does.
   */
  private void addRows(int start, int end) {
    dev.segmentation.core.pass.NearestSums.addRows(
        x, d, null, labels, start, end, sums, sumWeights, 0);
  }

  /**
   * The sums alone as the plain loop over rows and then columns adds them, before {@link
   * dev.segmentation.core.pass.NearestSums#addRows}: the same bits.
   *
   * @return one sum
   */
  @Benchmark
  public double rowMajorSumsPlain() {
    java.util.Arrays.fill(sums, 0);
    java.util.Arrays.fill(sumWeights, 0);
    for (int i = 0; i < n; i++) {
      int c = labels[i];
      int off = i * d;
      int so = c * d;
      for (int j = 0; j < d; j++) {
        sums[so + j] += x[off + j];
      }
      sumWeights[c] += 1;
    }
    return sums[0];
  }

  /**
   * The assignment alone on the column tiles, without the sums.
   *
   * @return the number of changed labels
   */
  @Benchmark
  public int lloydTiledAssign() {
    return NearestCentres.assign(tiles, 0, n, centroids, k, workspace, labels);
  }

  /**
   * The arithmetic floor: multiply-adds on L1-resident data in the kernel's own loop shape (four
   * columns per pass over a tile's sums, multiply and add rounded separately as Java requires).
   * Each call does {@code 4 * 256 * 1024} multiply-adds; divide to get the rate.
   *
   * @return a sum, so the work is not dead
   */
  @Benchmark
  public double multiplyAdds() {
    final double[] s = acc;
    final double[] a0 = columns[0];
    final double[] a1 = columns[1];
    final double[] a2 = columns[2];
    final double[] a3 = columns[3];
    for (int r = 0; r < 1024; r++) {
      double b0 = 1e-6 * r;
      double b1 = b0 * 0.5;
      double b2 = b0 * 0.25;
      double b3 = b0 * 0.125;
      for (int i = 0; i < s.length; i++) {
        double v = s[i];
        v += a0[i] * b0;
        v += a1[i] * b1;
        v += a2[i] * b2;
        v += a3[i] * b3;
        s[i] = v;
      }
    }
    return s[7];
  }
}
