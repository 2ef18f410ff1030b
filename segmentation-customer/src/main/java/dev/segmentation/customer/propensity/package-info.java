/**
 * Propensity scores from a transaction log: labelled windows (features as of a cutoff, labels from
 * the period after it; {@link dev.segmentation.customer.propensity.LabelledWindow}), L2-regularised
 * logistic regression fitted by Newton's method with explanations in original units ({@link
 * dev.segmentation.customer.propensity.LogisticRegression}), and the metrics a propensity is judged
 * by ({@link dev.segmentation.customer.propensity.ScoreMetrics}).
 */
package dev.segmentation.customer.propensity;
