package dev.segmentation.cli;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.customer.NegativeQuantityPolicy;
import dev.segmentation.customer.TransactionReader;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * How a transaction log is read (a mixin of {@code features} and {@code clv}): its format and the
 * names of its columns.
 */
final class TransactionOptions {
  @Option(
      names = "--format",
      defaultValue = "csv",
      description = "csv (delimited, see --delimiter) or cdnow (whitespace-separated CDNOW log).")
  String format;

  @Option(names = "--delimiter", defaultValue = ",", description = "Field delimiter of csv.")
  String delimiter;

  @Option(names = "--customer-column", description = "Default: customer_id.")
  String customerColumn;

  @Option(names = "--date-column", description = "Default: date.")
  String dateColumn;

  @Option(names = "--date-pattern", description = "Default: yyyy-MM-dd (cdnow: yyyyMMdd).")
  String datePattern;

  @Option(names = "--amount-column", description = "Default: amount (cdnow: dollar_value).")
  String amountColumn;

  @Option(names = "--quantity-column", description = "Optional (cdnow: number_of_cds).")
  String quantityColumn;

  @Option(
      names = "--order-column",
      description = "Optional; without it a customer-day is one order.")
  String orderColumn;

  @Option(names = "--category-column", description = "Optional.")
  String categoryColumn;

  @Option(names = "--discount-column", description = "Optional discount amount per line.")
  String discountColumn;

  @Option(
      names = "--cost-column",
      description = "Optional cost of goods per line, for the margin rate.")
  String costColumn;

  @Option(names = "--returned-column", description = "Optional returned flag (1/0, true/false).")
  String returnedColumn;

  @Option(
      names = "--negative-quantities",
      defaultValue = "REJECT",
      description =
          "A negative quantity not flagged returned: ${COMPLETION-CANDIDATES}"
              + " (default: ${DEFAULT-VALUE}).")
  NegativeQuantityPolicy negative;

  /** The reader these options describe. */
  TransactionReader reader() {
    TransactionReader r;
    switch (format.toLowerCase(Locale.ROOT)) {
      case "csv" -> r = TransactionReader.csv().delimiter(InputOptions.parseDelimiter(delimiter));
      case "cdnow" -> r = TransactionReader.cdnow();
      default ->
          throw new InvalidOptionException("--format", "'" + format + "'", "must be csv or cdnow");
    }
    if (customerColumn != null) {
      r.customer(customerColumn);
    }
    if (dateColumn != null) {
      r.date(dateColumn);
    }
    if (datePattern != null) {
      r.datePattern(datePattern);
    }
    if (amountColumn != null) {
      r.amount(amountColumn);
    }
    if (quantityColumn != null) {
      r.quantity(quantityColumn);
    }
    return r.order(orderColumn)
        .category(categoryColumn)
        .discount(discountColumn)
        .cost(costColumn)
        .returned(returnedColumn);
  }
}
