package dev.segmentation.hierarchical;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.MixedDataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.distance.Gower;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.fit.FitFrame;
import dev.segmentation.core.fit.Prepared;
import dev.segmentation.core.fit.SegmenterBuilder;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.preprocess.FittedScaling;
import dev.segmentation.core.preprocess.Scaling;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Agglomerative (hierarchical) segmentation: start with every customer alone and repeatedly merge
 * the two closest segments, recording a {@link Dendrogram} that can be cut into any number of
 * segments afterwards. Start from {@code Segmentation.hierarchical()}.
 *
 * <pre>{@code
 * Dendrogram tree = Segmentation.hierarchical()
 *     .linkage(Linkage.WARD)
 *     .preprocess(Scaling.standard())
 *     .tree(customers);
 * int[] labels = tree.cut(6);
 * // or, as every other family: the tree cut into k segments, with its model
 * SegmentationResult<HierarchicalModel> six =
 *     Segmentation.hierarchical().preprocess(Scaling.standard()).k(6).fit(customers);
 * }</pre>
 *
 * <p><b>Algorithms</b> (Müllner 2011, "Modern hierarchical, agglomerative clustering algorithms"),
 * chosen per linkage, all on Euclidean distances of the preprocessed rows:
 *
 * <ul>
 *   <li>{@link Linkage#WARD}: nearest-neighbour chain on centroids, O(n d) memory;
 *   <li>{@link Linkage#SINGLE}: Prim's minimum spanning tree with distances computed on the fly,
 *       O(n d) memory;
 *   <li>{@link Linkage#CENTROID}, {@link Linkage#MEDIAN}: the generic algorithm on centres with a
 *       priority queue, O(n d) memory;
 *   <li>{@link Linkage#COMPLETE}, {@link Linkage#AVERAGE}, {@link Linkage#WEIGHTED}:
 *       nearest-neighbour chain over a packed distance matrix of {@code 4 n (n - 1)} bytes, indexed
 *       by long (so more than 65,536 rows work while the heap allows). Before allocating it the fit
 *       checks the free heap and fails with a message naming both sizes.
 * </ul>
 *
 * <p>All take O(n^2 d) time. The distance scans of Ward and single linkage are vectorised and run
 * on the calling thread (the chain is sequential, and its 0.1 ms scans were measured slower when
 * split over a pool); the distance matrix of the matrix linkages is filled in parallel over fixed
 * blocks of rows. Results do not depend on the number of threads. Ties are broken deterministically
 * (lowest index, and in the chain the previous element), so the same data gives the same tree.
 *
 * <p>Row weights are used by {@link Linkage#WARD} as starting sizes (a row of weight w counts as w
 * identical customers, as when grouping the units of a self-organizing map by their hits); the
 * other linkages ignore them. The builder is mutable and meant for one thread.
 */
public final class Hierarchical extends SegmenterBuilder<Hierarchical, HierarchicalModel> {
  private static final String NAME = "hierarchical";
  private Linkage linkage = Linkage.WARD;
  private int k = 2;
  private KSelection selection;

  /** Creates a builder with the defaults; prefer {@code Segmentation.hierarchical()}. */
  public Hierarchical() {}

  @Override
  protected Hierarchical self() {
    return this;
  }

  /**
   * Sets the number of segments {@link #fit} cuts the tree into.
   *
   * @param segments {@code >= 1}, at most the number of rows; default 2
   * @return this builder
   * @throws InvalidOptionException if {@code segments < 1}
   */
  public Hierarchical k(int segments) {
    if (segments < 1) {
      throw new InvalidOptionException("k", segments, "must be >= 1");
    }
    this.k = segments;
    this.selection = null;
    return this;
  }

  /**
   * Chooses the number of segments {@link #fit} cuts the tree into among the cuts of the tree (see
   * {@link Dendrogram#segmentation(KSelection)}); replaces any {@code k(int)}.
   *
   * @param value the range, criterion and constraints
   * @return this builder
   */
  public Hierarchical k(KSelection value) {
    this.selection = Objects.requireNonNull(value, "selection");
    return this;
  }

  /**
   * Builds the tree and cuts it into {@code k} segments (or the k a selection chooses): the same
   * {@link dev.segmentation.api.Segmenter} shape as the other families. The result's model keeps
   * the tree ({@link HierarchicalModel#dendrogram()}). O(n^2 d), as {@link #tree}.
   *
   * @param data the customers
   * @return the cut: labels, model, summary (and the selection table when k was chosen)
   * @throws InvalidDataException as {@link #tree}
   * @throws InvalidOptionException as {@link #tree}, or if {@code k} exceeds the number of rows
   * @throws FitCancelledException if the progress listener cancelled
   */
  @Override
  public SegmentationResult<HierarchicalModel> fit(Dataset data) {
    FitFrame frame = frame(NAME);
    Dendrogram tree = tree(frame, data);
    SegmentationResult<HierarchicalModel> cut =
        selection != null ? tree.segmentation(selection) : tree.segmentation(k);
    Map<String, String> options = new LinkedHashMap<>();
    options.put("linkage", linkage.name());
    options.put("k", Integer.toString(cut.model().numSegments()));
    if (selection != null) {
      options.put("selection", selection.toString());
    }
    HierarchicalModel model =
        cut.model()
            .withProvenance(
                frame.provenance(options, null, data.numRows(), data.columnNames(), cut.summary()));
    return new SegmentationResult<>(
        cut.labels(), model, cut.summary(), cut.selection().orElse(null));
  }

  /**
   * Chooses how segment distances are defined.
   *
   * @param value the linkage; default {@link Linkage#WARD}
   * @return this builder
   */
  public Hierarchical linkage(Linkage value) {
    this.linkage = Objects.requireNonNull(value, "linkage");
    return this;
  }

  /**
   * Builds the tree. See the class description for the algorithms; O(n^2 d) time. The data set is
   * not modified.
   *
   * @param data the customers
   * @return the dendrogram
   * @throws InvalidDataException if the data set is empty, or a value is outside the domain of the
   *     preprocessing
   * @throws InvalidOptionException for a matrix linkage whose distance matrix does not fit in the
   *     free heap (the message names the sizes and the O(n)-memory linkages)
   * @throws FitCancelledException if the progress listener cancelled
   */
  public Dendrogram tree(Dataset data) {
    return tree(frame(NAME), data);
  }

  private Dendrogram tree(FitFrame frame, Dataset data) {
    Prepared p = frame.prepare(data, "hierarchical clustering needs rows", null);
    int n = p.n();
    int d = p.d();
    double[] x = p.rows();
    FittedScaling fitted = p.scaling();
    Blocks blocks = frame.blocks(n);
    Ticker ticker = new Ticker(frame.listener(), "hierarchical " + linkage, n - 1);
    Merges merges;
    long[] matrixDistances = new long[1];
    if (n == 1) {
      merges = new Merges(0);
    } else {
      merges =
          switch (linkage) {
            case WARD -> WardChain.run(x, data.weights().orElse(null), n, d, ticker);
            case SINGLE -> PrimSingle.run(x, n, d, ticker);
            case CENTROID -> GenericCentroid.run(x, n, d, false, ticker);
            case MEDIAN -> GenericCentroid.run(x, n, d, true, ticker);
            case COMPLETE, AVERAGE, WEIGHTED ->
                MatrixChain.run(
                    PackedDistances.euclidean(x, n, d, linkage, blocks, matrixDistances),
                    n,
                    linkage,
                    ticker);
          };
    }
    return finish(
        frame,
        "hierarchical (" + linkage + ")",
        merges,
        n,
        ticker.distances + matrixDistances[0],
        x,
        data.columnNames(),
        data.rowIds().orElse(null),
        fitted);
  }

  /** The summary and the dendrogram of a finished run, over {@code n} rows of {@code x}. */
  private Dendrogram finish(
      FitFrame frame,
      String name,
      Merges merges,
      int n,
      long distances,
      double[] x,
      List<String> columns,
      List<String> ids,
      FittedScaling scaling) {
    FitSummary summary =
        frame.summary(
            name,
            n - 1,
            true,
            n > 1 ? merges.height[argmax(merges.height, n - 1)] : 0,
            distances,
            new double[0]);
    return Dendrogram.of(
        merges,
        linkage.isMonotone(),
        n,
        columns.size(),
        linkage,
        x,
        columns,
        ids,
        scaling,
        summary);
  }

  /**
   * Builds the tree on Gower's distance between customers with numeric and categorical columns (see
   * {@link Gower}), by the nearest-neighbour chain over a packed matrix of the distances (single
   * linkage included): O(n^2 (p + q)) time, {@code 4 n (n - 1)} bytes, checked against the free
   * heap first. Missing values are skipped as Gower does. The builder's preprocessing is not used
   * (Gower normalises by each column's range). The tree's model, if asked for, holds each row's
   * {@link Gower#coordinates() Gower coordinates} (a missing number at its column's mean, a missing
   * level with no indicator) and assigns rows given in those coordinates.
   *
   * @param gower the distance, bound to the customers
   * @return the dendrogram
   * @throws InvalidOptionException for {@link Linkage#WARD}, {@link Linkage#CENTROID} or {@link
   *     Linkage#MEDIAN}, which need Euclidean geometry, or if the matrix does not fit in the heap
   * @throws InvalidDataException if the data set is empty
   * @throws FitCancelledException if the progress listener cancelled
   */
  public Dendrogram tree(Gower gower) {
    Objects.requireNonNull(gower, "gower");
    if (linkage == Linkage.WARD || linkage == Linkage.CENTROID || linkage == Linkage.MEDIAN) {
      throw new InvalidOptionException(
          "linkage",
          linkage,
          "needs Euclidean distances; with Gower's distance use SINGLE, COMPLETE, AVERAGE or"
              + " WEIGHTED");
    }
    FitFrame frame = frame(NAME);
    MixedDataset data = gower.data();
    int n = data.numRows();
    if (n == 0) {
      throw new InvalidDataException("hierarchical clustering needs rows");
    }
    Ticker ticker = new Ticker(frame.listener(), "hierarchical " + linkage, n - 1);
    long[] computed = new long[1];
    Merges merges =
        n == 1
            ? new Merges(0)
            : MatrixChain.run(
                PackedDistances.gower(gower, linkage, frame.blocks(n), computed),
                n,
                linkage,
                ticker);
    double[] x = gowerPoints(gower);
    List<String> names = gower.coordinateNames();
    return finish(
        frame,
        "hierarchical (" + linkage + ", Gower)",
        merges,
        n,
        ticker.distances + computed[0],
        x,
        names,
        data.rowIds().orElse(null),
        Scaling.none().fit(x, n, names));
  }

  /**
   * Cuts the Gower tree ({@link #tree(Gower)}) into {@code k} segments, or the k a selection
   * chooses.
   *
   * @param gower the distance, bound to the customers
   * @return labels, model (in Gower coordinates) and summary
   * @throws InvalidOptionException as {@link #tree(Gower)}, or if k exceeds the rows
   * @throws FitCancelledException if the progress listener cancelled
   */
  public SegmentationResult<HierarchicalModel> fit(Gower gower) {
    Dendrogram tree = tree(gower);
    return selection != null ? tree.segmentation(selection) : tree.segmentation(k);
  }

  private static double[] gowerPoints(Gower gower) {
    MixedDataset data = gower.data();
    int n = data.numRows();
    int p = data.numNumeric();
    int q = data.numCategorical();
    double[] mean = new double[p];
    for (int k = 0; k < p; k++) {
      double s = 0;
      int m = 0;
      for (int i = 0; i < n; i++) {
        double v = data.numeric(i, k);
        if (!Double.isNaN(v)) {
          s += v;
          m++;
        }
      }
      mean[k] = m > 0 ? s / m : 0;
    }
    int width = gower.coordinateNames().size();
    double[] x = new double[n * width];
    double[] numeric = new double[p];
    int[] codes = new int[q];
    double[] row = new double[width];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < p; k++) {
        double v = data.numeric(i, k);
        numeric[k] = Double.isNaN(v) ? mean[k] : v;
      }
      for (int k = 0; k < q; k++) {
        codes[k] = data.code(i, k);
      }
      gower.coordinates(numeric, codes, row);
      System.arraycopy(row, 0, x, i * width, width);
    }
    return x;
  }

  private static int argmax(double[] v, int count) {
    int best = 0;
    for (int i = 1; i < count; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "Hierarchical[linkage=" + linkage + ", scaling=" + frame(NAME).scaling() + "]";
  }
}
