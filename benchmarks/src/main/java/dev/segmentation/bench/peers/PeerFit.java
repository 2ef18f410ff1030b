package dev.segmentation.bench.peers;

/**
 * What one peer fit produced, in our conventions.
 *
 * @param labels segment per row, 0-based, {@code -1} for noise; {@code null} when the peer does not
 *     return training labels (Tribuo)
 * @param centroids row-major {@code k x d} centroids (or SOM units), {@code null} when the method
 *     has none
 * @param iterations iterations (K-means) the peer made, {@code -1} when it does not report them
 */
@SuppressWarnings("ArrayRecordComponent") // a value carrier between a peer and the harness
public record PeerFit(int[] labels, double[] centroids, int iterations) {
  /**
   * Number of distinct non-noise labels.
   *
   * @return the count
   */
  public int segments() {
    int max = -1;
    for (int l : labels) {
      max = Math.max(max, l);
    }
    return max + 1;
  }
}
