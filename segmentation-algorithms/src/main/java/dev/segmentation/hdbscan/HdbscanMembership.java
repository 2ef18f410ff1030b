package dev.segmentation.hdbscan;

/**
 * Why a customer is in an HDBSCAN* segment: the training row it is nearest to in mutual
 * reachability, and how firmly it belongs ({@link HdbscanModel#explain(double[])}).
 *
 * @param segment the segment assigned, or -1 for noise
 * @param probability the membership probability in {@code [0, 1]}: the density at the customer
 *     relative to the densest part of its segment, 0 for noise
 * @param nearestRow the training row nearest in mutual reachability (ties: nearer in plain
 *     distance, then the lower row)
 * @param nearestSegment that row's fitted segment, or -1 if it was noise
 * @param reachability the mutual-reachability distance to that row, {@code max(core(customer),
 *     core(row), d(customer, row))}, in preprocessed units
 */
public record HdbscanMembership(
    int segment, double probability, int nearestRow, int nearestSegment, double reachability) {}
