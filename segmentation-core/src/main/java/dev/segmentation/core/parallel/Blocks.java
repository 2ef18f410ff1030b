package dev.segmentation.core.parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

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
 * shared counter; the calling thread takes part as worker 0 and, once no block is left, waits only
 * for the pool tasks that have started. A task the pool starts late finds its run closed and does
 * nothing, so a run never waits on a task the pool has not picked up (a fit was once seen parked in
 * {@code ForkJoinPool.invoke} with none of the pool's threads left). Not thread-safe: one {@code
 * run} at a time.
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

  /** The pool's tasks, workers 1 to {@code workers() - 1}; empty when the caller runs alone. */
  private final Worker[] workers;

  private final AtomicInteger next = new AtomicInteger();

  /**
   * The open run's generation (high 32 bits) and how many pool tasks are working in it (low 32): a
   * task joins only while its generation is open, and the caller closes it before waiting.
   */
  private final AtomicLong state = new AtomicLong();

  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile Thread caller;
  private volatile Body body;
  private int generation;

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
    this.workers = new Worker[tasks > 1 ? tasks - 1 : 0];
    for (int t = 0; t < workers.length; t++) {
      workers[t] = new Worker(t + 1);
    }
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
    return workers.length + 1;
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
    body = work;
    next.set(0);
    failure.set(null);
    caller = Thread.currentThread();
    generation += 2;
    final int open = generation;
    state.set((long) open << 32);
    for (int t = 0; t < workers.length; t++) {
      Worker w = workers[t];
      if (w.isDone()) {
        w.reinitialize();
      } else {
        // Still queued from an earlier run, which it will find closed: leave it, use a new one.
        w = new Worker(t + 1);
        workers[t] = w;
      }
      w.generation = open;
      pool.execute(w);
    }
    try {
      drain(0);
    } catch (Throwable e) {
      failure.compareAndSet(null, e);
    }
    // Close the run (odd generation): tasks not started yet will do nothing. Then wait for those
    // still working on their last block.
    state.addAndGet(1L << 32);
    while ((state.get() & ACTIVE) != 0) {
      LockSupport.park(this);
    }
    body = null;
    Throwable thrown = failure.get();
    if (thrown instanceof RuntimeException e) {
      throw e;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
    if (thrown != null) {
      throw new IllegalStateException("a block failed", thrown);
    }
  }

  private static final long ACTIVE = 0xffff_ffffL;

  private void drain(int worker) {
    Body work = body;
    int b;
    while (failure.get() == null && (b = next.getAndIncrement()) < count) {
      work.run(worker, b, start(b), end(b));
    }
  }

  private final class Worker extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final int index;

    /** The run this task was armed for. */
    int generation;

    Worker(int index) {
      this.index = index;
    }

    @Override
    protected void compute() {
      long s;
      do {
        s = state.get();
        if ((int) (s >>> 32) != generation) {
          return;
        }
      } while (!state.compareAndSet(s, s + 1));
      try {
        drain(index);
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      } finally {
        if ((state.decrementAndGet() & ACTIVE) == 0) {
          LockSupport.unpark(caller);
        }
      }
    }
  }
}
