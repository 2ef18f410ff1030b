package dev.segmentation.customer;

/**
 * How the recency, frequency and monetary quintile scores (1 to 5, 5 best) are given.
 *
 * <p>Money is compared to a millionth of its unit, so totals that differ only by the rounding of
 * sums taken in another order (four purchases summing to 49.88 against one of 49.88) are equal.
 */
public enum ScoreRule {
  /**
   * Equal values share a score: {@code 1 + floor(5 w / n)} with {@code w} the customers strictly
   * worse. A large group of equal values (one purchase, say) never straddles two scores, so the
   * five scores need not hold a fifth each. The default.
   */
  SHARED_TIES,
  /**
   * Scores by rank, as pandas users do with {@code pd.qcut(s.rank(method="first"), 5, labels=False)
   * + 1}: customers ranked from worst to best, ties in order of first appearance, the ranks cut
   * into five equal-width bins ({@code ceil(5 (rank - 1) / (n - 1))}, at least 1). Every score
   * holds a fifth of the customers; equal values may get different scores.
   */
  RANKS
}
