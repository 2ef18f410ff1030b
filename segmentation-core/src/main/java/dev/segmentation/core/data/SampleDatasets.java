package dev.segmentation.core.data;

import dev.segmentation.api.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Small real data sets bundled in the jar, for demos, examples and tests.
 *
 * <p>Wholesale customers: Cardoso, M. (2013). Wholesale customers. UCI Machine Learning Repository.
 * CC BY 4.0. 440 clients of a Portuguese wholesale distributor; columns {@code Channel} (1 Horeca,
 * 2 Retail), {@code Region} (1 Lisbon, 2 Oporto, 3 Other), and annual spend in monetary units on
 * {@code Fresh, Milk, Grocery, Frozen, Detergents_Paper, Delicassen}.
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
    String name = "wholesale_customers.csv";
    try (InputStream in = SampleDatasets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("resource " + name + " missing from jar"));
      }
      Dataset ds = CsvDatasets.reader().load(in, name).dataset();
      java.util.List<String> ids = new java.util.ArrayList<>(ds.numRows());
      for (int i = 1; i <= ds.numRows(); i++) {
        ids.add(Integer.toString(i));
      }
      return ds.withRowIds(ids);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
