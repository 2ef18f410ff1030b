package dev.segmentation.hdbscan;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.Progress;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.fit.FitFrame;
import dev.segmentation.core.fit.Prepared;
import dev.segmentation.core.fit.SegmenterBuilder;
import dev.segmentation.core.index.IndexKind;
import dev.segmentation.core.index.NeighborIndex;
import dev.segmentation.core.parallel.Memory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * HDBSCAN* (Campello, Moulavi and Sander 2013, "Density-based clustering based on hierarchical
 * density estimates", PAKDD; Campello, Moulavi, Zimek and Sander 2015, "Hierarchical density
 * estimates for data clustering, visualization, and outlier detection", ACM TKDD 10(1)): dense
 * segments of <em>varying</em> density, with no radius to choose. Where DBSCAN needs one {@code
 * eps} for the whole customer base, and so either merges the dense mass-market groups or calls the
 * sparse niches noise, HDBSCAN* builds the whole hierarchy of DBSCAN solutions over every radius
 * and keeps the groups that persist longest. Start from {@code Segmentation.hdbscan()}.
 *
 * <pre>{@code
 * SegmentationResult<HdbscanModel> result = Segmentation.hdbscan()
 *     .minClusterSize(25)
 *     .preprocess(Scaling.standard())
 *     .fit(customers);
 * double[] outlierScores = result.model().outlierScores(); // GLOSH, 1 = most atypical
 * }</pre>
 *
 * <p><b>Definitions.</b> The core distance of a row is the distance to its {@code minSamples}-th
 * nearest row, <em>the row itself counted</em> (as this library's DBSCAN {@code minPoints} and
 * scikit-learn's HDBSCAN count; the {@code hdbscan} package counts the same way). The mutual
 * reachability of two rows is {@code max(core(a), core(b), d(a, b))}. The single-linkage tree of
 * mutual reachability is condensed at {@code minClusterSize}: a split where both sides keep at
 * least that many rows makes two clusters, a smaller side's rows "fall out" of the cluster. A
 * cluster's stability is the sum over its rows of {@code lambda_leave - lambda_birth} with {@code
 * lambda = 1 / distance}. Segments are the selected clusters ({@link ClusterSelection}); rows in
 * none are noise (label -1). A row's membership probability is its lambda over the largest lambda
 * in its segment (scikit-learn's {@code probabilities_}); its GLOSH outlier score (Campello et al.
 * 2015, section 5) is {@code 1 - lambda_row / lambda_max}, with the maximum over the whole subtree
 * of the cluster the row falls out of: 0 for the densest rows, near 1 for rows that defy the
 * segmentation.
 *
 * <p><b>Labels and ties.</b> Segments are numbered by their lowest row. Edges of the spanning tree
 * are ordered by weight, then lower row, then higher row, which makes the tree, and so the result,
 * unique whatever the algorithm or the thread count. A cluster whose stability equals the sum of
 * its children's is kept (scikit-learn's rule). Rows at distance 0 part at an infinite lambda,
 * capped at the largest finite lambda of the tree.
 *
 * <p><b>Algorithm and complexity.</b> Rows go into a {@link NeighborIndex}; core distances come
 * from its k-nearest-neighbour search; the minimum spanning tree of mutual reachability is grown by
 * Borůvka's algorithm over the k-d tree (McInnes and Healy 2017) or, on the brute-force index used
 * in high dimensions, by Prim's algorithm with distances computed on the fly. Time about O(n log^2
 * n) on low-dimensional data (O(n^2 d) at worst and on the brute-force index); memory O(n d): no
 * distance matrix. The condensed tree, selection and scores are O(n). The {@link FitSummary}
 * reports the Borůvka rounds as iterations and an objective of NaN.
 *
 * <p>Row weights are ignored. The builder is mutable and meant for one thread; the model it returns
 * is immutable.
 */
public final class Hdbscan extends SegmenterBuilder<Hdbscan, HdbscanModel> {
  private static final String NAME = "hdbscan";
  private static final int STEPS = 3;
  private int minClusterSize = 5;
  private Integer minSamples;
  private ClusterSelection selection = ClusterSelection.EXCESS_OF_MASS;
  private double selectionEpsilon;
  private boolean allowSingleCluster;
  private Distance distance = Distance.EUCLIDEAN;
  private IndexKind index = IndexKind.AUTO;

  /** Creates a builder with the defaults; prefer {@code Segmentation.hdbscan()}. */
  public Hdbscan() {}

  @Override
  protected Hdbscan self() {
    return this;
  }

  /**
   * Sets the smallest group of rows that counts as a segment; smaller groups are noise or part of a
   * larger segment.
   *
   * @param size {@code >= 2}; default 5 (as scikit-learn)
   * @return this builder
   * @throws InvalidOptionException if {@code size < 2}
   */
  public Hdbscan minClusterSize(int size) {
    if (size < 2) {
      throw new InvalidOptionException("minClusterSize", size, "must be >= 2");
    }
    this.minClusterSize = size;
    return this;
  }

  /**
   * Sets how many rows, the row itself counted, define its density (its core distance is the
   * distance to the {@code count}-th nearest). Larger values smooth the density and call more rows
   * noise.
   *
   * @param count {@code >= 1}; default: {@code minClusterSize}
   * @return this builder
   * @throws InvalidOptionException if {@code count < 1}
   */
  public Hdbscan minSamples(int count) {
    if (count < 1) {
      throw new InvalidOptionException(
          "minSamples", count, "must be >= 1 (it counts the row itself)");
    }
    this.minSamples = count;
    return this;
  }

  /**
   * Chooses how segments are picked from the condensed tree.
   *
   * @param value the method; default {@link ClusterSelection#EXCESS_OF_MASS}
   * @return this builder
   */
  public Hdbscan selection(ClusterSelection value) {
    this.selection = Objects.requireNonNull(value, "selection");
    return this;
  }

