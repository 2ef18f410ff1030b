package dev.segmentation.hierarchical;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.distance.Gower;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.parallel.Memory;
import java.util.Locale;

/**
 * The upper triangle of an {@code n x n} distance matrix, {@code n (n - 1) / 2} doubles indexed by
 * {@code long} and stored in chunks of 2^27, so it is not bound by Java's 2^31 array limit: n above
 * 65,536 works as long as the heap allows.
 */
final class PackedDistances {
  private static final int SHIFT = 27;
  private static final long MASK = (1L << SHIFT) - 1;

  private final double[][] chunks;

  /** {@code rowBase[i] + j} is the index of (i, j) for {@code i < j}. */
  private final long[] rowBase;

  private PackedDistances(int n) {
    this.rowBase = new long[n];
    for (int i = 0; i < n; i++) {
      rowBase[i] = (long) i * (2L * n - i - 1) / 2 - i - 1;
    }
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
    PackedDistances m = allocate(n, linkage);
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

  /** As {@link #euclidean}, with Gower's distance between the rows of its data set. */
  static PackedDistances gower(Gower g, Linkage linkage, Blocks blocks, long[] computed) {
    int n = g.data().numRows();
    PackedDistances m = allocate(n, linkage);
    blocks.run(
        (worker, block, start, end) -> {
          for (int i = start; i < end; i++) {
            for (int j = i + 1; j < n; j++) {
              m.set(i, j, g.between(i, j));
            }
          }
        });
    computed[0] += (long) n * (n - 1) / 2;
    return m;
  }

  private static PackedDistances allocate(int n, Linkage linkage) {
    long need = bytes(n);
    boolean fits = Memory.fits(need);
    String refusal =
        String.format(
            Locale.ROOT,
            "needs a %s distance matrix for %d rows but only %s of heap is free;"
                + " give the JVM more (-Xmx) or use SINGLE, WARD, CENTROID or MEDIAN, which"
                + " need O(n) memory",
            Memory.gib(need),
            n,
            Memory.gib(Memory.freeHeap()));
    if (!fits) {
      throw new InvalidOptionException("linkage", linkage, refusal);
    }
    PackedDistances m;
    try {
      m = new PackedDistances(n);
    } catch (OutOfMemoryError e) {
      // the estimate was too optimistic (fragmentation, other threads): same answer, no crash
      throw new InvalidOptionException("linkage", linkage, refusal);
    }
    return m;
  }

  private long index(int i, int j) {
    return i < j ? rowBase[i] + j : rowBase[j] + i;
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
