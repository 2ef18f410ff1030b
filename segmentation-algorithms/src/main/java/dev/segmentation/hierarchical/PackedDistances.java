package dev.segmentation.hierarchical;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.parallel.Blocks;
import java.util.Locale;

/**
 * The upper triangle of an {@code n x n} distance matrix, {@code n (n - 1) / 2} doubles indexed by
 * {@code long} and stored in chunks of 2^27, so it is not bound by Java's 2^31 array limit: n above
 * 65,536 works as long as the heap allows.
 */
final class PackedDistances {
  private static final int SHIFT = 27;
  private static final long MASK = (1L << SHIFT) - 1;

  private final int n;
  private final double[][] chunks;

  private PackedDistances(int n) {
    this.n = n;
    long total = bytes(n) / Double.BYTES;
    int count = (int) ((total + MASK) >>> SHIFT);
    chunks = new double[count][];
    for (int c = 0; c < count; c++) {
      long left = total - ((long) c << SHIFT);
      chunks[c] = new double[(int) Math.min(left, 1L << SHIFT)];
    }
  }

  /** Bytes the matrix of {@code n} points takes. */
  static long bytes(int n) {
    return (long) n * (n - 1) / 2 * Double.BYTES;
  }

  /**
   * Checks that the heap can hold the matrix, then fills it with Euclidean distances in parallel
   * over fixed blocks of rows (each entry is written once, so the result is deterministic).
   *
   * @throws InvalidOptionException naming the size, the free heap and the O(n)-memory linkages, if
   *     the matrix does not fit
   */
  static PackedDistances euclidean(
      double[] x, int n, int d, Linkage linkage, Blocks blocks, long[] computed) {
    long need = bytes(n);
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (need > free) {
      throw new InvalidOptionException(
          "linkage",
          linkage,
          String.format(
              Locale.ROOT,
              "needs a %.2f GiB distance matrix for %d rows but only %.2f GiB of heap is free;"
                  + " give the JVM more (-Xmx) or use SINGLE, WARD, CENTROID or MEDIAN, which"
                  + " need O(n) memory",
              need / 1073741824.0,
              n,
              free / 1073741824.0));
    }
    PackedDistances m = new PackedDistances(n);
    blocks.run(
        (worker, block, start, end) -> {
          for (int i = start; i < end; i++) {
            for (int j = i + 1; j < n; j++) {
              m.set(i, j, Math.sqrt(SquaredEuclidean.distance(x, i * d, x, j * d, d)));
            }
          }
        });
    computed[0] += (long) n * (n - 1) / 2;
    return m;
  }

  private long index(int i, int j) {
    int a = Math.min(i, j);
    int b = Math.max(i, j);
    return (long) a * (2L * n - a - 1) / 2 + (b - a - 1);
  }

  double get(int i, int j) {
    long k = index(i, j);
    return chunks[(int) (k >>> SHIFT)][(int) (k & MASK)];
  }

  void set(int i, int j, double v) {
    long k = index(i, j);
    chunks[(int) (k >>> SHIFT)][(int) (k & MASK)] = v;
  }
}
