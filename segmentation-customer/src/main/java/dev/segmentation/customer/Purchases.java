package dev.segmentation.customer;

import dev.segmentation.api.InvalidDataException;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A log's purchases per customer, as every customer measure counts them: one purchase is the run of
 * lines with one order id, or a customer's lines of one day where lines have no order id; returns
 * and refunds (lines flagged returned, negative amounts, negative quantities under {@link
 * NegativeQuantityPolicy#RETURN}) are not purchases but their value is kept per customer. Lines
 * after a date and every line of an opted-out customer are left out and counted. {@link
 * CustomerFeatures} and the buy-till-you-die summary ({@code dev.segmentation.customer.clv}) both
 * start from here, so a frequency means the same thing in both.
 *
 * <p>Cost: a counting sort of the m lines by customer and a sort of each customer's lines by day
 * and order: O(m + sum of c log c) for c lines per customer; memory O(m). Immutable.
 */
public final class Purchases {
  private final List<String> ids;
  private final int[] start;
  private final int[] day;
  private final double[] value;
  private final double[] returned;
  private final double[] discounts;
  private final double[] costs;
  private final int linesUsed;
  private final int linesAfter;
  private final int optedOutCustomers;
  private final int optedOutLines;
  private final int withoutPurchase;
  private final List<String> categoryNames;
  private final int[] categoryStart;
  private final int[] categoryCode;
  private final double[] categoryValue;

  private Purchases(Walk w) {
    this.categoryNames = w.log.categoryNames;
    this.categoryStart =
        w.categoryStart == null ? null : Arrays.copyOf(w.categoryStart, w.customers + 1);
    this.categoryCode = w.categoryCode == null ? null : w.categoryCode.toIntArray();
    this.categoryValue = w.categoryValue == null ? null : w.categoryValue.toDoubleArray();
    this.ids = List.copyOf(w.ids);
    this.start = Arrays.copyOf(w.start, w.customers + 1);
    this.day = Arrays.copyOf(w.day, w.purchases);
    this.value = Arrays.copyOf(w.value, w.purchases);
    this.returned = Arrays.copyOf(w.returned, w.customers);
    this.discounts = Arrays.copyOf(w.discounts, w.customers);
    this.costs = Arrays.copyOf(w.costs, w.customers);
    this.linesUsed = w.linesUsed;
    this.linesAfter = w.linesAfter;
    this.optedOutCustomers = w.optedOutCustomers;
    this.optedOutLines = w.optedOutLines;
    this.withoutPurchase = w.withoutPurchase;
  }

  /**
   * Groups a log's lines into purchases, per customer.
   *
   * @param log the transactions
   * @param until the last day kept, inclusive
   * @param optOut ids of customers left out entirely (not null; may be empty)
   * @param negativeQuantities what a negative quantity on a line not flagged returned means
   * @return the customers with at least one purchase on or before {@code until}, in order of first
   *     appearance in the log
   * @throws InvalidDataException if a line has a negative quantity, is not flagged returned and the
   *     policy is {@code REJECT}, naming the line
   */
  public static Purchases of(
      TransactionLog log,
      LocalDate until,
      Collection<String> optOut,
      NegativeQuantityPolicy negativeQuantities) {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(negativeQuantities, "negativeQuantities");
    Set<String> out = optOut instanceof Set<String> s ? s : new HashSet<>(optOut);
    long last = until.toEpochDay();
    int t = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, last));
    return new Purchases(new Walk(log, t, out, negativeQuantities));
  }

  /**
   * Returns the number of customers with a purchase.
   *
   * @return the count
   */
  public int customers() {
    return ids.size();
  }

  /**
   * Returns the customers' ids.
   *
   * @return an unmodifiable list, index {@code c} for customer {@code c}
   */
  public List<String> customerIds() {
    return ids;
  }

  /**
   * Returns how many purchases a customer made.
   *
   * @param c the customer, in {@code [0, customers())}
   * @return at least 1
   */
  public int count(int c) {
    return start[c + 1] - start[c];
  }

  /**
   * Returns the day of one purchase, in epoch days; a customer's purchases are in date order.
   *
   * @param c the customer
   * @param p the purchase, in {@code [0, count(c))}
   * @return days since 1970-01-01
   */
  public int day(int c, int p) {
    return day[start[c] + p];
  }

  /**
   * Returns the value of one purchase: the sum of its sale lines' amounts.
   *
   * @param c the customer
   * @param p the purchase
   * @return the value
   */
  public double value(int c, int p) {
    return value[start[c] + p];
  }

  /**
   * Returns the value a customer returned or was refunded (absolute amounts).
   *
   * @param c the customer
   * @return {@code >= 0}
   */
  public double returnedValue(int c) {
    return returned[c];
  }

  /**
   * Returns the discounts on a customer's sale lines.
   *
   * @param c the customer
   * @return {@code >= 0}
   */
  public double discounts(int c) {
    return discounts[c];
  }

  /**
   * Returns the cost of goods on a customer's sale lines (0 without a cost column).
   *
   * @param c the customer's index
   * @return {@code >= 0}
   */
  public double costs(int c) {
    return costs[c];
  }

  /**
   * Returns the lines used (on or before the date, not opted out).
   *
   * @return a count
   */
  public int linesUsed() {
    return linesUsed;
  }

  /**
   * Returns the lines dated after the date, left out.
   *
   * @return a count
   */
  public int linesAfter() {
    return linesAfter;
  }

  /**
   * Returns the opted-out customers found in the log.
   *
   * @return a count
   */
  public int optedOutCustomers() {
    return optedOutCustomers;
  }

  /**
   * Returns the lines of opted-out customers, left out.
   *
   * @return a count
   */
  public int optedOutLines() {
    return optedOutLines;
  }

  /**
   * Returns the customers left out for having no purchase on or before the date (only returns, or
   * only later lines).
   *
   * @return a count
   */
  public int withoutPurchase() {
    return withoutPurchase;
  }

  /** The one pass that builds the arrays. */
  /**
   * Returns whether the log had a category column with at least one category.
   *
   * @return true if {@link #categorySpend} has anything to say
   */
  public boolean hasCategories() {
    return categoryStart != null && !categoryNames.isEmpty();
  }

  /**
   * Returns the log's categories, in order of first appearance; codes index this list.
   *
   * @return an unmodifiable list, empty without a category column
   */
  public List<String> categoryNames() {
    return categoryNames;
  }

  /**
   * Returns how many categories a customer bought from (sale lines with a category).
   *
   * @param c the customer
   * @return 0 without categories
   */
  public int categoryCount(int c) {
    return categoryStart == null ? 0 : categoryStart[c + 1] - categoryStart[c];
  }

  /**
   * Returns one of a customer's categories, in order of first purchase from it.
   *
   * @param c the customer
   * @param k in {@code [0, categoryCount(c))}
   * @return the category code, an index into {@link #categoryNames()}
   */
  public int category(int c, int k) {
    return categoryCode[categoryStart[c] + k];
  }

  /**
   * Returns the value of a customer's sale lines in one of their categories.
   *
   * @param c the customer
   * @param k in {@code [0, categoryCount(c))}
   * @return the summed amounts of those lines
   */
  public double categorySpend(int c, int k) {
    return categoryValue[categoryStart[c] + k];
  }

  private static final class Walk {
    final List<String> ids = new ArrayList<>();
    int[] categoryStart;
    it.unimi.dsi.fastutil.ints.IntArrayList categoryCode;
    it.unimi.dsi.fastutil.doubles.DoubleArrayList categoryValue;

    /** Per category, where this customer's spend on it sits in the lists, or -1. */
    int[] slot;

    int[] start;
    int[] day;
    double[] value;
    double[] returned;
    double[] discounts;
    double[] costs;
    int customers;
    int purchases;
    int linesUsed;
    int linesAfter;
    int optedOutCustomers;
    int optedOutLines;
    int withoutPurchase;
    private final TransactionLog log;
    private final NegativeQuantityPolicy policy;

    Walk(TransactionLog log, int t, Set<String> optOut, NegativeQuantityPolicy policy) {
      this.log = log;
      this.policy = policy;
      int m = log.size();
      int all = log.customerIds.size();
      boolean[] excluded = new boolean[all];
      for (int c = 0; c < all; c++) {
        if (optOut.contains(log.customerIds.get(c))) {
          excluded[c] = true;
          optedOutCustomers++;
        }
      }
      // counting sort of the usable lines by customer
      int[] from = new int[all + 1];
      for (int i = 0; i < m; i++) {
        if (excluded[log.customer[i]]) {
          optedOutLines++;
        } else if (log.day[i] > t) {
          linesAfter++;
        } else {
          from[log.customer[i] + 1]++;
        }
      }
      for (int c = 0; c < all; c++) {
        from[c + 1] += from[c];
      }
      int[] idx = new int[from[all]];
      linesUsed = idx.length;
      int[] fill = Arrays.copyOf(from, all);
      for (int i = 0; i < m; i++) {
        if (!excluded[log.customer[i]] && log.day[i] <= t) {
          idx[fill[log.customer[i]]++] = i;
        }
      }
      if (log.category != null) {
        categoryStart = new int[all + 1];
        categoryCode = new it.unimi.dsi.fastutil.ints.IntArrayList();
        categoryValue = new it.unimi.dsi.fastutil.doubles.DoubleArrayList();
        slot = new int[log.categoryNames.size()];
        Arrays.fill(slot, -1);
      }
      start = new int[all + 1];
      day = new int[idx.length];
      value = new double[idx.length];
      returned = new double[all];
      discounts = new double[all];
      costs = new double[all];
      for (int c = 0; c < all; c++) {
        if (excluded[c]) {
          continue;
        }
        if (from[c] == from[c + 1]) {
          withoutPurchase++;
          continue;
        }
        sortByDayAndOrder(idx, from[c], from[c + 1]);
        customer(idx, from[c], from[c + 1], c);
      }
    }

    /** Groups one customer's sorted lines into purchases; a customer without one is dropped. */
    private void customer(int[] idx, int from, int to, int c) {
      int first = purchases;
      double back = 0;
      double off = 0;
      double spent = 0;
      int i = from;
      while (i < to) {
        int head = idx[i];
        double sale = 0;
        boolean anySale = false;
        int j = i;
        while (j < to && sameOrder(head, idx[j])) {
          int line = idx[j];
          double a = log.amount[line];
          if (isReturn(line)) {
            back += Math.abs(a);
          } else {
            sale += a;
            anySale = true;
            off += log.discount == null ? 0 : log.discount[line];
            spent += log.cost == null ? 0 : log.cost[line];
            if (log.category != null && log.category[line] >= 0) {
              int g = log.category[line];
              if (slot[g] < 0) {
                slot[g] = categoryCode.size();
                categoryCode.add(g);
                categoryValue.add(0);
              }
              categoryValue.set(slot[g], categoryValue.getDouble(slot[g]) + a);
            }
          }
          j++;
        }
        if (anySale) {
          day[purchases] = log.day[head];
          value[purchases] = sale;
          purchases++;
        }
        i = j;
      }
      int categoriesFrom = categoryStart == null ? 0 : categoryStart[customers];
      if (categoryCode != null) {
        for (int k = categoriesFrom; k < categoryCode.size(); k++) {
          slot[categoryCode.getInt(k)] = -1;
        }
      }
      if (purchases == first) {
        withoutPurchase++;
        if (categoryCode != null) {
          // a customer with returns only: their category lines go too
          categoryCode.size(categoriesFrom);
          categoryValue.size(categoriesFrom);
        }
        return;
      }
      if (categoryStart != null) {
        categoryStart[customers + 1] = categoryCode.size();
      }
      ids.add(log.customerIds.get(c));
      returned[customers] = back;
      discounts[customers] = off;
      costs[customers] = spent;
      customers++;
      start[customers] = purchases;
    }

    private boolean sameOrder(int a, int b) {
      if (log.order != null && log.order[a] >= 0 && log.order[b] >= 0) {
        return log.order[a] == log.order[b];
      }
      return log.day[a] == log.day[b];
    }

    private boolean isReturn(int line) {
      if ((log.returned != null && log.returned.get(line)) || log.amount[line] < 0) {
        return true;
      }
      if (log.quantity != null && log.quantity[line] < 0) {
        if (policy == NegativeQuantityPolicy.REJECT) {
          throw new InvalidDataException(
              log.where(line)
                  + ": quantity "
                  + log.quantity[line]
                  + " is negative but the line is not flagged returned; flag it, fix it, or"
                  + " choose negativeQuantities(NegativeQuantityPolicy.RETURN)");
        }
        return true;
      }
      return false;
    }

    private void sortByDayAndOrder(int[] idx, int from, int to) {
      int[] d = log.day;
      int[] o = log.order;
      // most customers have a handful of lines: insertion sort, stable, no allocation
      if (to - from <= 32) {
        for (int i = from + 1; i < to; i++) {
          int v = idx[i];
          int j = i - 1;
          while (j >= from && compare(d, o, idx[j], v) > 0) {
            idx[j + 1] = idx[j];
            j--;
          }
          idx[j + 1] = v;
        }
      } else {
        IntArrays.mergeSort(idx, from, to, (a, b) -> compare(d, o, a, b));
      }
    }

    private static int compare(int[] day, int[] order, int a, int b) {
      int c = Integer.compare(day[a], day[b]);
      if (c != 0 || order == null) {
        return c;
      }
      return Integer.compare(order[a], order[b]);
    }
  }
}
