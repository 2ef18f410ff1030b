package dev.segmentation.hierarchical;

/**
 * Single linkage as a minimum spanning tree grown by Prim's algorithm with distances computed on
 * the fly (Müllner 2011, MST-linkage): O(n d) memory, O(n^2 d) time. Single-linkage merges are the
 * tree's edges sorted by length.
 */
final class PrimSingle {
  private PrimSingle() {}

  static Merges run(double[] x, int n, int d, Ticker ticker) {
    ActiveScan s = new ActiveScan(x, n, d);
    int[] vertex = new int[n];
    int[] from = new int[n];
    double[] best = new double[n];
    for (int i = 0; i < n; i++) {
      vertex[i] = i;
      best[i] = Double.POSITIVE_INFINITY;
    }
    Merges out = new Merges(n - 1);
    double[] dist = s.dist;
    // the tree starts with row 0; its slot is refilled by the last row
    int current = 0;
    int currentPos = 0;
    for (int step = 0; step < n - 1; step++) {
      int cur = current;
      int q = currentPos;
      int p =
          s.scan(
              q,
              m -> {
                int pos = -1;
                double key = Double.POSITIVE_INFINITY;
                for (int i = 0; i < m; i++) {
                  if (i == q) {
                    continue;
                  }
                  if (dist[i] < best[i]) {
                    best[i] = dist[i];
                    from[i] = cur;
                  }
                  if (best[i] < key) {
                    key = best[i];
                    pos = i;
                  }
                }
                return pos;
              });
      out.add(from[p], vertex[p], Math.sqrt(best[p]));
      // drop the query's slot, then the new tree vertex becomes the next query
      int last = s.m - 1;
      s.removeByMovingLast(q);
      if (q != last) {
        vertex[q] = vertex[last];
        from[q] = from[last];
        best[q] = best[last];
        if (p == last) {
          p = q;
        }
      }
      current = vertex[p];
      currentPos = p;
      ticker.merged();
    }
    ticker.distances = s.distances();
    return out;
  }
}
