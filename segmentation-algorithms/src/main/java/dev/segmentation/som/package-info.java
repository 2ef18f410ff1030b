/**
 * Self-organizing maps: {@link dev.segmentation.som.Som} (builder) and {@link
 * dev.segmentation.som.SomModel}. Kohonen (1982, "Self-organized formation of topologically correct
 * feature maps", Biological Cybernetics 43; 2013, "Essentials of the self-organizing map", Neural
 * Networks 37) for online and batch training, PCA initialisation, rectangular and hexagonal grids,
 * the U-matrix (Ultsch and Siemon 1990) and the grouping of units into segments by Ward or K-means
 * (Vesanto and Alhoniemi 2000, "Clustering of the self-organizing map", IEEE TNN 11). {@link
 * dev.segmentation.som.BatchPass} lets the batch map train over rows held elsewhere (the Spark
 * module).
 */
package dev.segmentation.som;
