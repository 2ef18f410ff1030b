package dev.segmentation.bench;

import java.util.SplittableRandom;

/** Synthetic benchmark data: Gaussian blobs in a box, generated from a seed. */
public final class BenchData {
  private BenchData() {}

  /**
   * Returns {@code n x d} row-major points drawn from {@code clusters} isotropic Gaussian blobs
   * whose centres are uniform in {@code [0, 100]^d}. A spread of 3 gives well-separated blobs; 15
   * to 25 gives overlapping clusters on which K-means needs many iterations.
   *
   * @param n rows
   * @param d dimension
   * @param clusters number of blobs
   * @param spread standard deviation of each blob
   * @param seed random seed
   * @return the points
   */
  public static double[] blobs(int n, int d, int clusters, double spread, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] centres = new double[clusters * d];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = rng.nextDouble() * 100;
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(clusters);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = centres[c * d + j] + spread * rng.nextGaussian();
      }
    }
    return x;
  }

  /**
   * Returns {@code k} rows of {@code x} chosen at random (distinct indices), as starting centroids.
   *
   * @param x row-major data
   * @param n rows
   * @param d dimension
   * @param k how many
   * @param seed random seed
   * @return {@code k x d} centroids
   */
  public static double[][] someRows(double[] x, int n, int d, int k, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    double[][] c = new double[k][];
    int found = 0;
    while (found < k) {
      int i = rng.nextInt(n);
      if (seen.add(i)) {
        c[found++] = java.util.Arrays.copyOfRange(x, i * d, i * d + d);
      }
    }
    return c;
  }

  /**
   * Column names {@code f0 .. f(d-1)}.
   *
   * @param d dimension
   * @return the names
   */
  public static java.util.List<String> names(int d) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add("f" + j);
    }
    return names;
  }

  /**
   * Returns {@code n x d} row-major points: {@code 1 - noise} of them from {@link #blobs} (same
   * seed, same centres), the rest uniform in {@code [0, 100]^d}, shuffled together. The DBSCAN
   * data.
   *
   * @param n rows
   * @param d dimension
   * @param clusters number of blobs
   * @param spread standard deviation of each blob
   * @param noise share of uniform background rows, in {@code [0, 1]}
   * @param seed random seed
   * @return the points
   */
  public static double[] blobsWithNoise(
      int n, int d, int clusters, double spread, double noise, long seed) {
    double[] x = blobs(n, d, clusters, spread, seed);
    SplittableRandom rng = new SplittableRandom(seed + 1);
    for (int i = 0; i < n; i++) {
      if (rng.nextDouble() < noise) {
        for (int j = 0; j < d; j++) {
          x[i * d + j] = rng.nextDouble() * 100;
        }
      }
    }
    return x;
  }

  /**
   * Splits row-major data into one array per row (the peers' format).
   *
   * @param x row-major data
   * @param n rows
   * @param d dimension
   * @return {@code n} arrays of length {@code d}
   */
  public static double[][] rows(double[] x, int n, int d) {
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = java.util.Arrays.copyOfRange(x, i * d, i * d + d);
    }
    return out;
  }

  /**
   * The K-means objective of a set of centroids: the sum over rows of the squared distance to the
   * nearest centroid. Computed the same way for every library, so objectives compare. O(n k d).
   *
   * @param x row-major data
   * @param n rows
   * @param d dimension
   * @param centroids row-major centroids
   * @return the sum of squared errors
   */
  public static double sse(double[] x, int n, int d, double[] centroids) {
    return nearest(x, n, d, centroids, null);
  }

  /**
   * Labels every row with its nearest centroid (the first on ties) and returns the objective, as
   * {@link #sse}. O(n k d).
   *
   * @param x row-major data
   * @param n rows
   * @param d dimension
   * @param centroids row-major centroids
   * @param labels receives the labels, or {@code null}
   * @return the sum of squared errors
   */
  public static double nearest(double[] x, int n, int d, double[] centroids, int[] labels) {
    int k = centroids.length / d;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double best = Double.POSITIVE_INFINITY;
      int arg = 0;
      for (int c = 0; c < k; c++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          double t = x[i * d + j] - centroids[c * d + j];
          s += t * t;
        }
        if (s < best) {
          best = s;
          arg = c;
        }
      }
      if (labels != null) {
        labels[i] = arg;
      }
      sum += best;
    }
    return sum;
  }

  /**
   * Whether two labelings are the same partition with the same noise ({@code -1}), up to the
   * numbering of segments. O(n).
   *
   * @param a labels
   * @param b labels
   * @return {@code true} when identical up to renumbering
   */
  public static boolean samePartition(int[] a, int[] b) {
    if (a.length != b.length) {
      return false;
    }
    java.util.Map<Integer, Integer> ab = new java.util.HashMap<>();
    java.util.Map<Integer, Integer> ba = new java.util.HashMap<>();
    for (int i = 0; i < a.length; i++) {
      if ((a[i] < 0) != (b[i] < 0)) {
        return false;
      }
      int ai = a[i];
      int bi = b[i];
      if (ai < 0) {
        continue;
      }
      if (ab.computeIfAbsent(ai, key -> bi).intValue() != bi
          || ba.computeIfAbsent(bi, key -> ai).intValue() != ai) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes values as little-endian doubles, the layout the Python peers read with {@code
   * numpy.fromfile(path, dtype="<f8")}.
   *
   * @param values the values, row-major
   * @param path the file
   * @throws java.io.IOException if it cannot be written
   */
  public static void write(double[] values, java.nio.file.Path path) throws java.io.IOException {
    java.nio.ByteBuffer buf =
        java.nio.ByteBuffer.allocate(values.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    buf.asDoubleBuffer().put(values);
    java.nio.file.Files.write(path, buf.array());
  }

  /**
   * Writes the blobs of {@link #blobs}{@code (n, d, k, 20, 1)} and the start of {@link
   * #someRows}{@code (.., k, 2)} for a Python peer: the data and start of the K-means benchmarks.
   *
   * @param n rows
   * @param d dimension
   * @param k segments, also the number of blobs
   * @param rows the rows file
   * @param start the start file, k x d
   * @throws java.io.IOException if a file cannot be written
   */
  public static void writeBlobsAndStart(
      int n, int d, int k, java.nio.file.Path rows, java.nio.file.Path start)
      throws java.io.IOException {
    double[] x = blobs(n, d, k, 20, 1);
    write(x, rows);
    double[][] c = someRows(x, n, d, k, 2);
    double[] flat = new double[k * d];
    for (int i = 0; i < k; i++) {
      System.arraycopy(c[i], 0, flat, i * d, d);
    }
    write(flat, start);
  }
}
