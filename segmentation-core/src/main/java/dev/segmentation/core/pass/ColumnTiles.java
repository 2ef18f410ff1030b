package dev.segmentation.core.pass;

/**
 * Rows kept as tiles of {@link NearestCentres#TILE} rows stored column by column, the layout the
 * nearest-centre kernel reads: made once per fit so that each assignment pass reads the data
 * straight from memory instead of transposing every tile again (measured, BENCHMARKS.md section
 * 22). A copy: O(n d) memory, estimated with {@link #bytes} before it is made. Internal machinery,
 * not a stable API.
 *
 * <p>Made with {@code screen}, the tiles are instead a float copy of the rows centred on the column
 * means (the float screen, {@link #screenBytes}, half the memory), and the row-major data is kept
 * by reference for the rows the screen leaves to the exact kernel.
 */
public final class ColumnTiles {
  /** The double column tiles, or null with the screen. */
  private final double[][][] tiles;

  /** The row-major rows the screen was made from (read only), or null without the screen. */
  private final double[] source;

  private final int n;
  private final int d;

  /** The column means the screen is centred on, or null without the screen. */
  private final double[] origin;

  /**
   * Per tile of {@link #screenRows} rows, its rows minus {@link #origin} rounded to floats, column
   * by column; or null.
   */
  private final float[][][] screenTiles;

  /**
   * Per screen tile, the largest {@code |x[i][j] - origin[j]|} (in double) of its rows; or null.
   */
  private final double[] reach;

  /** Rows per screen tile; 0 without the screen. */
  private final int screenRows;

  /**
   * Copies row-major data into column tiles, without the float screen. O(n d) time and memory.
   *
   * @param x row-major rows, {@code n * d}; read only
   * @param n the number of rows
   * @param d the dimension, {@code >= 1}
   * @throws IllegalArgumentException if the sizes disagree
   */
  public ColumnTiles(double[] x, int n, int d) {
    this(x, n, d, false);
  }

  /**
   * Copies row-major data into column tiles or, when {@code screen} is set, into the float screen:
   * a float copy of the rows centred on the column means, in tiles of {@link #screenRows} rows,
   * that {@link NearestCentres#assign(ColumnTiles, int, int, double[], int,
   * NearestCentres.Workspace, int[])} uses to find each row's nearest centroid in single precision
   * (twice the values per SIMD operation) before it confirms the choice against a rounding bound,
   * exactly. O(n d) time; {@link #bytes} or, with the screen, {@link #screenBytes} memory.
   *
   * @param x row-major rows, {@code n * d}; read only, and with the screen kept by reference: it
   *     must not change while these tiles are used
   * @param n the number of rows
   * @param d the dimension, {@code >= 1}
   * @param screen whether to make the float screen instead of the double tiles
   * @throws IllegalArgumentException if the sizes disagree
   */
  public ColumnTiles(double[] x, int n, int d, boolean screen) {
    if (d < 1 || n < 0 || x.length != (long) n * d) {
      throw new IllegalArgumentException(x.length + " values for " + n + " x " + d);
    }
    this.n = n;
    this.d = d;
    if (!screen) {
      final int size = NearestCentres.TILE;
      final int count = (n + size - 1) / size;
      tiles = new double[count][][];
      for (int t = 0; t < count; t++) {
        int first = t * size;
        tiles[t] = new double[d][size];
        NearestCentres.transpose(x, d, first, Math.min(size, n - first), tiles[t]);
      }
      source = null;
      origin = null;
      screenTiles = null;
      reach = null;
      screenRows = 0;
      return;
    }
    tiles = null;
    source = x;
    // Centring keeps the float values as small as the data's spread allows, and the screen's
    // rounding bound grows with the square of the largest centred value.
    origin = RowSummary.columnMeans(x, n, d);
    screenRows = screenRows(d);
    final int screens = (n + screenRows - 1) / screenRows;
    screenTiles = new float[screens][d][screenRows];
    reach = new double[screens];
    for (int t = 0; t < screens; t++) {
      int first = t * screenRows;
      int m = Math.min(screenRows, n - first);
      double r = 0;
      for (int j = 0; j < d; j++) {
        float[] out = screenTiles[t][j];
        double o = origin[j];
        for (int i = 0; i < m; i++) {
          double v = x[(first + i) * d + j] - o;
          out[i] = (float) v;
          r = Math.max(r, Math.abs(v));
        }
      }
      reach[t] = r;
    }
  }

  /**
   * Rows per tile of the float screen: as many as keep one tile's columns within 32 KB of the L1
   * cache, between {@link NearestCentres#TILE} and four times that. Longer loops than the double
   * tiles' amortise each loop's start and end (measured at 1M x 8, k = 64: 46 ms a pass at 1,024
   * rows against 56 ms at 256; at 16 dimensions 512 rows, 5-9% faster than 256).
   */
  static int screenRows(int d) {
    int rows = Integer.highestOneBit(Math.max(1, 8192 / d));
    return Math.max(NearestCentres.TILE, Math.min(NearestCentres.SCREEN_ROWS, rows));
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
   * Returns the heap the float screen of {@code n} rows of dimension {@code d} takes, in place of
   * {@link #bytes}: a float per value plus one array header per column of each tile and one double
   * per tile.
   *
   * @param n the number of rows
   * @param d the dimension
   * @return bytes
   */
  public static long screenBytes(long n, int d) {
    int rows = screenRows(d);
    long tiles = (n + rows - 1) / rows;
    return tiles * d * (rows * 4L + 16) + tiles * (24 + 4L * d) + 16L + 8L * d;
  }

  /**
   * Returns whether these tiles are the float screen.
   *
   * @return true when made with {@code screen}
   */
  public boolean screened() {
    return screenTiles != null;
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

  /**
   * The columns of tile {@code t}, rows {@code t * TILE} onwards; the live arrays. Only without the
   * screen.
   */
  double[][] tile(int t) {
    return tiles[t];
  }

  /** The float screen's columns of screen tile {@code t}; only when {@link #screened}. */
  float[][] screenTile(int t) {
    return screenTiles[t];
  }

  /** Rows per screen tile; only when {@link #screened}. */
  int screenRows() {
    return screenRows;
  }

  /** The largest centred value of screen tile {@code t}; only when {@link #screened}. */
  double reach(int t) {
    return reach[t];
  }

  /** The row-major rows the screen was made from; only when {@link #screened}. */
  double[] source() {
    return source;
  }

  /** The column means the screen is centred on; only when {@link #screened}. */
  double[] origin() {
    return origin;
  }
}
