package dev.segmentation.hierarchical;

/**
 * Ward linkage by the nearest-neighbour chain on centroids (Müllner 2011, NN-chain-linkage with the
 * "stored data" approach): O(n d) memory, O(n^2 d) time. Ward's distance between segments A and B
 * is {@code 2 |A||B| / (|A|+|B|) ||c_A - c_B||^2} squared; the chain compares it without the square
 * root and the constant. Ward is reducible, so the merges found, sorted by height, are the merges
 * of the greedy algorithm.
 */
final class WardChain {
  private WardChain() {}

  static Merges run(double[] x, double[] weights, int n, int d, Ticker ticker) {
    ActiveScan s = new ActiveScan(x, n, d);
    double[] size = new double[n];
    int[] rep = new int[n];
    for (int i = 0; i < n; i++) {
      size[i] = weights == null ? 1 : weights[i];
      rep[i] = i;
    }
    Merges out = new Merges(n - 1);
    int[] chain = new int[n];
    int top = 0;
    double[] dist = s.dist;
    while (s.m > 1) {
      if (top == 0) {
        chain[top++] = 0;
      }
      int a = chain[top - 1];
      int prev = top >= 2 ? chain[top - 2] : -1;
      double sa = size[a];
      int b =
          s.scan(
              a,
              m -> {
                // a branch-free loop the JIT vectorises, then a plain search for the minimum
                for (int i = 0; i < m; i++) {
                  dist[i] *= sa * size[i] / (sa + size[i]);
                }
                dist[a] = Double.POSITIVE_INFINITY;
                int pos = -1;
                double key = Double.POSITIVE_INFINITY;
                for (int i = 0; i < m; i++) {
                  if (dist[i] < key) {
                    key = dist[i];
                    pos = i;
                  }
                }
                return pos;
              });
      double key = dist[b];
      // on a tie the previous chain element wins: that is what makes the chain terminate
      if (prev >= 0 && dist[prev] <= key) {
        b = prev;
        key = dist[prev];
      }
      if (b != prev) {
        chain[top++] = b;
        continue;
      }
      top -= 2;
      out.add(rep[a], rep[b], Math.sqrt(2 * key));
      int lo = Math.min(a, b);
      int hi = Math.max(a, b);
      double sb = size[b];
      double total = sa + sb;
      for (int j = 0; j < d; j++) {
        double[] c = s.col[j];
        c[lo] = (sa * c[a] + sb * c[b]) / total;
      }
      size[lo] = total;
      rep[lo] = Math.min(rep[a], rep[b]);
      int last = s.m - 1;
      s.removeByMovingLast(hi);
      size[hi] = size[last];
      rep[hi] = rep[last];
      for (int t = 0; t < top; t++) {
        if (chain[t] == last) {
          chain[t] = hi;
        }
      }
      ticker.merged();
    }
    ticker.distances = s.distances();
    return out;
  }
}
