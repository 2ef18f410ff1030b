/**
 * The library on Apache Spark: distributed K-means ({@link dev.segmentation.spark.SparkKMeans}) and
 * batch self-organizing maps ({@link dev.segmentation.spark.SparkSom}) whose passes run the
 * library's own kernels on the executors; sample-then-assign for DBSCAN and hierarchical
 * clustering; scoring of any model on a {@code Dataset<Row>} ({@link
 * dev.segmentation.spark.SparkScorer}); profiles and holdouts as Spark aggregations. The entry
 * point is {@link dev.segmentation.spark.SparkSegmentation}.
 */
package dev.segmentation.spark;
