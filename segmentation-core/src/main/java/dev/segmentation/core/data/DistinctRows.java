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
    int cap = Integer.highestOneBit(Math.max(4, Math.min(n, limit) * 2 - 1)) << 1;
    int[] table = new int[cap];
    java.util.Arrays.fill(table, -1);
    int mask = cap - 1;
    int count = 0;
    for (int i = 0; i < n && count < limit; i++) {
      int slot = hash(data, i * d, d) & mask;
      while (true) {
        int other = table[slot];
        if (other < 0) {
          table[slot] = i;
          count++;
          break;
        }
        if (same(data, other * d, i * d, d)) {
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return count;
  }

  /**
   * A hash of one row's values, equal for rows equal under {@code ==} ({@code -0.0} and {@code 0.0}
   * alike), for open-addressing tables of rows. O(d).
   *
   * @param x row-major values
   * @param off the row's first value
   * @param d number of columns
   * @return the hash, mixed so that its low bits can index a power-of-two table
   */
  public static int hash(double[] x, int off, int d) {
    long h = 1;
    for (int j = 0; j < d; j++) {
      h = 31 * h + Double.doubleToLongBits(x[off + j] + 0.0);
    }
    return it.unimi.dsi.fastutil.HashCommon.mix((int) (h ^ (h >>> 32)));
  }

  private static boolean same(double[] x, int a, int b, int d) {
    return same(x, a, x, b, d);
  }

  /**
   * Whether two rows hold equal values under {@code ==}. O(d).
   *
   * @param x one row-major array
   * @param a the first value of its row
   * @param y another (or the same) row-major array
   * @param b the first value of its row
   * @param d number of columns
   * @return true when every value is equal
   */
  public static boolean same(double[] x, int a, double[] y, int b, int d) {
    for (int j = 0; j < d; j++) {
      if (x[a + j] != y[b + j]) {
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
