package dev.segmentation.som;

import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.Provenance;
import dev.segmentation.core.data.Rows;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.model.PrototypeModel;
import dev.segmentation.core.pass.NearestCentres;
import dev.segmentation.core.preprocess.FittedScaling;
import java.util.Arrays;
import java.util.List;

/**
 * A trained self-organizing map and the grouping of its units into segments. A customer goes to its
 * best-matching unit (the unit whose vector is nearest after preprocessing, ties to the lower unit)
 * and from there to that unit's segment. Also exposes the maps analysts read: U-matrix, component
 * planes, hit counts, with the units' grid coordinates. Immutable and thread-safe.
 */
public final class SomModel implements PrototypeModel {
  private final Provenance provenance;
  private final SomGrid grid;
  private final double[] codebook;
  private final int[] unitSegment;
  private final int k;
  private final int d;
  private final int[] hits;
  private final double[] quantization;
  private final double[] topographic;
  private final List<String> columns;
  private final FittedScaling scaling;

  SomModel(
      SomGrid grid,
      double[] codebook,
      int[] unitSegment,
      int k,
      int[] hits,
      double[] quantization,
      double[] topographic,
      List<String> columns,
      FittedScaling scaling) {
    this.provenance = null;
    this.grid = grid;
    this.codebook = codebook;
    this.unitSegment = unitSegment;
    this.k = k;
    this.d = columns.size();
    this.hits = hits;
    this.quantization = quantization;
    this.topographic = topographic;
    this.columns = List.copyOf(columns);
    this.scaling = scaling;
  }

  /**
   * Rebuilds a map from its parts, as saved by a model file. Prefer training.
   *
   * @param columns the column names
   * @param scaling the fitted preprocessing, on the same columns
   * @param gridColumns units per grid row
   * @param gridRows grid rows
   * @param topology the topology
   * @param toroidal whether opposite edges wrap
   * @param codebook unit vectors in the preprocessed space, one row per unit
   * @param unitSegments the segment of every unit
   * @param k the number of segments
   * @param hits training customers per unit
   * @param quantizationErrors quantization error per epoch
   * @param topographicErrors topographic error per epoch (or of the final map)
   * @return the model
   * @throws InvalidDataException if the shapes disagree or a value is out of range
   */
  public static SomModel restore(
      List<String> columns,
      FittedScaling scaling,
      int gridColumns,
      int gridRows,
      Topology topology,
      boolean toroidal,
      double[][] codebook,
      int[] unitSegments,
      int k,
      int[] hits,
      double[] quantizationErrors,
      double[] topographicErrors) {
    if (gridColumns < 1
        || gridRows < 1
        || (long) gridColumns * gridRows != codebook.length
        || unitSegments.length != codebook.length
        || hits.length != codebook.length
        || k < 1) {
      throw new InvalidDataException(
          "a map of "
              + gridColumns
              + " x "
              + gridRows
              + " units needs that many codebook rows, unit segments and hits; got "
              + codebook.length
              + ", "
              + unitSegments.length
              + " and "
              + hits.length);
    }
    if (toroidal && topology == Topology.HEXAGONAL && gridRows % 2 == 1) {
      throw new InvalidDataException("a hexagonal torus needs an even number of rows");
    }
    Rows.requireLabels(unitSegments, 0, k, "unit segment");
    Rows.requireEverySegment(unitSegments, k, "unit");
    Rows.requireLabels(hits, 0, Integer.MAX_VALUE, "hit count");
    Rows.requireSameColumns(scaling, columns);
    return new SomModel(
        new SomGrid(gridColumns, gridRows, topology, toroidal),
        Rows.flatten(codebook, columns.size(), "unit"),
        unitSegments.clone(),
        k,
        hits.clone(),
        quantizationErrors.clone(),
        topographicErrors.clone(),
        columns,
        scaling);
  }

  @Override
  public int numSegments() {
    return k;
  }

