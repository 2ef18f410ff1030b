package dev.segmentation.kprototypes;

import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.MixedDataset;
import dev.segmentation.api.Provenance;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.core.data.Rows;
import dev.segmentation.core.preprocess.FittedScaling;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fitted k-prototypes segmentation: per segment the mean of the preprocessed numeric columns and
 * the mode of each categorical column, with gamma, the weight of one mismatch. A customer belongs
 * to the prototype of least cost (see {@link KPrototypes}); a level the model never saw matches no
 * mode, a missing one (null) is skipped, which costs every segment the same. Immutable and
 * thread-safe; {@link #assign(double[], String[])} is O(k (p + q)).
 *
 * <p>The model also keeps a profile of its training segments: weighted sizes and, per categorical
 * column, the share of members holding the modal level ({@link #modeShare}).
 */
public final class KPrototypesModel implements SegmentModel {
  private final int k;
  private final List<String> numericColumns;
  private final List<String> categoricalColumns;
  private final List<List<String>> levels;
  private final List<Map<String, Integer>> codeOf;
  private final FittedScaling scaling;
  private final double[] centres;
  private final int[] modes;
  private final double gamma;
  private final double[] sizes;
  private final double[] shares;
  private final Provenance provenance;

  KPrototypesModel(
      int k,
      List<String> numericColumns,
      List<String> categoricalColumns,
      List<List<String>> levels,
      FittedScaling scaling,
      double[] centres,
      int[] modes,
      double gamma,
      double[] sizes,
      double[] shares,
      Provenance provenance) {
    this.k = k;
    this.numericColumns = List.copyOf(numericColumns);
    this.categoricalColumns = List.copyOf(categoricalColumns);
    List<List<String>> copy = new ArrayList<>();
    List<Map<String, Integer>> codes = new ArrayList<>();
    for (List<String> l : levels) {
      copy.add(List.copyOf(l));
      Map<String, Integer> m = new HashMap<>();
      for (int i = 0; i < l.size(); i++) {
        m.put(l.get(i), i);
      }
      codes.add(m);
    }
    this.levels = List.copyOf(copy);
    this.codeOf = codes;
    this.scaling = scaling;
    this.centres = centres.clone();
    this.modes = modes.clone();
    this.gamma = gamma;
    this.sizes = sizes.clone();
    this.shares = shares.clone();
    this.provenance = provenance;
  }

  /**
   * Rebuilds a model from its parts, as a model file saves them. Prefer fitting.
   *
   * @param numericColumns numeric column names
   * @param categoricalColumns categorical column names
   * @param levels per categorical column, its levels in code order
   * @param scaling the fitted preprocessing of the numeric columns
   * @param scaledCentres per segment, the numeric means in the preprocessed space
   * @param modes per segment, the modal level code of each categorical column
   * @param gamma the mismatch weight, finite and {@code >= 0}
   * @param sizes per segment, the weighted training size
   * @param modeShares per segment and categorical column, the share holding the mode
   * @return the model
   * @throws InvalidDataException if the parts disagree in size, a code is outside its levels, or
   *     gamma is invalid
   */
  public static KPrototypesModel restore(
      List<String> numericColumns,
      List<String> categoricalColumns,
      List<List<String>> levels,
      FittedScaling scaling,
      double[][] scaledCentres,
      int[][] modes,
      double gamma,
      double[] sizes,
      double[][] modeShares) {
    int k = modes.length;
    int p = numericColumns.size();
    int q = categoricalColumns.size();
    if (k == 0 || scaledCentres.length != k || sizes.length != k || modeShares.length != k) {
      throw new InvalidDataException(
          "a k-prototypes model needs as many centres, modes, sizes and shares as segments (>= 1)");
    }
    if (levels.size() != q) {
      throw new InvalidDataException(q + " categorical columns but " + levels.size() + " levels");
    }
    if (!(gamma >= 0) || !Double.isFinite(gamma)) {
      throw new InvalidDataException("gamma " + gamma + " must be finite and >= 0");
    }
    Rows.requireSameColumns(scaling, numericColumns);
    int[] flatModes = new int[k * q];
    for (int c = 0; c < k; c++) {
      if (modes[c].length != q || modeShares[c].length != q) {
        throw new InvalidDataException("segment " + c + ": expected " + q + " modes and shares");
      }
      for (int j = 0; j < q; j++) {
        if (modes[c][j] < 0 || modes[c][j] >= levels.get(j).size()) {
          throw new InvalidDataException(
              "segment "
                  + c
                  + ", column '"
                  + categoricalColumns.get(j)
                  + "': no level "
                  + modes[c][j]);
        }
        flatModes[c * q + j] = modes[c][j];
      }
    }
    return new KPrototypesModel(
        k,
        numericColumns,
        categoricalColumns,
        levels,
        scaling,
        p == 0 ? new double[0] : Rows.flatten(scaledCentres, p, "centre"),
        flatModes,
        gamma,
        sizes,
        Rows.flatten(modeShares, q, "mode share"),
        null);
  }

  @Override
  public int numSegments() {
    return k;
  }

  /**
   * {@inheritDoc}
   *
   * @return the numeric columns, then the categorical ones
   */
  @Override
  public List<String> columnNames() {
    List<String> all = new ArrayList<>(numericColumns);
    all.addAll(categoricalColumns);
    return all;
  }

  /**
   * Returns the numeric column names.
   *
   * @return an unmodifiable list
   */
  public List<String> numericColumns() {
    return numericColumns;
  }

  /**
   * Returns the categorical column names.
   *
   * @return an unmodifiable list
   */
  public List<String> categoricalColumns() {
    return categoricalColumns;
  }

  /**
   * Returns the levels of a categorical column, in code order.
   *
   * @param column the categorical column
   * @return an unmodifiable list
   */
  public List<String> levels(int column) {
    return levels.get(column);
  }

  /**
   * Returns the weight of one categorical mismatch.
   *
   * @return gamma
   */
  public double gamma() {
    return gamma;
  }

  /**
   * Returns the numeric preprocessing.
   *
   * @return the fitted scaling of the numeric columns
   */
  public FittedScaling scaling() {
    return scaling;
  }

  /**
   * Assigns a row given as its numeric values followed by the level <em>code</em> of each
   * categorical column (an index into {@link #levels(int)}, NaN or -1 for missing), so that the
   * model fits the {@link SegmentModel} contract; prefer {@link #assign(double[], String[])}.
   *
   * @param row {@code p + q} values
   * @return the segment
   * @throws DimensionMismatchException if the length is not {@code p + q}
   * @throws InvalidDataException if a numeric value is not finite
   */
  @Override
  public int assign(double[] row) {
    int p = numericColumns.size();
    int q = categoricalColumns.size();
    if (row.length != p + q) {
      throw new DimensionMismatchException(
          "expected " + (p + q) + " values (numbers, then level codes), got " + row.length);
    }
    int[] codes = new int[q];
    for (int j = 0; j < q; j++) {
      double v = row[p + j];
      codes[j] = Double.isNaN(v) || v < 0 || v >= levels.get(j).size() ? -1 : (int) v;
    }
    return nearest(scaled(java.util.Arrays.copyOf(row, p)), codes, null);
  }

  /**
   * Assigns a customer.
   *
   * @param numeric the numeric values, in {@link #numericColumns()} order, raw units
   * @param categories the levels, in {@link #categoricalColumns()} order; null for missing
   * @return the segment
   * @throws DimensionMismatchException if a length is wrong
   * @throws InvalidDataException if a numeric value is not finite
   */
  public int assign(double[] numeric, String[] categories) {
    return nearest(scaled(numeric), codes(categories), null);
  }

  /**
   * Assigns every row of a mixed data set, matching columns by name and levels by text.
   *
   * @param data customers with (at least) the model's columns
   * @return one segment per row
   * @throws DimensionMismatchException naming a model column the data lacks
   * @throws InvalidDataException naming the row of a missing numeric value
   */
  public int[] assignAll(MixedDataset data) {
    int[] num = new int[numericColumns.size()];
    for (int j = 0; j < num.length; j++) {
      num[j] = column(data.numericNames(), numericColumns.get(j));
    }
    int[] cat = new int[categoricalColumns.size()];
    for (int j = 0; j < cat.length; j++) {
      cat[j] = column(data.categoricalNames(), categoricalColumns.get(j));
    }
    int[] labels = new int[data.numRows()];
    double[] x = new double[num.length];
    String[] s = new String[cat.length];
    for (int i = 0; i < labels.length; i++) {
      for (int j = 0; j < num.length; j++) {
        x[j] = data.numeric(i, num[j]);
      }
      for (int j = 0; j < cat.length; j++) {
        s[j] = data.level(i, cat[j]);
      }
      try {
        labels[i] = assign(x, s);
      } catch (InvalidDataException e) {
        throw new InvalidDataException("row " + i + ": " + e.getMessage(), e);
      }
    }
    return labels;
  }

  /**
   * Explains the assignment of a customer: the cost against its segment, split into each numeric
   * column's squared difference and each mismatched category, and the runner-up.
   *
   * @param numeric the numeric values, raw units
   * @param categories the levels; null for missing
   * @return the explanation
   * @throws DimensionMismatchException if a length is wrong
   * @throws InvalidDataException if a numeric value is not finite
   */
  public KPrototypesExplanation explain(double[] numeric, String[] categories) {
    double[] z = scaled(numeric);
    int[] codes = codes(categories);
    double[] costs = new double[k];
    int segment = nearest(z, codes, costs);
    int runnerUp = -1;
    for (int c = 0; c < k; c++) {
      if (c != segment && (runnerUp < 0 || costs[c] < costs[runnerUp])) {
        runnerUp = c;
      }
    }
    int p = numericColumns.size();
    int q = categoricalColumns.size();
    Map<String, Double> contributions = new java.util.LinkedHashMap<>();
    for (int j = 0; j < p; j++) {
      double t = z[j] - centres[segment * p + j];
      contributions.put(numericColumns.get(j), t * t);
    }
    Map<String, String> mismatched = new java.util.LinkedHashMap<>();
    for (int j = 0; j < q; j++) {
      if (codes[j] >= 0 && codes[j] != modes[segment * q + j]) {
        mismatched.put(categoricalColumns.get(j), levels.get(j).get(modes[segment * q + j]));
      }
    }
    return new KPrototypesExplanation(
        segment,
        costs[segment],
        contributions,
        mismatched,
        gamma,
        runnerUp,
        runnerUp < 0 ? Double.NaN : costs[runnerUp]);
  }

  /**
   * Returns the numeric means of a segment in raw units (the preprocessing undone).
   *
   * @param segment the segment
   * @return a new array, one per numeric column
   */
  public double[] centre(int segment) {
    int p = numericColumns.size();
    double[] c = new double[p];
    System.arraycopy(centres, segment * p, c, 0, p);
    return p == 0 ? c : scaling.inverse(c);
  }

  /**
   * Returns the numeric means of every segment in the preprocessed space.
   *
   * @return a new {@code k x p} array
   */
  public double[][] scaledCentres() {
    int p = numericColumns.size();
    double[][] out = new double[k][p];
    for (int c = 0; c < k; c++) {
      System.arraycopy(centres, c * p, out[c], 0, p);
    }
    return out;
  }

  /**
   * Returns the modal level of a segment's categorical column.
   *
   * @param segment the segment
   * @param column the categorical column
   * @return the level
   */
  public String mode(int segment, int column) {
    return levels.get(column).get(modes[segment * categoricalColumns.size() + column]);
  }

  /**
   * Returns the modal level codes of every segment.
   *
   * @return a new {@code k x q} array
   */
  public int[][] modeCodes() {
    int q = categoricalColumns.size();
    int[][] out = new int[k][q];
    for (int c = 0; c < k; c++) {
      System.arraycopy(modes, c * q, out[c], 0, q);
    }
    return out;
  }

  /**
   * Returns the share of a segment's training members (weighted) holding its modal level.
   *
   * @param segment the segment
   * @param column the categorical column
   * @return a share in {@code [0, 1]}; 0 for an empty segment
   */
  public double modeShare(int segment, int column) {
    return shares[segment * categoricalColumns.size() + column];
  }

  /**
   * Returns every segment's mode shares.
   *
   * @return a new {@code k x q} array
   */
  public double[][] modeShares() {
    int q = categoricalColumns.size();
    double[][] out = new double[k][q];
    for (int c = 0; c < k; c++) {
      System.arraycopy(shares, c * q, out[c], 0, q);
    }
    return out;
  }

  /**
   * Returns the weighted training size of each segment.
   *
   * @return a copy
   */
  public double[] sizes() {
    return sizes.clone();
  }

  /**
   * Returns a copy with the given provenance.
   *
   * @param value the provenance
   * @return a new model
   */
  public KPrototypesModel withProvenance(Provenance value) {
    return new KPrototypesModel(
        k,
        numericColumns,
        categoricalColumns,
        levels,
        scaling,
        centres,
        modes,
        gamma,
        sizes,
        shares,
        value);
  }

  @Override
  public Optional<Provenance> provenance() {
    return Optional.ofNullable(provenance);
  }

  private double[] scaled(double[] numeric) {
    int p = numericColumns.size();
    if (numeric.length != p) {
      throw new DimensionMismatchException(
          "expected " + p + " numeric values " + numericColumns + ", got " + numeric.length);
    }
    for (int j = 0; j < p; j++) {
      if (!Double.isFinite(numeric[j])) {
        throw new InvalidDataException(
            "column '" + numericColumns.get(j) + "': value " + numeric[j] + " is not finite");
      }
    }
    return p == 0 ? new double[0] : scaling.transform(numeric);
  }

  private int[] codes(String[] categories) {
    int q = categoricalColumns.size();
    if (categories.length != q) {
      throw new DimensionMismatchException(
          "expected " + q + " categories " + categoricalColumns + ", got " + categories.length);
    }
    int[] codes = new int[q];
    for (int j = 0; j < q; j++) {
      Integer c = categories[j] == null ? null : codeOf.get(j).get(categories[j]);
      // an unseen level matches no mode: code k-wide unknown, distinct from "missing"
      codes[j] = categories[j] == null ? -1 : c == null ? Integer.MAX_VALUE : c;
    }
    return codes;
  }

  private int nearest(double[] z, int[] codes, double[] costs) {
    int p = numericColumns.size();
    int q = categoricalColumns.size();
    int best = 0;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      double v = cost(z, 0, codes, 0, centres, modes, c, p, q, gamma);
      if (costs != null) {
        costs[c] = v;
      }
      if (v < bestCost) {
        bestCost = v;
        best = c;
      }
    }
    return best;
  }

  /**
   * The k-prototypes cost of one customer against prototype {@code c}: the squared distance of the
   * numbers (terms in column order) plus gamma per category that differs from the mode; a missing
   * code (negative) is skipped. The fit and the model both measure with it, so a fitted model
   * assigns its training rows as the fit did.
   */
  static double cost(
      double[] z,
      int zOff,
      int[] codes,
      int codeOff,
      double[] centres,
      int[] modes,
      int c,
      int p,
      int q,
      double gamma) {
    double s = 0;
    for (int j = 0; j < p; j++) {
      double t = z[zOff + j] - centres[c * p + j];
      s += t * t;
    }
    int mismatches = 0;
    for (int j = 0; j < q; j++) {
      int code = codes[codeOff + j];
      if (code >= 0 && code != modes[c * q + j]) {
        mismatches++;
      }
    }
    return s + gamma * mismatches;
  }

  private static int column(List<String> names, String name) {
    int j = names.indexOf(name);
    if (j < 0) {
      throw new DimensionMismatchException(
          "column '" + name + "' of the model is missing from the data, which has " + names);
    }
    return j;
  }

  @Override
  public String toString() {
    return "KPrototypesModel[k="
        + k
        + ", numeric "
        + numericColumns
        + ", categorical "
        + categoricalColumns
        + ", gamma="
        + gamma
        + "]";
  }
}
