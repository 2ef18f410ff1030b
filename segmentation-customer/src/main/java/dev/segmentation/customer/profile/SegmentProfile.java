package dev.segmentation.customer.profile;

import java.util.List;

/**
 * What one segment looks like, in the original units of its features. Built by {@link
 * SegmentProfiles}; arrays are indexed like {@link SegmentProfiles#columns()} (extras like {@link
 * SegmentProfiles#extraColumns()}).
 *
 * <p>{@code segment}: the segment label, or {@code -1} for the group of atypical customers to
 * review
 *
 * <p>{@code name}: a short name from the features that most distinguish the segment, for example
 * {@code "recent, frequent, high spend"}; the same model and data always give the same name
 *
 * <p>{@code size}: customers in the segment
 *
 * <p>{@code share}: {@code size} over all profiled customers
 *
 * <p>{@code mean}: mean of every feature
 *
 * <p>{@code median}: median of every feature (the mean of the two middle values for an even size)
 *
 * <p>{@code zScore}: {@code (mean - population mean) / population standard deviation}; 0 for a
 * constant feature
 *
 * <p>{@code lift}: {@code mean / population mean}; NaN when the population mean is 0
 *
 * <p>{@code top}: the up to three features with the largest {@code |zScore|}, most distinguishing
 * first (ties in column order)
 *
 * <p>{@code extraMeans}: mean of every extra column (scores from elsewhere, margin)
 *
 * <p>{@code stateCounts}: customers per business state ({@code BusinessState.code()}), empty if no
 * states were given
 */
public final class SegmentProfile {
  private final int segment;
  private final String name;
  private final int size;
  private final double share;
  private final double[] mean;
  private final double[] median;
  private final double[] zScore;
  private final double[] lift;
  private final List<String> top;
  private final double[] extraMeans;
  private final int[] stateCounts;

  /**
   * Creates the value; arrays are copied.
   *
   * @param segment see the accessor of the same name
   * @param name see the accessor of the same name
   * @param size see the accessor of the same name
   * @param share see the accessor of the same name
   * @param mean see the accessor of the same name
   * @param median see the accessor of the same name
   * @param zScore see the accessor of the same name
   * @param lift see the accessor of the same name
   * @param top see the accessor of the same name
   * @param extraMeans see the accessor of the same name
   * @param stateCounts see the accessor of the same name
   */
  public SegmentProfile(
      int segment,
      String name,
      int size,
      double share,
      double[] mean,
      double[] median,
      double[] zScore,
      double[] lift,
      List<String> top,
      double[] extraMeans,
      int[] stateCounts) {
    this.segment = segment;
    this.name = name;
    this.size = size;
    this.share = share;
    this.mean = mean.clone();
    this.median = median.clone();
    this.zScore = zScore.clone();
    this.lift = lift.clone();
    this.top = List.copyOf(top);
    this.extraMeans = extraMeans.clone();
    this.stateCounts = stateCounts.clone();
  }

  /**
   * Returns segment; see the class description.
   *
   * @return the value
   */
  public int segment() {
    return segment;
  }

  /**
   * Returns name; see the class description.
   *
   * @return the value
   */
  public String name() {
    return name;
  }

  /**
   * Returns size; see the class description.
   *
   * @return the value
   */
  public int size() {
    return size;
  }

  /**
   * Returns share; see the class description.
   *
   * @return the value
   */
  public double share() {
    return share;
  }

  /**
   * Returns mean; see the class description.
   *
   * @return a copy
   */
  public double[] mean() {
    return mean.clone();
  }

  /**
   * Returns median; see the class description.
   *
   * @return a copy
   */
  public double[] median() {
    return median.clone();
  }

  /**
   * Returns zScore; see the class description.
   *
   * @return a copy
   */
  public double[] zScore() {
    return zScore.clone();
  }

  /**
   * Returns lift; see the class description.
   *
   * @return a copy
   */
  public double[] lift() {
    return lift.clone();
  }

  /**
   * Returns top; see the class description.
   *
   * @return the value
   */
  public List<String> top() {
    return top;
  }

  /**
   * Returns extraMeans; see the class description.
   *
   * @return a copy
   */
  public double[] extraMeans() {
    return extraMeans.clone();
  }

  /**
   * Returns stateCounts; see the class description.
   *
   * @return a copy
   */
  public int[] stateCounts() {
    return stateCounts.clone();
  }
}
