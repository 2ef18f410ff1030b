package dev.segmentation.core.evaluate;

/**
 * External criteria: how well two labelings of the same rows agree (a segmentation against known
 * classes, or two segmentations against each other). Definitions and special cases follow
 * scikit-learn's {@code sklearn.metrics} (version 1.2): the adjusted Rand index from pair counts,
 * normalized mutual information with the arithmetic mean of the two entropies (natural log),
 * Fowlkes-Mallows from pair counts. Every label value, {@code -1} (noise) included, is treated as a
 * group of its own, as scikit-learn does; drop noise rows first to score only the segmented
 * customers.
 *
 * <p>All methods build a {@link Contingency} table, O(n + r c) time and memory for r and c distinct
 * labels.
 */
public final class Agreement {
  private Agreement() {}

  /**
   * Returns the adjusted Rand index: 1 for identical partitions, about 0 for independent ones,
   * possibly negative. scikit-learn's formula {@code 2 (tp tn - fn fp) / ((tp + fn)(fn + tn) + (tp
   * + fp)(fp + tn))} over pairs of rows; 1 when neither labeling separates a pair the other keeps
   * together.
   *
   * @param a first labeling
   * @param b second labeling, same length
   * @return the index in {@code [-1, 1]}
   * @throws IllegalArgumentException if the lengths differ
   */
  public static double adjustedRandIndex(int[] a, int[] b) {
    Contingency t = Contingency.of(a, b);
    double n = t.total();
    double sumSq = 0;
    for (int i = 0; i < t.rows(); i++) {
      for (int j = 0; j < t.columns(); j++) {
        sumSq += (double) t.count(i, j) * t.count(i, j);
      }
    }
    double rowsSq = sumOfSquares(t.rowSums());
    double colsSq = sumOfSquares(t.columnSums());
    // ordered pair counts, as scikit-learn's pair_confusion_matrix
    double tp = sumSq - n;
    double fp = colsSq - sumSq;
    double fn = rowsSq - sumSq;
    double tn = n * n - fp - fn - sumSq;
    if (fn == 0 && fp == 0) {
      return 1.0;
    }
    return 2 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
  }

  /**
   * Returns the normalized mutual information with arithmetic-mean normalisation, {@code MI /
   * ((H(a) + H(b)) / 2)}, natural logarithms (scikit-learn's default). 1 when both labelings have a
   * single group; 0 when either has a single group and the other does not.
   *
   * @param a first labeling
   * @param b second labeling, same length
   * @return a value in {@code [0, 1]}
   * @throws IllegalArgumentException if the lengths differ
   */
  public static double normalizedMutualInformation(int[] a, int[] b) {
    Contingency t = Contingency.of(a, b);
    if (t.rows() == t.columns() && t.rows() <= 1) {
      return 1.0;
    }
    double mi = mutualInformation(t);
    double ha = entropy(t.rowSums(), t.total());
    double hb = entropy(t.columnSums(), t.total());
    double mean = (ha + hb) / 2;
    return mean <= 0 ? 0 : Math.max(0, Math.min(1, mi / mean));
  }

  /**
   * Returns the adjusted mutual information with arithmetic-mean normalisation (scikit-learn's
   * default): {@code (MI - E[MI]) / ((H(a) + H(b)) / 2 - E[MI])}, where {@code E[MI]} is the
   * expected mutual information of two random labelings with the same group sizes (hypergeometric
   * model, Vinh, Epps and Bailey 2010). 1 for identical partitions and when both labelings have a
   * single group; about 0 for independent ones. O(n + sum over pairs of groups of min(a_i, b_j))
   * time; factorials come from a table of log k!, O(n) memory.
   *
   * @param a first labeling
   * @param b second labeling, same length
   * @return the index, at most 1
   * @throws IllegalArgumentException if the lengths differ
   */
  public static double adjustedMutualInformation(int[] a, int[] b) {
    Contingency t = Contingency.of(a, b);
    if (t.rows() == t.columns() && t.rows() <= 1) {
      return 1.0;
    }
    double mi = mutualInformation(t);
    long[] ra = t.rowSums();
    long[] cb = t.columnSums();
    int n = (int) t.total();
    double emi = expectedMutualInformation(ra, cb, n);
    double mean = (entropy(ra, n) + entropy(cb, n)) / 2;
    double denominator = mean - emi;
    // scikit-learn keeps the denominator away from zero with the machine epsilon
    double eps = Math.ulp(1.0);
    denominator = denominator < 0 ? Math.min(denominator, -eps) : Math.max(denominator, eps);
    return (mi - emi) / denominator;
  }

