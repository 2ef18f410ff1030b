package dev.segmentation.datasets;

import dev.segmentation.api.Dataset;
import dev.segmentation.core.data.CsvDatasets;
import dev.segmentation.customer.TransactionLog;
import dev.segmentation.customer.TransactionReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Small real data sets bundled in the jar, for demos, examples and tests.
 *
 * <p>Wholesale customers: Cardoso, M. (2013). Wholesale customers. UCI Machine Learning Repository.
 * CC BY 4.0. 440 clients of a Portuguese wholesale distributor; columns {@code Channel} (1 Horeca,
 * 2 Retail), {@code Region} (1 Lisbon, 2 Oporto, 3 Other), and annual spend in monetary units on
 * {@code Fresh, Milk, Grocery, Frozen, Detergents_Paper, Delicassen}.
 *
 * <p>CDNOW purchase log: Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005). "Counting Your
 * Customers the Easy Way: An Alternative to the Pareto/NBD Model". Marketing Science 24(2),
 * 275-284; data freely redistributed by the authors for research and teaching. 69,659 purchase
 * lines of the 23,570 customers who first bought at the online retailer CDNOW in the first quarter
 * of 1997, up to the end of June 1998: customer id, date, number of CDs, dollar value.
 */
public final class SampleDatasets {

  private static final String[] WHOLESALE_SPEND_COLUMNS = {
    "Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"
  };

  private SampleDatasets() {}

  /**
   * Returns the six annual-spend columns of the wholesale data, the usual features to segment on.
   *
   * @return a new array: Fresh, Milk, Grocery, Frozen, Detergents_Paper, Delicassen
   */
  public static String[] wholesaleSpendColumns() {
    return WHOLESALE_SPEND_COLUMNS.clone();
  }

  /**
   * Loads all eight columns of the UCI wholesale customers data (440 rows).
   *
   * @return the data set; row ids are the 1-based row numbers
   * @throws UncheckedIOException if the bundled resource cannot be read (a broken jar)
   */
  public static Dataset wholesaleCustomers() {
    Dataset ds =
        read(
            "wholesale_customers.csv", (in, name) -> CsvDatasets.reader().load(in, name).dataset());
    List<String> ids = new ArrayList<>(ds.numRows());
    for (int i = 1; i <= ds.numRows(); i++) {
      ids.add(Integer.toString(i));
    }
    return ds.withRowIds(ids);
  }

  /**
   * Loads the CDNOW master purchase log (69,659 lines, 23,570 customers, 1997-01-01 to 1998-06-30);
   * quantity is the number of CDs, amount the dollar value.
   *
   * @return the transactions
   * @throws UncheckedIOException if the bundled resource cannot be read (a broken jar)
   */
  public static TransactionLog cdnowTransactions() {
    return read(
        "CDNOW_master.txt.gz",
        (in, name) -> TransactionReader.cdnow().read(new GZIPInputStream(in, 1 << 16), name));
  }

  /** Reads a bundled resource with {@code parser}; a missing resource is a broken jar. */
  static <T> T read(String name, Parser<T> parser) {
    try (InputStream in = SampleDatasets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("resource " + name + " missing from the segmentation-datasets jar");
      }
      return parser.parse(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a resource's stream. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(InputStream in, String name) throws IOException;
  }
}
