package dev.segmentation.core.profile;

import java.util.List;

/**
 * What one segment looks like, in the original units of its features. Built by {@link
 * SegmentProfiles}; arrays are indexed like {@link SegmentProfiles#columns()} (extras like {@link
 * SegmentProfiles#extraColumns()}).
 *
 * @param segment the segment label, or {@code -1} for the do-not-target group
 * @param name a short name from the features that most distinguish the segment, for example {@code
 *     "recent, frequent, high spend"}; the same model and data always give the same name
 * @param size customers in the segment
 * @param share {@code size} over all profiled customers
 * @param mean mean of every feature
 * @param median median of every feature (the mean of the two middle values for an even size)
 * @param zScore {@code (mean - population mean) / population standard deviation}; 0 for a constant
 *     feature
 * @param lift {@code mean / population mean}; NaN when the population mean is 0
 * @param top the up to three features with the largest {@code |zScore|}, most distinguishing first
 *     (ties in column order)
 * @param extraMeans mean of every extra column (scores from elsewhere, margin)
 * @param stateCounts customers per business state ({@code BusinessState.code()}), empty if no
 *     states were given
 */
public record SegmentProfile(
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
    int[] stateCounts) {}
