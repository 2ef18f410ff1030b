/**
 * Everything about customers rather than points: the transaction log and its reader ({@link
 * dev.segmentation.customer.TransactionLog}, {@link dev.segmentation.customer.TransactionReader}),
 * recency-frequency-monetary and behaviour features as of a date ({@link
 * dev.segmentation.customer.CustomerFeatures}, {@link dev.segmentation.customer.CustomerTable}),
 * business states by rules, exclusions (opt-outs), seeded holdouts, snapshots and the transitions
 * of customers between segments from one snapshot to the next. Profiles, explanations and
 * memberships are in {@code dev.segmentation.customer.profile}.
 */
package dev.segmentation.customer;
