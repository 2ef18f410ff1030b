package dev.segmentation.customer.profile;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.customer.BusinessState;
import dev.segmentation.customer.Feature;
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
 * segment. Rows labelled {@code -1} (DBSCAN noise) and rows flagged atypical form a group of their
 * own and are left out of the segments.
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
 * words already used, up to three; "typical" when no feature stands out. Names never contradict the
 * segment's customers: a segment whose median customer bought once starts with "one-time buyers"
 * and says nothing of pace (their gap is only the time since that purchase); with states, the state
 * at least half the segment is in leads the name ("churned, ...") in place of the recency words,
 * and a lapsing or churned segment is not called "quick to return". A name that another segment
 * already has gets {@code " #<segment>"} appended.
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
  private boolean[] atypical;
  private final Map<String, String[]> vocabulary = new HashMap<>(BUILT_IN);

  private final List<String> columns;
  private List<String> extraColumns = List.of();
  private List<SegmentProfile> segments;
  private SegmentProfile excluded;
  private double[] populationMean;

  /** Given statistics (from {@link #ofStatistics}), or null when profiling a data set. */
  private Given given;

  private SegmentProfiles(Dataset data, int[] labels) {
    this.data = data;
    this.labels = labels.clone();
    this.columns = data.columnNames();
  }

  private SegmentProfiles(List<String> columns, List<String> extraColumns, Given given) {
    this.data = null;
    this.labels = new int[0];
    this.columns = List.copyOf(columns);
    this.extraColumns = List.copyOf(extraColumns);
    this.given = given;
  }

  /** The population and per-group statistics of {@link #ofStatistics}. */
  private static final class Given {
    final long rows;
    final double[] mean;
    final double[] sd;
    final List<Statistics> segments;
    final Statistics outside;

    Given(long rows, double[] mean, double[] sd, List<Statistics> segments, Statistics outside) {
      this.rows = rows;
      this.mean = mean;
      this.sd = sd;
      this.segments = segments;
      this.outside = outside;
    }
  }

  /**
   * The numbers a profile is derived from, for one group of customers: its size and, per feature,
   * mean and median in original units; means of the extra columns; counts per business state. Made
   * by whoever aggregated the rows (for example Spark, in the {@code segmentation-spark} module).
   * Immutable.
   */
  public static final class Statistics {
    private final int segment;
    private final long size;
    private final double[] mean;
    private final double[] median;
    private final double[] extraMeans;
    private final int[] stateCounts;

    /**
     * Creates the statistics of one group.
     *
     * @param segment the segment label, or {@code -1} for the rows in no segment or not to target
     * @param size the number of rows in the group
     * @param mean the mean of every feature (NaN for an empty group); copied
     * @param median the median of every feature (mean of the two middle values for an even size);
     *     copied
     * @param extraMeans the mean of every extra column; copied
     * @param stateCounts rows per {@link BusinessState#code()}, or an empty array; copied
     * @throws IllegalArgumentException if the size is negative or the mean and median lengths
     *     differ
     */
    public Statistics(
        int segment,
        long size,
        double[] mean,
        double[] median,
        double[] extraMeans,
        int[] stateCounts) {
      if (size < 0 || mean.length != median.length) {
        throw new IllegalArgumentException(
            "size " + size + " with " + mean.length + " means and " + median.length + " medians");
      }
      this.segment = segment;
      this.size = size;
      this.mean = mean.clone();
      this.median = median.clone();
      this.extraMeans = extraMeans.clone();
      this.stateCounts = stateCounts.clone();
    }
  }

  /**
   * Starts profiling from statistics aggregated elsewhere (the rows never come to this JVM). Call
   * {@link #words} if needed, then {@link #compute()}: z-scores, lifts, top features and names are
   * derived exactly as for a data set, so the same rows give the same profiles.
   *
   * @param columns the profiled feature columns
   * @param extraColumns the extra columns averaged per group, or an empty list
   * @param rows the number of profiled rows, all groups together
   * @param populationMean the mean of every feature over all rows
   * @param populationSd the population standard deviation (divisor {@code rows}) of every feature
   * @param segments one entry per segment label {@code 0 .. k-1}, in label order
   * @param outside the rows in no segment or not to target, or null when there are none
   * @return a builder
   * @throws DimensionMismatchException if an array's length disagrees with the columns, or a
   *     segment's label is not its position
   */
  public static SegmentProfiles ofStatistics(
      List<String> columns,
      List<String> extraColumns,
      long rows,
      double[] populationMean,
      double[] populationSd,
      List<Statistics> segments,
      Statistics outside) {
    int d = columns.size();
    if (populationMean.length != d || populationSd.length != d) {
      throw new DimensionMismatchException(
          "population statistics of length "
              + populationMean.length
              + " and "
              + populationSd.length
              + " for "
              + d
              + " columns");
    }
    List<Statistics> all = new ArrayList<>(segments);
    if (outside != null) {
      all.add(outside);
    }
    for (int i = 0; i < all.size(); i++) {
      Statistics g = all.get(i);
      if (g.mean.length != d || g.extraMeans.length != extraColumns.size()) {
        throw new DimensionMismatchException(
            "group "
                + g.segment
                + " has "
                + g.mean.length
                + " means and "
                + g.extraMeans.length
                + " extra means for "
                + d
                + " columns and "
                + extraColumns.size()
                + " extra columns");
      }
      if (i < segments.size() && g.segment != i) {
        throw new DimensionMismatchException(
            "segment statistics must come in label order: position " + i + " holds " + g.segment);
      }
    }
    return new SegmentProfiles(
        columns,
        extraColumns,
        new Given(
            rows, populationMean.clone(), populationSd.clone(), List.copyOf(segments), outside));
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
   * @throws IllegalStateException for profiles built from statistics
   */
  public SegmentProfiles extras(Dataset values) {
    requireData("extras");
    if (values.numRows() != data.numRows()) {
      throw new DimensionMismatchException(
          "extras have " + values.numRows() + " rows for " + data.numRows() + " customers");
    }
    this.extras = values;
    this.extraColumns = values.columnNames();
    return this;
  }

  /**
   * Counts business states per segment.
   *
   * @param perRow the state of every row
   * @return this builder
   * @throws DimensionMismatchException if the length differs
   * @throws IllegalStateException for profiles built from statistics
   */
  public SegmentProfiles states(BusinessState[] perRow) {
    requireData("states");
    if (perRow.length != data.numRows()) {
      throw new DimensionMismatchException(
          perRow.length + " states for " + data.numRows() + " customers");
    }
    this.states = perRow.clone();
    return this;
  }

  /**
   * Moves flagged rows (atypical customers to review, such as those far from their segment) out of
   * their segments into their own group: a flag for a closer look, not an exclusion.
   *
   * @param flags one flag per row
   * @return this builder
   * @throws DimensionMismatchException if the length differs
   * @throws IllegalStateException for profiles built from statistics
   */
  public SegmentProfiles atypical(boolean[] flags) {
    requireData("atypical");
    if (flags.length != data.numRows()) {
      throw new DimensionMismatchException(
          flags.length + " flags for " + data.numRows() + " customers");
    }
    this.atypical = flags.clone();
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
   * @return this, with {@link #segments()} and {@link #atypicalGroup()} filled
   * @throws InvalidDataException if a label is below -1
   */
  public SegmentProfiles compute() {
    if (given != null) {
      populationMean = given.mean.clone();
      Set<String> names = new HashSet<>();
      List<SegmentProfile> out = new ArrayList<>();
      for (Statistics g : given.segments) {
        out.add(derive(g, given.rows, given.sd, names));
      }
      this.segments = List.copyOf(out);
      this.excluded =
          given.outside == null ? null : derive(given.outside, given.rows, given.sd, null);
      return this;
    }
    int n = data.numRows();
    int d = columns.size();
    int k = 0;
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      if (labels[i] < -1) {
        throw new InvalidDataException("row " + i + ": label " + labels[i] + " is below -1");
      }
      group[i] = atypical != null && atypical[i] ? -1 : labels[i];
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
      out.add(derive(statistics(c, group, x, n, d), n, sd, names));
    }
    this.segments = List.copyOf(out);
    int outside = 0;
    for (int g : group) {
      outside += g < 0 ? 1 : 0;
    }
    this.excluded = outside == 0 ? null : derive(statistics(-1, group, x, n, d), n, sd, null);
    return this;
  }

  private Statistics statistics(int c, int[] group, double[] x, int n, int d) {
    int size = 0;
    for (int g : group) {
      size += g == c ? 1 : 0;
    }
    double[] mean = new double[d];
    double[] median = new double[d];
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
    }
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
    return new Statistics(c, size, mean, median, extraMeans, stateCounts);
  }

  /** z-scores, lifts, top features and the name of one group, from its statistics. */
  private SegmentProfile derive(Statistics g, long n, double[] sd, Set<String> names) {
    int d = columns.size();
    double[] mean = g.mean;
    double[] z = new double[d];
    double[] lift = new double[d];
    for (int j = 0; j < d; j++) {
      z[j] = g.size == 0 ? Double.NaN : sd[j] > 0 ? (mean[j] - populationMean[j]) / sd[j] : 0;
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
    String name = g.segment < 0 ? "atypical, to review" : name(order, z, g, names);
    return new SegmentProfile(
        g.segment,
        name,
        Math.toIntExact(g.size),
        (double) g.size / n,
        mean,
        g.median,
        z,
        lift,
        List.copyOf(top),
        g.extraMeans,
        g.stateCounts);
  }

  private static double abs(double v) {
    return Double.isNaN(v) ? -1 : Math.abs(v);
  }

  private String name(Integer[] order, double[] z, Statistics g, Set<String> taken) {
    List<String> words = new ArrayList<>();
    // Words that the segment's own customers would contradict are not used: a segment whose
    // median customer bought once is "one-time buyers" (their gap is only the days since that
    // purchase, so pace words say nothing), and where the states are known the state most of the
    // segment is in replaces the recency words ("quick to return" is not said of a churned one).
    Set<String> unsaid = new HashSet<>();
    int f = columns.indexOf(Feature.FREQUENCY.column());
    if (f >= 0 && g.size > 0 && g.median[f] <= 1) {
      words.add("one-time buyers");
      unsaid.addAll(
          List.of(
              Feature.FREQUENCY.column(),
              Feature.F_SCORE.column(),
              Feature.INTERPURCHASE_MEAN.column(),
              Feature.INTERPURCHASE_CV.column(),
              Feature.ORDER_VALUE_CV.column()));
    }
    BusinessState majority = majority(g);
    if (majority != null) {
      words.add(0, majority.name().toLowerCase(Locale.ROOT));
      unsaid.addAll(List.of(Feature.RECENCY.column(), Feature.R_SCORE.column()));
      if (majority == BusinessState.LAPSING || majority == BusinessState.CHURNED) {
        unsaid.add(Feature.INTERPURCHASE_MEAN.column());
      }
    }
    int said = 0;
    for (int t = 0; t < order.length && said < 3; t++) {
      int j = order[t];
      if (!(Math.abs(z[j]) >= NAME_THRESHOLD)) {
        break;
      }
      String column = columns.get(j);
      if (unsaid.contains(column)) {
        continue;
      }
      String[] pair = vocabulary.get(column);
      String w = pair != null ? pair[z[j] > 0 ? 0 : 1] : (z[j] > 0 ? "high " : "low ") + column;
      if (!words.contains(w)) {
        words.add(w);
        said++;
      }
    }
    String name = words.isEmpty() ? "typical" : String.join(", ", words);
    if (!taken.add(name)) {
      name = name + " #" + g.segment;
      taken.add(name);
    }
    return name;
  }

  /** The state more than half of the group is in, or null (no states, or none has a majority). */
  private static BusinessState majority(Statistics g) {
    if (g.stateCounts == null || g.size == 0) {
      return null;
    }
    for (BusinessState b : BusinessState.values()) {
      if (b.code() < g.stateCounts.length && 2L * g.stateCounts[b.code()] > g.size) {
        return b;
      }
    }
    return null;
  }

  private void requireData(String what) {
    if (given != null) {
      throw new IllegalStateException(
          what + "() needs the rows: profiles built from statistics already hold their groups");
    }
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
    return extraColumns;
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
   * Returns the profile of the rows in no segment or flagged atypical, if there are any.
   *
   * @return the group, segment {@code -1}
   * @throws IllegalStateException before {@link #compute()}
   */
  public Optional<SegmentProfile> atypicalGroup() {
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
                Locale.ROOT, "  mean %s: %.4g%n", extraColumns.get(e), p.extraMeans()[e]));
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
