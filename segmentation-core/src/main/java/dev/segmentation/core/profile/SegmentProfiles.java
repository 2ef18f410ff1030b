package dev.segmentation.core.profile;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.core.customer.BusinessState;
import dev.segmentation.core.customer.Feature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Describes every segment in words and numbers a marketer can act on: size and share, mean and
 * median of each feature in original units, z-score and lift against the whole population, the
 * three most distinguishing features and a short generated name; extra columns (a churn or
 * propensity score from elsewhere, margin) averaged per segment; business states counted per
 * segment. Rows labelled {@code -1} (DBSCAN noise) and rows flagged do-not-target form a group of
 * their own and are left out of the segments.
 *
 * <pre>{@code
 * SegmentProfiles profiles = SegmentProfiles.of(customers, result.labels())
 *     .extras(scores)                 // e.g. a churn_probability column, same rows
 *     .states(table.states())
 *     .compute();
 * System.out.print(profiles.toText());
 * }</pre>
 *
 * <p><b>Names.</b> From the top features with {@code |z| >= 0.25}, each turned into a word by a
 * vocabulary (built in for the {@link Feature} columns, e.g. low {@code recency_days} = "recent";
 * {@code "high x"} / {@code "low x"} for other columns; add words with {@link #words}), skipping
 * words already used, up to three; "typical" when no feature stands out. A name that another
 * segment already has gets {@code " #<segment>"} appended.
 *
 * <p><b>Cost.</b> O(n d log n) (medians sort each segment's values). Mutable builder; the computed
 * profiles are immutable.
 */
public final class SegmentProfiles {
  private static final double NAME_THRESHOLD = 0.25;
  private static final Map<String, String[]> BUILT_IN = new HashMap<>();

  static {
    word(Feature.RECENCY, "lapsed", "recent");
    word(Feature.FREQUENCY, "frequent", "infrequent");
    word(Feature.MONETARY_TOTAL, "high spend", "low spend");
    word(Feature.MONETARY_MEAN, "large baskets", "small baskets");
    word(Feature.TENURE, "long-standing", "newer");
    word(Feature.INTERPURCHASE_MEAN, "slow to return", "quick to return");
    word(Feature.INTERPURCHASE_CV, "irregular", "regular");
    word(Feature.ORDER_VALUE_CV, "volatile spend", "steady spend");
    word(Feature.DISCOUNT_SHARE, "discount-driven", "full price");
    word(Feature.RETURN_RATE, "many returns", "few returns");
    word(Feature.FIRST_QUARTER_SHARE, "front-loaded", "growing");
    word(Feature.R_SCORE, "recent", "lapsed");
    word(Feature.F_SCORE, "frequent", "infrequent");
    word(Feature.M_SCORE, "high spend", "low spend");
  }

  private static void word(Feature f, String high, String low) {
    BUILT_IN.put(f.column(), new String[] {high, low});
  }

  private final Dataset data;
  private final int[] labels;
  private Dataset extras;
  private BusinessState[] states;
  private boolean[] doNotTarget;
  private final Map<String, String[]> vocabulary = new HashMap<>(BUILT_IN);

  private final List<String> columns;
  private List<SegmentProfile> segments;
  private SegmentProfile excluded;
  private double[] populationMean;

  private SegmentProfiles(Dataset data, int[] labels) {
    this.data = data;
    this.labels = labels.clone();
    this.columns = data.columnNames();
  }

  /**
   * Starts profiling a labeling.
   *
   * @param data the customers in original units (the features to describe)
   * @param labels one segment per row, {@code -1} for rows in no segment
   * @return a builder
   * @throws DimensionMismatchException if the lengths differ
   */
  public static SegmentProfiles of(Dataset data, int[] labels) {
    if (labels.length != data.numRows()) {
      throw new DimensionMismatchException(
          labels.length + " labels for " + data.numRows() + " rows");
    }
    return new SegmentProfiles(data, labels);
  }

  /**
   * Adds columns to average per segment (not used for z-scores or names).
   *
   * @param values the same rows as the profiled data
   * @return this builder
   * @throws DimensionMismatchException if the row count differs
   */
  public SegmentProfiles extras(Dataset values) {
    if (values.numRows() != data.numRows()) {
      throw new DimensionMismatchException(
          "extras have " + values.numRows() + " rows for " + data.numRows() + " customers");
    }
    this.extras = values;
    return this;
  }

  /**
   * Counts business states per segment.
   *
   * @param perRow the state of every row
   * @return this builder
   * @throws DimensionMismatchException if the length differs
   */
  public SegmentProfiles states(BusinessState[] perRow) {
    if (perRow.length != data.numRows()) {
      throw new DimensionMismatchException(
          perRow.length + " states for " + data.numRows() + " customers");
    }
    this.states = perRow.clone();
    return this;
  }

  /**
   * Moves flagged rows (outliers not to target) out of their segments into the do-not-target group.
   *
   * @param flags one flag per row
   * @return this builder
   * @throws DimensionMismatchException if the length differs
   */
  public SegmentProfiles doNotTarget(boolean[] flags) {
    if (flags.length != data.numRows()) {
      throw new DimensionMismatchException(
          flags.length + " flags for " + data.numRows() + " customers");
    }
    this.doNotTarget = flags.clone();
    return this;
  }

  /**
   * Sets the words a column's high and low values give in names.
   *
   * @param column a column name
   * @param high the word for a segment well above average, for example "loyal"
   * @param low the word for a segment well below average
   * @return this builder
   */
  public SegmentProfiles words(String column, String high, String low) {
    vocabulary.put(column, new String[] {high, low});
    return this;
  }

  /**
   * Computes the profiles.
   *
   * @return this, with {@link #segments()} and {@link #doNotTargetGroup()} filled
   * @throws InvalidDataException if a label is below -1
   */
  public SegmentProfiles compute() {
    int n = data.numRows();
    int d = columns.size();
    int k = 0;
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      if (labels[i] < -1) {
        throw new InvalidDataException("row " + i + ": label " + labels[i] + " is below -1");
      }
      group[i] = doNotTarget != null && doNotTarget[i] ? -1 : labels[i];
      k = Math.max(k, labels[i] + 1);
    }
    double[] x = data.toRowMajor();
    populationMean = new double[d];
    double[] sd = new double[d];
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += x[i * d + j];
      }
      populationMean[j] = s / n;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        double t = x[i * d + j] - populationMean[j];
        ss += t * t;
      }
      sd[j] = Math.sqrt(ss / n);
    }
    List<SegmentProfile> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int c = 0; c < k; c++) {
      SegmentProfile p = profile(c, group, x, n, d, sd, names);
      out.add(p);
    }
    this.segments = List.copyOf(out);
    int outside = 0;
    for (int g : group) {
      outside += g < 0 ? 1 : 0;
    }
    this.excluded = outside == 0 ? null : profile(-1, group, x, n, d, sd, null);
    return this;
  }

  private SegmentProfile profile(
      int c, int[] group, double[] x, int n, int d, double[] sd, Set<String> names) {
    int size = 0;
    for (int g : group) {
      size += g == c ? 1 : 0;
    }
    double[] mean = new double[d];
    double[] median = new double[d];
    double[] z = new double[d];
    double[] lift = new double[d];
    double[] column = new double[size];
    for (int j = 0; j < d; j++) {
      int r = 0;
      double s = 0;
      for (int i = 0; i < n; i++) {
        if (group[i] == c) {
          column[r++] = x[i * d + j];
          s += x[i * d + j];
        }
      }
      mean[j] = size == 0 ? Double.NaN : s / size;
      Arrays.sort(column);
      median[j] =
          size == 0
              ? Double.NaN
              : size % 2 == 1 ? column[size / 2] : (column[size / 2 - 1] + column[size / 2]) / 2;
      z[j] = size == 0 ? Double.NaN : sd[j] > 0 ? (mean[j] - populationMean[j]) / sd[j] : 0;
      lift[j] = populationMean[j] == 0 ? Double.NaN : mean[j] / populationMean[j];
    }
    Integer[] order = new Integer[d];
    for (int j = 0; j < d; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> Double.compare(abs(z[b]), abs(z[a])));
    List<String> top = new ArrayList<>();
    for (int t = 0; t < Math.min(3, d); t++) {
      top.add(columns.get(order[t]));
    }
    String name = c < 0 ? "do not target" : name(order, z, c, names);
    double[] extraMeans = new double[extras == null ? 0 : extras.numColumns()];
    for (int e = 0; e < extraMeans.length; e++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += group[i] == c ? extras.get(i, e) : 0;
      }
      extraMeans[e] = size == 0 ? Double.NaN : s / size;
    }
    int[] stateCounts = new int[states == null ? 0 : BusinessState.values().length];
    if (states != null) {
      for (int i = 0; i < n; i++) {
        if (group[i] == c) {
          stateCounts[states[i].code()]++;
        }
      }
    }
    return new SegmentProfile(
        c,
        name,
        size,
        (double) size / n,
        mean,
        median,
        z,
        lift,
        List.copyOf(top),
        extraMeans,
        stateCounts);
  }

  private static double abs(double v) {
    return Double.isNaN(v) ? -1 : Math.abs(v);
  }

  private String name(Integer[] order, double[] z, int segment, Set<String> taken) {
    List<String> words = new ArrayList<>();
    for (int t = 0; t < order.length && words.size() < 3; t++) {
      int j = order[t];
      if (!(Math.abs(z[j]) >= NAME_THRESHOLD)) {
        break;
      }
      String column = columns.get(j);
      String[] pair = vocabulary.get(column);
      String w = pair != null ? pair[z[j] > 0 ? 0 : 1] : (z[j] > 0 ? "high " : "low ") + column;
      if (!words.contains(w)) {
        words.add(w);
      }
    }
    String name = words.isEmpty() ? "typical" : String.join(", ", words);
    if (!taken.add(name)) {
      name = name + " #" + segment;
      taken.add(name);
    }
    return name;
  }

  private void requireComputed() {
    if (segments == null) {
      throw new IllegalStateException("call compute() first");
    }
  }

  /**
   * Returns the profiled feature columns.
   *
   * @return the column names, in the order of every array of a profile
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * Returns the extra columns averaged per segment.
   *
   * @return their names, empty without extras
   */
  public List<String> extraColumns() {
    return extras == null ? List.of() : extras.columnNames();
  }

  /**
   * Returns the mean of every feature over all profiled customers.
   *
   * @return a new array
   * @throws IllegalStateException before {@link #compute()}
   */
  public double[] populationMean() {
    requireComputed();
    return populationMean.clone();
  }

  /**
   * Returns one profile per segment, in label order (a label no row carries gives a profile of size
   * 0).
   *
   * @return an unmodifiable list
   * @throws IllegalStateException before {@link #compute()}
   */
  public List<SegmentProfile> segments() {
    requireComputed();
    return segments;
  }

  /**
   * Returns the profile of the rows in no segment or flagged do-not-target, if there are any.
   *
   * @return the group, segment {@code -1}
   * @throws IllegalStateException before {@link #compute()}
   */
  public Optional<SegmentProfile> doNotTargetGroup() {
    requireComputed();
    return Optional.ofNullable(excluded);
  }

  /**
   * Formats the profiles: one block per segment with its name, size, share, states, extras, and one
   * line per feature (mean, median, z, lift, population mean).
   *
   * @return the text, ending with a line break
   * @throws IllegalStateException before {@link #compute()}
   */
  public String toText() {
    requireComputed();
    StringBuilder sb = new StringBuilder();
    List<SegmentProfile> all = new ArrayList<>(segments);
    if (excluded != null) {
      all.add(excluded);
    }
    for (SegmentProfile p : all) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%s \"%s\": %d customers (%.1f%%); most distinct: %s%n",
              p.segment() < 0 ? "group" : "segment " + p.segment(),
              p.name(),
              p.size(),
              100 * p.share(),
              String.join(", ", p.top())));
      if (p.stateCounts().length > 0) {
        int[] s = p.stateCounts();
        sb.append(
            String.format(
                Locale.ROOT,
                "  states: %d new, %d active, %d lapsing, %d churned%n",
                s[0],
                s[1],
                s[2],
                s[3]));
      }
      for (int e = 0; e < p.extraMeans().length; e++) {
        sb.append(
            String.format(
                Locale.ROOT, "  mean %s: %.4g%n", extras.columnNames().get(e), p.extraMeans()[e]));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-22s %12s %12s %8s %8s %12s%n",
              "feature",
              "mean",
              "median",
              "z",
              "lift",
              "all mean"));
      for (int j = 0; j < columns.size(); j++) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %-22s %12.4g %12.4g %8.2f %8.2f %12.4g%n",
                columns.get(j),
                p.mean()[j],
                p.median()[j],
                p.zScore()[j],
                p.lift()[j],
                populationMean[j]));
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "SegmentProfiles["
        + (segments == null ? "not computed" : segments.size() + " segments")
        + ", "
        + Objects.requireNonNullElse(columns, List.of())
        + "]";
  }
}
