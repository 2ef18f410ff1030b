/**
 * Evaluation of segmentations: internal quality (silhouette, Rousseeuw 1987; Calinski-Harabasz
 * 1974; Davies-Bouldin 1979), agreement between partitions (adjusted Rand index, Hubert and Arabie
 * 1985; adjusted mutual information, Vinh, Epps and Bailey 2010), the choice of k ({@link
 * dev.segmentation.core.evaluate.KSelection}, including the gap statistic of Tibshirani, Walther
 * and Hastie 2001), segment stability under resampling (Hennig 2007, "Cluster-wise assessment of
 * cluster stability", CSDA 52) and the alignment of segment ids between two fits.
 */
package dev.segmentation.core.evaluate;
