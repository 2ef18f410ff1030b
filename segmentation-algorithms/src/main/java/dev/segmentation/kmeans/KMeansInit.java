package dev.segmentation.kmeans;

/** How a K-means restart chooses its initial centroids. */
public enum KMeansInit {
  /**
   * Greedy k-means++ (Arthur and Vassilvitskii 2007, greedy as in scikit-learn): each new centre is
   * the best of {@code 2 + floor(ln k)} candidates drawn with probability proportional to weight
   * times squared distance to the nearest chosen centre. O(n k log k d) time. The default.
   */
  K_MEANS_PLUS_PLUS,
  /** {@code k} distinct rows drawn at random with probability proportional to their weight. */
  RANDOM
}
