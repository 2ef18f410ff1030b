package dev.segmentation.kmeans;

/** How a K-means restart chooses its initial centroids. */
public enum KMeansInit {
  /**
   * Greedy k-means++ (Arthur and Vassilvitskii 2007, greedy as in scikit-learn): each new centre is
   * the best of {@code 2 + floor(ln k)} candidates drawn with probability proportional to weight
   * times squared distance to the nearest chosen centre. O(n k log k d) time. The default.
   */
  K_MEANS_PLUS_PLUS,
  /**
   * k-means|| (Bahmani et al., "Scalable K-Means++", PVLDB 2012): a few passes each draw about
   * {@code l = oversampling k} candidate rows at once with probability proportional to weight times
   * squared distance, the candidates are weighted by the rows nearest to them and reclustered into
   * {@code k} centres (greedy k-means++ then weighted Lloyd). O(n m d) for {@code m ~ rounds l}
   * candidates in {@code rounds + 1} passes over the data instead of {@code k}: the choice when
   * seeding dominates a fit with many segments on many rows (measured in BENCHMARKS.md section 22).
   * Rounds and oversampling: {@link KMeans#parallelSeeding(int, double)}, default 5 and 2.
   */
  K_MEANS_PARALLEL,
  /** {@code k} distinct rows drawn at random with probability proportional to their weight. */
  RANDOM
}
