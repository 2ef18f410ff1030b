package dev.segmentation.examples;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.index.KDistance;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.datasets.SampleDatasets;
import dev.segmentation.dbscan.Dbscan;
import dev.segmentation.dbscan.DbscanModel;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Finds the wholesale clients whose spending pattern fits no dense group (DBSCAN noise): the
 * unusual accounts a campaign should look at by hand rather than treat as a segment. eps is chosen
 * at the knee of the k-distance curve, on log1p + standard-scaled spend.
 */
public final class WholesaleOutliers {
  private WholesaleOutliers() {}

  /**
   * Runs the example.
   *
   * @param args optional: minPoints (default 10)
   */
  public static void main(String[] args) {
    run(args.length > 0 ? Integer.parseInt(args[0]) : 10, System.out);
  }

  /**
   * Picks eps, fits DBSCAN and prints the segments and the first outliers.
   *
   * @param minPoints neighbourhood size of a core point, the point itself included
   * @param out where to print
   * @return the fit result
   */
  public static SegmentationResult<DbscanModel> run(int minPoints, PrintStream out) {
    Dataset all = SampleDatasets.wholesaleCustomers();
    Dataset spend = all.select(SampleDatasets.wholesaleSpendColumns());
    Dbscan dbscan =
        Segmentation.dbscan()
            .minPoints(minPoints)
            .preprocess(Scaling.log1p().then(Scaling.standard()));
    KDistance curve = dbscan.kDistance(spend);
    SegmentationResult<DbscanModel> result = dbscan.eps(curve.suggestedEps()).fit(spend);
    out.printf(
        Locale.ROOT,
        "eps %.3f (k-distance knee, k = %d): %d segments, %d core clients, %d outliers of %d%n",
        curve.suggestedEps(),
        minPoints,
        result.model().numSegments(),
        result.model().coreCount(),
        result.noiseCount(),
        result.numRows());
    int[] sizes = result.segmentSizes();
    for (int s = 0; s < sizes.length; s++) {
      out.printf(Locale.ROOT, "segment %d: %d clients%n", s, sizes[s]);
    }
    out.println("first outliers (row: spend on " + spend.columnNames() + "):");
    int shown = 0;
    for (int i = 0; i < result.numRows() && shown < 5; i++) {
      if (result.label(i) == SegmentationResult.NOISE) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %3d:", i + 1));
        for (double v : spend.row(i)) {
          line.append(String.format(Locale.ROOT, " %8.0f", v));
        }
        out.println(line);
        shown++;
      }
    }
    return result;
  }
}
