package dev.segmentation.hierarchical;

import dev.segmentation.core.parallel.Blocks;

/**
 * Points stored by column (one array per dimension) in positions {@code [0, m)} that shrink as
 * points leave (the last moves into the freed slot), and a scan computing the squared Euclidean
 * distance from one query to every position. The column layout lets the JIT vectorise the scan
 * across positions, the inner loop of Ward's chain and of Prim's tree. Large scans run in parallel
 * over fixed blocks; each block writes only its own positions, and per-block minima are combined in
 * block order, so results do not depend on the number of threads.
 */
final class ActiveScan {
  /** Below this many positions a scan runs on the calling thread: forking would cost more. */
  private static final int PARALLEL_FROM = 16_384;

  final int d;
  final double[][] col;
  final double[] dist;
  int m;
  private final double[] query;
  private final Blocks blocks;
  private final double[] blockBest;
  private final int[] blockPos;
  private Finisher finisher;
  private long distances;

  /** Turns the raw squared distances of positions {@code [s, e)} into keys and finds the least. */
  interface Finisher {
    /**
     * Returns the position of the smallest key in {@code [s, e)} (lowest position on ties, -1 if
     * none), its key in {@code best[slot]}.
     */
    int finish(int s, int e, double[] best, int slot);
  }

  ActiveScan(double[] x, int n, int d, Blocks blocks) {
    this.d = d;
    this.m = n;
    this.col = new double[d][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        col[j][i] = x[i * d + j];
      }
    }
    this.dist = new double[n];
    this.query = new double[d];
    this.blocks = blocks;
    this.blockBest = new double[blocks.count()];
    this.blockPos = new int[blocks.count()];
  }

  /**
   * Fills {@code dist[0, m)} with squared distances to position {@code q} (or to {@code point} if q
   * < 0), applies {@code f} per block and returns the position with the least key; its key is left
   * in {@link #bestKey}.
   */
  int scan(int q, Finisher f) {
    for (int j = 0; j < d; j++) {
      query[j] = col[j][q];
    }
    this.finisher = f;
    distances += m;
    int count = m < PARALLEL_FROM ? 1 : blocks.count();
    if (count == 1) {
      blockPos[0] = run(0, 0, m);
    } else {
      blocks.run(
          (worker, block, start, end) ->
              blockPos[block] = run(block, Math.min(start, m), Math.min(end, m)));
    }
    int best = -1;
    double key = Double.POSITIVE_INFINITY;
    for (int b = 0; b < count; b++) {
      if (blockPos[b] >= 0 && (best < 0 || blockBest[b] < key)) {
        best = blockPos[b];
        key = blockBest[b];
      }
    }
    bestKey = key;
    return best;
  }

  double bestKey;

  private int run(int block, int s, int e) {
    if (s >= e) {
      blockBest[block] = Double.POSITIVE_INFINITY;
      return -1;
    }
    for (int i = s; i < e; i++) {
      dist[i] = 0;
    }
    for (int j = 0; j < d; j++) {
      double[] c = col[j];
      double v = query[j];
      for (int i = s; i < e; i++) {
        double t = c[i] - v;
        dist[i] += t * t;
      }
    }
    return finisher.finish(s, e, blockBest, block);
  }

  /** Moves the point at the last position into position {@code p} and shrinks the range. */
  void removeByMovingLast(int p) {
    int last = m - 1;
    if (p != last) {
      for (int j = 0; j < d; j++) {
        col[j][p] = col[j][last];
      }
    }
    m--;
  }

  long distances() {
    return distances;
  }
}
