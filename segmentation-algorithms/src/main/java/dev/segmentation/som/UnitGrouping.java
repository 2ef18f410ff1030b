package dev.segmentation.som;

/** How a trained map's units are grouped into segments. */
public enum UnitGrouping {
  /** Ward's hierarchical clustering of the unit vectors, each weighted by its hit count. */
  WARD,
  /** K-means of the unit vectors, each weighted by its hit count. */
  KMEANS
}
