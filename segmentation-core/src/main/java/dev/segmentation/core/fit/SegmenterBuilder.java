package dev.segmentation.core.fit;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.api.Segmenter;
import dev.segmentation.core.preprocess.Scaling;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

/**
 * The settings every segmentation builder shares (preprocessing, threads, pool, progress), written
 * once, and the {@link FitFrame} a fit reads them through. K-means, DBSCAN, hierarchical clustering
 * and the self-organizing map extend it; their setters return the concrete builder, so chains read
 * {@code Segmentation.kmeans().preprocess(Scaling.standard()).k(6)}.
 *
 * @param <B> the concrete builder
 * @param <M> the model its fits return
 */
public abstract class SegmenterBuilder<B extends SegmenterBuilder<B, M>, M extends SegmentModel>
    implements Segmenter<M> {
  private Scaling scaling = Scaling.none();
  private int threads = Runtime.getRuntime().availableProcessors();
  private ForkJoinPool pool;
  private ProgressListener listener = ProgressListener.NONE;

  /** Creates the shared settings with their defaults. */
  protected SegmenterBuilder() {}

  /**
   * Returns this builder as its concrete type.
   *
   * @return this
   */
  protected abstract B self();

  /**
   * Chooses the preprocessing learned on the training data and kept by the model.
   *
   * @param value the scaling recipe; default {@link Scaling#none()}
   * @return this builder
   */
  public B preprocess(Scaling value) {
    this.scaling = Objects.requireNonNull(value, "scaling");
    return self();
  }

  /**
   * Sets how many tasks share the work; results do not depend on it.
   *
   * @param count {@code >= 1}; default the number of available processors
   * @return this builder
   * @throws InvalidOptionException if {@code count < 1}
   */
  public B threads(int count) {
    if (count < 1) {
      throw new InvalidOptionException("threads", count, "must be >= 1");
    }
    this.threads = count;
    return self();
  }

  /**
   * Runs parallel work in this pool instead of the library's shared default pool.
   *
   * @param value the pool
   * @return this builder
   */
  public B pool(ForkJoinPool value) {
    this.pool = Objects.requireNonNull(value, "pool");
    return self();
  }

  /**
   * Reports progress and lets the listener cancel.
   *
   * @param value the listener; default none
   * @return this builder
   */
  public B progress(ProgressListener value) {
    this.listener = Objects.requireNonNull(value, "listener");
    return self();
  }

  /**
   * Returns the shared settings as they are now, for one fit (a builder changed during a fit does
   * not change it).
   *
   * @param algorithm the family's name in provenance records, for example {@code "k-means"}
   * @return the frame
   */
  protected FitFrame frame(String algorithm) {
    return new FitFrame(algorithm, scaling, threads, pool, listener);
  }
}
