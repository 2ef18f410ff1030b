package dev.segmentation.core.pass;

/**
 * The row farthest from its centre, as a {@link CentrePass} finds it for the empty-cluster repair.
 * Immutable.
 */
public final class Farthest {
  private final double distance;
  private final long block;
  private final int index;
  private final int label;
  private final double weight;
  private final double[] row;

  /**
   * Creates the result.
   *
   * @param distance squared distance to its centre; -1 when no row was seen
   * @param block where the row is: the block (partition, chunk) holding it, in the pass's own terms
   * @param index where the row is: its index in that block
   * @param label the centre the row belonged to
   * @param weight the row's weight
   * @param row the row's values in the preprocessed space; copied
   */
  public Farthest(double distance, long block, int index, int label, double weight, double[] row) {
    this.distance = distance;
    this.block = block;
    this.index = index;
    this.label = label;
    this.weight = weight;
    this.row = row.clone();
  }

  /**
   * Returns the squared distance to its centre.
   *
   * @return the distance; -1 when no row was seen
   */
  public double distance() {
    return distance;
  }

  /**
   * Returns the block holding the row, in the pass's own terms.
   *
   * @return the block
   */
  public long block() {
    return block;
  }

  /**
   * Returns the row's index in its block.
   *
   * @return the index
   */
  public int index() {
    return index;
  }

  /**
   * Returns the centre the row belonged to.
   *
   * @return the label
   */
  public int label() {
    return label;
  }

  /**
   * Returns the row's weight.
   *
   * @return the weight
   */
  public double weight() {
    return weight;
  }

  /**
   * Returns the row's values in the preprocessed space.
   *
   * @return a copy
   */
  public double[] row() {
    return row.clone();
  }

  /**
   * Whether a candidate row is preferred to the current choice for the empty-cluster repair:
   * farther from its centre, or as far with lexicographically smaller values. Ties go by value, not
   * by position, so that the repair, and so the whole fit, does not depend on the order of the
   * rows; equal rows keep the current choice (the first seen).
   *
   * @param e the candidate's squared distance
   * @param a array holding the candidate's values
   * @param aOff offset of the candidate in {@code a}
   * @param far the current choice's squared distance, -1 for none
   * @param b array holding the current choice's values (ignored when {@code far < 0})
   * @param bOff offset of the current choice in {@code b}
   * @param d number of values
   * @return true to take the candidate
   */
  public static boolean prefers(
      double e, double[] a, int aOff, double far, double[] b, int bOff, int d) {
    if (e != far || far < 0) {
      return e > far;
    }
    for (int j = 0; j < d; j++) {
      double x = a[aOff + j];
      double y = b[bOff + j];
      if (x != y) {
        return x < y;
      }
    }
    return false;
  }
}
