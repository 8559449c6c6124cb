package io.typeline.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor: runs stages in this JVM on a fixed pool of {@code parallelism} daemon
 * threads, so at most that many stages run at once. Runs share one per parallelism level
 * ({@link #shared}) unless {@link RunOptions#executor} supplies another; whoever creates one with
 * the constructor closes it.
 */
public final class LocalExecutor implements StageExecutor, AutoCloseable {
  private static final ConcurrentHashMap<Integer, LocalExecutor> SHARED = new ConcurrentHashMap<>();

  private final ThreadPoolExecutor pool;

  /**
   * The process-wide executor for this parallelism, which runs use by default: creating threads
   * for every run would cost more than a small pipeline's own work. Its threads are daemons and
   * end after 30 idle seconds; it is never closed.
   */
  static LocalExecutor shared(int parallelism) {
    return SHARED.computeIfAbsent(checkParallelism(parallelism),
        size -> new LocalExecutor(size, "shared-" + size));
  }

  /** A pool of {@code parallelism} threads named {@code typeline-<name>-<n>}. */
  public LocalExecutor(int parallelism, String name) {
    checkParallelism(parallelism);
    AtomicInteger count = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(parallelism, parallelism, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, "typeline-" + name + "-" + count.incrementAndGet());
          // A stage that ignores interrupts must not keep the JVM alive after main returns.
          thread.setDaemon(true);
          return thread;
        });
    pool.allowCoreThreadTimeOut(true);
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

  /** Runs {@code work} on the pool: for the runtime's own tasks, which are not single stages. */
  Future<?> submit(Runnable work) {
    return pool.submit(work);
  }

  /** Stops the threads; stages still running are interrupted. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
