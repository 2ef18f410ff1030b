package dev.segmentation.customer.propensity;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.customer.CustomerFeatures;
import dev.segmentation.customer.CustomerTable;
import dev.segmentation.customer.Feature;
import dev.segmentation.customer.NegativeQuantityPolicy;
import dev.segmentation.customer.Purchases;
import dev.segmentation.customer.TransactionLog;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One labelled window of a log: the customers' features as of a cutoff date c ({@link
 * CustomerFeatures}, which reads no line after c) and what each did in (c, c + h]: purchased (at
 * least one purchase, counted as {@link Purchases} counts them), repeat (at least two), churn (no
 * purchase), returned (a returned or refunded line) and discount (a sale line with a discount). The
 * customers are those with a purchase on or before c; opted-out customers are in neither part. A
 * window that runs past the log's last day, or a cutoff with nothing after it, is an error: its
 * labels would call customers churned for lack of data. Immutable.
 *
 * <pre>{@code
 * LabelledWindow w = LabelledWindow.at(LocalDate.of(1997, 12, 31), 90).compute(log);
 * LogisticRegression m = LogisticRegression.fitter().c(1).fit(w.features().dataset(),
 *     w.labels(LabelledWindow.Target.PURCHASE));
 * }</pre>
 */
public final class LabelledWindow {
  /** What a propensity predicts. */
  public enum Target {
    /** At least one purchase in the window. */
    PURCHASE,
    /** At least two purchases in the window. */
    REPEAT,
    /** No purchase in the window. */
    CHURN,
    /** A returned or refunded line in the window. */
    RETURN,
    /** A sale line with a discount in the window. */
    DISCOUNT
  }

  private final CustomerTable features;
  private final Map<Target, int[]> labels;
  private final LocalDate cutoff;
  private final int horizon;

  private LabelledWindow(
      CustomerTable features, Map<Target, int[]> labels, LocalDate cutoff, int horizon) {
    this.features = features;
    this.labels = labels;
    this.cutoff = cutoff;
    this.horizon = horizon;
  }

  /**
   * Starts a window.
   *
   * @param cutoff the last day the features see
   * @param horizonDays the window's length in days, {@code >= 1}
   * @return a builder (every feature but the state, nobody opted out)
   * @throws InvalidOptionException if the horizon is not positive
   */
  public static Builder at(LocalDate cutoff, int horizonDays) {
    if (horizonDays < 1) {
      throw new InvalidOptionException("horizon", horizonDays + " days", "must be at least 1 day");
    }
    return new Builder(Objects.requireNonNull(cutoff, "cutoff"), horizonDays);
  }

  /**
   * Returns the features as of the cutoff.
   *
   * @return the table (row ids = customer ids)
   */
  public CustomerTable features() {
    return features;
  }

  /**
   * Returns one target's labels, in the order of the features' rows.
   *
   * @param target the target
   * @return 1 where the customer had the event, 0 otherwise (a copy)
   */
  public int[] labels(Target target) {
    return labels.get(Objects.requireNonNull(target, "target")).clone();
  }

  /**
   * Returns the cutoff.
   *
   * @return the last day the features see
   */
  public LocalDate cutoff() {
    return cutoff;
  }

  /**
   * Returns the horizon.
   *
   * @return days after the cutoff the labels look at
   */
  public int horizonDays() {
    return horizon;
  }

  /** Builds a window from a log. */
  public static final class Builder {
    private final LocalDate cutoff;
    private final int horizon;
    private Feature[] chosen;
    private final Set<String> optOut = new HashSet<>();
    private NegativeQuantityPolicy negativeQuantities = NegativeQuantityPolicy.REJECT;

    private Builder(LocalDate cutoff, int horizon) {
      this.cutoff = cutoff;
      this.horizon = horizon;
    }

    /**
     * Chooses the features.
     *
     * @param features at least one
     * @return this builder
     */
    public Builder features(Feature... features) {
      this.chosen = features.clone();
      return this;
    }

