package dev.segmentation.customer.clv;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
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

  private record Key(int x, double recency, double age) {}

  static Compressed of(int[] x, double[] recency, double[] age) {
    Object2IntOpenHashMap<Key> rows = new Object2IntOpenHashMap<>();
    rows.defaultReturnValue(-1);
    IntArrayList first = new IntArrayList();
    IntArrayList counts = new IntArrayList();
    int[] rowOf = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      Key k = new Key(x[i], recency[i], age[i]);
      int r = rows.getInt(k);
      if (r < 0) {
        r = first.size();
        rows.put(k, r);
        first.add(i);
        counts.add(1);
      } else {
        counts.set(r, counts.getInt(r) + 1);
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
