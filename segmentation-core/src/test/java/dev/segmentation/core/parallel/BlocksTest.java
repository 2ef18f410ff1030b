package dev.segmentation.core.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BlocksTest {
  /**
   * The pool's only thread is busy, so the run's pool task cannot start: the caller must do every
   * block itself and return instead of waiting for it (before, {@code ForkJoinPool.invoke} waited).
   * The late task, when it finally runs, must do nothing, and the next run must still use the pool.
   */
  @Test
  void aRunDoesNotWaitForATaskThePoolHasNotStarted() throws Exception {
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch busy = new CountDownLatch(1);
      pool.execute(
          () -> {
            busy.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      busy.await();
      Blocks blocks = new Blocks(40_000, 2, pool);
      int[] visits = new int[40_000];
      AtomicInteger byPool = new AtomicInteger();
      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          () ->
              blocks.run(
                  (w, b, start, end) -> {
                    if (w != 0) {
                      byPool.incrementAndGet();
                    }
                    for (int i = start; i < end; i++) {
                      visits[i]++;
                    }
                  }));
      assertThat(byPool.get()).isZero();
      assertThat(visits).containsOnly(1);
      release.countDown();
      // The stale task now runs, finds its run closed and must not touch the rows again.
      assertThat(pool.awaitQuiescence(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(visits).containsOnly(1);
      AtomicInteger workersSeen = new AtomicInteger();
      blocks.run(
          (w, b, start, end) -> {
            workersSeen.accumulateAndGet(1 << w, (x, y) -> x | y);
            for (int i = start; i < end; i++) {
              visits[i]++;
            }
            // Long enough blocks that the pool's thread gets some of them.
            if (w == 0) {
              Thread.onSpinWait();
            }
          });
      assertThat(visits).containsOnly(2);
      assertThat(workersSeen.get() & ~3).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  /** A block's exception reaches the caller as it was thrown, and the blocks can run again. */
  @Test
  void aFailingBlockThrowsToTheCallerAndLeavesTheBlocksUsable() {
    Blocks blocks = new Blocks(100_000, 2, Blocks.defaultPool());
    IllegalArgumentException boom = new IllegalArgumentException("row 70000 is bad");
    for (int rep = 0; rep < 20; rep++) {
      assertThatThrownBy(
              () ->
                  blocks.run(
                      (w, b, start, end) -> {
                        if (start <= 70_000 && 70_000 < end) {
                          throw boom;
                        }
                      }))
          .isSameAs(boom);
      int[] visits = new int[100_000];
      blocks.run(
          (w, b, start, end) -> {
            for (int i = start; i < end; i++) {
              visits[i]++;
            }
          });
      assertThat(visits).containsOnly(1);
    }
  }
}
