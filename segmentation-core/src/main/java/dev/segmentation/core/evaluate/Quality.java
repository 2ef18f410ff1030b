package dev.segmentation.core.evaluate;

import dev.segmentation.core.data.Rows;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.parallel.Blocks;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.SplittableRandom;

/**
 * Internal criteria: how compact and separated the segments of one labeling are, on row-major data
 * with Euclidean distances. Definitions follow scikit-learn's {@code sklearn.metrics} (1.2).
 *
 * <p><b>Noise policy.</b> Rows labelled {@code -1} (noise, from DBSCAN) are left out of every
 * criterion: they belong to no segment, so they neither count as a segment nor pull on one.
 * (scikit-learn would treat -1 as one more segment.) Every other label value is a segment.
 */
public final class Quality {
  private Quality() {}

  /** The label of rows that belong to no segment, left out of every criterion. */
  public static final int NOISE = -1;

  /**
   * Returns the silhouette of every row: {@code (b - a) / max(a, b)} with {@code a} the mean
   * distance to the other rows of its segment and {@code b} the smallest mean distance to the rows
   * of another segment; 0 for a row alone in its segment; NaN for noise rows. Exact: O(n^2 d) time,
   * O(n + k) memory (no distance matrix), in parallel over fixed blocks of rows (each row writes
   * its own value, so the result does not depend on the number of threads).
   *
   * @param x row-major values, {@code n * d}
   * @param n rows
   * @param d columns
   * @param labels one label per row
   * @param blocks how to split the rows over threads; must cover n rows
   * @return one value per row in {@code [-1, 1]}, NaN for noise
   * @throws IllegalArgumentException if fewer than 2 or more than {@code n' - 1} segments exist
   *     among the {@code n'} non-noise rows (the silhouette is undefined), or lengths mismatch
   */
  public static double[] silhouettes(double[] x, int n, int d, int[] labels, Blocks blocks) {
    Segments s = Segments.of(labels, n);
    if (s.k < 2 || s.k > s.members - 1) {
      throw new IllegalArgumentException(
          "the silhouette needs 2 to n - 1 segments, got "
              + s.k
              + " segments over "
              + s.members
              + " non-noise rows");
    }
    double[] out = new double[n];
    double[][] sums = new double[blocks.workers()][s.k];
    blocks.run(
        (worker, block, start, end) -> {
          double[] sum = sums[worker];
          for (int i = start; i < end; i++) {
            int own = s.index[i];
            if (own < 0) {
              out[i] = Double.NaN;
              continue;
            }
            java.util.Arrays.fill(sum, 0);
            for (int j = 0; j < n; j++) {
              int c = s.index[j];
              if (c >= 0) {
                sum[c] += Math.sqrt(SquaredEuclidean.distance(x, i * d, x, j * d, d));
              }
            }
            out[i] = silhouette(sum, s.size, own);
          }
        });
    return out;
  }

  private static double silhouette(double[] sum, int[] size, int own) {
    if (size[own] == 1) {
      return 0;
    }
    double a = sum[own] / (size[own] - 1);
    double b = Double.POSITIVE_INFINITY;
    for (int c = 0; c < sum.length; c++) {
      if (c != own) {
        b = Math.min(b, sum[c] / size[c]);
      }
    }
    double m = Math.max(a, b);
    return m == 0 ? 0 : (b - a) / m;
  }

  /**
   * Returns the mean silhouette over non-noise rows (scikit-learn's {@code silhouette_score}).
   * Exact, see {@link #silhouettes}.
   *
   * @param x row-major values
   * @param n rows
   * @param d columns
   * @param labels one label per row
   * @param blocks how to split the rows over threads
   * @return the mean in {@code [-1, 1]}
   * @throws IllegalArgumentException as {@link #silhouettes}
   */
  public static double silhouette(double[] x, int n, int d, int[] labels, Blocks blocks) {
    double[] s = silhouettes(x, n, d, labels, blocks);
    double sum = 0;
    int count = 0;
    for (double v : s) {
      if (!Double.isNaN(v)) {
        sum += v;
        count++;
      }
    }
    return sum / count;
  }

