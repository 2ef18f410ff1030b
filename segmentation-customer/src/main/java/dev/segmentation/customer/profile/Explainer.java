package dev.segmentation.customer.profile;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.distance.SquaredEuclidean;
import dev.segmentation.core.model.PrototypeModel;
import dev.segmentation.core.preprocess.FittedScaling;
import java.util.Arrays;
import java.util.List;

/**
 * Explains and softens the assignments of a nearest-prototype model: each segment owns one or more
 * prototypes (a K-means centroid, the units of a SOM segment, a hierarchical centroid, the members
 * of a single-linkage segment) in the model's preprocessed space, and a customer belongs to the
 * segment of its nearest prototype. Get one for a model with {@link #of(PrototypeModel)} (K-means,
 * self-organizing map, hierarchical). Immutable and thread-safe.
 *
 * <p><b>Distance to a segment</b>: the squared Euclidean distance {@code D_s} from the preprocessed
 * row to the segment's nearest prototype. The assigned segment is the smallest {@code D_s} (ties to
 * the lower prototype), which is the model's own {@code assign}.
 *
 * <p><b>Soft membership</b>: {@code m_s = exp(-D_s / tau) / sum_t exp(-D_t / tau)}, a softmax of
 * negative squared distances with temperature {@code tau}; large {@code tau} spreads membership,
 * small {@code tau} approaches the hard assignment. By default {@code tau} is the mean {@code D} of
 * the rows to their own segment, so the scale follows the data. A customer is <em>between</em> two
 * segments (an intersection audience) when the runner-up's membership is at least half the top
 * one's.
 *
 * <p>Cost per row: O(p d) for p prototypes.
 */
public final class Explainer {
  /** Runner-up membership over top membership from which a customer counts as between two. */
  public static final double BETWEEN_RATIO = 0.5;

  private final FittedScaling scaling;
  private final List<String> columns;
  private final double[] prototypes;
  private final int[] segmentOf;
  private final int p;
  private final int d;
  private final int k;

  private Explainer(
      FittedScaling scaling, List<String> columns, double[] prototypes, int[] segmentOf, int k) {
    this.scaling = scaling;
    this.columns = List.copyOf(columns);
    this.prototypes = prototypes.clone();
    this.segmentOf = segmentOf.clone();
    this.p = segmentOf.length;
    this.d = columns.size();
    this.k = k;
  }

  /**
   * Creates the explainer of a model that assigns by nearest prototype: K-means (its centroids), a
   * self-organizing map (every unit is a prototype of its segment, so a customer's segment distance
   * is the distance to the nearest unit of that segment), hierarchical clustering (the centroids,
   * or for single linkage every training row with its segment, matching its {@code assign}). O(p d)
   * to build for p prototypes.
   *
   * @param model the fitted model
   * @return the explainer
   */
  public static Explainer of(PrototypeModel model) {
    return of(
        model.scaling(),
        model.columnNames(),
        model.scaledPrototypes(),
        model.prototypeSegments(),
        model.numSegments());
  }

  /**
   * Creates an explainer from prototypes.
   *
   * @param scaling the model's preprocessing
   * @param columns the model's columns
   * @param prototypes row-major prototypes in the preprocessed space, {@code p * d}
   * @param segmentOf the segment of every prototype, in {@code [0, k)}
   * @param k the number of segments; every segment needs a prototype
   * @return the explainer
   * @throws IllegalArgumentException if the sizes disagree or a segment has no prototype
   */
  public static Explainer of(
      FittedScaling scaling, List<String> columns, double[] prototypes, int[] segmentOf, int k) {
    int d = columns.size();
    if (prototypes.length != segmentOf.length * d) {
      throw new IllegalArgumentException(
          prototypes.length + " prototype values for " + segmentOf.length + " x " + d);
    }
    boolean[] has = new boolean[k];
    for (int s : segmentOf) {
      if (s < 0 || s >= k) {
        throw new IllegalArgumentException("prototype segment " + s + " is not in [0, " + k + ")");
      }
      has[s] = true;
    }
    for (int s = 0; s < k; s++) {
      if (!has[s]) {
        throw new IllegalArgumentException("segment " + s + " has no prototype");
      }
    }
    return new Explainer(scaling, columns, prototypes, segmentOf, k);
  }

