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
}
