package dev.segmentation.examples;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.datasets.SampleDatasets;
import dev.segmentation.hierarchical.Dendrogram;
import dev.segmentation.hierarchical.Linkage;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Builds the Ward tree of the wholesale clients (log1p + standard-scaled spend) and shows how the
 * segments nest: the sizes at 2, 3, 4 and 6 segments, and the heights at which the top merges
 * happen, which is how an analyst picks where to cut.
 */
public final class WholesaleHierarchy {
  private WholesaleHierarchy() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Builds the tree and prints the nested cuts.
   *
   * @param out where to print
   * @return the tree
   */
  public static Dendrogram run(PrintStream out) {
    Dataset spend =
        SampleDatasets.wholesaleCustomers().select(SampleDatasets.wholesaleSpendColumns());
    Dendrogram tree =
        Segmentation.hierarchical()
            .linkage(Linkage.WARD)
            .preprocess(Scaling.log1p().then(Scaling.standard()))
            .tree(spend);
    int n = tree.numLeaves();
    out.printf(
        Locale.ROOT,
        "Ward tree of %d clients, cophenetic correlation %.3f%n",
        n,
        tree.copheneticCorrelation());
    out.print("highest merges:");
    for (int t = n - 2; t >= n - 6; t--) {
      out.printf(Locale.ROOT, " %.2f", tree.height(t));
    }
    out.println();
    for (int k : new int[] {2, 3, 4, 6}) {
      int[] sizes = new int[k];
      for (int label : tree.cut(k)) {
        sizes[label]++;
      }
      out.println(k + " segments: sizes " + Arrays.toString(sizes));
    }
    return tree;
  }
}