  /**
   * Returns the number of segments.
   *
   * @return k
   */
  public int numSegments() {
    return k;
  }

  private double[] scaled(double[] row) {
    if (row.length != d) {
      throw new DimensionMismatchException(
          "row has " + row.length + " values, the model has " + d + " columns " + columns);
    }
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(row[j])) {
        throw new InvalidDataException(
            "column '" + columns.get(j) + "': value " + row[j] + " is not finite");
      }
    }
    return scaling.transform(row);
  }

  /** Nearest prototype of every segment: fills {@code best[s]} and returns the distances. */
  private double[] segmentDistances(double[] z, int[] best) {
    double[] dist = new double[k];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    for (int u = 0; u < p; u++) {
      double v = SquaredEuclidean.distance(z, 0, prototypes, u * d, d);
      int s = segmentOf[u];
      if (v < dist[s]) {
        dist[s] = v;
        best[s] = u;
      }
    }
    return dist;
  }

  /**
   * Returns the squared distance from a customer to every segment.
   *
   * @param row the customer in original units
   * @return {@code D_s} for every segment
   * @throws DimensionMismatchException if the row's length differs from the columns
   * @throws InvalidDataException if a value is not finite, naming the column
   */
  public double[] distances(double[] row) {
    return segmentDistances(scaled(row), new int[k]);
  }

  /**
   * Explains one customer. See {@link Explanation}.
   *
   * @param row the customer in original units
   * @return the explanation
   * @throws DimensionMismatchException if the row's length differs from the columns
   * @throws InvalidDataException if a value is not finite, naming the column
   */
  public Explanation explain(double[] row) {
    double[] z = scaled(row);
    int[] best = new int[k];
    double[] dist = segmentDistances(z, best);
    int a = 0;
    for (int s = 1; s < k; s++) {
      if (dist[s] < dist[a] || (dist[s] == dist[a] && best[s] < best[a])) {
        a = s;
      }
    }
    int r = -1;
    for (int s = 0; s < k; s++) {
      if (s != a && (r < 0 || dist[s] < dist[r])) {
        r = s;
      }
    }
    double[] pa = Arrays.copyOfRange(prototypes, best[a] * d, best[a] * d + d);
    double[] contributions = new double[d];
    double[] runnerValues = new double[0];
    double margin = 0;
    double rd = Double.NaN;
    if (r >= 0) {
      double[] pr = Arrays.copyOfRange(prototypes, best[r] * d, best[r] * d + d);
      for (int j = 0; j < d; j++) {
        double toR = z[j] - pr[j];
        double toA = z[j] - pa[j];
        contributions[j] = toR * toR - toA * toA;
      }
      rd = dist[r];
      margin = rd - dist[a];
      runnerValues = scaling.inverse(pr);
    }
    return new Explanation(
        a,
        r,
        dist[a],
        rd,
        margin,
        columns,
        contributions,
        row.clone(),
        scaling.inverse(pa),
        runnerValues);
  }

  /**
   * Returns the soft membership of one customer with a given temperature.
   *
   * @param row the customer in original units
   * @param temperature {@code tau > 0}
   * @return one membership per segment, summing to 1
   * @throws InvalidOptionException if the temperature is not positive and finite
   * @throws DimensionMismatchException if the row's length differs from the columns
   */
  public double[] membership(double[] row, double temperature) {
    checkTemperature(temperature);
    double[] m = new double[k];
    softmax(distances(row), temperature, m, 0);
    return m;
  }

  /**
   * Returns the soft membership for squared distances already computed by {@link #distances}, so a
   * caller that needs both pays for the distances once. O(k).
   *
   * @param distances {@code D_s} for every segment, as {@link #distances} returns them
   * @param temperature {@code tau > 0}
   * @return one membership per segment, summing to 1
   * @throws InvalidOptionException if the temperature is not positive and finite
   * @throws DimensionMismatchException if there is not one distance per segment
   */
  public double[] membershipFromDistances(double[] distances, double temperature) {
    checkTemperature(temperature);
    if (distances.length != k) {
      throw new DimensionMismatchException(
          distances.length + " distances for a model with " + k + " segments");
    }
    double[] m = new double[k];
    softmax(distances, temperature, m, 0);
    return m;
  }

  private static void checkTemperature(double temperature) {
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new InvalidOptionException("temperature", temperature, "must be finite and > 0");
    }
  }

  private static void softmax(double[] dist, double tau, double[] out, int at) {
    double min = Double.POSITIVE_INFINITY;
    for (double v : dist) {
      min = Math.min(min, v);
    }
    double sum = 0;
    for (int s = 0; s < dist.length; s++) {
      // shifting by the smallest distance keeps exp() from underflowing to 0/0
      out[at + s] = Math.exp(-(dist[s] - min) / tau);
      sum += out[at + s];
    }
    for (int s = 0; s < dist.length; s++) {
      out[at + s] /= sum;
    }
  }

  /**
   * Soft memberships of every row, with the default temperature (the mean squared distance of the
   * rows to their own segment; 1 if that is 0).
   *
   * @param data customers in original units, columns by name
   * @return the memberships
   * @throws DimensionMismatchException if a model column is missing
   */
  public Memberships memberships(Dataset data) {
    return memberships(data, Double.NaN);
  }

  /**
   * Soft memberships of every row with a given temperature.
   *
   * @param data customers in original units, columns by name
   * @param temperature {@code tau > 0}, or NaN for the default
   * @return the memberships
   * @throws InvalidOptionException if the temperature is neither NaN nor positive and finite
   * @throws DimensionMismatchException if a model column is missing
   */
  public Memberships memberships(Dataset data, double temperature) {
    if (!Double.isNaN(temperature)) {
      checkTemperature(temperature);
    }
    double[][] dist = allDistances(data);
    int n = dist.length;
    double tau = temperature;
    if (Double.isNaN(tau)) {
      double sum = 0;
      for (double[] row : dist) {
        sum += min(row);
      }
      tau = n == 0 || sum == 0 ? 1 : sum / n;
    }
    double[] m = new double[n * k];
    for (int i = 0; i < n; i++) {
      softmax(dist[i], tau, m, i * k);
    }
    return new Memberships(m, n, k, tau);
  }

  /**
   * Flags the customers farthest from their own segment: those whose squared distance to it is
   * above the {@code quantile} of all rows' distances (atypical customers to review: a flag for a
   * closer look, not an exclusion).
   *
   * @param data customers in original units, columns by name
   * @param quantile in {@code (0, 1)}, for example 0.99
   * @return one flag per row
   * @throws InvalidOptionException if the quantile is outside {@code (0, 1)}
   */
  public boolean[] farFromSegment(Dataset data, double quantile) {
    if (!(quantile > 0 && quantile < 1)) {
      throw new InvalidOptionException("quantile", quantile, "must be in (0, 1), e.g. 0.99");
    }
    double[][] dist = allDistances(data);
    int n = dist.length;
    double[] own = new double[n];
    for (int i = 0; i < n; i++) {
      own[i] = min(dist[i]);
    }
    double[] sorted = own.clone();
    Arrays.sort(sorted);
    double cut = n == 0 ? 0 : sorted[Math.min(n - 1, (int) Math.ceil(quantile * n) - 1)];
    boolean[] flags = new boolean[n];
    for (int i = 0; i < n; i++) {
      flags[i] = own[i] > cut;
    }
    return flags;
  }

  private double[][] allDistances(Dataset data) {
    int[] cols = new int[d];
    for (int j = 0; j < d; j++) {
      cols[j] = data.columnIndex(columns.get(j));
      if (cols[j] < 0) {
        throw new DimensionMismatchException(
            "column '" + columns.get(j) + "' of the model is missing from " + data.columnNames());
      }
    }
    int n = data.numRows();
    double[][] out = new double[n][];
    double[] row = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        row[j] = data.get(i, cols[j]);
      }
      out[i] = distances(row);
    }
    return out;
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) {
      m = Math.min(m, x);
    }
    return m;
  }
}
