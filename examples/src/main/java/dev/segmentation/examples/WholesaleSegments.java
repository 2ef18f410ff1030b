package dev.segmentation.examples;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.datasets.SampleDatasets;
import dev.segmentation.kmeans.KMeansModel;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Segments the UCI Wholesale customers data (Cardoso 2013, CC BY 4.0; bundled with the library) by
 * annual spend per product category, and prints segment sizes and centroids in original units.
 *
 * <p>Spend is heavily skewed, so it is log-transformed and then standardised; the model keeps that
 * preprocessing, which is why its centroids come back in monetary units.
 */
public final class WholesaleSegments {
  private WholesaleSegments() {}

  /**
   * Runs the example.
   *
   * @param args optional: the number of segments (default 5)
   */
  public static void main(String[] args) {
    int k = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    run(k, System.out);
  }

  /**
   * Segments the data and prints the result.
   *
   * @param k number of segments
   * @param out where to print
   * @return the fit result
   */
  public static SegmentationResult<KMeansModel> run(int k, PrintStream out) {
    Dataset spend =
        SampleDatasets.wholesaleCustomers().select(SampleDatasets.wholesaleSpendColumns());
    SegmentationResult<KMeansModel> result =
        Segmentation.kmeans()
            .k(k)
            .restarts(8)
            .seed(42)
            .preprocess(Scaling.log1p().then(Scaling.standard()))
            .fit(spend);

    List<String> columns = spend.columnNames();
    out.println("Wholesale customers: " + spend.numRows() + " clients, " + k + " segments");
    out.println(result.summary());
    out.printf(Locale.ROOT, "%-8s %5s", "segment", "size");
    for (String c : columns) {
      out.printf(Locale.ROOT, " %16s", c);
    }
    out.println();
    double[][] centroids = result.model().centroids();
    int[] sizes = result.segmentSizes();
    for (int s = 0; s < k; s++) {
      out.printf(Locale.ROOT, "%-8d %5d", s, sizes[s]);
      for (double v : centroids[s]) {
        out.printf(Locale.ROOT, " %16.1f", v);
      }
      out.println();
    }
    out.println(
        "(centroids are geometric-style means: the mean of log(1 + spend), transformed back)");
    return result;
  }
}
