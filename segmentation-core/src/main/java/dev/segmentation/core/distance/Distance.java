package dev.segmentation.core.distance;

/**
 * The distances neighbour searches and density-based algorithms measure with. A typed choice, so a
 * misspelt metric is a compile error, not a run-time surprise.
 *
 * <p>Indexes never compare true distances in their inner loops: each distance has a <em>rank
 * form</em> that orders pairs the same way and is cheaper or rounds better ({@link #rank}), and
 * radii are converted once per query ({@link #toRank}). "Within radius r" always means {@code
 * rank(a, b) <= toRank(r)}, for the index, the brute-force reference and the models alike.
 */
public enum Distance {
  /**
   * Straight-line distance {@code sqrt(sum_j (a_j - b_j)^2)}. Rank form: the squared distance, so
   * {@code a} is within {@code r} of {@code b} when the squared distance is at most {@code r * r}.
   */
  EUCLIDEAN,

  /** City-block distance {@code sum_j |a_j - b_j|}. Rank form: the distance itself. */
  MANHATTAN,

  /**
   * Cosine distance {@code 1 - cos(a, b)}, in {@code [0, 2]}: 0 for rows pointing the same way
   * whatever their length (a customer who buys twice as much of the same mix), 1 for orthogonal
   * rows. Computed as half the squared Euclidean distance between the rows scaled to unit length,
   * which equals {@code 1 - cos} and keeps its precision for nearly parallel rows. Rows of all
   * zeros have no direction and are rejected by {@link #normalize}. Rank form: the squared
   * Euclidean distance between the unit rows, {@code 2 (1 - cos)}.
   */
  COSINE;

  /**
   * Returns the distance between two vectors. Complexity O(d).
   *
   * @param a first array
   * @param aOff offset of the first vector
   * @param b second array
   * @param bOff offset of the second vector
   * @param d vector length
   * @return the distance, {@code >= 0}; for {@link #COSINE} NaN if a vector is all zeros
   * @throws ArrayIndexOutOfBoundsException if a vector runs past its array
   */
  public double between(double[] a, int aOff, double[] b, int bOff, int d) {
    return switch (this) {
      case EUCLIDEAN -> Math.sqrt(SquaredEuclidean.distance(a, aOff, b, bOff, d));
      case MANHATTAN -> manhattan(a, aOff, b, bOff, d);
      case COSINE -> cosine(a, aOff, b, bOff, d);
    };
  }

  /**
   * Returns the distance between two vectors of equal length. Complexity O(d).
   *
   * @param a first vector
   * @param b second vector
   * @return the distance
   * @throws IllegalArgumentException if the lengths differ
   */
  public double between(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors of different length: " + a.length + " and " + b.length);
    }
    return between(a, 0, b, 0, a.length);
  }

  /**
   * Returns the rank form of the distance between vectors already in this distance's space (see
   * {@link #normalize}). Complexity O(d).
   *
   * @param a first array
   * @param aOff offset of the first vector
   * @param b second array
   * @param bOff offset of the second vector
   * @param d vector length
   * @return the squared Euclidean distance, or the Manhattan distance for {@link #MANHATTAN}
   */
  public double rank(double[] a, int aOff, double[] b, int bOff, int d) {
    return this == MANHATTAN
        ? manhattan(a, aOff, b, bOff, d)
        : SquaredEuclidean.distance(a, aOff, b, bOff, d);
  }

  /**
   * Converts a radius to rank form: {@code r * r} for Euclidean, {@code r} for Manhattan, {@code 2
   * r} for cosine.
   *
   * @param radius a distance
   * @return the radius in rank form
   */
  public double toRank(double radius) {
    return switch (this) {
      case EUCLIDEAN -> radius * radius;
      case MANHATTAN -> radius;
      case COSINE -> 2 * radius;
    };
  }

  /**
   * Converts a rank-form value back to a distance; the inverse of {@link #toRank}.
   *
   * @param rank a value in rank form
   * @return the distance
   */
  public double fromRank(double rank) {
    return switch (this) {
      case EUCLIDEAN -> Math.sqrt(rank);
      case MANHATTAN -> rank;
      case COSINE -> 0.5 * rank;
    };
  }

  /**
   * Returns whether rank forms are squared Euclidean distances (true for {@link #EUCLIDEAN} and
   * {@link #COSINE}), so kernels can pick their inner loop once per query.
   *
   * @return false only for {@link #MANHATTAN}
   */
  public boolean isSquaredEuclideanRank() {
    return this != MANHATTAN;
  }

  /**
   * Maps rows in place into the space the rank form is measured in: scales every row to unit length
   * for {@link #COSINE}; does nothing for the others. Complexity O(n d).
   *
   * @param x row-major values, modified in place
   * @param n number of rows
   * @param d number of columns
   * @throws IllegalArgumentException for {@link #COSINE} if a row is all zeros, naming the row
   */
  public void normalize(double[] x, int n, int d) {
    if (this != COSINE) {
      return;
    }
    for (int i = 0; i < n; i++) {
      double norm = Math.sqrt(dot(x, i * d, d));
      if (norm == 0) {
        throw new IllegalArgumentException(
            "row "
                + i
                + " is all zeros and has no direction, so its cosine distance is undefined;"
                + " drop such rows or use EUCLIDEAN or MANHATTAN");
      }
      for (int j = 0; j < d; j++) {
        x[i * d + j] /= norm;
      }
    }
  }

  private static double cosine(double[] a, int aOff, double[] b, int bOff, int d) {
    // the same divisions as normalize(), so index and direct computation round identically
    double na = Math.sqrt(dot(a, aOff, d));
    double nb = Math.sqrt(dot(b, bOff, d));
    double s = 0;
    for (int j = 0; j < d; j++) {
      double t = a[aOff + j] / na - b[bOff + j] / nb;
      s += t * t;
    }
    return 0.5 * s;
  }

  private static double dot(double[] a, int off, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      s += a[off + j] * a[off + j];
    }
    return s;
  }

  private static double manhattan(double[] a, int aOff, double[] b, int bOff, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      s += Math.abs(a[aOff + j] - b[bOff + j]);
    }
    return s;
  }
}