  private static double expectedMutualInformation(long[] ra, long[] cb, int n) {
    double[] logFact = new double[n + 1];
    for (int k = 2; k <= n; k++) {
      logFact[k] = logFact[k - 1] + Math.log(k);
    }
    double emi = 0;
    for (long ai : ra) {
      for (long bj : cb) {
        int lo = (int) Math.max(1, ai + bj - n);
        int hi = (int) Math.min(ai, bj);
        for (int nij = lo; nij <= hi; nij++) {
          double logP =
              logFact[(int) ai]
                  + logFact[(int) bj]
                  + logFact[(int) (n - ai)]
                  + logFact[(int) (n - bj)]
                  - logFact[n]
                  - logFact[nij]
                  - logFact[(int) (ai - nij)]
                  - logFact[(int) (bj - nij)]
                  - logFact[(int) (n - ai - bj + nij)];
          emi +=
              (double) nij / n * Math.log((double) n * nij / ((double) ai * bj)) * Math.exp(logP);
        }
      }
    }
    return emi;
  }

  /**
   * Returns the mutual information between two labelings, in nats.
   *
   * @param a first labeling
   * @param b second labeling, same length
   * @return the mutual information, {@code >= 0}
   * @throws IllegalArgumentException if the lengths differ
   */
  public static double mutualInformation(int[] a, int[] b) {
    return mutualInformation(Contingency.of(a, b));
  }

  /**
   * Returns the Fowlkes-Mallows index, the geometric mean of pairwise precision and recall: {@code
   * tk / sqrt(pk qk)} with {@code tk = sum n_ij^2 - n}, {@code pk = sum a_i^2 - n}, {@code qk = sum
   * b_j^2 - n}; 0 when {@code tk} is 0.
   *
   * @param a first labeling
   * @param b second labeling, same length
   * @return a value in {@code [0, 1]}
   * @throws IllegalArgumentException if the lengths differ
   */
  public static double fowlkesMallows(int[] a, int[] b) {
    Contingency t = Contingency.of(a, b);
    double n = t.total();
    double tk = -n;
    for (int i = 0; i < t.rows(); i++) {
      for (int j = 0; j < t.columns(); j++) {
        tk += (double) t.count(i, j) * t.count(i, j);
      }
    }
    double pk = sumOfSquares(t.rowSums()) - n;
    double qk = sumOfSquares(t.columnSums()) - n;
    return tk == 0 ? 0 : tk / Math.sqrt(pk) / Math.sqrt(qk);
  }

  /**
   * Returns the purity of a segmentation against known classes: the share of rows that belong to
   * the most common class of their segment.
   *
   * @param truth the known classes
   * @param segments the segmentation, same length
   * @return a value in {@code (0, 1]}, 1 for an empty input
   * @throws IllegalArgumentException if the lengths differ
   */
  public static double purity(int[] truth, int[] segments) {
    Contingency t = Contingency.of(truth, segments);
    if (t.total() == 0) {
      return 1.0;
    }
    long hit = 0;
    for (int j = 0; j < t.columns(); j++) {
      long best = 0;
      for (int i = 0; i < t.rows(); i++) {
        best = Math.max(best, t.count(i, j));
      }
      hit += best;
    }
    return (double) hit / t.total();
  }

  private static double mutualInformation(Contingency t) {
    double n = t.total();
    long[] ra = t.rowSums();
    long[] cb = t.columnSums();
    double mi = 0;
    for (int i = 0; i < t.rows(); i++) {
      for (int j = 0; j < t.columns(); j++) {
        long c = t.count(i, j);
        if (c > 0) {
          mi += c / n * Math.log(c * n / ((double) ra[i] * cb[j]));
        }
      }
    }
    return Math.max(0, mi);
  }

  private static double entropy(long[] sums, long n) {
    double h = 0;
    for (long s : sums) {
      if (s > 0) {
        double p = (double) s / n;
        h -= p * Math.log(p);
      }
    }
    return h;
  }

  private static double sumOfSquares(long[] v) {
    double s = 0;
    for (long x : v) {
      s += (double) x * x;
    }
    return s;
  }
}
