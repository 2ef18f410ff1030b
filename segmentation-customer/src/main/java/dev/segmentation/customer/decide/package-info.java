/**
 * Decision segments: an ordered table of rules over a customer table's columns (states,
 * propensities, lifetime values, cluster segments, features, user columns), in which each customer
 * lands in exactly one decision segment or exclusion, or in no action, with the rule that put them
 * there ({@link dev.segmentation.customer.decide.DecisionRules}).
 */
package dev.segmentation.customer.decide;
