package dev.segmentation.customer;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.data.Bom;
import dev.segmentation.core.data.Gzip;
import dev.segmentation.core.data.InputBudget;
import dev.segmentation.core.data.Messages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a transaction log from a file with a header line: delimited text (CSV by default, read with
 * FastCSV) or whitespace-separated columns (as the CDNOW log), plain or gzip-compressed ({@code
 * .gz}). Columns are chosen by header name; only customer, date and amount are required. One pass
 * over the file; every bad value raises an {@link InvalidDataException} naming the file, the line,
 * the column and the value.
 *
 * <pre>{@code
 * TransactionLog log = TransactionReader.csv()
 *     .customer("customer_id").date("order_date").amount("value")
 *     .quantity("units").order("order_id").returned("is_return")
 *     .read(Path.of("orders.csv"));
 * TransactionLog cdnow = TransactionReader.cdnow().read(Path.of("CDNOW_master.txt.gz"));
 * }</pre>
 */
public final class TransactionReader {
  private boolean whitespace;
  private char delimiter = ',';
  private String customer = "customer_id";
  private String date = "date";
  private String amount = "amount";
  private String quantity;
  private String order;
  private String category;
  private String discount;
  private String cost;
  private String returned;
  private String datePattern = "yyyy-MM-dd";

  private TransactionReader() {}

  /**
   * A reader of comma-separated files with columns {@code customer_id}, {@code date} (ISO {@code
   * yyyy-MM-dd}) and {@code amount}.
   *
   * @return a new reader
   */
  public static TransactionReader csv() {
    return new TransactionReader();
  }

  /**
   * A reader of the CDNOW master log (Fader, Hardie and Lee 2005): whitespace-separated columns
   * {@code customer_id}, {@code date} ({@code yyyyMMdd}), {@code number_of_cds} (quantity) and
   * {@code dollar_value} (amount), with a header line.
   *
   * @return a new reader
   */
  public static TransactionReader cdnow() {
    TransactionReader r = new TransactionReader();
    r.whitespace = true;
    r.datePattern = "yyyyMMdd";
    r.amount = "dollar_value";
    r.quantity = "number_of_cds";
    return r;
  }

  /**
   * Splits fields on a delimiter (quoted fields allowed).
   *
   * @param value the delimiter character
   * @return this reader
   */
  public TransactionReader delimiter(char value) {
    this.delimiter = value;
    this.whitespace = false;
    return this;
  }

  /**
   * Splits fields on runs of spaces and tabs instead (no quoting).
   *
   * @return this reader
   */
  public TransactionReader whitespaceSeparated() {
    this.whitespace = true;
    return this;
  }

  /**
   * Names the customer id column.
   *
   * @param column header name; default {@code customer_id}
   * @return this reader
   */
  public TransactionReader customer(String column) {
    this.customer = Objects.requireNonNull(column, "customer");
    return this;
  }

  /**
   * Names the date column.
   *
   * @param column header name; default {@code date}
   * @return this reader
   */
  public TransactionReader date(String column) {
    this.date = Objects.requireNonNull(column, "date");
    return this;
  }

  /**
   * Sets the date format. With the default, timestamps such as {@code 2026-11-30T14:05:00}, {@code
   * 2026-11-30T14:05:00Z} or {@code 2026-11-30 14:05:00} are read too: the time must be valid and
   * the day is kept (features are measured in days).
   *
   * @param pattern a {@link DateTimeFormatter} pattern; default {@code yyyy-MM-dd}
   * @return this reader
   * @throws InvalidOptionException if the pattern is malformed
   */
  public TransactionReader datePattern(String pattern) {
    try {
      var unused = strict(pattern);
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException(
          "datePattern", pattern, "must be a DateTimeFormatter pattern such as yyyy-MM-dd");
    }
    this.datePattern = pattern;
    return this;
  }

