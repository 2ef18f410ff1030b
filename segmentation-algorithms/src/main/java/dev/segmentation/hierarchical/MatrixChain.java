package dev.segmentation.hierarchical;

/**
 * Single (on a given matrix, as for Gower's distance), complete, average (UPGMA) and weighted
 * (WPGMA) linkage by the nearest-neighbour chain over a packed distance matrix, updated by the
 * Lance-Williams formulas (Müllner 2011, NN-chain-linkage): O(n^2) memory, O(n^2) time. These
 * linkages are reducible, so the merges found, sorted by height, are the merges of the greedy
 * algorithm.
 */
final class MatrixChain {
  private MatrixChain() {}

  static Merges run(PackedDistances dm, int n, Linkage linkage, Ticker ticker) {
    double[] size = new double[n];
    // a doubly linked list of active slots, so scans skip merged ones
    int[] next = new int[n + 1];
    int[] prevLink = new int[n + 1];
    for (int i = 0; i < n; i++) {
      size[i] = 1;
      next[i] = i + 1;
      prevLink[i + 1] = i;
    }
    int head = 0;
    Merges out = new Merges(n - 1);
    int[] chain = new int[n];
    int top = 0;
    long count = 0;
    for (int merged = 0; merged < n - 1; ) {
      if (top == 0) {
        chain[top++] = head;
      }
      int a = chain[top - 1];
      int prev = top >= 2 ? chain[top - 2] : -1;
      int b = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int i = head; i < n; i = next[i]) {
        if (i != a) {
          double v = dm.get(a, i);
          if (v < best) {
            best = v;
            b = i;
          }
        }
      }
      count += n - merged - 1;
      if (prev >= 0 && dm.get(a, prev) <= best) {
        b = prev;
        best = dm.get(a, prev);
      }
      if (b != prev) {
        chain[top++] = b;
        continue;
      }
      top -= 2;
      out.add(a, b, best);
      int lo = Math.min(a, b);
      int hi = Math.max(a, b);
      double sa = size[a];
      double sb = size[b];
      for (int i = head; i < n; i = next[i]) {
        if (i == a || i == b) {
          continue;
        }
        double da = dm.get(a, i);
        double db = dm.get(b, i);
        double v =
            switch (linkage) {
              case SINGLE -> Math.min(da, db);
              case COMPLETE -> Math.max(da, db);
              case AVERAGE -> (sa * da + sb * db) / (sa + sb);
              default -> 0.5 * (da + db);
            };
        dm.set(lo, i, v);
      }
      size[lo] = sa + sb;
      // unlink hi
      int p = prevLink[hi];
      int q = next[hi];
      if (hi == head) {
        head = q;
      } else {
        next[p] = q;
      }
      prevLink[q] = p;
      merged++;
      ticker.merged();
    }
    ticker.distances = count;
    return out;
  }
}
