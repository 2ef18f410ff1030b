package dev.segmentation.kmeans;

import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.pass.NearestCentres;
import java.util.SplittableRandom;

/**
 * Initial centroids for a K-means run. Randomness comes only from the given generator; the parallel
 * parts reduce per block in block order, so the result does not depend on threads.
 */
final class Seeding {
  private final double[] x;
  private final double[] weights;
  private final int n;
  private final int d;
  private final Blocks blocks;

  /** Distances computed so far by this object. */
  long distances;

  Seeding(double[] x, double[] weights, int n, int d, Blocks blocks) {
    this.x = x;
    this.weights = weights;
    this.n = n;
    this.d = d;
    this.blocks = blocks;
    this.spaces = new NearestCentres.Workspace[blocks.workers()];
  }

  /** One tile workspace per worker, made on first use. */
  private NearestCentres.Workspace[] spaces;

  private NearestCentres.Workspace workspace(int worker) {
    NearestCentres.Workspace ws = spaces[worker];
    if (ws == null) {
      ws = new NearestCentres.Workspace(d, 1);
      spaces[worker] = ws;
    }
    return ws;
  }

  private double w(int i) {
    return weights == null ? 1 : weights[i];
  }

  /**
   * Greedy k-means++: {@code 2 + floor(ln k)} candidates per new centre, keep the one that lowers
   * the potential most. O(n k log k d) distances.
   */
  double[] kMeansPlusPlus(int k, SplittableRandom rng) {
    double[] c = new double[k * d];
    double[] minDist = new double[n];
    double[] cumulative = new double[n];
    int trials = 2 + (int) Math.log(k);
    int nb = blocks.count();
    double[] partial = new double[nb * trials];
    int[] candidates = new int[trials];

    // First centre: a row drawn by weight alone.
    for (int i = 0; i < n; i++) {
      cumulative[i] = (i == 0 ? 0 : cumulative[i - 1]) + w(i);
    }
    int first = draw(cumulative, rng);
    System.arraycopy(x, first * d, c, 0, d);
    blocks.run(
        (w, b, start, end) -> {
          for (int i = start; i < end; i++) {
            minDist[i] = SquaredEuclidean.distance(x, i * d, c, 0, d);
          }
        });
    distances += n;

    for (int centre = 1; centre < k; centre++) {
      double acc = 0;
      for (int i = 0; i < n; i++) {
        acc += w(i) * minDist[i];
        cumulative[i] = acc;
      }
      for (int t = 0; t < trials; t++) {
        candidates[t] = acc > 0 ? draw(cumulative, rng) : drawByWeight(rng);
      }
      blocks.run(
          (w, b, start, end) -> {
            // Tile by tile, every candidate: the same distances as row by row, vectorised across
            // rows, and each candidate's potential still adds its rows in row order.
            NearestCentres.Workspace ws = workspace(w);
            double[] dist = ws.scratch();
            for (int t = 0; t < trials; t++) {
              partial[b * trials + t] = 0;
            }
            for (int s = start; s < end; s += NearestCentres.TILE) {
              int m = Math.min(NearestCentres.TILE, end - s);
              NearestCentres.loadTile(x, d, s, m, ws);
              for (int t = 0; t < trials; t++) {
                NearestCentres.tileDistances(ws, m, x, candidates[t] * d, d, dist);
                double pot = partial[b * trials + t];
                for (int i = 0; i < m; i++) {
                  pot += w(s + i) * Math.min(minDist[s + i], dist[i]);
                }
                partial[b * trials + t] = pot;
              }
            }
          });
      distances += (long) n * trials;
      int best = 0;
      double bestPot = Double.POSITIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        double pot = 0;
        for (int b = 0; b < nb; b++) {
          pot += partial[b * trials + t];
        }
        if (pot < bestPot) {
          bestPot = pot;
          best = t;
        }
      }
      int chosen = candidates[best];
      System.arraycopy(x, chosen * d, c, centre * d, d);
      int coff = centre * d;
      blocks.run(
          (w, b, start, end) -> {
            NearestCentres.Workspace ws = workspace(w);
            double[] dist = ws.scratch();
            for (int s = start; s < end; s += NearestCentres.TILE) {
              int m = Math.min(NearestCentres.TILE, end - s);
              NearestCentres.loadTile(x, d, s, m, ws);
              NearestCentres.tileDistances(ws, m, c, coff, d, dist);
              for (int i = 0; i < m; i++) {
                minDist[s + i] = Math.min(minDist[s + i], dist[i]);
              }
            }
          });
      distances += n;
    }
    return c;
  }

  /** k rows with pairwise different values, drawn by weight without replacement of values. */
  double[] random(int k, SplittableRandom rng) {
    double[] c = new double[k * d];
    double[] cumulative = new double[n];
    for (int i = 0; i < n; i++) {
      cumulative[i] = (i == 0 ? 0 : cumulative[i - 1]) + w(i);
    }
    int found = 0;
    while (found < k) {
      int row = draw(cumulative, rng);
      boolean duplicate = false;
      for (int q = 0; q < found && !duplicate; q++) {
        duplicate = true;
        for (int j = 0; j < d && duplicate; j++) {
          duplicate = x[row * d + j] == c[q * d + j];
        }
      }
      if (!duplicate) {
        System.arraycopy(x, row * d, c, found * d, d);
        found++;
      }
    }
    return c;
  }

  private int drawByWeight(SplittableRandom rng) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += w(i);
    }
    double r = rng.nextDouble() * total;
    for (int i = 0; i < n; i++) {
      r -= w(i);
      if (r < 0) {
        return i;
      }
    }
    return n - 1;
  }

  /** The first index whose cumulative weight exceeds a uniform draw in [0, total). */
  static int draw(double[] cumulative, SplittableRandom rng) {
    int n = cumulative.length;
    double r = rng.nextDouble() * cumulative[n - 1];
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > r) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
