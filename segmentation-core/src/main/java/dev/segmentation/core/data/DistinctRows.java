package dev.segmentation.core.data;

/**
 * Counts distinct rows of a row-major array, stopping early at a limit. Used to check that {@code
 * k} segments can exist before fitting ({@code k} must not exceed the number of distinct rows).
 */
public final class DistinctRows {
  private DistinctRows() {}

  /**
   * Returns {@code min(limit, number of distinct rows)}; {@code -0.0} and {@code 0.0} count as
   * equal. Complexity O(m d) expected, where {@code m} is the number of rows read before the limit
   * is reached; memory O(limit).
   *
   * @param data row-major values, {@code n * d}
   * @param n number of rows
   * @param d number of columns
   * @param limit stop counting at this many, {@code >= 0}
   * @return the count, at most {@code limit}
   */
  public static int countAtLeast(double[] data, int n, int d, int limit) {
    if (limit <= 0 || n == 0) {
      return 0;
    }
    RowSet seen = new RowSet(data, d, Math.min(n, limit));
    int count = 0;
    for (int i = 0; i < n && count < limit; i++) {
      if (seen.add(i)) {
        count++;
      }
    }
    return count;
  }

  /**
   * A set of rows of one row-major array, told apart by their values under {@code ==} ({@code -0.0}
   * and {@code 0.0} alike): an open-addressing table of row indices, at most half full while it
   * holds no more than its capacity. Memory O(capacity); {@link #add} O(d) expected.
   */
  public static final class RowSet {
    private final double[] data;
    private final int d;
    private final int[] table;
    private final int mask;

    /**
     * An empty set of rows of {@code data}.
     *
     * @param data row-major values, read only; kept by reference
     * @param d number of columns, {@code >= 1}
     * @param capacity the most distinct rows it will hold
     */
    public RowSet(double[] data, int d, int capacity) {
      this.data = data;
      this.d = d;
      this.table = new int[Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1];
      java.util.Arrays.fill(table, -1);
      this.mask = table.length - 1;
    }

    /**
     * Adds row {@code i} unless the set holds a row of the same values.
     *
     * @param i the row, an index into {@code data} in rows
     * @return true when added, false when its values were there already
     */
    public boolean add(int i) {
      for (int slot = hash(data, i * d, d) & mask; ; slot = (slot + 1) & mask) {
        int other = table[slot];
        if (other < 0) {
          table[slot] = i;
          return true;
        }
        if (same(data, other * d, i * d, d)) {
          return false;
        }
      }
    }
  }

  /** A hash of one row's values, equal for rows equal under {@code ==}, mixed for low bits. */
  private static int hash(double[] x, int off, int d) {
    long h = 1;
    for (int j = 0; j < d; j++) {
      h = 31 * h + Double.doubleToLongBits(x[off + j] + 0.0);
    }
    return it.unimi.dsi.fastutil.HashCommon.mix((int) (h ^ (h >>> 32)));
  }

  /** Whether two rows of {@code x} hold equal values under {@code ==}. */
  private static boolean same(double[] x, int a, int b, int d) {
    for (int j = 0; j < d; j++) {
      if (x[a + j] != x[b + j]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Refuses more segments than distinct rows, the check every family makes before fitting (equal
   * rows cannot be told apart, so extra segments would be empty or differ in nothing). O(m d), as
   * {@link #countAtLeast}.
   *
   * @param data row-major values, {@code n * d}
   * @param n number of rows
   * @param d number of columns
   * @param segments the most segments asked for
   * @param option the option that asked, for the message ({@code "k"}, {@code "segments"})
   * @param value the option's value as the user gave it
   * @param rows what the rows are, for the message ({@code "data"}, {@code "sample"})
   * @throws dev.segmentation.api.InvalidOptionException if there are fewer distinct rows
   */
  public static void require(
      double[] data, int n, int d, int segments, String option, Object value, String rows) {
    int distinct = countAtLeast(data, n, d, segments);
    if (distinct < segments) {
      throw new dev.segmentation.api.InvalidOptionException(
          option,
          value,
          "must not exceed the number of distinct rows in the " + rows + " (" + distinct + ")");
    }
  }
}
