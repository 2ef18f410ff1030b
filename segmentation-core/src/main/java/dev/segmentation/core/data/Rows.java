package dev.segmentation.core.data;

import dev.segmentation.api.InvalidDataException;

/** Small conversions between row arrays and the flat row-major arrays the algorithms use. */
public final class Rows {
  private Rows() {}

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
}
