package dev.segmentation.hierarchical;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitCancelledException;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.core.parallel.Blocks;
import dev.segmentation.core.preprocess.FittedScaling;
import dev.segmentation.core.preprocess.Scaling;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

/**
 * Agglomerative (hierarchical) segmentation: start with every customer alone and repeatedly merge
 * the two closest segments, recording a {@link Dendrogram} that can be cut into any number of
 * segments afterwards. Start from {@code Segmentation.hierarchical()}.
 *
 * <pre>{@code
 * Dendrogram tree = Segmentation.hierarchical()
 *     .linkage(Linkage.WARD)
 *     .preprocess(Scaling.standard())
 *     .fit(customers);
 * int[] labels = tree.cut(6);
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
public final class Hierarchical {
  private Linkage linkage = Linkage.WARD;
  private Scaling scaling = Scaling.none();
  private int threads = Runtime.getRuntime().availableProcessors();
  private ForkJoinPool pool;
  private ProgressListener listener = ProgressListener.NONE;

  /** Creates a builder with the defaults; prefer {@code Segmentation.hierarchical()}. */
  public Hierarchical() {}

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
   * Chooses the preprocessing learned on the training data and kept by the models.
   *
   * @param value the scaling recipe; default {@link Scaling#none()}
   * @return this builder
   */
  public Hierarchical preprocess(Scaling value) {
    this.scaling = Objects.requireNonNull(value, "scaling");
    return this;
  }

  /**
   * Sets how many tasks fill the distance matrix of the matrix linkages (complete, average,
   * weighted); the chain and tree algorithms run on the calling thread. Results do not depend on
   * it.
   *
   * @param count {@code >= 1}; default the number of available processors
   * @return this builder
   * @throws InvalidOptionException if {@code count < 1}
   */
  public Hierarchical threads(int count) {
    if (count < 1) {
      throw new InvalidOptionException("threads", count, "must be >= 1");
    }
    this.threads = count;
    return this;
  }

  /**
   * Runs parallel work in this pool instead of the library's shared default pool.
   *
   * @param value the pool
   * @return this builder
   */
  public Hierarchical pool(ForkJoinPool value) {
    this.pool = Objects.requireNonNull(value, "pool");
    return this;
  }

  /**
   * Reports progress about a hundred times per fit (merges done of {@code n - 1}) and lets the
   * listener cancel.
   *
   * @param value the listener; default none
   * @return this builder
   */
  public Hierarchical progress(ProgressListener value) {
    this.listener = Objects.requireNonNull(value, "listener");
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
  public Dendrogram fit(Dataset data) {
    long started = System.nanoTime();
    int n = data.numRows();
    int d = data.numColumns();
    if (n == 0) {
      throw new InvalidDataException("the data set is empty: hierarchical clustering needs rows");
    }
    double[] x = data.toRowMajor();
    FittedScaling fitted = scaling.fit(x, n, data.columnNames());
    fitted.transformInPlace(x, n);
    Blocks blocks = new Blocks(n, threads, pool != null ? pool : Blocks.defaultPool());
    Ticker ticker = new Ticker(listener, "hierarchical " + linkage, n - 1);
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
    FitSummary summary =
        new FitSummary(
            "hierarchical (" + linkage + ")",
            n - 1,
            true,
            n > 1 ? merges.height[argmax(merges.height, n - 1)] : 0,
            ticker.distances + matrixDistances[0],
            Duration.ofNanos(System.nanoTime() - started),
            new double[0]);
    return Dendrogram.of(
        merges,
        linkage.isMonotone(),
        n,
        d,
        linkage,
        x,
        data.columnNames(),
        data.rowIds().orElse(null),
        fitted,
        summary);
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
    return "Hierarchical[linkage=" + linkage + ", scaling=" + scaling + "]";
  }
}
