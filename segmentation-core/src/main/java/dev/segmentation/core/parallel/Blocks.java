package dev.segmentation.core.parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs work over fixed blocks of rows, in parallel, so that results do not depend on the number of
 * threads.
 *
 * <p>The rows {@code [0, n)} are cut into blocks whose boundaries depend only on {@code n} and
 * {@link #blockRows}; never on the thread count. A caller writes each block's partial result into a
 * slot of its own and combines the slots in block order afterwards, which makes sums bit-identical
 * for 1 or N threads.
 *
 * <p>A {@code Blocks} is created once per fit: its worker tasks are allocated up front and re-armed
 * for every {@link #run}, so the iteration loop allocates nothing. Workers claim blocks from a
 * shared counter; the calling thread takes part. Not thread-safe: one {@code run} at a time.
 */
public final class Blocks {

  /**
   * The default number of rows per block: large enough to amortise scheduling, small enough to
   * balance.
   */
  public static final int DEFAULT_BLOCK_ROWS = 4096;

  /** The most blocks a range is cut into; bounds the memory of per-block partial results. */
  public static final int MAX_BLOCKS = 256;

  /** Work on one block of rows. */
  @FunctionalInterface
  public interface Body {
    /**
     * Processes rows {@code [start, end)} of block {@code block}.
     *
     * @param worker which worker runs the block, in {@code [0, workers())}: no two blocks run at
     *     the same time with the same worker, so per-worker scratch space needs no locking
     * @param block the block index in {@code [0, count())}
     * @param start first row, inclusive
     * @param end last row, exclusive
     */
    void run(int worker, int block, int start, int end);
  }

  private static volatile ForkJoinPool defaultPool;

  private final int n;
  private final int blockRows;
  private final int count;
  private final ForkJoinPool pool;
  private final Worker[] workers;
  private final Root root;
  private final AtomicInteger next = new AtomicInteger();
  private Body body;

  /**
   * Cuts {@code [0, n)} into blocks of {@code max(DEFAULT_BLOCK_ROWS, ceil(n / MAX_BLOCKS))} rows.
   *
   * @param n number of rows, {@code >= 0}
   * @param parallelism the number of tasks to run at once, {@code >= 1}; 1 runs everything on the
   *     calling thread
   * @param pool the pool for parallel runs (for example {@link ForkJoinPool#commonPool()})
   * @throws IllegalArgumentException if {@code n < 0} or {@code parallelism < 1}
   */
  public Blocks(int n, int parallelism, ForkJoinPool pool) {
    if (n < 0 || parallelism < 1) {
      throw new IllegalArgumentException("n=" + n + ", parallelism=" + parallelism);
    }
    this.n = n;
    this.blockRows = Math.max(DEFAULT_BLOCK_ROWS, (n + MAX_BLOCKS - 1) / MAX_BLOCKS);
    this.count = Math.max(1, (n + blockRows - 1) / blockRows);
    this.pool = pool;
    int tasks = Math.min(parallelism, count);
    this.workers = new Worker[tasks > 1 ? tasks : 0];
    for (int t = 0; t < workers.length; t++) {
      workers[t] = new Worker(t);
    }
    this.root = new Root();
  }

  /**
   * Returns the pool algorithms use unless given another: one per JVM, created on first use, with
   * one daemon worker per available processor. (The common pool has one worker fewer than there are
   * processors, which on a 2-core machine means no parallelism at all.)
   *
   * @return the shared pool
   */
  public static ForkJoinPool defaultPool() {
    ForkJoinPool p = defaultPool;
    if (p == null) {
      synchronized (Blocks.class) {
        p = defaultPool;
        if (p == null) {
          p = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
          defaultPool = p;
        }
      }
    }
    return p;
  }

  /**
   * Returns how many workers may run blocks at once: the range of the {@code worker} argument of
   * {@link Body#run}. Size per-worker scratch space by it.
   *
   * @return at least 1
   */
  public int workers() {
    return Math.max(1, workers.length);
  }

  /**
   * Returns the number of blocks.
   *
   * @return at least 1 (a single empty block when {@code n == 0})
   */
  public int count() {
    return count;
  }

  /**
   * Returns the first row of a block.
   *
   * @param block block index
   * @return the first row, inclusive
   */
  public int start(int block) {
    return block * blockRows;
  }

  /**
   * Returns the end of a block.
   *
   * @param block block index
   * @return the last row, exclusive
   */
  public int end(int block) {
    return Math.min(n, (block + 1) * blockRows);
  }

  /**
   * Runs {@code body} once for every block and returns when all are done. Blocks may run in any
   * order and on any thread; write results per block and combine them in block order.
   *
   * @param work the work per block
   * @throws RuntimeException whatever {@code work} threw
   */
  public void run(Body work) {
    if (workers.length == 0) {
      for (int b = 0; b < count; b++) {
        work.run(0, b, start(b), end(b));
      }
      return;
    }
    this.body = work;
    next.set(0);
    for (Worker w : workers) {
      w.reinitialize();
    }
    root.reinitialize();
    pool.invoke(root);
    this.body = null;
  }

  private void drain(int worker) {
    Body work = body;
    int b;
    while ((b = next.getAndIncrement()) < count) {
      work.run(worker, b, start(b), end(b));
    }
  }

  private final class Worker extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final int index;

    Worker(int index) {
      this.index = index;
    }

    @Override
    protected void compute() {
      drain(index);
    }
  }

  private final class Root extends RecursiveAction {
    private static final long serialVersionUID = 1L;

    @Override
    protected void compute() {
      ForkJoinTask.invokeAll(workers);
    }
  }
}
