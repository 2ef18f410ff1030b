package dev.segmentation.customer;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.data.Rows;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a transaction log into one row per customer with behavioural features ({@link Feature}:
 * RFM, tenure, purchase pace and its steadiness, value volatility, discounts, returns, value-curve
 * shape, RFM quintile scores) and a business state. Formulas are on {@link Feature}.
 *
 * <pre>{@code
 * CustomerTable table = CustomerFeatures.asOf(LocalDate.of(1997, 12, 31))
 *     .features(Feature.RECENCY, Feature.FREQUENCY, Feature.MONETARY_TOTAL)
 *     .optOut(Set.of("00042"))
 *     .compute(log);
 * Dataset customers = table.dataset();   // row ids = customer ids
 * }</pre>
 *
 * <p><b>What is left out, and counted</b> ({@link CustomerTable}): lines dated after the as-of
 * date; every line of an opted-out customer (they appear in no output); customers with no purchase
 * on or before the as-of date (only returns, or only later lines).
 *
 * <p><b>Cost.</b> Two passes over the m lines (a counting sort by customer, then one walk), sorting
 * each customer's lines by day: O(m + sum of c log c) for c lines per customer, memory O(m) ints
 * plus the result. Mutable builder; one thread.
 */
public final class CustomerFeatures {
  private final LocalDate asOf;
  private EnumSet<Feature> features = EnumSet.complementOf(EnumSet.of(Feature.STATE));
  private final Set<String> optedOut = new HashSet<>();
  private NegativeQuantityPolicy negativeQuantities = NegativeQuantityPolicy.REJECT;
  private ScoreRule scoreRule = ScoreRule.SHARED_TIES;
  private int newDays = 90;
  private int activeDays = 90;
  private int churnDays = 365;
  private boolean categories = true;

  /** The most categories that get a share column; the rest share one {@code _other} column. */
  public static final int MAX_CATEGORY_SHARES = 20;

  /** The favourite category of a customer none of whose purchases has a category. */
  public static final String NO_CATEGORY = "(none)";

  private CustomerFeatures(LocalDate asOf) {
    this.asOf = asOf;
  }

  /**
   * Starts a computation as of a date: lines dated later are ignored (and counted), recency and
   * tenure are measured to it.
   *
   * @param date the as-of date, inclusive
   * @return a builder computing every feature but {@link Feature#STATE}
   */
  public static CustomerFeatures asOf(LocalDate date) {
    return new CustomerFeatures(Objects.requireNonNull(date, "asOf"));
  }

  /**
   * Chooses the features, in the order of {@link Feature} whatever the order given.
   *
   * @param chosen at least one feature
   * @return this builder
   * @throws InvalidOptionException if none is given
   */
  public CustomerFeatures features(Feature... chosen) {
    if (chosen.length == 0) {
      throw new InvalidOptionException("features", "[]", "must name at least one feature");
    }
    this.features = EnumSet.copyOf(Arrays.asList(chosen));
    return this;
  }

  /**
   * Leaves these customers out of the computation and out of every row of the result.
   *
   * @param customerIds ids of customers who opted out; ids not in the log are ignored
   * @return this builder
   */
  public CustomerFeatures optOut(Collection<String> customerIds) {
    optedOut.addAll(customerIds);
    return this;
  }

