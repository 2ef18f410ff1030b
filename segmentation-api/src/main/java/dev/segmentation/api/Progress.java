package dev.segmentation.api;

/**
 * One progress report of a running fit.
 *
 * @param stage what is running, for example {@code "k-means restart 2/4"}
 * @param step the number of steps done in this stage (for example iterations)
 * @param maxSteps the largest number of steps this stage may take (it may stop earlier)
 * @param objective the current value of the objective being minimised, or {@code NaN} if unknown
 */
public record Progress(String stage, long step, long maxSteps, double objective) {}