  /**
   * Estimates the mean silhouette from {@code sample} rows drawn without replacement from the seed
   * (scikit-learn's {@code sample_size}): the silhouette of the sample, computed within the sample.
   * O(m^2 d) time for m sampled rows.
   *
   * @param x row-major values
   * @param n rows
   * @param d columns
   * @param labels one label per row
   * @param sample rows to draw, {@code >= 2}; all rows if {@code >= n}
   * @param seed the seed of the draw
   * @param blocks how to split the sample over threads; must cover {@code min(sample, n)} rows
   * @return the estimate
   * @throws IllegalArgumentException if {@code sample < 2} or the sample holds fewer than 2 or more
   *     than {@code m - 1} segments
   */
  public static double sampledSilhouette(
      double[] x, int n, int d, int[] labels, int sample, long seed, Blocks blocks) {
    if (sample < 2) {
      throw new IllegalArgumentException("sample must be >= 2, got " + sample);
    }
    int m = Math.min(sample, n);
    int[] pick = Rows.sample(n, m, new SplittableRandom(seed));
    double[] xs = new double[m * d];
    int[] ls = new int[m];
    for (int i = 0; i < m; i++) {
      System.arraycopy(x, pick[i] * d, xs, i * d, d);
      ls[i] = labels[pick[i]];
    }
    return silhouette(xs, m, d, ls, blocks);
  }

  /**
   * Returns the Davies-Bouldin index: the mean over segments of the largest {@code (S_i + S_j) /
   * |c_i - c_j|}, with {@code S} the mean distance of a segment's rows to its centroid. Lower is
   * better; 0 when every segment is a single point; coinciding centroids count as infinitely far
   * apart (as scikit-learn). O(n d + k^2 d).
   *
   * @param x row-major values
   * @param n rows
   * @param d columns
   * @param labels one label per row
   * @return the index, {@code >= 0}
   * @throws IllegalArgumentException if fewer than 2 segments exist among non-noise rows
   */
  public static double daviesBouldin(double[] x, int n, int d, int[] labels) {
    Segments s = Segments.of(labels, n);
    requireTwo(s);
    double[] c = s.centroids(x, d);
    double[] spread = new double[s.k];
    for (int i = 0; i < n; i++) {
      int l = s.index[i];
      if (l >= 0) {
        spread[l] += Math.sqrt(SquaredEuclidean.distance(x, i * d, c, l * d, d));
      }
    }
    boolean allZero = true;
    for (int a = 0; a < s.k; a++) {
      spread[a] /= s.size[a];
      allZero &= spread[a] == 0;
    }
    if (allZero) {
      return 0;
    }
    double total = 0;
    for (int a = 0; a < s.k; a++) {
      double worst = 0;
      for (int b = 0; b < s.k; b++) {
        if (a != b) {
          double sep = Math.sqrt(SquaredEuclidean.distance(c, a * d, c, b * d, d));
          worst = Math.max(worst, sep == 0 ? 0 : (spread[a] + spread[b]) / sep);
        }
      }
      total += worst;
    }
    return total / s.k;
  }

  /**
   * Returns the Calinski-Harabasz index (variance ratio): {@code (B / (k - 1)) / (W / (n - k))}
   * with B and W the between- and within-segment sums of squares. Higher is better; 1 when W is 0
   * (as scikit-learn). O(n d).
   *
   * @param x row-major values
   * @param n rows
   * @param d columns
   * @param labels one label per row
   * @return the index
   * @throws IllegalArgumentException if fewer than 2 segments exist among non-noise rows
   */
  public static double calinskiHarabasz(double[] x, int n, int d, int[] labels) {
    Segments s = Segments.of(labels, n);
    requireTwo(s);
    double[] c = s.centroids(x, d);
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      if (s.index[i] >= 0) {
        for (int j = 0; j < d; j++) {
          mean[j] += x[i * d + j];
        }
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= s.members;
    }
    double between = 0;
    for (int a = 0; a < s.k; a++) {
      between += s.size[a] * SquaredEuclidean.distance(c, a * d, mean, 0, d);
    }
    double within = inertia(x, n, d, labels);
    return within == 0 ? 1.0 : between * (s.members - s.k) / (within * (s.k - 1));
  }