  /**
   * Sets the cluster selection epsilon (Malzer and Baum 2020, "A hybrid approach to hierarchical
   * density-based cluster selection", IEEE MFI): selected clusters that split off below this
   * distance give way to their ancestor that split off at or above it, so that no segment is finer
   * than DBSCAN at this radius would make it.
   *
   * @param radius finite and {@code >= 0}, in preprocessed units; default 0 (off)
   * @return this builder
   * @throws InvalidOptionException if negative or not finite
   */
  public Hdbscan clusterSelectionEpsilon(double radius) {
    if (!(radius >= 0) || !Double.isFinite(radius)) {
      throw new InvalidOptionException(
          "clusterSelectionEpsilon", radius, "must be finite and >= 0 (0 turns it off)");
    }
    this.selectionEpsilon = radius;
    return this;
  }

  /**
   * Lets the whole data set be one segment when nothing in it splits into stable groups (by default
   * the root of the tree is never selected, so such data come out as noise or as the largest
   * split).
   *
   * @param allow whether the root may be selected; default false (as scikit-learn)
   * @return this builder
   */
  public Hdbscan allowSingleCluster(boolean allow) {
    this.allowSingleCluster = allow;
    return this;
  }

  /**
   * Chooses the distance.
   *
   * @param value the distance; default {@link Distance#EUCLIDEAN}
   * @return this builder
   */
  public Hdbscan distance(Distance value) {
    this.distance = Objects.requireNonNull(value, "distance");
    return this;
  }

  /**
   * Chooses the neighbour index; every kind gives the same result (the k-d tree with Borůvka is
   * faster on low-dimensional data, the brute-force scan with Prim on high-dimensional data).
   *
   * @param value the index; default {@link IndexKind#AUTO}
   * @return this builder
   */
  public Hdbscan index(IndexKind value) {
    this.index = Objects.requireNonNull(value, "index");
    return this;
  }

  /**
   * Fits HDBSCAN*. See the class description for the definitions, the algorithm and its complexity.
   * The data set is not modified.
   *
   * @throws InvalidDataException if the data set is empty, a value is outside the domain of the
   *     preprocessing, (cosine) a row is all zeros, or the fit would not fit in the heap; the
   *     message names the row or the memory needed
   * @throws FitCancelledException if the progress listener cancelled
   */
  @Override
  public SegmentationResult<HdbscanModel> fit(Dataset data) {
    FitFrame frame = frame(NAME);
    Prepared p = frame.prepare(data, "HDBSCAN* needs at least one row", null);
    int n = p.n();
    int samples = minSamples != null ? minSamples : minClusterSize;
    // the index's copy of the rows, the spanning tree's per-row and per-worker arrays, the
    // single-linkage and condensed trees and the per-row results: measured 323 bytes a row
    // allocated in all at 1M x 2 (BENCHMARKS.md), not all of it live at once
    long need = (long) n * (24L * p.d() + 16L * frame.threads() + 240L);
    if (!Memory.fits(need)) {
      throw new InvalidDataException(
          "HDBSCAN* on "
              + n
              + " rows of "
              + p.d()
              + " columns needs about "
              + Memory.gib(need)
              + " but only "
              + Memory.gib(Memory.freeHeap())
              + " of heap is free; fit on a sample or give the JVM more (-Xmx)");
    }
    NeighborIndex tree;
    try {
      tree = NeighborIndex.build(p.rows(), n, p.d(), distance, index);
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException(e.getMessage(), e);
    }
    ProgressListener listener = frame.listener();
    report(listener, "hdbscan index (" + tree.kind() + ")", 1);
    HdbscanEngine.Result r =
        HdbscanEngine.run(
            tree,
            frame.blocks(n),
            minClusterSize,
            samples,
            selection == ClusterSelection.LEAF,
            allowSingleCluster,
            selectionEpsilon);
    report(listener, "hdbscan spanning tree and condensed tree", 2);
    HdbscanModel model =
        new HdbscanModel(
            p.columns(), p.scaling(), distance, samples, minClusterSize, p.rows(), tree, r);
    report(listener, "hdbscan model", STEPS);
    FitSummary summary =
        frame.summary(
            "hdbscan (" + tree.kind() + ", " + distance + ")",
            r.rounds,
            true,
            Double.NaN,
            r.distances,
            new double[0]);
    Map<String, String> options = new LinkedHashMap<>();
    options.put("minClusterSize", Integer.toString(minClusterSize));
    options.put("minSamples", Integer.toString(samples));
    options.put("selection", selection.name());
    options.put("clusterSelectionEpsilon", Double.toString(selectionEpsilon));
    options.put("allowSingleCluster", Boolean.toString(allowSingleCluster));
    options.put("distance", distance.name());
    options.put("index", index.name());
    return new SegmentationResult<>(
        model.trainingLabels(),
        model.withProvenance(frame.provenance(options, null, n, data.columnNames(), summary)),
        summary);
  }

  private static void report(ProgressListener listener, String stage, int step) {
    if (listener != ProgressListener.NONE
        && !listener.onProgress(new Progress(stage, step, STEPS, Double.NaN))) {
      throw new FitCancelledException(stage + " cancelled after step " + step + " of " + STEPS);
    }
  }

  @Override
  public String toString() {
    return "Hdbscan[minClusterSize="
        + minClusterSize
        + ", minSamples="
        + (minSamples != null ? minSamples : "=minClusterSize")
        + ", selection="
        + selection
        + ", clusterSelectionEpsilon="
        + selectionEpsilon
        + ", allowSingleCluster="
        + allowSingleCluster
        + ", distance="
        + distance
        + "]";
  }
}
