package dev.segmentation.core.data;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.core.preprocess.FittedScaling;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.ints.IntComparator;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Small conversions between row arrays and the flat row-major arrays the algorithms use. */
public final class Rows {
  private Rows() {}

  /**
   * Returns the indices {@code 0 .. n - 1} sorted by {@code order}, equal ones in index order (a
   * stable merge sort on primitive ints: about a third of the time and a fifth of the memory of
   * sorting boxed {@code Integer}s, 1M keys in 130-210 ms against 410-770 ms here). O(n log n)
   * comparisons, two arrays of {@code n} ints.
   *
   * @param n how many indices, {@code >= 0}
   * @param order compares two indices
   * @return a new array of the sorted indices
   */
  public static int[] stableOrder(int n, IntComparator order) {
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = i;
    }
    IntArrays.mergeSort(indices, order);
    return indices;
  }

  /**
   * Flattens rows of equal length into one row-major array. O(n d).
   *
   * @param rows the rows
   * @param d the length every row must have
   * @param what what a row is, for the message (for example {@code "centroid"})
   * @return a new array of {@code rows.length * d} values
   * @throws InvalidDataException naming the first row that is missing or has another length
   */
  public static double[] flatten(double[][] rows, int d, String what) {
    double[] out = new double[rows.length * d];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r] == null || rows[r].length != d) {
        throw new InvalidDataException(
            what
                + " "
                + r
                + " has "
                + (rows[r] == null ? 0 : rows[r].length)
                + " values; the model has "
                + d
                + " columns");
      }
      System.arraycopy(rows[r], 0, out, r * d, d);
    }
    return out;
  }

  /**
   * Checks and copies rows given as an option (initial centroids, say): at least one row, all of
   * the same length. O(total length).
   *
   * @param rows the rows; not modified
   * @param option the option's name, for the error
   * @return a deep copy
   * @throws dev.segmentation.api.InvalidOptionException if there is no row or the lengths differ
   */
  public static double[][] copyOption(double[][] rows, String option) {
    if (rows.length == 0) {
      throw new dev.segmentation.api.InvalidOptionException(
          option, "[]", "must hold at least one row");
    }
    double[][] copy = new double[rows.length][];
    for (int c = 0; c < rows.length; c++) {
      if (rows[c].length != rows[0].length) {
        throw new dev.segmentation.api.InvalidOptionException(
            option,
            "row " + c + " of length " + rows[c].length,
            "rows must all have length " + rows[0].length);
      }
      copy[c] = rows[c].clone();
    }
    return copy;
  }

  /**
   * Checks that every label lies in {@code [lo, hi)}.
   *
   * @param labels the labels
   * @param lo smallest allowed
   * @param hi one past the largest allowed
   * @param what what a label is, for the message
   * @throws InvalidDataException naming the first label outside the range
   */
  public static void requireLabels(int[] labels, int lo, int hi, String what) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < lo || labels[i] >= hi) {
        throw new InvalidDataException(
            what + " " + i + " is " + labels[i] + ", outside [" + lo + ", " + hi + ")");
      }
    }
  }

  /**
   * Checks that every segment of {@code [0, segments)} is the label of at least one entry, so a
   * count read from a file can never exceed what the arrays describe (a model file claiming 1e9
   * segments over 4 centroids). O(n + segments), with {@code segments <= n} checked first.
   *
   * @param labels the segment of each entry (already checked to be in range)
   * @param segments the number of segments claimed
   * @param what what the entries are, for the message ("core point", "unit")
   * @throws InvalidDataException naming the first segment without an entry
   */
  public static void requireEverySegment(int[] labels, int segments, String what) {
    if (segments > labels.length) {
      throw new InvalidDataException(
          segments
              + " segments claimed, but there are only "
              + labels.length
              + " "
              + what
              + "s: every segment needs at least one");
    }
    boolean[] seen = new boolean[segments];
    for (int l : labels) {
      seen[l] = true;
    }
    for (int c = 0; c < segments; c++) {
      if (!seen[c]) {
        throw new InvalidDataException(
            "segment " + c + " of " + segments + " has no " + what + ": every segment needs one");
      }
    }
  }

  /**
   * Draws {@code m} distinct rows of {@code n} uniformly (a partial Fisher-Yates shuffle: the first
   * {@code m} entries of a shuffled index), in increasing order. O(n) time and memory.
   *
   * @param n rows to draw from
   * @param m rows to draw, {@code 0 <= m <= n}
   * @param rng the random source; {@code m} draws are taken from it
   * @return {@code m} ascending row indices
   */
  public static int[] sample(int n, int m, SplittableRandom rng) {
    int[] pick = new int[n];
    for (int i = 0; i < n; i++) {
      pick[i] = i;
    }
    for (int i = 0; i < m; i++) {
      int j = i + rng.nextInt(n - i);
      int t = pick[i];
      pick[i] = pick[j];
      pick[j] = t;
    }
    int[] out = Arrays.copyOf(pick, m);
    Arrays.sort(out);
    return out;
  }

  /**
   * Checks that a fitted scaling was fitted on the given columns, as a saved model needs.
   *
   * @param scaling the scaling
   * @param columns the model's columns
   * @throws InvalidDataException if the columns differ, naming both lists
   */
  public static void requireSameColumns(FittedScaling scaling, List<String> columns) {
    if (!scaling.columns().equals(columns)) {
      throw new InvalidDataException(
          "the scaling's columns " + scaling.columns() + " differ from the model's " + columns);
    }
  }
}
