/**
 * Agglomerative (hierarchical) segmentation: {@link dev.segmentation.hierarchical.Hierarchical}
 * (builder; a {@code Segmenter} that cuts the tree into k segments, or {@code tree()} for the whole
 * {@link dev.segmentation.hierarchical.Dendrogram}) and {@link
 * dev.segmentation.hierarchical.HierarchicalModel}. Algorithms after Müllner (2011, "Modern
 * hierarchical, agglomerative clustering algorithms", arXiv:1109.2378): the nearest-neighbour chain
 * for Ward (Ward 1963, "Hierarchical grouping to optimize an objective function", JASA 58) and the
 * reducible matrix linkages, Prim's minimum spanning tree for single linkage, the generic algorithm
 * with a priority queue for centroid and median linkage; Lance-Williams updates.
 */
package dev.segmentation.hierarchical;
