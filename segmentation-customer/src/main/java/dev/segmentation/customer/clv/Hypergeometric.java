package dev.segmentation.customer.clv;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1, which the Pareto/NBD likelihood
 * and the BG/NBD expectations need. Where c - a, c - b and c are positive (always so in the
 * Pareto/NBD likelihood, where c - a = 1), Euler's transformation 2F1(a, b; c; z) = (1 - z)^(c - a
 * - b) 2F1(c - a, c - b; c; z) is summed (Abramowitz and Stegun 15.3.3): its terms are all
 * positive, so the sum has no cancellation, and they fall as n^(c - a - b - 1) z^n, which near z =
 * 1 is much faster than the n^(a + b - c - 1) z^n of the defining series when c < a + b, as in the
 * likelihood. Otherwise the defining series (15.1.1) is summed directly. Sums run until a term is
 * below 1e-17 of the sum, at most {@link #MOST_TERMS} terms, with Kahan's compensation; the
 * logarithm is returned so that large values do not overflow.
 */
final class Hypergeometric {
  /** The most terms summed; z within 1e-6 of 1 may need that many. */
  static final int MOST_TERMS = 2_000_000;

  private Hypergeometric() {}

  /**
   * Returns ln 2F1(a, b; c; z).
   *
   * @param a first numerator parameter
   * @param b second numerator parameter
   * @param c denominator parameter, not zero or a negative integer
   * @param z in [0, 1)
   * @return the natural logarithm of the value (which must be positive)
   * @throws ArithmeticException if z is out of range, the value is not positive, or the series does
   *     not converge within {@link #MOST_TERMS} terms
   */
  static double log2F1(double a, double b, double c, double z) {
    if (!(z >= 0 && z < 1)) {
      throw new ArithmeticException("2F1 needs 0 <= z < 1, was " + z);
    }
    if (z == 0) {
      return 0;
    }
    if (c - a > 0 && c - b > 0 && c > 0) {
      return (c - a - b) * Math.log1p(-z) + Math.log(series(c - a, c - b, c, z));
    }
    double s = series(a, b, c, z);
    if (!(s > 0)) {
      throw new ArithmeticException(
          "2F1(" + a + ", " + b + "; " + c + "; " + z + ") = " + s + " is not positive");
    }
    return Math.log(s);
  }

  /** The power series, summed with Kahan's compensation. */
  private static double series(double a, double b, double c, double z) {
    double term = 1;
    double sum = 1;
    double carry = 0;
    for (int n = 0; n < MOST_TERMS; n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      double y = term - carry;
      double t = sum + y;
      carry = (t - sum) - y;
      sum = t;
      if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
        return sum;
      }
      if (!Double.isFinite(sum)) {
        break;
      }
    }
    throw new ArithmeticException(
        "2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
  }
}
