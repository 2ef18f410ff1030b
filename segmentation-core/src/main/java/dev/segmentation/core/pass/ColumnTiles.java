package dev.segmentation.core.pass;

/**
 * Rows kept as tiles of {@link NearestCentres#TILE} rows stored column by column, the layout the
 * nearest-centre kernel reads: made once per fit so that each assignment pass reads the data
 * straight from memory instead of transposing every tile again (measured, BENCHMARKS.md section
 * 22). A copy: O(n d) memory, estimated with {@link #bytes} before it is made. Internal machinery,
 * not a stable API.
 */
public final class ColumnTiles {
  private final double[][][] tiles;
  private final int n;
  private final int d;

  /**
   * Copies row-major data into column tiles. O(n d) time and memory.
   *
   * @param x row-major rows, {@code n * d}; read only
   * @param n the number of rows
   * @param d the dimension, {@code >= 1}
   * @throws IllegalArgumentException if the sizes disagree
   */
  public ColumnTiles(double[] x, int n, int d) {
    if (d < 1 || n < 0 || x.length != (long) n * d) {
      throw new IllegalArgumentException(x.length + " values for " + n + " x " + d);
    }
    this.n = n;
    this.d = d;
    final int size = NearestCentres.TILE;
    tiles = new double[(n + size - 1) / size][][];
    for (int t = 0; t < tiles.length; t++) {
      int first = t * size;
      int m = Math.min(size, n - first);
      double[][] cols = new double[d][size];
      for (int i = 0; i < m; i++) {
        int off = (first + i) * d;
        for (int j = 0; j < d; j++) {
          cols[j][i] = x[off + j];
        }
      }
      tiles[t] = cols;
    }
  }

  /**
   * Returns the heap the tiles of {@code n} rows of dimension {@code d} take: the values plus one
   * array header per column of each tile.
   *
   * @param n the number of rows
   * @param d the dimension
   * @return bytes
   */
  public static long bytes(long n, int d) {
    long tiles = (n + NearestCentres.TILE - 1) / NearestCentres.TILE;
    return tiles * d * (NearestCentres.TILE * 8L + 16) + tiles * (16 + 4L * d);
  }

  /**
   * Returns the number of rows.
   *
   * @return n
   */
  public int rows() {
    return n;
  }

  /**
   * Returns the dimension.
   *
   * @return d
   */
  public int dimension() {
    return d;
  }

  /** The columns of tile {@code t}, rows {@code t * TILE} onwards; the live arrays. */
  double[][] tile(int t) {
    return tiles[t];
  }

  /**
   * Adds rows {@code [start, end)}, weighted, to the sums of their labelled centres: {@code
   * sums[sumsOffset + c * d + j] += w * x[i][j]} and {@code weightSums[weightsOffset + c] += w} for
   * row {@code i} with label {@code c}. Every sum receives its rows in row order, so the result is
   * bit for bit that of the same loop over the row-major data. O((end - start) d).
   *
   * @param start first row, inclusive
   * @param end last row, exclusive
   * @param labels each row's centre
   * @param weights one weight per row, or null for weight 1
   * @param sums receives the weighted sums, {@code d} per centre
   * @param sumsOffset where centre 0's sums start in {@code sums}
   * @param weightSums receives the summed weights, one per centre
   * @param weightsOffset where centre 0's weight starts in {@code weightSums}
   */
  public void addTo(
      int start,
      int end,
      int[] labels,
      double[] weights,
      double[] sums,
      int sumsOffset,
      double[] weightSums,
      int weightsOffset) {
    final int size = NearestCentres.TILE;
    for (int t = start / size, first = t * size; first < end; t++, first += size) {
      final int lo = Math.max(start - first, 0);
      final int hi = Math.min(end - first, size);
      final double[][] cols = tiles[t];
      for (int j = 0; j < d; j++) {
        final double[] col = cols[j];
        final int base = sumsOffset + j;
        if (weights == null) {
          for (int i = lo; i < hi; i++) {
            sums[base + labels[first + i] * d] += col[i];
          }
        } else {
          for (int i = lo; i < hi; i++) {
            sums[base + labels[first + i] * d] += weights[first + i] * col[i];
          }
        }
      }
      for (int i = lo; i < hi; i++) {
        weightSums[weightsOffset + labels[first + i]] += weights == null ? 1 : weights[first + i];
      }
    }
  }
}
