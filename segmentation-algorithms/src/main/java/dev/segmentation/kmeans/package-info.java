/**
 * K-means segmentation: {@link dev.segmentation.kmeans.KMeans} (builder), {@link
 * dev.segmentation.kmeans.KMeansModel}, the pruned variants and the low-level {@link
 * dev.segmentation.kmeans.KMeansKernels}.
 */
package dev.segmentation.kmeans;
