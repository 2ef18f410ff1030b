package dev.segmentation.customer.clv;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;

/**
 * A summary compressed to its distinct (x, t_x, T) rows with their counts, and the distinct x
 * values: the likelihoods depend on a customer only through (x, t_x, T), and their costly terms
 * (log-gamma, log-beta) only through x, so a fit evaluates those once per distinct x and the rest
 * once per distinct row. A million customers over two years in days compress to a few hundred
 * thousand rows with a few hundred distinct x.
 */
final class Compressed {
  final int[] x;
  final double[] recency;
  final double[] age;
  final double[] count;

  /** Distinct x values, ascending, and each row's index into them. */
  final int[] xs;

  final int[] xIndex;
  final long customers;

  /** Each customer's row. */
  final int[] rowOf;

  private Compressed(
      int[] x,
      double[] recency,
      double[] age,
      double[] count,
      int[] xs,
      int[] xIndex,
      int[] rowOf) {
    this.x = x;
    this.recency = recency;
    this.age = age;
    this.count = count;
    this.xs = xs;
    this.xIndex = xIndex;
    this.customers = rowOf.length;
    this.rowOf = rowOf;
  }

  static Compressed of(int[] x, double[] recency, double[] age) {
    // open addressing on the three values themselves: no key object per customer
    int n = x.length;
    int capacity = Integer.highestOneBit(Math.max(4, n) * 2 - 1) << 1;
    int[] slots = new int[capacity];
    int mask = capacity - 1;
    IntArrayList first = new IntArrayList();
    IntArrayList counts = new IntArrayList();
    int[] rowOf = new int[n];
    for (int i = 0; i < n; i++) {
      long h =
          x[i] * 0x9E3779B97F4A7C15L
              ^ Double.doubleToLongBits(recency[i]) * 0xC2B2AE3D27D4EB4FL
              ^ Double.doubleToLongBits(age[i]) * 0x165667B19E3779F9L;
      int slot = (int) (h ^ (h >>> 31)) & mask;
      int r;
      while (true) {
        int at = slots[slot] - 1;
        if (at < 0) {
          r = first.size();
          slots[slot] = r + 1;
          first.add(i);
          counts.add(1);
          break;
        }
        int j = first.getInt(at);
        if (x[j] == x[i]
            && Double.compare(recency[j], recency[i]) == 0
            && Double.compare(age[j], age[i]) == 0) {
          r = at;
          counts.set(r, counts.getInt(r) + 1);
          break;
        }
        slot = (slot + 1) & mask;
      }
      rowOf[i] = r;
    }
    int m = first.size();
    int[] cx = new int[m];
    double[] ctx = new double[m];
    double[] ct = new double[m];
    double[] cc = new double[m];
    for (int r = 0; r < m; r++) {
      int i = first.getInt(r);
      cx[r] = x[i];
      ctx[r] = recency[i];
      ct[r] = age[i];
      cc[r] = counts.getInt(r);
    }
    int[] xs = Arrays.stream(cx).distinct().sorted().toArray();
    int[] xIndex = new int[m];
    for (int r = 0; r < m; r++) {
      xIndex[r] = Arrays.binarySearch(xs, cx[r]);
    }
    return new Compressed(cx, ctx, ct, cc, xs, xIndex, rowOf);
  }

  int rows() {
    return x.length;
  }

  /** The customers' mean age T, at least 1e-3: the time scale a fit starts from. */
  double meanAge() {
    double sum = 0;
    for (int i = 0; i < rows(); i++) {
      sum += count[i] * age[i];
    }
    return Math.max(sum / customers, 1e-3);
  }
}
