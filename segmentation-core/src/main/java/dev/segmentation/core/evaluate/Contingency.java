package dev.segmentation.core.evaluate;

import it.unimi.dsi.fastutil.ints.Int2IntLinkedOpenHashMap;

/**
 * The contingency table of two labelings of the same rows: {@code count(i, j)} rows carry the i-th
 * distinct label of the first labeling and the j-th of the second. Distinct labels are numbered in
 * order of first appearance. Immutable.
 */
public final class Contingency {
  private final int[] rowLabels;
  private final int[] columnLabels;
  private final long[] counts;
  private final long[] rowSums;
  private final long[] columnSums;
  private final long total;

  private Contingency(int[] rowLabels, int[] columnLabels, long[] counts, long total) {
    this.rowLabels = rowLabels;
    this.columnLabels = columnLabels;
    this.counts = counts;
    this.total = total;
    this.rowSums = new long[rowLabels.length];
    this.columnSums = new long[columnLabels.length];
    for (int i = 0; i < rowLabels.length; i++) {
      for (int j = 0; j < columnLabels.length; j++) {
        rowSums[i] += counts[i * columnLabels.length + j];
        columnSums[j] += counts[i * columnLabels.length + j];
      }
    }
  }

  /**
   * Builds the table. Complexity O(n + r c).
   *
   * @param a first labeling (table rows)
   * @param b second labeling (table columns), same length
   * @return the table
   * @throws IllegalArgumentException if the lengths differ, naming both
   */
  public static Contingency of(int[] a, int[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "labelings of different length: " + a.length + " and " + b.length);
    }
    Int2IntLinkedOpenHashMap ra = index(a);
    Int2IntLinkedOpenHashMap cb = index(b);
    int r = ra.size();
    int c = cb.size();
    long[] counts = new long[r * c];
    for (int i = 0; i < a.length; i++) {
      counts[ra.get(a[i]) * c + cb.get(b[i])]++;
    }
    return new Contingency(ra.keySet().toIntArray(), cb.keySet().toIntArray(), counts, a.length);
  }

  private static Int2IntLinkedOpenHashMap index(int[] labels) {
    Int2IntLinkedOpenHashMap m = new Int2IntLinkedOpenHashMap();
    for (int l : labels) {
      m.putIfAbsent(l, m.size());
    }
    return m;
  }

  /**
   * Returns the number of distinct labels of the first labeling.
   *
   * @return r
   */
  public int rows() {
    return rowLabels.length;
  }

  /**
   * Returns the number of distinct labels of the second labeling.
   *
   * @return c
   */
  public int columns() {
    return columnLabels.length;
  }

  /**
   * Returns how many rows carry the i-th label of the first and the j-th of the second labeling.
   *
   * @param i row of the table
   * @param j column of the table
   * @return the count
   */
  public long count(int i, int j) {
    return counts[i * columnLabels.length + j];
  }

  /**
   * Returns the label value of a table row.
   *
   * @param i row of the table
   * @return the label in the first labeling
   */
  public int rowLabel(int i) {
    return rowLabels[i];
  }

  /**
   * Returns the label value of a table column.
   *
   * @param j column of the table
   * @return the label in the second labeling
   */
  public int columnLabel(int j) {
    return columnLabels[j];
  }

  /**
   * Returns the size of every group of the first labeling.
   *
   * @return a copy, by table row
   */
  public long[] rowSums() {
    return rowSums.clone();
  }

  /**
   * Returns the size of every group of the second labeling.
   *
   * @return a copy, by table column
   */
  public long[] columnSums() {
    return columnSums.clone();
  }

  /**
   * Returns the number of rows.
   *
   * @return n
   */
  public long total() {
    return total;
  }
}
