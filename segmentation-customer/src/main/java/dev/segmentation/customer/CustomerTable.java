package dev.segmentation.customer;

import dev.segmentation.api.Dataset;
import java.time.LocalDate;
import java.util.List;

/**
 * One row per customer computed by {@link CustomerFeatures}: the features as a {@link Dataset} (row
 * ids are the customer ids), the business state of every customer, and the count of everything that
 * was left out. Immutable.
 */
public final class CustomerTable {
  private final Dataset data;
  private final BusinessState[] states;
  private final LocalDate asOf;
  private final int linesUsed;
  private final int linesAfterAsOf;
  private final int optedOutCustomers;
  private final int optedOutLines;
  private final int withoutPurchase;
  private final int[] thresholds;
  private final List<String> favourite;

  CustomerTable(
      List<String> favourite,
      Dataset data,
      BusinessState[] states,
      LocalDate asOf,
      int linesUsed,
      int linesAfterAsOf,
      int optedOutCustomers,
      int optedOutLines,
      int withoutPurchase,
      int[] thresholds) {
    this.data = data;
    this.states = states;
    this.asOf = asOf;
    this.linesUsed = linesUsed;
    this.linesAfterAsOf = linesAfterAsOf;
    this.optedOutCustomers = optedOutCustomers;
    this.optedOutLines = optedOutLines;
    this.withoutPurchase = withoutPurchase;
    this.thresholds = thresholds;
    this.favourite = favourite == null ? null : List.copyOf(favourite);
  }

  /**
   * Returns each customer's favourite category (of most spend), when the log had categories.
   *
   * @return one per customer, in row order
   */
  public java.util.Optional<List<String>> favouriteCategories() {
    return java.util.Optional.ofNullable(favourite);
  }

  /**
   * Returns the features with the favourite category as a categorical column {@code
   * favourite_category} (when the log had categories), for k-prototypes or Gower's distance.
   *
   * @return the mixed data set, row ids the customer ids
   */
  public dev.segmentation.api.MixedDataset mixed() {
    dev.segmentation.api.MixedDataset.Builder b = dev.segmentation.api.MixedDataset.builder(data);
    if (favourite != null) {
      b.categorical(FAVOURITE_CATEGORY, favourite.toArray(new String[0]));
    }
    return b.build();
  }

  /** The column name of the favourite category. */
  public static final String FAVOURITE_CATEGORY = "favourite_category";

  /**
   * Returns the features, one row per customer, row ids the customer ids, in order of the
   * customer's first line in the log.
   *
   * @return the data set
   */
  public Dataset dataset() {
    return data;
  }

  /**
   * Returns the customer ids, in row order.
   *
   * @return an unmodifiable list
   */
  public List<String> customerIds() {
    return data.rowIds().orElseThrow();
  }

  /**
   * Returns the business state of every customer, in row order.
   *
   * @return a new array
   */
  public BusinessState[] states() {
    return states.clone();
  }

  /**
   * Returns the as-of date.
   *
   * @return the date recency and tenure are measured to
   */
  public LocalDate asOf() {
    return asOf;
  }

  /**
   * Returns the number of customers (rows).
   *
   * @return n
   */
  public int numCustomers() {
    return states.length;
  }

  /**
   * Returns the lines the features were computed from.
   *
   * @return lines on or before the as-of date of customers who did not opt out
   */
  public int linesUsed() {
    return linesUsed;
  }

  /**
   * Returns the lines left out because they are dated after the as-of date.
   *
   * @return the count
   */
  public int linesAfterAsOf() {
    return linesAfterAsOf;
  }

  /**
   * Returns the customers of the log left out because they opted out.
   *
   * @return the count
   */
  public int optedOutCustomers() {
    return optedOutCustomers;
  }

  /**
   * Returns the lines of opted-out customers, all left out.
   *
   * @return the count
   */
  public int optedOutLines() {
    return optedOutLines;
  }

  /**
   * Returns the customers left out because they have no purchase on or before the as-of date.
   *
   * @return the count
   */
  public int customersWithoutPurchase() {
    return withoutPurchase;
  }

  /**
   * Counts the customers in each business state.
   *
   * @return counts indexed by {@link BusinessState#code()}
   */
  public int[] stateCounts() {
    int[] counts = new int[BusinessState.values().length];
    for (BusinessState s : states) {
      counts[s.code()]++;
    }
    return counts;
  }

  /**
   * Describes the table in one paragraph: customers, states, what was left out.
   *
   * @return the text
   */
  public String summary() {
    int[] c = stateCounts();
    return String.format(
        java.util.Locale.ROOT,
        "%d customers as of %s from %d lines (%d new, %d active, %d lapsing, %d churned;"
            + " new <= %d days, active <= %d, churned > %d); left out: %d lines after the"
            + " as-of date, %d opted-out customers (%d lines), %d customers without a purchase",
        states.length,
        asOf,
        linesUsed,
        c[0],
        c[1],
        c[2],
        c[3],
        thresholds[0],
        thresholds[1],
        thresholds[2],
        linesAfterAsOf,
        optedOutCustomers,
        optedOutLines,
        withoutPurchase);
  }

  @Override
  public String toString() {
    return "CustomerTable[" + states.length + " customers as of " + asOf + "]";
  }
}