  /**
   * Says what a negative quantity on a line not flagged returned means.
   *
   * @param policy {@link NegativeQuantityPolicy#REJECT} (default) or {@code RETURN}
   * @return this builder
   */
  public CustomerFeatures negativeQuantities(NegativeQuantityPolicy policy) {
    this.negativeQuantities = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Chooses how the R, F and M quintile scores are given.
   *
   * @param rule the rule; default {@link ScoreRule#SHARED_TIES}
   * @return this builder
   */
  public CustomerFeatures scores(ScoreRule rule) {
    this.scoreRule = Objects.requireNonNull(rule, "rule");
    return this;
  }

  /**
   * Sets the thresholds of the business states, in days before the as-of date.
   *
   * @param newWithin a customer whose first purchase is at most this old is {@code NEW}; default 90
   * @param activeWithin a customer whose last purchase is at most this old is {@code ACTIVE};
   *     default 90
   * @param churnAfter a customer with no purchase for more than this is {@code CHURNED}, between
   *     the two {@code LAPSING}; default 365
   * @return this builder
   * @throws InvalidOptionException unless {@code 0 <= newWithin} and {@code 0 <= activeWithin <=
   *     churnAfter}
   */
  public CustomerFeatures states(int newWithin, int activeWithin, int churnAfter) {
    if (newWithin < 0 || activeWithin < 0 || churnAfter < activeWithin) {
      throw new InvalidOptionException(
          "states",
          newWithin + "/" + activeWithin + "/" + churnAfter,
          "must be new >= 0, 0 <= active <= churn days");
    }
    this.newDays = newWithin;
    this.activeDays = activeWithin;
    this.churnDays = churnAfter;
    return this;
  }

  /**
   * Chooses whether a log with a category column adds the category features: {@code
   * distinct_categories}, {@code category_share_<name>} (the share of the customer's spend on
   * categorised lines that went to that category) for the {@value #MAX_CATEGORY_SHARES} categories
   * of most spend overall (ties by name) and {@code category_share_other} for the rest, and the
   * favourite category (of most spend, ties to the smaller name; {@value #NO_CATEGORY} without a
   * category), which {@link CustomerTable#favouriteCategories()} and {@link CustomerTable#mixed()}
   * carry as a categorical column.
   *
   * @param include true (the default) to add them when the log has categories
   * @return this builder
   */
  public CustomerFeatures categories(boolean include) {
    this.categories = include;
    return this;
  }

  /**
   * Computes the table. See the class description for what is left out and the cost.
   *
   * @param log the transactions
   * @return one row per customer with a purchase on or before the as-of date
   * @throws InvalidDataException if a line has a negative quantity, is not flagged returned and the
   *     policy is {@code REJECT} (naming the line), or no customer is left
   */
  public CustomerTable compute(TransactionLog log) {
    Purchases purchases = Purchases.of(log, asOf, optedOut, negativeQuantities);
    int t = Math.toIntExact(asOf.toEpochDay());
    List<String> ids = purchases.customerIds();
    int n = ids.size();
    double[] raw = new double[n * Accumulator.WIDTH];
    Accumulator acc = new Accumulator(t);
    for (int c = 0; c < n; c++) {
      acc.customer(purchases, c, raw, c * Accumulator.WIDTH);
    }
    int after = purchases.linesAfter();
    if (n == 0) {
      throw new InvalidDataException(
          log.source
              + ": no customer has a purchase on or before "
              + asOf
              + " (lines after it: "
              + after
              + "); choose a later as-of date");
    }
    BusinessState[] states = new BusinessState[n];
    for (int r = 0; r < n; r++) {
      double recency = raw[r * Accumulator.WIDTH + Feature.RECENCY.slot()];
      double tenure = raw[r * Accumulator.WIDTH + Feature.TENURE.slot()];
      states[r] =
          tenure <= newDays
              ? BusinessState.NEW
              : recency <= activeDays
                  ? BusinessState.ACTIVE
                  : recency <= churnDays ? BusinessState.LAPSING : BusinessState.CHURNED;
      raw[r * Accumulator.WIDTH + Feature.STATE.slot()] = states[r].code();
    }
    quintiles(raw, n, Feature.RECENCY, Feature.R_SCORE, false, scoreRule);
    quintiles(raw, n, Feature.FREQUENCY, Feature.F_SCORE, true, scoreRule);
    quintiles(raw, n, Feature.MONETARY_TOTAL, Feature.M_SCORE, true, scoreRule);

    Feature[] chosen = features.toArray(new Feature[0]);
    List<String> names = new ArrayList<>();
    for (Feature f : chosen) {
      names.add(f.column());
    }
    double[] out = new double[n * chosen.length];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < chosen.length; j++) {
        out[r * chosen.length + j] = raw[r * Accumulator.WIDTH + chosen[j].slot()];
      }
    }
    List<String> favourite = null;
    if (categories && purchases.hasCategories()) {
      CategoryColumns cc = CategoryColumns.of(purchases);
      out = cc.append(out, n, chosen.length, names);
      favourite = cc.favourite;
    }
    Dataset data = Dataset.ofRowMajor(out, n, names).withRowIds(ids);
    return new CustomerTable(
        favourite,
        data,
        states,
        asOf,
        purchases.linesUsed(),
        after,
        purchases.optedOutCustomers(),
        purchases.optedOutLines(),
        purchases.withoutPurchase(),
        new int[] {newDays, activeDays, churnDays});
  }

