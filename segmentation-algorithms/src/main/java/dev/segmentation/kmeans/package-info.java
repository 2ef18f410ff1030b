/**
 * K-means segmentation: {@link dev.segmentation.kmeans.KMeans} (builder; local fits and fits over
 * rows held elsewhere through {@link dev.segmentation.kmeans.KMeans#fitBatch}), {@link
 * dev.segmentation.kmeans.KMeansModel}, and the pruned assignment variants behind {@link
 * dev.segmentation.kmeans.KMeansVariant}: Hamerly (2010, "Making k-means even faster", SDM), Elkan
 * (2003, "Using the triangle inequality to accelerate k-means", ICML) and Exponion (Newling and
 * Fleuret 2016, "Fast k-means with accurate bounds", ICML); seeding by greedy k-means++ (Arthur and
 * Vassilvitskii 2007, with the greedy trials of scikit-learn); random swap (Fränti 2018). The
 * kernels they share with other families live in {@code dev.segmentation.core.pass}.
 */
package dev.segmentation.kmeans;
