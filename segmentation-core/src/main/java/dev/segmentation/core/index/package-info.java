/**
 * Neighbour search shared by DBSCAN, hierarchical models and explanations: {@link
 * dev.segmentation.core.index.NeighborIndex}, a k-d tree (Bentley 1975, "Multidimensional binary
 * search trees used for associative searching", CACM 18) or a brute-force scan, chosen by {@link
 * dev.segmentation.core.index.IndexKind}, and the k-distance curve used to choose DBSCAN's eps.
 */
package dev.segmentation.core.index;