  @Override
  public List<String> columnNames() {
    return columns;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The segment of {@link #bestMatchingUnit(double[])}. Complexity O(u d) for u units.
   */
  @Override
  public int assign(double[] row) {
    return unitSegment[bestMatchingUnit(row)];
  }

  /**
   * Returns the unit whose vector is nearest to the preprocessed row (ties to the lower unit).
   * Complexity O(u d).
   *
   * @param row the customer's values in original units
   * @return a unit in {@code [0, units)}
   * @throws DimensionMismatchException if {@code row.length} differs from the number of columns
   * @throws InvalidDataException if a value is not finite or outside the preprocessing's domain
   */
  public int bestMatchingUnit(double[] row) {
    double[] z = scaling.transform(row);
    return NearestCentres.nearest(z, 0, codebook, grid.units(), d);
  }

  /**
   * Returns the grid: size, topology, unit coordinates and grid distances.
   *
   * @return the grid
   */
  public SomGrid grid() {
    return grid;
  }

  /**
   * Returns the unit vectors in the preprocessed space, one row per unit.
   *
   * @return a new {@code units x d} array
   */
  public double[][] codebook() {
    double[][] out = new double[grid.units()][];
    for (int u = 0; u < out.length; u++) {
      out[u] = Arrays.copyOfRange(codebook, u * d, u * d + d);
    }
    return out;
  }

  /**
   * Returns the segment of every unit.
   *
   * @return a copy, indexed by unit
   */
  public int[] unitSegments() {
    return unitSegment.clone();
  }

  /**
   * Returns how many training customers have each unit as best match.
   *
   * @return a copy, indexed by unit
   */
  public int[] hitCounts() {
    return hits.clone();
  }

  /**
   * Returns the U-matrix: for every unit, the mean distance (preprocessed space) between its vector
   * and those of its immediate grid neighbours. High values mark borders between groups of
   * customers. Complexity O(u^2 + u d).
   *
   * @return a new array indexed by unit
   */
  public double[] uMatrix() {
    double[] out = new double[grid.units()];
    for (int u = 0; u < out.length; u++) {
      int[] nb = grid.neighbours(u);
      double sum = 0;
      for (int v : nb) {
        sum += Math.sqrt(SquaredEuclidean.distance(codebook, u * d, codebook, v * d, d));
      }
      out[u] = nb.length == 0 ? 0 : sum / nb.length;
    }
    return out;
  }

  /**
   * Returns the component planes: for every feature, its value at every unit in original units (the
   * preprocessing undone), to colour the map feature by feature.
   *
   * @return a new {@code d x units} array: {@code planes[feature][unit]}
   */
  public double[][] componentPlanes() {
    double[][] planes = new double[d][grid.units()];
    for (int u = 0; u < grid.units(); u++) {
      double[] original = scaling.inverse(Arrays.copyOfRange(codebook, u * d, u * d + d));
      for (int j = 0; j < d; j++) {
        planes[j][u] = original[j];
      }
    }
    return planes;
  }

  /**
   * Returns the quantization error after every epoch: the mean distance of training customers to
   * their best-matching unit, in the preprocessed space (MiniSom's definition).
   *
   * @return a copy, one value per epoch
   */
  public double[] quantizationErrors() {
    return quantization.clone();
  }

  /**
   * Returns the topographic error: the share of training customers whose two best-matching units
   * are not adjacent on the grid. One value per epoch if the fit traced it, else one value for the
   * final map.
   *
   * @return a copy
   */
  public double[] topographicErrors() {
    return topographic.clone();
  }

  /**
   * Returns the preprocessing the model applies to rows before measuring distances.
   *
   * @return the fitted scaling
   */
  @Override
  public FittedScaling scaling() {
    return scaling;
  }

  @Override
  public double[] scaledPrototypes() {
    return codebook.clone();
  }

  @Override
  public int[] prototypeSegments() {
    return unitSegment.clone();
  }

  private SomModel(SomModel m, Provenance provenance) {
    this.provenance = provenance;
    this.grid = m.grid;
    this.codebook = m.codebook;
    this.unitSegment = m.unitSegment;
    this.k = m.k;
    this.d = m.d;
    this.hits = m.hits;
    this.quantization = m.quantization;
    this.topographic = m.topographic;
    this.columns = m.columns;
    this.scaling = m.scaling;
  }

  /**
   * Returns this model with a provenance record (what {@code ModelFiles} does when it loads one).
   *
   * @param value how the model was made
   * @return a model that assigns exactly as this one and carries {@code value}
   */
  public SomModel withProvenance(Provenance value) {
    return new SomModel(this, java.util.Objects.requireNonNull(value, "value"));
  }

  @Override
  public java.util.Optional<Provenance> provenance() {
    return java.util.Optional.ofNullable(provenance);
  }

  @Override
  public String toString() {
    return "SomModel[" + grid + ", segments=" + k + ", columns=" + columns + "]";
  }
}
