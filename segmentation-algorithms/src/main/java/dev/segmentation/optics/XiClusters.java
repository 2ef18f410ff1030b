package dev.segmentation.optics;

/**
 * The clusters the xi-steep method found in a reachability plot ({@link ReachabilityPlot#xi(double,
 * int, boolean)}): every cluster as an interval of plot positions (clusters nest, smaller ones
 * listed first), and the flat labels, each row in the smallest cluster holding it. Immutable;
 * accessors copy.
 */
public final class XiClusters {
  private final int[] labels;
  private final int[] start;
  private final int[] end;
  private final int[][] all;

  XiClusters(int[] labels, int[] start, int[] end, int[][] all) {
    this.labels = labels;
    this.start = start;
    this.end = end;
    this.all = all;
  }

  /**
   * Returns the segment of every row, -1 for noise.
   *
   * @return a copy, one label per row, segments numbered by their lowest row
   */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * Returns the number of segments.
   *
   * @return {@code >= 0}
   */
  public int segments() {
    return start.length;
  }

  /**
   * Returns the first plot position of a segment.
   *
   * @param segment in {@code [0, segments())}
   * @return a position of {@link ReachabilityPlot#ordering()}
   */
  public int start(int segment) {
    return start[segment];
  }

  /**
   * Returns the last plot position of a segment, inclusive.
   *
   * @param segment in {@code [0, segments())}
   * @return a position of {@link ReachabilityPlot#ordering()}
   */
  public int end(int segment) {
    return end[segment];
  }

  /**
   * Returns every cluster found, nested ones included, as {@code {start, end}} plot positions
   * (inclusive), smaller clusters before the larger ones holding them: scikit-learn's {@code
   * cluster_hierarchy_}.
   *
   * @return a new array of pairs
   */
  public int[][] hierarchy() {
    int[][] out = new int[all.length][];
    for (int i = 0; i < all.length; i++) {
      out[i] = all[i].clone();
    }
    return out;
  }

  @Override
  public String toString() {
    return "XiClusters[segments=" + start.length + ", clusters=" + all.length + "]";
  }
}