  /**
   * Scores 1..5 on {@code source}, by {@code rule}. Values are compared as {@link #comparable}: to
   * a millionth, so sums of the same amounts in another order tie.
   */
  private static void quintiles(
      double[] raw, int n, Feature source, Feature target, boolean higherIsBetter, ScoreRule rule) {
    int w = Accumulator.WIDTH;
    double[] key = new double[n];
    for (int r = 0; r < n; r++) {
      double v = comparable(raw[r * w + source.slot()]);
      key[r] = higherIsBetter ? v : -v;
    }
    if (rule == ScoreRule.RANKS) {
      // rank from worst (1) to best (n), ties in order of appearance (a stable sort)
      int[] order = Rows.stableOrder(n, (a, b) -> Double.compare(key[a], key[b]));
      for (int rank = 1; rank <= n; rank++) {
        double score = n == 1 ? 1 : Math.max(1, Math.ceil(5.0 * (rank - 1) / (n - 1)));
        raw[order[rank - 1] * w + target.slot()] = score;
      }
      return;
    }
    double[] sorted = key.clone();
    Arrays.sort(sorted);
    for (int r = 0; r < n; r++) {
      int worse = lowerBound(sorted, key[r]);
      raw[r * w + target.slot()] = 1 + Math.floor(5.0 * worse / n);
    }
  }

  /** A value rounded to a millionth, so that rounding differences of sums compare equal. */
  static double comparable(double v) {
    return Math.rint(v * 1e6) / 1e6;
  }

  private static int lowerBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The category features of every customer: shares of the top categories, count, favourite. */
  private static final class CategoryColumns {
    final int[] shown;
    final boolean other;
    final List<String> favourite = new ArrayList<>();
    final Purchases p;

    private CategoryColumns(Purchases p, int[] shown, boolean other) {
      this.p = p;
      this.shown = shown;
      this.other = other;
    }

    static CategoryColumns of(Purchases p) {
      List<String> names = p.categoryNames();
      double[] total = new double[names.size()];
      for (int c = 0; c < p.customers(); c++) {
        for (int k = 0; k < p.categoryCount(c); k++) {
          total[p.category(c, k)] += p.categorySpend(c, k);
        }
      }
      Integer[] order = new Integer[names.size()];
      for (int g = 0; g < order.length; g++) {
        order[g] = g;
      }
      Arrays.sort(
          order,
          (a, b) ->
              total[a] != total[b]
                  ? Double.compare(total[b], total[a])
                  : names.get(a).compareTo(names.get(b)));
      int m = Math.min(MAX_CATEGORY_SHARES, order.length);
      int[] shown = new int[m];
      for (int r = 0; r < m; r++) {
        shown[r] = order[r];
      }
      return new CategoryColumns(p, shown, order.length > m);
    }

