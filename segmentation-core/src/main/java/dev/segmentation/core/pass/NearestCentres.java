package dev.segmentation.core.pass;

import dev.segmentation.core.distance.SquaredEuclidean;

/**
 * The nearest-centre kernels every centre-based family runs in its innermost loop: K-means (Lloyd
 * and the bounds the pruned variants start from), the self-organizing map's best-matching units,
 * and the distributed passes of the Spark module. Internal machinery: public so that those packages
 * and the benchmarks can share one kernel, not a stable API. No checks are made here: arrays must
 * have the sizes stated.
 */
public final class NearestCentres {
  private NearestCentres() {}

  /**
   * Returns the nearest centroid of one row; ties go to the lowest index. Complexity O(k d).
   *
   * @param x row-major data
   * @param off offset of the row in {@code x}
   * @param centroids row-major centroids, {@code k * d}
   * @param k number of centroids, {@code >= 1}
   * @param d dimension
   * @return the index of the nearest centroid
   */
  public static int nearest(double[] x, int off, double[] centroids, int k, int d) {
    int best = 0;
    double bestDist = SquaredEuclidean.distance(x, off, centroids, 0, d);
    for (int c = 1; c < k; c++) {
      double dist = SquaredEuclidean.distance(x, off, centroids, c * d, d);
      if (dist < bestDist) {
        bestDist = dist;
        best = c;
      }
    }
    return best;
  }

  /**
   * 2^600: any positive difference of two doubles times this twice is at least 2^126, so {@code
   * min(1, diff * SCALE * SCALE)} is exactly 1 for a positive difference and 0 for zero.
   */
  private static final double SCALE = 0x1p600;

  /**
   * The largest float at most {@code v}: a lower bound stays one when narrowed to half the memory.
   *
   * @param v a value, not NaN
   * @return the largest float {@code <= v}
   */
  public static float below(double v) {
    float f = (float) v;
    if (Double.isInfinite(v)) {
      return f;
    }
    // Branch-free: rounding goes up about half the time, and the branch of "f > v ?
    // Math.nextDown(f) : f" mispredicted so often that Yinyang spent a quarter of its time here
    // (measured, BENCHMARKS.md section 22). The sign of v - f is exact for finite v; one step down
    // is one unit less in the bits of a positive float and one more in those of a negative one.
    int bits = Float.floatToRawIntBits(f);
    int down = (int) (Double.doubleToRawLongBits(v - f) >>> 63) * ((bits >> 31) | 1);
    return Float.intBitsToFloat(bits - down);
  }

  /** Rows per tile of {@link #assign}: the tile's columns stay in the L1 cache. */
  public static final int TILE = 256;

  /** The most rows per tile of the float screen ({@link ColumnTiles#screenRows}). */
  static final int SCREEN_ROWS = 4 * TILE;

  /**
   * Scratch space for {@link #assign}: one tile of rows stored column by column, plus the best
   * distance so far and its centroid per row. One per worker thread; never used by two at once.
   */
  public static final class Workspace {
    final double[][] columns;
    final double[] acc = new double[TILE];
    final double[] minimum = new double[TILE];
    final double[] nearest = new double[TILE];
    final double[] best = new double[TILE];
    final double[] second = new double[TILE];
    final double[] label = new double[TILE];
    final double[] row;
    private final double[] scratch = new double[TILE];
    final float[] screenDistance = new float[SCREEN_ROWS];
    final float[] screenBest = new float[SCREEN_ROWS];
    final float[] screenSecond = new float[SCREEN_ROWS];
    final float[] screenLabel = new float[SCREEN_ROWS];

    /** The centroids minus the screen's origin as floats; grows to {@code k d} on first use. */
    float[] screenCentres = new float[0];

    /** Rows the float screen could not decide and the exact kernel redid, over this workspace. */
    long rechecked;

    /** Rows the float screen decided on its own, over this workspace. */
    long screened;

    /**
     * Returns how many rows the float screen of {@link #assign(ColumnTiles, int, int, double[],
     * int, Workspace, int[])} has decided on its own so far with this workspace.
     *
     * @return the count since the workspace was made
     */
    public long screened() {
      return screened;
    }

