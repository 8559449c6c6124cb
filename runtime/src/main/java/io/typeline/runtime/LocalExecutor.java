package io.typeline.runtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor: runs stages in this JVM on a fixed pool of {@code parallelism} daemon
 * threads, so at most that many stages run at once. A run creates one for itself unless
 * {@link RunOptions#executor} supplies another; whoever creates one closes it.
 */
public final class LocalExecutor implements StageExecutor, AutoCloseable {
  private final ExecutorService pool;

  /** A pool of {@code parallelism} threads named {@code typeline-<name>-<n>}. */
  public LocalExecutor(int parallelism, String name) {
    checkParallelism(parallelism);
    AtomicInteger count = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(parallelism, parallelism, 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, "typeline-" + name + "-" + count.incrementAndGet());
          // A stage that ignores interrupts must not keep the JVM alive after main returns.
          thread.setDaemon(true);
          return thread;
        });
  }

  static int checkParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException(
          "parallelism must be at least 1, was " + parallelism + "; use 1 to run stages one by one");
    }
    return parallelism;
  }

  @Override
  public Future<?> execute(StageTask task) {
    return pool.submit(task);
  }

  /** Stops the threads; stages still running are interrupted. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
