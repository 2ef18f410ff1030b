package dev.segmentation.customer;

import dev.segmentation.api.InvalidDataException;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * A purchase log in memory: one entry per transaction line with the customer, the date and the
 * amount, and optionally quantity, order id, category, discount and a returned flag. Stored by
 * column (customer and order ids interned to ints, dates as epoch days), so a million lines take
 * about 30 MB. Build one with {@link #builder()} or read one with {@link TransactionReader}.
 * Immutable.
 *
 * <p>Amounts are what the line is worth to the business: positive for a sale, negative for a
 * refund. A line flagged returned is a return whatever the sign of its amount (its absolute value
 * is the value returned).
 */
public final class TransactionLog {
  final List<String> customerIds;
  final int[] customer;
  final int[] day;
  final double[] amount;
  final double[] quantity;
  final int[] order;
  final int[] category;
  final List<String> categoryNames;
  final double[] discount;
  final boolean[] returned;
  final long[] line;
  final String source;

  private TransactionLog(Builder b) {
    this.customerIds = List.copyOf(b.customerIds);
    this.customer = b.customer.toIntArray();
    this.day = b.day.toIntArray();
    this.amount = b.amount.toDoubleArray();
    this.quantity = b.hasQuantity ? b.quantity.toDoubleArray() : null;
    this.order = b.hasOrder ? b.order.toIntArray() : null;
    this.category = b.hasCategory ? b.category.toIntArray() : null;
    this.categoryNames = List.copyOf(b.categoryNames);
    this.discount = b.hasDiscount ? b.discount.toDoubleArray() : null;
    this.returned = b.hasReturned ? new boolean[b.customer.size()] : null;
    if (returned != null) {
      b.returned.stream().forEach(i -> returned[i] = true);
    }
    this.line = b.line.toLongArray();
    this.source = b.source;
  }

  /**
   * Starts an empty log.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder("transactions");
  }

  /**
   * Returns the number of transaction lines.
   *
   * @return the size
   */
  public int size() {
    return customer.length;
  }

  /**
   * Returns the distinct customer ids, in order of first appearance.
   *
   * @return an unmodifiable list
   */
  public List<String> customerIds() {
    return customerIds;
  }

  /**
   * Returns the customer of one line.
   *
   * @param i the line, in {@code [0, size())}
   * @return the customer id
   */
  public String customerOf(int i) {
    return customerIds.get(customer[i]);
  }

  /**
   * Returns the date of one line.
   *
   * @param i the line
   * @return the date
   */
  public LocalDate dateOf(int i) {
    return LocalDate.ofEpochDay(day[i]);
  }

  /**
   * Returns the amount of one line.
   *
   * @param i the line
   * @return positive for a sale, negative for a refund
   */
  public double amountOf(int i) {
    return amount[i];
  }

  /**
   * Returns where line {@code i} came from, for messages.
   *
   * @param i the line
   * @return for example {@code "orders.csv, line 12"}
   */
  String where(int i) {
    return line[i] > 0 ? source + ", line " + line[i] : source + ", entry " + (i + 1);
  }

  /**
   * Collects transaction lines. Optional fields (quantity, order, category, discount, returned) are
   * kept only if some line gives them; lines that do not give an optional field another line gives
   * get a neutral value (quantity NaN, own order, no category, discount 0, not returned).
   */
  public static final class Builder {
    private final String source;
    private final Object2IntOpenHashMap<String> customers = new Object2IntOpenHashMap<>();
    private final List<String> customerIds = new ArrayList<>();
    private final Object2IntOpenHashMap<String> orders = new Object2IntOpenHashMap<>();
    private final Object2IntOpenHashMap<String> categories = new Object2IntOpenHashMap<>();
    private final List<String> categoryNames = new ArrayList<>();
    private final IntArrayList customer = new IntArrayList();
    private final IntArrayList day = new IntArrayList();
    private final DoubleArrayList amount = new DoubleArrayList();
    private final DoubleArrayList quantity = new DoubleArrayList();
    private final IntArrayList order = new IntArrayList();
    private final IntArrayList category = new IntArrayList();
    private final DoubleArrayList discount = new DoubleArrayList();
    private final BitSet returned = new BitSet();
    private final LongArrayList line = new LongArrayList();
    private boolean hasQuantity;
    private boolean hasOrder;
    private boolean hasCategory;
    private boolean hasDiscount;
    private boolean hasReturned;

    Builder(String source) {
      this.source = source;
      customers.defaultReturnValue(-1);
      orders.defaultReturnValue(-1);
      categories.defaultReturnValue(-1);
    }

    /**
     * Adds a line with only the required fields.
     *
     * @param customerId the customer, not null or blank
     * @param date the date
     * @param value the amount (negative for a refund), finite
     * @return this builder
     * @throws InvalidDataException if the id is blank or the amount not finite, naming the entry
     */
    public Builder add(String customerId, LocalDate date, double value) {
      return add(customerId, date, value, Double.NaN, null, null, 0, false);
    }

    /**
     * Adds a line with every field.
     *
     * @param customerId the customer, not null or blank
     * @param date the date
     * @param value the amount (negative for a refund), finite
     * @param units quantity, or NaN if not known
     * @param orderId the order the line belongs to, or null or blank (then the customer-day is the
     *     order)
     * @param categoryName the product category, or null
     * @param discountValue the discount given on the line, {@code >= 0}
     * @param isReturned whether the line is a return
     * @return this builder
     * @throws InvalidDataException if a value is out of range, naming the entry
     */
    public Builder add(
        String customerId,
        LocalDate date,
        double value,
        double units,
        String orderId,
        String categoryName,
        double discountValue,
        boolean isReturned) {
      return add(
          customerId,
          Objects.requireNonNull(date, "date").toEpochDay(),
          value,
          units,
          orderId,
          categoryName,
          discountValue,
          isReturned,
          0);
    }

    Builder add(
        String customerId,
        long epochDay,
        double value,
        double units,
        String orderId,
        String categoryName,
        double discountValue,
        boolean isReturned,
        long sourceLine) {
      if (customerId == null || customerId.isBlank()) {
        throw new InvalidDataException(
            where(sourceLine) + ": the customer id is empty; every line needs one");
      }
      if (!Double.isFinite(value)) {
        throw new InvalidDataException(
            where(sourceLine) + ": amount " + value + " is not a finite number");
      }
      if (!(discountValue >= 0) || !Double.isFinite(discountValue)) {
        throw new InvalidDataException(
            where(sourceLine) + ": discount " + discountValue + " must be a finite number >= 0");
      }
      if (epochDay < Integer.MIN_VALUE || epochDay > Integer.MAX_VALUE) {
        throw new InvalidDataException(
            where(sourceLine)
                + ": date "
                + java.time.LocalDate.ofEpochDay(epochDay)
                + " is millions of years away; fix the date");
      }
      int c = customers.getInt(customerId);
      if (c < 0) {
        c = customerIds.size();
        customers.put(customerId, c);
        customerIds.add(customerId);
      }
      customer.add(c);
      day.add(Math.toIntExact(epochDay));
      amount.add(value);
      hasQuantity |= !Double.isNaN(units);
      quantity.add(units);
      int o = -1;
      // A blank id names no order: the line falls back to one purchase per customer-day, instead of
      // every blank line of a customer becoming one order.
      if (orderId != null && !orderId.isBlank()) {
        hasOrder = true;
        o = orders.getInt(orderId);
        if (o < 0) {
          o = orders.size();
          orders.put(orderId, o);
        }
      }
      order.add(o);
      int g = -1;
      if (categoryName != null) {
        hasCategory = true;
        g = categories.getInt(categoryName);
        if (g < 0) {
          g = categoryNames.size();
          categories.put(categoryName, g);
          categoryNames.add(categoryName);
        }
      }
      category.add(g);
      hasDiscount |= discountValue != 0;
      discount.add(discountValue);
      hasReturned |= isReturned;
      returned.set(customer.size() - 1, isReturned);
      line.add(sourceLine);
      return this;
    }

    private String where(long sourceLine) {
      return sourceLine > 0 ? source + ", line " + sourceLine : source + ", entry " + (size() + 1);
    }

    /**
     * Returns the number of lines added so far.
     *
     * @return the count
     */
    public int size() {
      return customer.size();
    }

    /**
     * Builds the log.
     *
     * @return an immutable log
     */
    public TransactionLog build() {
      return new TransactionLog(this);
    }
  }

  @Override
  public String toString() {
    return "TransactionLog[" + size() + " lines, " + customerIds.size() + " customers]";
  }
}
