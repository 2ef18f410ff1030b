package dev.segmentation.kmeans;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.core.data.DistinctRows;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.parallel.Memory;
import dev.segmentation.core.pass.NearestCentres;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
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

  /** The running sum of the row weights into {@code cumulative}, for {@link #draw}. O(n). */
  private void cumulativeWeights(double[] cumulative) {
    for (int i = 0; i < n; i++) {
      cumulative[i] = (i == 0 ? 0 : cumulative[i - 1]) + w(i);
    }
  }

  /**
   * The first centre of k-means++ and k-means||: a row drawn by weight alone ({@code cumulative}
   * receives the running weights), and every row's squared distance to it in {@code minDist}.
   * Returns the row. O(n d).
   */
  private int firstCentre(SplittableRandom rng, double[] cumulative, double[] minDist) {
    cumulativeWeights(cumulative);
    int first = draw(cumulative, rng);
    blocks.run(
        (w, b, start, end) -> {
          for (int i = start; i < end; i++) {
            minDist[i] = SquaredEuclidean.distance(x, i * d, x, first * d, d);
          }
        });
    distances += n;
    return first;
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

    System.arraycopy(x, firstCentre(rng, cumulative, minDist) * d, c, 0, d);

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

  /**
   * k-means|| (Bahmani, Moseley, Vattani, Kumar and Vassilvitskii, "Scalable K-Means++", PVLDB
   * 5(7), 2012, Algorithm 2): one row drawn by weight, then {@code rounds} passes, each keeping
   * every row independently with probability {@code min(1, l w d^2 / phi)} ({@code l = oversampling
   * k}, {@code phi} the weighted potential of the candidates so far), so about {@code l} new
   * candidates per pass; each candidate is weighted by the rows nearest to it and the weighted
   * candidates are reclustered into {@code k} centres by greedy k-means++ and up to 30 weighted
   * Lloyd iterations (step 8; Spark's reclustering does the same). Passes continue past {@code
   * rounds} while fewer than {@code k} distinct candidates own rows.
   *
   * <p>O(n m d) distances for {@code m ~ 1 + rounds l} candidates, taken in {@code rounds + 1}
   * passes through the tile kernel, against greedy k-means++'s O(n k log k d) in {@code k} passes
   * each of {@code 2 + ln k} candidates; then O(m k d) per reclustering iteration. Each row's coin
   * is a hash of the pass's seed and the row index, and every sum reduces per block in block order,
   * so the centres do not depend on the number of threads.
   *
   * @param slack the fit's absolute movement slack, for the reclustering
   * @param toleranceSq the fit's squared tolerance, for the reclustering
   */
  double[] kMeansParallel(
      int k,
      int rounds,
      double oversampling,
      SplittableRandom rng,
      double slack,
      double toleranceSq) {
    double l = oversampling * k;
    long bytes = bytesParallel(n, d, rounds, l);
    if (!Memory.fits(bytes)) {
      throw new InvalidOptionException(
          "oversampling",
          oversampling,
          "makes k-means|| need about "
              + Memory.gib(bytes)
              + " (n = "
              + n
              + " rows, about "
              + expectedCandidates(n, rounds, l)
              + " candidates), more than the heap has free; lower the oversampling or the rounds,"
              + " or seed with K_MEANS_PLUS_PLUS");
    }
    double[] minDist = new double[n];
    int[] owner = new int[n];
    int[] nearestNew = new int[n];
    double[] cumulative = new double[n];
    int first = firstCentre(rng, cumulative, minDist);
    // The cumulative weights served the first draw only: their array holds each pass's distances.
    double[] newDist = cumulative;
    DoubleArrayList cand = new DoubleArrayList();
    cand.addElements(0, x, first * d, d);
    int nb = blocks.count();
    double[] partial = new double[nb];
    IntArrayList[] drawn = new IntArrayList[nb];
    double[] ownerWeight;
    for (int round = 0; ; round++) {
      double phi = potential(minDist, partial);
      int m = cand.size() / d;
      ownerWeight = ownerWeights(owner, m);
      if (phi <= 0 || (round >= rounds && positive(ownerWeight) >= k)) {
        break;
      }
      long roundSeed = rng.nextLong();
      double scale = l / phi;
      blocks.run(
          (w, b, start, end) -> {
            IntArrayList rows = drawn[b];
            if (rows == null) {
              rows = new IntArrayList();
              drawn[b] = rows;
            }
            rows.clear();
            for (int i = start; i < end; i++) {
              if (unit(roundSeed, i) < scale * w(i) * minDist[i]) {
                rows.add(i);
              }
            }
          });
      int base = m;
      for (int b = 0; b < nb; b++) {
        if (drawn[b] != null) {
          for (int q = 0; q < drawn[b].size(); q++) {
            cand.addElements(cand.size(), x, drawn[b].getInt(q) * d, d);
          }
        }
      }
      int added = cand.size() / d - base;
      if (added == 0) {
        continue;
      }
      double[] fresh = Arrays.copyOfRange(cand.elements(), base * d, cand.size());
      blocks.run(
          (w, b, start, end) -> {
            NearestCentres.assignWithDistances(
                x, d, start, end, fresh, added, workspace(w), nearestNew, newDist);
            for (int i = start; i < end; i++) {
              // Strictly nearer only: a row keeps the earliest of equally near candidates.
              if (newDist[i] < minDist[i]) {
                minDist[i] = newDist[i];
                owner[i] = base + nearestNew[i];
              }
            }
          });
      distances += (long) n * added;
    }
    int m = cand.size() / d;
    int kept = positive(ownerWeight);
    double[] cx = new double[kept * d];
    double[] cw = new double[kept];
    for (int c = 0, q = 0; c < m; c++) {
      if (ownerWeight[c] > 0) {
        System.arraycopy(cand.elements(), c * d, cx, q * d, d);
        cw[q++] = ownerWeight[c];
      }
    }
    Blocks one = new Blocks(kept, 1, null);
    Seeding local = new Seeding(cx, cw, kept, d, one);
    double[] start = local.kMeansPlusPlus(k, rng);
    KMeansRun recluster =
        new KMeansRun(cx, null, cw, kept, d, start, k, KMeansVariant.LLOYD, one, slack);
    recluster.iterate(
        RECLUSTER_ITERATIONS, toleranceSq, false, ProgressListener.NONE, "k-means|| reclustering");
    distances += local.distances + recluster.distances;
    return recluster.centroids;
  }

  /** The candidates k-means|| expects: the first row and {@code l} a round, at most the rows. */
  private static long expectedCandidates(long n, int rounds, double l) {
    return Math.min(n, 1 + (long) Math.ceil(rounds * l));
  }

  /**
   * Bytes k-means|| allocates: 24 per row (distance, owner, nearest new candidate, its distance)
   * and, for the expected {@code 1 + rounds l} candidates, their rows twice (the list and one
   * pass's copy) and the reclustering's copy and run.
   */
  static long bytesParallel(long n, int d, int rounds, double l) {
    long candidates = expectedCandidates(n, rounds, l);
    return 24L * n + candidates * (32L * d + 64L);
  }

  /** Weighted Lloyd iterations on the k-means|| candidates, as Spark's reclustering. */
  static final int RECLUSTER_ITERATIONS = 30;

  /** The weighted potential, summed per block and then in block order. */
  private double potential(double[] minDist, double[] partial) {
    blocks.run(
        (w, b, start, end) -> {
          double p = 0;
          for (int i = start; i < end; i++) {
            p += w(i) * minDist[i];
          }
          partial[b] = p;
        });
    double phi = 0;
    for (double p : partial) {
      phi += p;
    }
    return phi;
  }

  /** The weight of the rows each of {@code m} candidates owns, added in row order. O(n). */
  private double[] ownerWeights(int[] owner, int m) {
    double[] out = new double[m];
    for (int i = 0; i < n; i++) {
      out[owner[i]] += w(i);
    }
    return out;
  }

  private static int positive(double[] weights) {
    int count = 0;
    for (double v : weights) {
      if (v > 0) {
        count++;
      }
    }
    return count;
  }

  /**
   * A uniform double in [0, 1) from a pass seed and a row index (the SplitMix64 finaliser, Steele,
   * Lea and Flood 2014): the same coin for a row whatever block or thread draws it.
   */
  static double unit(long seed, int row) {
    long z = seed + (row + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1p-53;
  }

  /**
   * k rows with pairwise different values, drawn by weight without replacement of values. The rows
   * taken so far are kept in a {@link DistinctRows.RowSet}, so a draw costs O(d) whatever k: the
   * scan over every centre taken made k = 50,000 distinct rows take 48 s (O(k^2 d) over the draws,
   * found by the hostile-input catalogue). The same draws are kept or refused as before.
   */
  double[] random(int k, SplittableRandom rng) {
    double[] c = new double[k * d];
    double[] cumulative = new double[n];
    cumulativeWeights(cumulative);
    DistinctRows.RowSet taken = new DistinctRows.RowSet(x, d, k);
    int found = 0;
    while (found < k) {
      int row = draw(cumulative, rng);
      if (taken.add(row)) {
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
