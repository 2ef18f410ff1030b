package dev.segmentation.core.evaluate;

/**
 * How {@link KSelection} ranks the candidate numbers of segments. All are computed on the rows the
 * algorithm segments, after its preprocessing, with Euclidean distances; noise rows are left out
 * (see {@link Quality}).
 */
public enum Criterion {
  /**
   * Mean silhouette ({@link Quality#silhouette}); the highest wins. Exact up to {@link
   * KSelection#silhouetteSample(int)} rows, a seeded sample above.
   */
  SILHOUETTE("highest silhouette"),
  /** Calinski-Harabasz variance ratio ({@link Quality#calinskiHarabasz}); the highest wins. */
  CALINSKI_HARABASZ("highest Calinski-Harabasz"),
  /** Davies-Bouldin index ({@link Quality#daviesBouldin}); the lowest wins. */
  DAVIES_BOULDIN("lowest Davies-Bouldin"),
  /**
   * Gap statistic (Tibshirani, Walther and Hastie 2001): {@code Gap(k) = mean_b log W*_kb - log
   * W_k} with {@code W} the inertia and {@code W*} that of the same algorithm refitted on {@link
   * KSelection#references(int)} data sets drawn uniformly from the bounding box of the rows, and
   * {@code s_k = sd_k * sqrt(1 + 1/B)}. The choice is R's default ({@code cluster::clusGap}, {@code
   * maxSE(method = "firstSEmax")}): find the first local maximum k* of the gap along the eligible
   * k, then take the smallest k up to k* with {@code Gap(k) >= Gap(k*) - s_k*}. Tibshirani's own
   * rule (the first k with {@code Gap(k) >= Gap(k+1) - s_(k+1)}) stops at the first plateau, which
   * on well-separated blobs lying in pairs gives too few segments; the global maximum overshoots on
   * large data, where {@code s} is tiny and restarts leave the gap creeping up past the true k
   * (seen at 100,000 rows: 10 for 6 blobs).
   */
  GAP("smallest k with Gap(k) >= Gap(k*) - s(k*), k* the first local maximum"),
  /**
   * Elbow of the inertia curve: the knee found by Kneedle (Satopää et al. 2011) on the curve from
   * {@code k = 1} (the total sum of squares) through the eligible k, both axes scaled to [0, 1]:
   * the k whose inertia lies farthest below the chord. Has no value of its own: the table shows NaN
   * and the inertia.
   */
  ELBOW("knee of the log-inertia curve from k = 1");

  private final String rule;

  Criterion(String rule) {
    this.rule = rule;
  }

  /**
   * Returns how this criterion chooses, in words, as shown in the selection table.
   *
   * @return the rule
   */
  public String rule() {
    return rule;
  }
}