    /**
     * Returns how many rows the float screen of {@link #assign(ColumnTiles, int, int, double[],
     * int, Workspace, int[])} has left to the exact kernel so far with this workspace: near-ties
     * and rows of tiles whose values are too large for single precision.
     *
     * @return the count since the workspace was made
     */
    public long rechecked() {
      return rechecked;
    }

    /**
     * Fills {@link #screenCentres} with {@code centroids - origin} and returns the largest absolute
     * value among them (NaN if any is NaN: {@code Math.max} keeps it).
     */
    double screenCentres(double[] centroids, int k, int d, double[] origin) {
      if (screenCentres.length < k * d) {
        screenCentres = new float[k * d];
      }
      double reach = 0;
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          double v = centroids[c * d + j] - origin[j];
          screenCentres[c * d + j] = (float) v;
          reach = Math.max(reach, Math.abs(v));
        }
      }
      return reach;
    }

    /**
     * Returns a buffer of {@link #TILE} doubles the kernels never touch, for a caller's per-tile
     * results (for example {@link #tileDistances}).
     *
     * @return the buffer, the same array on every call
     */
    public double[] scratch() {
      return scratch;
    }

    /**
     * Allocates the workspace, O(TILE d) memory whatever {@code k}.
     *
     * @param d the dimension of the rows
     * @param k the number of centroids (kept for callers; the workspace no longer grows with it)
     */
    public Workspace(int d, int k) {
      columns = new double[d][TILE];
      row = new double[d];
    }
  }

  /**
   * One plain Lloyd assignment pass over rows {@code [start, end)}: writes the nearest centroid of
   * each row (ties to the lowest index) into {@code labels}. Complexity O((end - start) k d), no
   * allocation.
   *
   * <p>Rows are processed in tiles of {@link #TILE}: a tile is copied column by column into the
   * workspace, so the distance loops run over rows innermost, which the JIT turns into SIMD code;
   * the running minimum and its label are kept with SIMD operations too (see {@link
   * #assign(ColumnTiles, int, int, double[], int, Workspace, int[])}, which skips the copy for data
   * kept as tiles). Each distance still adds its terms in dimension order starting from 0, so every
   * value is bit-identical to {@link SquaredEuclidean#distance} and the labels equal those of
   * {@link #nearest}.
   *
   * @param x row-major data, {@code n * d}
   * @param d dimension
   * @param start first row, inclusive
   * @param end last row, exclusive
   * @param centroids row-major centroids, {@code k * d}
   * @param k number of centroids, {@code >= 1}
   * @param ws a workspace made for dimension {@code d} and {@code k} centroids
   * @param labels output, indexed by row; rows outside the range are untouched
   * @return the number of rows whose label changed
   */
  public static int assign(
      double[] x,
      int d,
      int start,
      int end,
      double[] centroids,
      int k,
      Workspace ws,
      int[] labels) {
    return assignWithBounds(x, d, start, end, centroids, k, ws, labels, null, null, null);
  }

  /**
   * {@link #assign} that also records, per row, the distance (not squared) to the nearest centroid
   * in {@code upper}, to the second nearest in {@code lower} (infinity when {@code k == 1}), and,
   * when {@code all} is given, to every centroid in {@code all[i * k + c]}: the exact bounds the
   * pruned variants start from. {@code lower} and {@code all} may be null; {@code all} is only
   * filled when {@code upper} is given. O((end - start) k d).
   *
   * @param x row-major data
   * @param d dimension
   * @param start first row, inclusive
   * @param end last row, exclusive
   * @param centroids row-major centroids, {@code k * d}
   * @param k number of centroids
   * @param ws this worker's workspace
   * @param labels receives each row's nearest centroid, indexed like the rows of {@code x}
   * @param upper receives the distance to the nearest centroid, or null
   * @param lower receives the distance to the second nearest, or null
   * @param all receives every distance rounded down to a float ({@link #below}), at {@code all[i *
   *     k + c]} for row {@code i}, or null
   * @return the number of rows whose label changed
   */
  public static int assignWithBounds(
      double[] x,
      int d,
      int start,
      int end,
      double[] centroids,
      int k,
      Workspace ws,
      int[] labels,
      double[] upper,
      double[] lower,
      float[] all) {
    final double[][] cols = ws.columns;
    final double[] label = ws.label;
    int changed = 0;
    for (int s = start; s < end; s += TILE) {
      final int m = Math.min(TILE, end - s);
      transpose(x, d, s, m, cols);
      if (upper == null) {
        changed += nearestInTile(cols, 0, m, centroids, k, d, ws, labels, s);
        continue;
      }
      nearestTwoInTile(cols, m, centroids, k, d, ws, s, all);
      for (int i = 0; i < m; i++) {
        int c = (int) label[i];
        if (labels[s + i] != c) {
          labels[s + i] = c;
          changed++;
        }
      }
      if (upper != null) {
        for (int i = 0; i < m; i++) {
          upper[s + i] = Math.sqrt(ws.best[i]);
        }
      }
      if (lower != null) {
        for (int i = 0; i < m; i++) {
          lower[s + i] = Math.sqrt(ws.second[i]);
        }
      }
    }
    return changed;
  }

  /**
   * The nearest and second-nearest of {@code k} centroids for {@code m <= TILE} rows picked by
   * index, through the tiled kernel: the rows are gathered column by column into the workspace's
   * tile, so a pruned search that has collected the rows needing the same few centroids computes
   * their distances as SIMD code instead of one row at a time. Every squared distance is bit for
   * bit {@link SquaredEuclidean#distance}; ties go to the lowest index, and a tie for nearest makes
   * the second-nearest distance equal to the nearest. O(m k d), no allocation.
   *
   * @param x row-major data
   * @param d dimension
   * @param rows the row indices, {@code rows[0, m)}
   * @param m how many rows, at most {@link #TILE}
   * @param centroids row-major centroids, {@code k * d}
   * @param k number of centroids, {@code >= 1}
   * @param ws this worker's workspace
   * @param label receives each row's nearest centroid (an index into {@code centroids}) at {@code
   *     [0, m)}
   * @param best receives the squared distance to it at {@code [0, m)}
   * @param second receives the squared distance to the second nearest at {@code [0, m)}, infinite
   *     when {@code k == 1}
   */
  public static void nearestTwoOf(
      double[] x,
      int d,
      int[] rows,
      int m,
      double[] centroids,
      int k,
      Workspace ws,
      int[] label,
      double[] best,
      double[] second) {
    final double[][] cols = ws.columns;
    for (int q = 0; q < m; q++) {
      int off = rows[q] * d;
      for (int j = 0; j < d; j++) {
        cols[j][q] = x[off + j];
      }
    }
    nearestTwoOfTile(ws, m, centroids, k, label, best, second);
  }

  /**
   * {@link #nearestTwoOf} for the rows already in the workspace's tile ({@link #loadTile}): a pass
   * that measures one tile against several sets of centroids loads it once. Same results, bit for
   * bit, ties to the lowest index. O(m k d), no allocation.
   *
   * @param ws the workspace holding the tile
   * @param m rows in the tile
   * @param centroids row-major centroids, {@code k * d}, {@code d} the tile's dimension
   * @param k number of centroids, {@code >= 1}
   * @param label receives each row's nearest centroid (an index into {@code centroids}) at {@code
   *     [0, m)}
   * @param best receives the squared distance to it at {@code [0, m)}
   * @param second receives the squared distance to the second nearest at {@code [0, m)}, infinite
   *     when {@code k == 1}
   */
  public static void nearestTwoOfTile(
      Workspace ws, int m, double[] centroids, int k, int[] label, double[] best, double[] second) {
    nearestTwoInTile(ws.columns, m, centroids, k, ws.columns.length, ws, 0, null);
    for (int q = 0; q < m; q++) {
      label[q] = (int) ws.label[q];
    }
    System.arraycopy(ws.best, 0, best, 0, m);
    System.arraycopy(ws.second, 0, second, 0, m);
  }

  /**
   * {@link #assign} that also writes each row's squared distance to its nearest centroid into
   * {@code squared} (bit for bit {@link SquaredEuclidean#distance}). O((end - start) k d), no
   * allocation.
   *
   * @param x row-major data
   * @param d dimension
   * @param start first row, inclusive
   * @param end last row, exclusive
   * @param centroids row-major centroids, {@code k * d}
   * @param k number of centroids, {@code >= 1}
   * @param ws this worker's workspace
   * @param labels receives each row's nearest centroid, indexed like the rows of {@code x}
   * @param squared receives each row's squared distance to it, indexed likewise
   */
  public static void assignWithDistances(
      double[] x,
      int d,
      int start,
      int end,
      double[] centroids,
      int k,
      Workspace ws,
      int[] labels,
      double[] squared) {
    assign(x, d, start, end, centroids, k, ws, labels);
    for (int i = start; i < end; i++) {
      squared[i] = SquaredEuclidean.distance(x, i * d, centroids, labels[i] * d, d);
    }
  }

  /**
   * Copies rows {@code [start, start + m)} of {@code x} into the workspace's tile, column by
   * column, for {@link #tileDistances}. {@code m <= TILE}. O(m d).
   *
   * @param x row-major data
   * @param d dimension
   * @param start first row
   * @param m rows, at most {@link #TILE}
   * @param ws the workspace
   */
  public static void loadTile(double[] x, int d, int start, int m, Workspace ws) {
    transpose(x, d, start, m, ws.columns);
  }

  /** Rows {@code [start, start + m)} of row-major {@code x} into {@code cols[j][0..m)}. O(m d). */
  static void transpose(double[] x, int d, int start, int m, double[][] cols) {
    for (int i = 0; i < m; i++) {
      int off = (start + i) * d;
      for (int j = 0; j < d; j++) {
        cols[j][i] = x[off + j];
      }
    }
  }

  /**
   * The squared distances of the tile's rows (see {@link #loadTile}) to one point, vectorised
   * across rows; each equals {@link SquaredEuclidean#distance} bit for bit (terms added in
   * dimension order). O(m d).
   *
   * @param ws the workspace holding the tile
   * @param m rows in the tile
   * @param point array holding the point
   * @param off offset of the point
   * @param d dimension
   * @param out receives {@code m} squared distances
   */
  public static void tileDistances(
      Workspace ws, int m, double[] point, int off, int d, double[] out) {
    distancesToCentroid(ws.columns, 0, m, point, off, d, out);
  }

  /**
   * One plain Lloyd assignment pass over rows {@code [start, end)} of data kept as column tiles for
   * the whole fit: the labels of {@link #assign} (ties to the lowest index, every distance bit for
   * bit that of {@link SquaredEuclidean#distance}) without copying each tile per pass. {@code
   * start} and {@code end} need not fall on tile boundaries. O((end - start) k d), no allocation
   * once the workspace holds {@code k d} float centroids.
   *
   * <p>On the float screen ({@link ColumnTiles#screened}) each row's nearest and second-nearest
   * centroid are found in single precision first, and the float choice is kept only when their gap
   * exceeds a proven bound on the rounding; every other row is redone exactly, so the labels are
   * the same (BENCHMARKS.md section 22, "The float screen"). O(k d) more per call to centre and
   * narrow the centroids.
   *
   * @param rows the data as column tiles
   * @param start first row, inclusive
   * @param end last row, exclusive
   * @param centroids row-major centroids, {@code k * d}
   * @param k number of centroids, {@code >= 1}
   * @param ws a workspace made for the dimension of {@code rows}
   * @param labels output, indexed by row; rows outside the range are untouched
   * @return the number of rows whose label changed
   */
  public static int assign(
      ColumnTiles rows, int start, int end, double[] centroids, int k, Workspace ws, int[] labels) {
    if (!rows.screened()) {
      return assignExact(rows, start, end, centroids, k, ws, labels);
    }
    if (k > MAX_SCREENED_CENTRES) {
      return assign(rows.source(), rows.dimension(), start, end, centroids, k, ws, labels);
    }
    final int d = rows.dimension();
    final double centreReach = ws.screenCentres(centroids, k, d, rows.origin());
    final int size = rows.screenRows();
    int changed = 0;
    for (int t = start / size, first = t * size; first < end; t++, first += size) {
      final int lo = Math.max(start - first, 0);
      final int hi = Math.min(end - first, size);
      final double a = rows.reach(t) + centreReach;
      // Past 2^120 the float squares could overflow (and NaN centroids fail the test too).
      if (!(a * a * d < 0x1p120)) {
        changed += assign(rows.source(), d, first + lo, first + hi, centroids, k, ws, labels);
        continue;
      }
      final double slack = 0x1p-22 * a * a * ((double) d * (d + 5)) + 0x1p-100;
      final long before = ws.rechecked;
      changed +=
          screenedTile(rows, rows.screenTile(t), lo, hi, centroids, k, d, slack, ws, labels, first);
      if (ws.rechecked - before > (hi - lo) / 4) {
        // Data full of exact ties (one-hot rows against row centroids) gains nothing from the
        // screen; the rest of the range goes straight to the exact kernel.
        return changed + assign(rows.source(), d, first + hi, end, centroids, k, ws, labels);
      }
    }
    return changed;
  }

  /** {@link #assign(ColumnTiles, int, int, double[], int, Workspace, int[])} on double tiles. */
  private static int assignExact(
      ColumnTiles rows, int start, int end, double[] centroids, int k, Workspace ws, int[] labels) {
    final int d = rows.dimension();
    int changed = 0;
    for (int t = start / TILE, first = t * TILE; first < end; t++, first += TILE) {
      final int lo = Math.max(start - first, 0);
      final int hi = Math.min(end - first, TILE);
      changed += nearestInTile(rows.tile(t), lo, hi, centroids, k, d, ws, labels, first);
    }
    return changed;
  }

  /** The most centroids the float screen takes: their indices must be exact as floats. */
  private static final int MAX_SCREENED_CENTRES = 1 << 24;

  /**
   * Lloyd through the float screen: the nearest centroid of rows {@code [lo, hi)} of a screen tile
   * into {@code labels[first + i]}, exactly as {@link #nearestInTile} would give it; returns how
   * many changed.
   *
   * <p>Each row's smallest and second smallest squared distance are found in single precision on
   * the centred copy ({@code F_b} at centroid {@code b}, {@code F_2}). Every float distance {@code
   * F_c} is within {@code E = 2 u A^2 (d^2 + 5 d)} of the double distance {@code D_c} the exact
   * kernel computes ({@code u = 2^-24}, {@code A} the tile's largest centred value plus the
   * centroids' largest: the narrowing of both, the subtraction, the square and the {@code d - 1}
   * additions each contribute at most {@code u A^2} per column or per term, the double rounding of
   * {@code D_c} is {@code 2^-29} of that, and the bound is then doubled). So when {@code F_2 - F_b
   * > 2 E} (the {@code slack}, plus {@code 2^-100} for values in the float's subnormal range),
   * every other centroid has {@code D_c >= F_c - E >= F_2 - E > F_b + E >= D_b}: {@code b} is the
   * unique exact nearest. Every other row (near-ties, exact ties, overflow) is redone with {@link
   * #nearest}.
   */
  private static int screenedTile(
      ColumnTiles rows,
      float[][] screen,
      int lo,
      int hi,
      double[] centroids,
      int k,
      int d,
      double slack,
      Workspace ws,
      int[] labels,
      int first) {
    final float[] dist = ws.screenDistance;
    final float[] best = ws.screenBest;
    final float[] second = ws.screenSecond;
    final float[] lab = ws.screenLabel;
    final float[] cf = ws.screenCentres;
    distancesToCentroid(screen, lo, hi, cf, 0, d, best);
    java.util.Arrays.fill(lab, lo, hi, 0f);
    java.util.Arrays.fill(second, lo, hi, Float.POSITIVE_INFINITY);
    for (int c = 1; c < k; c++) {
      distancesToCentroid(screen, lo, hi, cf, c * d, d, dist);
      keepSecond(dist, best, second, lo, hi);
      keepNearer(dist, best, lab, lo, hi, c);
    }
    int changed = 0;
    long rechecked = 0;
    for (int i = lo; i < hi; i++) {
      float l = lab[i];
      int c = (int) l;
      if (c != l || !((double) second[i] - best[i] > slack)) {
        c = nearest(rows.source(), (first + i) * d, centroids, k, d);
        rechecked++;
      }
      if (labels[first + i] != c) {
        labels[first + i] = c;
        changed++;
      }
    }
    ws.rechecked += rechecked;
    ws.screened += hi - lo - rechecked;
    return changed;
  }

  /**
   * The second smallest value so far: {@code min(second, max(best, dist))} before {@code best}
   * takes {@code dist}. A loop of its own: fused into {@link #keepNearer(float[], float[], float[],
   * int, int, float)} C2 on JDK 17 stops vectorising it (measured 1.3x slower at k = 64).
   */
  private static void keepSecond(float[] dist, float[] best, float[] second, int lo, int hi) {
    for (int i = lo; i < hi; i++) {
      second[i] = Math.min(second[i], Math.max(best[i], dist[i]));
    }
  }

  /** {@link #keepNearer(double[], double[], double[], int, int, double)} in single precision. */
  private static void keepNearer(float[] dist, float[] best, float[] lab, int lo, int hi, float c) {
    for (int i = lo; i < hi; i++) {
      float b = best[i];
      float nb = Math.min(b, dist[i]);
      // A positive difference of two floats is at least 2^-149; times 2^150 it is at least 2.
      float nearer = Math.min(1f, (b - nb) * SCALE_FLOAT * SCALE_FLOAT);
      best[i] = nb;
      float l = lab[i];
      lab[i] = l + nearer * (c - l);
    }
  }

  /** 2^75: see {@link #SCALE}; twice, it lifts any positive float difference above 1. */
  private static final float SCALE_FLOAT = 0x1p75f;

  /**
   * {@link #distancesToCentroid(double[][], int, int, double[], int, int, double[])} in single
   * precision for the screen: sixteen values per AVX-512 operation instead of eight.
   */
  private static void distancesToCentroid(
      float[][] cols, int lo, int hi, float[] centroids, int off, int d, float[] acc) {
    int j;
    if (d >= 4) {
      final float c0 = centroids[off];
      final float c1 = centroids[off + 1];
      final float c2 = centroids[off + 2];
      final float c3 = centroids[off + 3];
      final float[] a0 = cols[0];
      final float[] a1 = cols[1];
      final float[] a2 = cols[2];
      final float[] a3 = cols[3];
      for (int i = lo; i < hi; i++) {
        float t0 = a0[i] - c0;
        float t1 = a1[i] - c1;
        float t2 = a2[i] - c2;
        float t3 = a3[i] - c3;
        float s = t0 * t0;
        s += t1 * t1;
        s += t2 * t2;
        s += t3 * t3;
        acc[i] = s;
      }
      j = 4;
    } else {
      final float c0 = centroids[off];
      final float[] a0 = cols[0];
      for (int i = lo; i < hi; i++) {
        float t = a0[i] - c0;
        acc[i] = t * t;
      }
      j = 1;
    }
    for (; j + 4 <= d; j += 4) {
      final float c0 = centroids[off + j];
      final float c1 = centroids[off + j + 1];
      final float c2 = centroids[off + j + 2];
      final float c3 = centroids[off + j + 3];
      final float[] a0 = cols[j];
      final float[] a1 = cols[j + 1];
      final float[] a2 = cols[j + 2];
      final float[] a3 = cols[j + 3];
      for (int i = lo; i < hi; i++) {
        float t0 = a0[i] - c0;
        float t1 = a1[i] - c1;
        float t2 = a2[i] - c2;
        float t3 = a3[i] - c3;
        float s = acc[i];
        s += t0 * t0;
        s += t1 * t1;
        s += t2 * t2;
        s += t3 * t3;
        acc[i] = s;
      }
    }
    for (; j < d; j++) {
      final float cj = centroids[off + j];
      final float[] col = cols[j];
      for (int i = lo; i < hi; i++) {
        float t = col[i] - cj;
        acc[i] += t * t;
      }
    }
  }

  /**
   * Lloyd: the nearest centroid of rows {@code [lo, hi)} of the tile into {@code labels[first +
   * i]}; returns how many changed.
   *
   * <p>The argmin is kept in doubles so that every step is a SIMD operation the JIT vectorises
   * (measured, BENCHMARKS.md section 22): the new best is {@code min(best, dist)}, and {@code best
   * - newBest}, zero exactly when the centroid is not strictly nearer, scaled into {0, 1} picks the
   * label arithmetically. Strictly nearer only, so ties keep the lowest index. A distance that
   * overflowed to infinity against an infinite best makes the label NaN; such rows (possible only
   * for values near 1e154) are redone one by one with {@link #nearest}.
   */
  private static int nearestInTile(
      double[][] cols,
      int lo,
      int hi,
      double[] centroids,
      int k,
      int d,
      Workspace ws,
      int[] labels,
      int first) {
    final double[] acc = ws.acc;
    final double[] min = ws.minimum;
    final double[] lab = ws.nearest;
    distancesToCentroid(cols, lo, hi, centroids, 0, d, min);
    java.util.Arrays.fill(lab, lo, hi, 0);
    for (int c = 1; c < k; c++) {
      distancesToCentroid(cols, lo, hi, centroids, c * d, d, acc);
      keepNearer(acc, min, lab, lo, hi, c);
    }
    // One loop converts, checks and counts: the separate int tile and its second pass cost ~3 ms
    // per million rows at k = 8 (measured).
    int changed = 0;
    for (int i = lo; i < hi; i++) {
      double l = lab[i];
      int c = (int) l;
      if (c != l) {
        // Only NaN converts to a different value here.
        c = nearest(columnRow(cols, i, d, ws.row), 0, centroids, k, d);
      }
      if (labels[first + i] != c) {
        labels[first + i] = c;
        changed++;
      }
    }
    return changed;
  }

  /**
   * The nearest and second-nearest centroid of each row of the tile: labels in {@code ws.label},
   * squared distances in {@code ws.best} and {@code ws.second} (equal on a tie for nearest), every
   * root in {@code all} when given. All in doubles with min, max and arithmetic selects, so both
   * loops per centroid are SIMD code (the earlier selection on the IEEE bit patterns as longs, with
   * int labels, was not: Yinyang's group searches spent as long selecting as computing, measured).
   */
  private static void nearestTwoInTile(
      double[][] cols,
      int m,
      double[] centroids,
      int k,
      int d,
      Workspace ws,
      int firstRow,
      float[] all) {
    final double[] acc = ws.acc;
    final double[] best = ws.best;
    final double[] second = ws.second;
    final double[] label = ws.label;
    java.util.Arrays.fill(best, 0, m, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(second, 0, m, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(label, 0, m, 0);
    for (int c = 0; c < k; c++) {
      distancesToCentroid(cols, 0, m, centroids, c * d, d, acc);
      // A new best pushes the old best to second; otherwise second = min(second, acc).
      for (int i = 0; i < m; i++) {
        second[i] = Math.min(second[i], Math.max(best[i], acc[i]));
      }
      keepNearer(acc, best, label, 0, m, c);
      if (all != null) {
        for (int i = 0; i < m; i++) {
          all[(firstRow + i) * k + c] = below(Math.sqrt(acc[i]));
        }
      }
    }
    for (int i = 0; i < m; i++) {
      if (Double.isNaN(label[i])) {
        nearestTwoOfColumn(cols, i, centroids, k, d, ws);
      }
    }
  }

  /** Row {@code i} of a column tile copied into {@code row}, which is returned. O(d). */
  private static double[] columnRow(double[][] cols, int i, int d, double[] row) {
    for (int j = 0; j < d; j++) {
      row[j] = cols[j][i];
    }
    return row;
  }

  /**
   * Row {@code i} of the tile redone one centroid at a time, as {@link #nearestTwoInTile} defines
   * it: for the rows whose distances overflowed to infinity (values near 1e154), where infinity
   * minus infinity made the arithmetic label NaN, and rows with a NaN distance.
   */
  private static void nearestTwoOfColumn(
      double[][] cols, int i, double[] centroids, int k, int d, Workspace ws) {
    final double[] row = columnRow(cols, i, d, ws.row);
    double best = Double.POSITIVE_INFINITY;
    double second = Double.POSITIVE_INFINITY;
    int label = 0;
    for (int c = 0; c < k; c++) {
      double s = SquaredEuclidean.distance(row, 0, centroids, c * d, d);
      // A NaN distance (infinite values) is passed over, as larger than any other.
      if (s < best) {
        second = best;
        best = s;
        label = c;
      } else if (s < second) {
        second = s;
      }
    }
    ws.best[i] = best;
    ws.second[i] = second;
    ws.label[i] = label;
  }

  /**
   * Where centroid {@code c}'s distances {@code acc} are strictly below {@code min}: takes them and
   * the label {@code c}. Branch-free and all in doubles, so the loop is SIMD code.
   */
  private static void keepNearer(
      double[] acc, double[] min, double[] lab, int lo, int hi, double c) {
    for (int i = lo; i < hi; i++) {
      double b = min[i];
      double nb = Math.min(b, acc[i]);
      double nearer = Math.min(1.0, (b - nb) * SCALE * SCALE);
      min[i] = nb;
      double l = lab[i];
      lab[i] = l + nearer * (c - l);
    }
  }

  /**
   * Squared distances of tile rows {@code [lo, hi)} to one centroid into {@code acc}. Columns are
   * taken four at a time, so the partial sums stay in registers instead of going through {@code
   * acc} once per column; the terms are still added in column order from the first, so every
   * distance equals {@link SquaredEuclidean#distance} bit for bit.
   */
  private static void distancesToCentroid(
      double[][] cols, int lo, int hi, double[] centroids, int off, int d, double[] acc) {
    int j;
    if (d >= 4) {
      final double c0 = centroids[off];
      final double c1 = centroids[off + 1];
      final double c2 = centroids[off + 2];
      final double c3 = centroids[off + 3];
      final double[] a0 = cols[0];
      final double[] a1 = cols[1];
      final double[] a2 = cols[2];
      final double[] a3 = cols[3];
      for (int i = lo; i < hi; i++) {
        double t0 = a0[i] - c0;
        double t1 = a1[i] - c1;
        double t2 = a2[i] - c2;
        double t3 = a3[i] - c3;
        double s = t0 * t0;
        s += t1 * t1;
        s += t2 * t2;
        s += t3 * t3;
        acc[i] = s;
      }
      j = 4;
    } else {
      final double c0 = centroids[off];
      final double[] a0 = cols[0];
      for (int i = lo; i < hi; i++) {
        double t = a0[i] - c0;
        acc[i] = t * t;
      }
      j = 1;
    }
    for (; j + 4 <= d; j += 4) {
      final double c0 = centroids[off + j];
      final double c1 = centroids[off + j + 1];
      final double c2 = centroids[off + j + 2];
      final double c3 = centroids[off + j + 3];
      final double[] a0 = cols[j];
      final double[] a1 = cols[j + 1];
      final double[] a2 = cols[j + 2];
      final double[] a3 = cols[j + 3];
      for (int i = lo; i < hi; i++) {
        double t0 = a0[i] - c0;
        double t1 = a1[i] - c1;
        double t2 = a2[i] - c2;
        double t3 = a3[i] - c3;
        double s = acc[i];
        s += t0 * t0;
        s += t1 * t1;
        s += t2 * t2;
        s += t3 * t3;
        acc[i] = s;
      }
    }
    for (; j < d; j++) {
      final double cj = centroids[off + j];
      final double[] col = cols[j];
      for (int i = lo; i < hi; i++) {
        double t = col[i] - cj;
        acc[i] += t * t;
      }
    }
  }
}
