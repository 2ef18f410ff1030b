package dev.segmentation.customer;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.core.data.Messages;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * A purchase log in memory: one entry per transaction line with the customer, the date and the
 * amount, and optionally quantity, order id, category, discount, cost of goods and a returned flag.
 * Stored by column (customer and order ids interned to ints, dates as epoch days, order ids' text
 * kept once as bytes while reading and dropped after), so a million lines with every optional
 * column take about 46 MB, and reading them about 120 MB of heap at the peak. Build one with {@link
 * #builder()} or read one with {@link TransactionReader}. Immutable.
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
  final double[] cost;
  final BitSet returned;

  /** Entries where the source line number jumps (blank lines, quoted line breaks), and to what. */
  private final int[] jumpEntry;

  private final long[] jumpLine;
  final String source;

  private TransactionLog(Builder b) {
    // one column at a time, each list released once copied, so building needs one column's worth
    // of heap beyond the lists instead of a second copy of the whole log
    b.orders = null; // the lines hold the order numbers; the ids' text is no longer needed
    b.customers = null;
    this.customerIds = List.copyOf(b.customerIds);
    this.customer = b.customer.toIntArray();
    b.customer = null;
    this.day = b.day.toIntArray();
    b.day = null;
    this.amount = b.amount.toDoubleArray();
    b.amount = null;
    this.quantity = b.quantity == null ? null : b.quantity.toDoubleArray();
    b.quantity = null;
    this.order = b.order == null ? null : b.order.toIntArray();
    b.order = null;
    this.category = b.category == null ? null : b.category.toIntArray();
    b.category = null;
    this.categoryNames = List.copyOf(b.categoryNames);
    this.discount = b.discount == null ? null : b.discount.toDoubleArray();
    b.discount = null;
    this.cost = b.cost == null ? null : b.cost.toDoubleArray();
    b.cost = null;
    this.returned = b.returned.isEmpty() ? null : (BitSet) b.returned.clone();
    this.jumpEntry = b.jumpEntry.toIntArray();
    this.jumpLine = b.jumpLine.toLongArray();
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
   * Returns whether a line is flagged returned.
   *
   * @param i the line
   * @return the flag (false when the log has no returned column)
   */
  public boolean returnedOf(int i) {
    return returned != null && returned.get(i);
  }

  /**
   * Returns the discount given on a line.
   *
   * @param i the line
   * @return {@code >= 0}; 0 when the log has no discount column
   */
  public double discountOf(int i) {
    return discount == null ? 0 : discount[i];
  }

  /**
   * Returns the cost of goods of a line (what the goods cost the business), for the margin.
   *
   * @param i the line
   * @return {@code >= 0}; 0 when the log has no cost column or the line gives none
   */
  public double costOf(int i) {
    return cost == null ? 0 : cost[i];
  }

  /**
   * Returns the day of a line as days since 1970-01-01 (what {@link #dateOf} returns, without an
   * object).
   *
   * @param i the line
   * @return the epoch day
   */
  public int epochDayOf(int i) {
    return day[i];
  }

  /**
   * Returns where line {@code i} came from, for messages.
   *
   * @param i the line
   * @return for example {@code "orders.csv, line 12"}
   */
  String where(int i) {
    int j = Arrays.binarySearch(jumpEntry, i);
    j = j >= 0 ? j : -j - 2;
    long line = j < 0 || jumpLine[j] == 0 ? 0 : jumpLine[j] + (i - jumpEntry[j]);
    return line > 0 ? source + ", line " + line : source + ", entry " + (i + 1);
  }

  /**
   * Collects transaction lines. Optional fields (quantity, order, category, discount, cost,
   * returned) are kept only if some line gives them; lines that do not give an optional field
   * another line gives get a neutral value (quantity NaN, own order, no category, discount 0, cost
   * 0, not returned).
   */
  public static final class Builder {
    private final String source;
    private Object2IntOpenHashMap<String> customers = new Object2IntOpenHashMap<>();
    private final List<String> customerIds = new ArrayList<>();
    private Interner orders = new Interner();
    private final Object2IntOpenHashMap<String> categories = new Object2IntOpenHashMap<>();
    private final List<String> categoryNames = new ArrayList<>();
    private IntArrayList customer = new IntArrayList();
    private IntArrayList day = new IntArrayList();
    private DoubleArrayList amount = new DoubleArrayList();
    // optional columns start at the first line that gives them, filled back with neutral values
    private DoubleArrayList quantity;
    private IntArrayList order;
    private IntArrayList category;
    private DoubleArrayList discount;
    private DoubleArrayList cost;
    private final BitSet returned = new BitSet();
    private final IntArrayList jumpEntry = new IntArrayList();
    private final LongArrayList jumpLine = new LongArrayList();
    private long lastLine = -1;

    Builder(String source) {
      this.source = source;
      customers.defaultReturnValue(-1);
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
     * Adds a line with every field but the cost of goods.
     *
     * @param customerId the customer, not null or blank
     * @param date the date
     * @param value the amount (negative for a refund), finite
     * @param units quantity, or NaN if not known
     * @param orderId the order the line belongs to, or null or blank (then the customer-day is the
     *     order)
     * @param categoryName the product category, or null (blank counts as none)
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
          customerId, date, value, units, orderId, categoryName, discountValue, 0, isReturned);
    }

    /**
     * Adds a line with every field, the cost of goods included (for the margin).
     *
     * @param customerId the customer, not null or blank
     * @param date the date
     * @param value the amount (negative for a refund), finite
     * @param units quantity, or NaN if not known
     * @param orderId the order the line belongs to, or null or blank (then the customer-day is the
     *     order)
     * @param categoryName the product category, or null (blank counts as none)
     * @param discountValue the discount given on the line, {@code >= 0}
     * @param costValue what the line's goods cost the business, {@code >= 0} (0 if not known)
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
        double costValue,
        boolean isReturned) {
      return add(
          customerId,
          Objects.requireNonNull(date, "date").toEpochDay(),
          value,
          units,
          orderId,
          categoryName,
          discountValue,
          costValue,
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
        double costValue,
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
      if (!(costValue >= 0) || !Double.isFinite(costValue)) {
        throw new InvalidDataException(
            where(sourceLine) + ": cost " + costValue + " must be a finite number >= 0");
      }
      if (epochDay < Integer.MIN_VALUE || epochDay > Integer.MAX_VALUE) {
        throw new InvalidDataException(
            where(sourceLine)
                + ": date "
                + java.time.LocalDate.ofEpochDay(epochDay)
                + " is millions of years away; fix the date");
      }
      if (customer == null) {
        throw new IllegalStateException("build() was called: start a new builder");
      }
      int c = customers.getInt(customerId);
      if (c < 0) {
        c = customerIds.size();
        customers.put(customerId, c);
        customerIds.add(customerId);
      }
      int entry = customer.size();
      long lineNo = sourceLine > 0 ? sourceLine : 0;
      if (lineNo != (lastLine == 0 ? 0 : lastLine + 1)) {
        jumpEntry.add(entry);
        jumpLine.add(lineNo);
      }
      lastLine = lineNo;
      customer.add(c);
      day.add(Math.toIntExact(epochDay));
      amount.add(value);
      if (!Double.isNaN(units) || quantity != null) {
        quantity = started(quantity, entry, Double.NaN);
        quantity.add(units);
      }
      // A blank id names no order: the line falls back to one purchase per customer-day, instead of
      // every blank line of a customer becoming one order.
      if (orderId != null && !orderId.isBlank()) {
        if (orderId.length() > Interner.LONGEST) {
          throw new InvalidDataException(
              where(sourceLine)
                  + ": an order id of "
                  + orderId.length()
                  + " characters ("
                  + Messages.cut(orderId)
                  + ") is longer than "
                  + Interner.LONGEST
                  + "; check the order column and the file's quoting");
        }
        order = started(order, entry, -1);
        order.add(orders.intern(orderId));
      } else if (order != null) {
        order.add(-1);
      }
      // a blank category is no category, not a category named ""
      if (categoryName != null && !categoryName.isBlank()) {
        int g = categories.getInt(categoryName);
        if (g < 0) {
          g = categoryNames.size();
          categories.put(categoryName, g);
          categoryNames.add(categoryName);
        }
        category = started(category, entry, -1);
        category.add(g);
      } else if (category != null) {
        category.add(-1);
      }
      if (discountValue != 0 || discount != null) {
        discount = started(discount, entry, 0);
        discount.add(discountValue);
      }
      if (costValue != 0 || cost != null) {
        cost = started(cost, entry, 0);
        cost.add(costValue);
      }
      if (isReturned) {
        returned.set(entry);
      }
      return this;
    }

    private DoubleArrayList started(DoubleArrayList column, int entries, double neutral) {
      if (column != null) {
        return column;
      }
      DoubleArrayList c = new DoubleArrayList(Math.max(entries + 1, customer.elements().length));
      c.size(entries);
      Arrays.fill(c.elements(), 0, entries, neutral);
      return c;
    }

    private IntArrayList started(IntArrayList column, int entries, int neutral) {
      if (column != null) {
        return column;
      }
      IntArrayList c = new IntArrayList(Math.max(entries + 1, customer.elements().length));
      c.size(entries);
      Arrays.fill(c.elements(), 0, entries, neutral);
      return c;
    }

    /** Reserves room for about {@code lines} lines, so the columns do not grow by copying. */
    void expect(long lines) {
      int n = (int) Math.min(lines, Integer.MAX_VALUE - 16);
      customer.ensureCapacity(n);
      day.ensureCapacity(n);
      amount.ensureCapacity(n);
      // columns started later take the customer column's capacity
      if (quantity != null) {
        quantity.ensureCapacity(n);
      }
      if (order != null) {
        order.ensureCapacity(n);
      }
      if (category != null) {
        category.ensureCapacity(n);
      }
      if (discount != null) {
        discount.ensureCapacity(n);
      }
      if (cost != null) {
        cost.ensureCapacity(n);
      }
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
      return customer == null ? 0 : customer.size();
    }

    /**
     * Builds the log, handing the lines over to it: the builder cannot be used again (so a large
     * log is not held twice).
     *
     * @return an immutable log
     * @throws IllegalStateException if called twice
     */
    public TransactionLog build() {
      if (customer == null) {
        throw new IllegalStateException("build() was called: start a new builder");
      }
      return new TransactionLog(this);
    }
  }

  @Override
  public String toString() {
    return "TransactionLog[" + size() + " lines, " + customerIds.size() + " customers]";
  }

  /**
   * Describes the log in words, for people: lines, customers and the dates they span. O(lines).
   *
   * @return for example {@code "69,659 lines of 23,570 customers, 1997-01-01 to 1998-06-30"}
   */
  public String summary() {
    int first = Integer.MAX_VALUE;
    int last = Integer.MIN_VALUE;
    for (int d : day) {
      first = Math.min(first, d);
      last = Math.max(last, d);
    }
    return String.format(
            java.util.Locale.ROOT, "%,d lines of %,d customers", size(), customerIds.size())
        + (size() == 0
            ? ""
            : ", " + LocalDate.ofEpochDay(first) + " to " + LocalDate.ofEpochDay(last));
  }
}