    /** Returns the rows widened by the category columns, whose names join {@code names}. */
    double[] append(double[] base, int n, int d, List<String> names) {
      List<String> cats = p.categoryNames();
      java.util.Set<String> taken = new java.util.HashSet<>(names);
      names.add(unique("distinct_categories", taken));
      for (int g : shown) {
        names.add(unique("category_share_" + cats.get(g), taken));
      }
      if (other) {
        names.add(unique("category_share_other", taken));
      }
      int width = d + 1 + shown.length + (other ? 1 : 0);
      double[] out = new double[n * width];
      int[] column = new int[cats.size()];
      Arrays.fill(column, -1);
      for (int r = 0; r < shown.length; r++) {
        column[shown[r]] = r;
      }
      for (int c = 0; c < n; c++) {
        System.arraycopy(base, c * d, out, c * width, d);
        int at = c * width + d;
        int count = p.categoryCount(c);
        out[at] = count;
        double sum = 0;
        int best = -1;
        double bestSpend = 0;
        for (int k = 0; k < count; k++) {
          sum += p.categorySpend(c, k);
        }
        for (int k = 0; k < count; k++) {
          int g = p.category(c, k);
          double v = p.categorySpend(c, k);
          double share = sum > 0 ? v / sum : 1.0 / count;
          int col = column[g] >= 0 ? at + 1 + column[g] : at + 1 + shown.length;
          out[col] += share;
          if (best < 0
              || v > bestSpend
              || (v == bestSpend && cats.get(g).compareTo(cats.get(best)) < 0)) {
            best = g;
            bestSpend = v;
          }
        }
        favourite.add(best < 0 ? NO_CATEGORY : cats.get(best));
      }
      return out;
    }

    private static String unique(String name, java.util.Set<String> taken) {
      String n = name;
      for (int i = 2; !taken.add(n); i++) {
        n = name + "_" + i;
      }
      return n;
    }
  }

  /** Fills every raw feature of one customer from their purchases. */
  private static final class Accumulator {
    static final int WIDTH = 16;
    private final int t;

    Accumulator(int t) {
      this.t = t;
    }

    void customer(Purchases p, int c, double[] v, int at) {
      int purchases = p.count(c);
      double returnedValue = p.returnedValue(c);
      double discounts = p.discounts(c);
      double gross = 0;
      for (int k = 0; k < purchases; k++) {
        gross += p.value(c, k);
      }
      int t1 = p.day(c, 0);
      int tf = p.day(c, purchases - 1);
      double tenure = t - t1;
      v[at + Feature.RECENCY.slot()] = t - tf;
      v[at + Feature.FREQUENCY.slot()] = purchases;
      v[at + Feature.MONETARY_TOTAL.slot()] = gross - returnedValue;
      v[at + Feature.MONETARY_MEAN.slot()] = gross / purchases;
      v[at + Feature.TENURE.slot()] = tenure;
      double meanGap = purchases > 1 ? (double) (tf - t1) / (purchases - 1) : tenure;
      v[at + Feature.INTERPURCHASE_MEAN.slot()] = meanGap;
      if (purchases > 2 && meanGap > 0) {
        double ss = 0;
        for (int k = 1; k < purchases; k++) {
          double g = p.day(c, k) - p.day(c, k - 1) - meanGap;
          ss += g * g;
        }
        v[at + Feature.INTERPURCHASE_CV.slot()] = Math.sqrt(ss / (purchases - 1)) / meanGap;
      }
      double meanValue = gross / purchases;
      if (purchases > 1 && meanValue != 0) {
        double ss = 0;
        for (int k = 0; k < purchases; k++) {
          ss += (p.value(c, k) - meanValue) * (p.value(c, k) - meanValue);
        }
        v[at + Feature.ORDER_VALUE_CV.slot()] = Math.sqrt(ss / purchases) / Math.abs(meanValue);
      }
      v[at + Feature.DISCOUNT_SHARE.slot()] =
          gross + discounts > 0 ? discounts / (gross + discounts) : 0;
      v[at + Feature.RETURN_RATE.slot()] =
          gross > 0 ? returnedValue / gross : returnedValue > 0 ? 1 : 0;
      v[at + Feature.MARGIN_RATE.slot()] =
          gross + discounts > 0 ? (gross - returnedValue - p.costs(c)) / (gross + discounts) : 0;
      double early = 0;
      double cutoff = t1 + tenure / 4;
      for (int k = 0; k < purchases && p.day(c, k) <= cutoff; k++) {
        early += p.value(c, k);
      }
      v[at + Feature.FIRST_QUARTER_SHARE.slot()] = tenure == 0 || gross == 0 ? 1 : early / gross;
    }
  }
}