  /**
   * A formatter that rejects impossible dates such as February 30 instead of moving them to the end
   * of the month (strict resolution needs the proleptic year {@code u} for {@code y}).
   */
  private static DateTimeFormatter strict(String pattern) {
    return DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  /**
   * Names the amount column (sale value, negative for a refund).
   *
   * @param column header name; default {@code amount}
   * @return this reader
   */
  public TransactionReader amount(String column) {
    this.amount = Objects.requireNonNull(column, "amount");
    return this;
  }

  /**
   * Names the optional quantity column; a blank cell is an unknown quantity.
   *
   * @param column header name, or null for none (default)
   * @return this reader
   */
  public TransactionReader quantity(String column) {
    this.quantity = column;
    return this;
  }

  /**
   * Names the optional order id column; without it, a customer's lines of one day are one order.
   *
   * @param column header name, or null for none (default)
   * @return this reader
   */
  public TransactionReader order(String column) {
    this.order = column;
    return this;
  }

  /**
   * Names the optional category column.
   *
   * @param column header name, or null for none (default)
   * @return this reader
   */
  public TransactionReader category(String column) {
    this.category = column;
    return this;
  }

  /**
   * Names the optional discount column (discount amount per line, {@code >= 0}).
   *
   * @param column header name, or null for none (default)
   * @return this reader
   */
  public TransactionReader discount(String column) {
    this.discount = column;
    return this;
  }

  /**
   * Names the optional cost-of-goods column (what a line's goods cost the business, {@code >= 0}),
   * for {@link Feature#MARGIN_RATE}; a blank value is 0.
   *
   * @param column header name, or null for none (default)
   * @return this reader
   */
  public TransactionReader cost(String column) {
    this.cost = column;
    return this;
  }

  /**
   * Names the optional returned-flag column ({@code 1/0}, {@code true/false}, {@code yes/no}).
   *
   * @param column header name, or null for none (default)
   * @return this reader
   */
  public TransactionReader returned(String column) {
    this.returned = column;
    return this;
  }

  /**
   * Reads a file; a gzip-compressed one (recognised by its first bytes) is decompressed.
   *
   * @param file the log
   * @return the transactions
   * @throws InvalidDataException if the file cannot be read or holds a bad value (naming the line,
   *     the column and the value)
   * @throws InvalidOptionException if a named column is missing from the header
   */
  public TransactionLog read(Path file) {
    try (InputBudget raw = new InputBudget(Files.newInputStream(file), Files.size(file))) {
      InputStream in = Gzip.decompressed(raw);
      return read(in, file.toString(), raw);
    } catch (NoSuchFileException e) {
      throw new InvalidDataException("file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidDataException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads from a stream of UTF-8 text (closed by the caller).
   *
   * @param in the bytes
   * @param source a name for messages
   * @return the transactions
   * @throws InvalidDataException on bad content
   * @throws InvalidOptionException if a named column is missing from the header
   */
  public TransactionLog read(InputStream in, String source) {
    return read(in, source, null);
  }

  private TransactionLog read(InputStream in, String source, InputBudget budget) {
    TransactionLog.Builder b = new TransactionLog.Builder(source);
    DateTimeFormatter format = strict(datePattern);
    try {
      if (whitespace) {
        readWhitespace(in, source, b, format, budget);
      } else {
        readDelimited(in, source, b, format, budget);
      }
    } catch (CsvParseException e) {
      throw new InvalidDataException(source + ": malformed CSV: " + e.getMessage(), e);
    } catch (UncheckedIOException | IOException e) {
      throw new InvalidDataException("cannot read " + source + ": " + e.getMessage(), e);
    }
    return b.build();
  }

  private void readWhitespace(
      InputStream in,
      String source,
      TransactionLog.Builder b,
      DateTimeFormatter format,
      InputBudget budget)
      throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String headerLine = r.readLine();
    if (headerLine == null) {
      throw new InvalidDataException(source + " is empty: expected a header line");
    }
    Columns cols = new Columns(Arrays.asList(headerLine.trim().split("[ \\t]+")));
    long lineNo = 1;
    String text;
    while ((text = r.readLine()) != null) {
      lineNo++;
      String t = text.trim();
      if (t.isEmpty()) {
        continue;
      }
      String[] f = t.split("[ \\t]+");
      if (f.length != cols.width) {
        throw new InvalidDataException(
            source
                + ", line "
                + lineNo
                + ": "
                + f.length
                + " fields where the header has "
                + cols.width);
      }
      cols.add(b, Arrays.asList(f), source, lineNo, format);
      cols.budget(b, budget, source);
    }
  }

  private void readDelimited(
      InputStream in,
      String source,
      TransactionLog.Builder b,
      DateTimeFormatter format,
      InputBudget budget)
      throws IOException {
    CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .fieldSeparator(delimiter)
            .skipEmptyLines(true)
            .allowExtraFields(true)
            .allowMissingFields(true)
            .ofCsvRecord(Bom.skipUtf8(in), StandardCharsets.UTF_8);
    try (csv) {
      var it = csv.iterator();
      if (!it.hasNext()) {
        throw new InvalidDataException(source + " is empty: expected a header line");
      }
      Columns cols = new Columns(it.next().getFields());
      while (it.hasNext()) {
        CsvRecord rec = it.next();
        if (rec.getFieldCount() != cols.width) {
          throw new InvalidDataException(
              source
                  + ", line "
                  + rec.getStartingLineNumber()
                  + ": "
                  + rec.getFieldCount()
                  + " fields where the header has "
                  + cols.width);
        }
        cols.add(b, rec.getFields(), source, rec.getStartingLineNumber(), format);
        cols.budget(b, budget, source);
      }
    }
  }

  /** Header positions of the chosen columns, and the parsing of one record. */
  private final class Columns {
    final int width;
    final int customerAt;
    final int dateAt;
    final int amountAt;
    final int quantityAt;
    final int orderAt;
    final int categoryAt;
    final int discountAt;
    final int costAt;
    final int returnedAt;
    final List<String> header;
    private String lastDate;
    private long lastDay;

    Columns(List<String> fields) {
      this.header = new ArrayList<>();
      Map<String, Integer> pos = new HashMap<>();
      for (int c = 0; c < fields.size(); c++) {
        header.add(fields.get(c).trim());
        pos.putIfAbsent(fields.get(c).trim(), c);
      }
      this.width = fields.size();
      this.customerAt = position(pos, customer, "customer");
      this.dateAt = position(pos, date, "date");
      this.amountAt = position(pos, amount, "amount");
      this.quantityAt = quantity == null ? -1 : position(pos, quantity, "quantity");
      this.orderAt = order == null ? -1 : position(pos, order, "order");
      this.categoryAt = category == null ? -1 : position(pos, category, "category");
      this.discountAt = discount == null ? -1 : position(pos, discount, "discount");
      this.costAt = cost == null ? -1 : position(pos, cost, "cost");
      this.returnedAt = returned == null ? -1 : position(pos, returned, "returned");
    }

    /**
     * Checks, a little way into the file, that the heap holds the whole log, and reserves it. The
     * bytes per line are what {@link TransactionLog} keeps (customer, day and amount; 8 or 4 per
     * optional column; an order id about 40 with its interned text) plus two fifths for the copy of
     * one column when the log is built and the customers' ids: 106 bytes for a log with every
     * column, where 7 million such lines were measured to read in 800 MiB but not in 700 MiB.
     */
    void budget(TransactionLog.Builder b, InputBudget budget, String source) {
      if (budget == null) {
        return;
      }
      double perLine =
          1.4
              * (16
                  + (quantityAt >= 0 ? 8 : 0)
                  + (orderAt >= 0 ? 40 : 0)
                  + (categoryAt >= 0 ? 4 : 0)
                  + (discountAt >= 0 ? 8 : 0)
                  + (costAt >= 0 ? 8 : 0));
      long estimate = budget.check(b.size(), perLine, source);
      if (estimate > 0) {
        b.expect((long) (estimate * 1.02));
      }
    }

    private int position(Map<String, Integer> pos, String name, String what) {
      Integer p = pos.get(name);
      if (p == null) {
        boolean spaced = header.size() == 1 && header.get(0).trim().split("\\s+", -1).length > 2;
        throw new InvalidOptionException(
            what,
            "'" + name + "'",
            "must be a column of the header "
                + Messages.cut(header.toString())
                + (spaced
                    ? "; the header is one field of words separated by blanks: a"
                        + " whitespace-separated log such as CDNOW's is read with"
                        + " TransactionReader.cdnow() (segment: --format cdnow)"
                    : ""));
      }
      return p;
    }

    void add(
        TransactionLog.Builder b,
        List<String> f,
        String source,
        long line,
        DateTimeFormatter format) {
      String rawDate = f.get(dateAt).trim();
      long epochDay;
      if (rawDate.equals(lastDate)) {
        // logs are usually in date order: most lines repeat the previous line's date
        epochDay = lastDay;
      } else {
        epochDay = parseDate(rawDate, format);
        if (epochDay == Long.MIN_VALUE) {
          throw new InvalidDataException(
              source
                  + ", line "
                  + line
                  + ", column '"
                  + date
                  + "': '"
                  + Messages.cut(rawDate)
                  + "' is not a date in the format "
                  + datePattern
                  + "; fix the value or set the date pattern");
        }
        lastDate = rawDate;
        lastDay = epochDay;
      }
      // ids are kept as written (only the whitespace-separated form splits on blanks): trimming
      // would make " a" and "a", or "\t=x" and "\r=x", one customer or one order without a word
      b.add(
          f.get(customerAt),
          epochDay,
          number(f.get(amountAt), source, line, amount),
          // a blank quantity is an unknown one, as a line of a log without the column
          quantityAt < 0 || f.get(quantityAt).isBlank()
              ? Double.NaN
              : number(f.get(quantityAt), source, line, quantity),
          orderAt < 0 ? null : f.get(orderAt),
          categoryAt < 0 ? null : f.get(categoryAt).trim(),
          discountAt < 0 || f.get(discountAt).isBlank()
              ? 0
              : number(f.get(discountAt), source, line, discount),
          costAt < 0 || f.get(costAt).isBlank() ? 0 : number(f.get(costAt), source, line, cost),
          returnedAt >= 0 && flag(f.get(returnedAt), source, line),
          line);
    }

    /**
     * Returns the epoch day, or {@code Long.MIN_VALUE} if the text is not a valid date. The two
     * common patterns are parsed by hand (the formatter allocates several objects per call, most of
     * the cost of reading a log); both paths reject impossible dates such as February 30.
     */
    private long parseDate(String raw, DateTimeFormatter format) {
      try {
        if (datePattern.equals("yyyy-MM-dd")
            && raw.length() > 10
            && (raw.charAt(10) == 'T' || raw.charAt(10) == ' ')) {
          // a timestamp (ISO 8601 or SQL): its time must parse too, then the day is kept
          var unused = DateTimeFormatter.ISO_DATE_TIME.parse(raw.replace(' ', 'T'));
          return parseDate(raw.substring(0, 10), format);
        }
        if (datePattern.equals("yyyy-MM-dd")
            && raw.length() == 10
            && raw.charAt(4) == '-'
            && raw.charAt(7) == '-') {
          return LocalDate.of(digits(raw, 0, 4), digits(raw, 5, 7), digits(raw, 8, 10))
              .toEpochDay();
        }
        if (datePattern.equals("yyyyMMdd") && raw.length() == 8) {
          return LocalDate.of(digits(raw, 0, 4), digits(raw, 4, 6), digits(raw, 6, 8)).toEpochDay();
        }
        return LocalDate.parse(raw, format).toEpochDay();
      } catch (DateTimeException e) {
        return Long.MIN_VALUE;
      }
    }

    private static int digits(String s, int from, int to) {
      int v = 0;
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          throw new DateTimeException("not a digit: " + c);
        }
        v = v * 10 + (c - '0');
      }
      return v;
    }

    private double number(String raw, String source, long line, String column) {
      String t = raw.trim();
      try {
        double v = Double.parseDouble(t);
        if (Double.isFinite(v)) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below with the column
      }
      throw new InvalidDataException(
          source
              + ", line "
              + line
              + ", column '"
              + column
              + "': '"
              + Messages.cut(t)
              + "' is not a finite number; fix the value");
    }

    private boolean flag(String raw, String source, long line) {
      String t = raw.trim().toLowerCase(Locale.ROOT);
      switch (t) {
        case "1", "true", "yes", "y", "t" -> {
          return true;
        }
        case "0", "false", "no", "n", "f", "" -> {
          return false;
        }
        default ->
            throw new InvalidDataException(
                source
                    + ", line "
                    + line
                    + ", column '"
                    + returned
                    + "': '"
                    + Messages.cut(raw.trim())
                    + "' is not a flag; use 1/0, true/false or yes/no");
      }
    }
  }
}