    /**
     * Leaves customers out of both the features and the labels.
     *
     * @param customerIds ids of customers who opted out
     * @return this builder
     */
    public Builder optOut(Collection<String> customerIds) {
      optOut.addAll(Objects.requireNonNull(customerIds, "customerIds"));
      return this;
    }

    /**
     * Chooses what a negative quantity on a line not flagged returned means.
     *
     * @param policy the policy; default reject
     * @return this builder
     */
    public Builder negativeQuantities(NegativeQuantityPolicy policy) {
      this.negativeQuantities = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Computes the window.
     *
     * @param log the transactions
     * @return the features and labels
     * @throws InvalidDataException if the log has nothing after the cutoff or ends before the
     *     window does, naming the dates
     */
    public LabelledWindow compute(TransactionLog log) {
      long last = Long.MIN_VALUE;
      for (int i = 0; i < log.size(); i++) {
        last = Math.max(last, log.epochDayOf(i));
      }
      long c = cutoff.toEpochDay();
      long end = c + horizon;
      if (last <= c) {
        throw new InvalidDataException(
            "the log ends on "
                + (log.size() == 0 ? "no day" : LocalDate.ofEpochDay(last).toString())
                + ", not after the cutoff "
                + cutoff
                + ": there is nothing to label; choose an earlier cutoff");
      }
      if (last < end) {
        throw new InvalidDataException(
            "the window ("
                + cutoff
                + ", "
                + LocalDate.ofEpochDay(end)
                + "] runs past the log's last day "
                + LocalDate.ofEpochDay(last)
                + ": customers would count as churned for lack of data; choose a cutoff at least "
                + horizon
                + " days before it or a shorter horizon");
      }
      CustomerFeatures f =
          CustomerFeatures.asOf(cutoff).optOut(optOut).negativeQuantities(negativeQuantities);
      if (chosen != null) {
        f.features(chosen);
      }
      CustomerTable table = f.compute(log);
      Purchases p = Purchases.of(log, LocalDate.ofEpochDay(end), optOut, negativeQuantities);
      Map<String, Integer> windowPurchases = new HashMap<>();
      for (int k = 0; k < p.customers(); k++) {
        int count = 0;
        for (int q = 0; q < p.count(k); q++) {
          count += p.day(k, q) > c ? 1 : 0;
        }
        windowPurchases.put(p.customerIds().get(k), count);
      }
      Set<String> returned = new HashSet<>();
      Set<String> discounted = new HashSet<>();
      for (int i = 0; i < log.size(); i++) {
        int d = log.epochDayOf(i);
        if (d <= c || d > end) {
          continue;
        }
        boolean back = log.returnedOf(i) || log.amountOf(i) < 0;
        if (back) {
          returned.add(log.customerOf(i));
        } else if (log.discountOf(i) > 0) {
          discounted.add(log.customerOf(i));
        }
      }
      List<String> ids = table.customerIds();
      int n = ids.size();
      Map<Target, int[]> labels = new java.util.EnumMap<>(Target.class);
      for (Target t : Target.values()) {
        labels.put(t, new int[n]);
      }
      for (int i = 0; i < n; i++) {
        String id = ids.get(i);
        int bought = windowPurchases.getOrDefault(id, 0);
        labels.get(Target.PURCHASE)[i] = bought >= 1 ? 1 : 0;
        labels.get(Target.REPEAT)[i] = bought >= 2 ? 1 : 0;
        labels.get(Target.CHURN)[i] = bought == 0 ? 1 : 0;
        labels.get(Target.RETURN)[i] = returned.contains(id) ? 1 : 0;
        labels.get(Target.DISCOUNT)[i] = discounted.contains(id) ? 1 : 0;
      }
      return new LabelledWindow(table, labels, cutoff, horizon);
    }
  }
}
