package dev.segmentation.core.pass;

/**
 * The row farthest from its centre, as a {@link CentrePass} finds it for the empty-cluster repair.
 * Immutable.
 */
public final class Farthest {
  private final double distance;
  private final long position;
  private final int label;
  private final double weight;
  private final double[] row;

  /**
   * Creates the result.
   *
   * @param distance squared distance to its centre; -1 when no row was seen
   * @param position where the row is, in the pass's own terms (opaque to the caller)
   * @param label the centre the row belonged to
   * @param weight the row's weight
   * @param row the row's values in the preprocessed space; copied
   */
  public Farthest(double distance, long position, int label, double weight, double[] row) {
    this.distance = distance;
    this.position = position;
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
   * Returns where the row is, in the pass's own terms.
   *
   * @return the position
   */
  public long position() {
    return position;
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
}