  /**
   * Returns the inertia: the sum of squared distances of non-noise rows to their segment's centroid
   * (the K-means objective). O(n d).
   *
   * @param x row-major values
   * @param n rows
   * @param d columns
   * @param labels one label per row
   * @return the inertia, {@code >= 0}
   */
  public static double inertia(double[] x, int n, int d, int[] labels) {
    Segments s = Segments.of(labels, n);
    double[] c = s.centroids(x, d);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      int l = s.index[i];
      if (l >= 0) {
        sum += SquaredEuclidean.distance(x, i * d, c, l * d, d);
      }
    }
    return sum;
  }

  /**
   * Returns Fränti's centroid index between two sets of centroids: map every centroid of one set to
   * its nearest in the other (ties to the lower index) and count the centroids that receive none;
   * CI is the larger count of the two directions. 0 means both sets find the same clusters. O(k1 k2
   * d).
   *
   * @param a first centroids, row-major {@code k1 * d}
   * @param b second centroids, row-major {@code k2 * d}
   * @param d columns
   * @return the index, {@code >= 0}
   * @throws IllegalArgumentException if a set is empty or not a whole number of rows
   */
  public static int centroidIndex(double[] a, double[] b, int d) {
    if (a.length == 0 || b.length == 0 || a.length % d != 0 || b.length % d != 0) {
      throw new IllegalArgumentException(
          "centroid sets must be non-empty multiples of d=" + d + " values");
    }
    return Math.max(orphans(a, b, d), orphans(b, a, d));
  }

  private static int orphans(double[] from, double[] to, int d) {
    int kf = from.length / d;
    int kt = to.length / d;
    boolean[] hit = new boolean[kt];
    for (int i = 0; i < kf; i++) {
      int best = 0;
      double bd = Double.POSITIVE_INFINITY;
      for (int j = 0; j < kt; j++) {
        double v = SquaredEuclidean.distance(from, i * d, to, j * d, d);
        if (v < bd) {
          bd = v;
          best = j;
        }
      }
      hit[best] = true;
    }
    int count = 0;
    for (boolean h : hit) {
      count += h ? 0 : 1;
    }
    return count;
  }

  private static void requireTwo(Segments s) {
    if (s.k < 2) {
      throw new IllegalArgumentException(
          "the criterion needs at least 2 segments among non-noise rows, got " + s.k);
    }
  }

  /** Segment numbering of a labeling: dense indices in order of first appearance, noise -1. */
  private static final class Segments {
    final int[] index;
    final int[] size;
    final int k;
    final int members;

    private Segments(int[] index, int[] size, int k, int members) {
      this.index = index;
      this.size = size;
      this.k = k;
      this.members = members;
    }

    static Segments of(int[] labels, int n) {
      if (labels.length != n) {
        throw new IllegalArgumentException(labels.length + " labels for " + n + " rows");
      }
      Int2IntOpenHashMap ids = new Int2IntOpenHashMap();
      int[] index = new int[n];
      int members = 0;
      for (int i = 0; i < n; i++) {
        if (labels[i] == NOISE) {
          index[i] = -1;
        } else {
          index[i] = ids.computeIfAbsent(labels[i], l -> ids.size());
          members++;
        }
      }
      int[] size = new int[ids.size()];
      for (int i : index) {
        if (i >= 0) {
          size[i]++;
        }
      }
      return new Segments(index, size, ids.size(), members);
    }

    double[] centroids(double[] x, int d) {
      double[] c = new double[k * d];
      for (int i = 0; i < index.length; i++) {
        if (index[i] >= 0) {
          for (int j = 0; j < d; j++) {
            c[index[i] * d + j] += x[i * d + j];
          }
        }
      }
      for (int a = 0; a < k; a++) {
        for (int j = 0; j < d; j++) {
          c[a * d + j] /= size[a];
        }
      }
      return c;
    }
  }
}
