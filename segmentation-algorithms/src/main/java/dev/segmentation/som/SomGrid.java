package dev.segmentation.som;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.distance.SquaredEuclidean;
import java.util.Arrays;

/**
 * The layout of a map's units: {@code columns x rows} units numbered row by row ({@code unit = row
 * * columns + column}), their coordinates in the plane, and the grid distances between them. With
 * toroidal wrap the grid's opposite edges touch. Immutable and serializable (distributed training
 * ships it to the workers).
 */
public final class SomGrid {
  private static final double ROW_HEIGHT = Math.sqrt(3) / 2;

  private final int columns;
  private final int rows;
  private final Topology topology;
  private final boolean toroidal;
  private final double[] x;
  private final double[] y;

  /**
   * Returns the grid of a map: what a map's {@link #columns}, {@link #rows}, {@link #topology} and
   * {@link #toroidal} describe, for code that ships those four values instead of the grid (Spark
   * executors).
   *
   * @param columns units per row, {@code >= 1}
   * @param rows rows of units, {@code >= 1}
   * @param topology rectangular or hexagonal
   * @param toroidal whether opposite edges are neighbours (a hexagonal torus needs even rows)
   * @return the grid
   * @throws InvalidOptionException if a size is below 1 or a hexagonal torus has odd rows
   */
  public static SomGrid of(int columns, int rows, Topology topology, boolean toroidal) {
    if (columns < 1 || rows < 1) {
      throw new InvalidOptionException("grid", columns + "x" + rows, "needs at least one unit");
    }
    if (toroidal && topology == Topology.HEXAGONAL && rows % 2 == 1) {
      throw new InvalidOptionException(
          "grid", columns + "x" + rows, "a hexagonal torus needs an even number of rows");
    }
    return new SomGrid(columns, rows, java.util.Objects.requireNonNull(topology), toroidal);
  }

  SomGrid(int columns, int rows, Topology topology, boolean toroidal) {
    this.columns = columns;
    this.rows = rows;
    this.topology = topology;
    this.toroidal = toroidal;
    int units = columns * rows;
    this.x = new double[units];
    this.y = new double[units];
    for (int u = 0; u < units; u++) {
      int r = u / columns;
      int c = u % columns;
      boolean hex = topology == Topology.HEXAGONAL;
      x[u] = c + (hex && r % 2 == 1 ? 0.5 : 0);
      y[u] = hex ? r * ROW_HEIGHT : r;
    }
  }

  /**
   * Returns the number of units.
   *
   * @return {@code columns * rows}
   */
  public int units() {
    return x.length;
  }

  /**
   * Returns the number of columns.
   *
   * @return the grid width
   */
  public int columns() {
    return columns;
  }

  /**
   * Returns the number of rows.
   *
   * @return the grid height
   */
  public int rows() {
    return rows;
  }

  /**
   * Returns the topology.
   *
   * @return rectangular or hexagonal
   */
  public Topology topology() {
    return topology;
  }

  /**
   * Returns whether opposite edges touch.
   *
   * @return true for a toroidal grid
   */
  public boolean toroidal() {
    return toroidal;
  }

  /**
   * Returns the coordinates of every unit in the plane, for drawing.
   *
   * @return a new {@code units x 2} array of (x, y)
   */
  public double[][] coordinates() {
    double[][] out = new double[x.length][];
    for (int u = 0; u < x.length; u++) {
      out[u] = new double[] {x[u], y[u]};
    }
    return out;
  }

  /**
   * Returns the distance between two units on the grid (in the plane; across the edges if the grid
   * is toroidal). Symmetric, 0 only for a unit and itself; immediate neighbours are at 1.
   *
   * @param u a unit
   * @param v a unit
   * @return the grid distance
   * @throws ArrayIndexOutOfBoundsException if a unit does not exist
   */
  public double distance(int u, int v) {
    double dx = Math.abs(x[u] - x[v]);
    double dy = Math.abs(y[u] - y[v]);
    if (toroidal) {
      dx = Math.min(dx, columns - dx);
      double height = topology == Topology.HEXAGONAL ? rows * ROW_HEIGHT : rows;
      dy = Math.min(dy, height - dy);
    }
    return Math.sqrt(dx * dx + dy * dy);
  }

  /**
   * Returns whether two different units are immediate neighbours (grid distance 1).
   *
   * @param u a unit
   * @param v a unit
   * @return true if adjacent
   */
  public boolean adjacent(int u, int v) {
    return u != v && distance(u, v) < 1 + 1e-9;
  }

  /**
   * Counts the rows {@code [start, end)} whose second-best-matching unit is not adjacent to the
   * best one (ties to the lower unit): the numerator of the topographic error. O((end - start) u
   * d).
   *
   * @param x row-major rows in the codebook's space
   * @param start first row, inclusive
   * @param end last row, exclusive
   * @param d the dimension
   * @param codebook row-major unit vectors, {@code units() x d}
   * @return the number of such rows
   */
  public long topographicFaults(double[] x, int start, int end, int d, double[] codebook) {
    int units = units();
    long bad = 0;
    for (int i = start; i < end; i++) {
      int first = -1;
      int second = -1;
      double best = Double.POSITIVE_INFINITY;
      double next = Double.POSITIVE_INFINITY;
      for (int u = 0; u < units; u++) {
        double e = SquaredEuclidean.distance(x, i * d, codebook, u * d, d);
        if (e < best) {
          second = first;
          next = best;
          first = u;
          best = e;
        } else if (e < next) {
          second = u;
          next = e;
        }
      }
      if (second >= 0 && !adjacent(first, second)) {
        bad++;
      }
    }
    return bad;
  }

  /**
   * Returns the immediate neighbours of a unit: at most 4 (rectangular) or 6 (hexagonal).
   *
   * @param u a unit
   * @return the neighbours, ascending
   */
  public int[] neighbours(int u) {
    int[] out = new int[6];
    int count = 0;
    for (int v = 0; v < x.length && count < 6; v++) {
      if (adjacent(u, v)) {
        out[count++] = v;
      }
    }
    return Arrays.copyOf(out, count);
  }

  @Override
  public String toString() {
    return "SomGrid["
        + columns
        + "x"
        + rows
        + " "
        + topology
        + (toroidal ? ", toroidal" : "")
        + "]";
  }
}
