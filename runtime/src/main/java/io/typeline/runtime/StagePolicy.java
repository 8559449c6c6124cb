package io.typeline.runtime;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How one stage is attempted: how many times it is retried after an exception, and how long one
 * attempt may run ({@code @Stage(retries, timeout)}). Serializable, so that a remote executor runs
 * a stage under the same rules.
 *
 * @param retries attempts after the first, for exceptions only (never for errors such as
 *     {@code OutOfMemoryError}, nor after the run was cancelled)
 * @param timeout the longest one attempt may run, or {@code null} for no limit
 * @param concurrency for a fan-out ({@code @Each}), how many of its elements may run at once; 0
 *     for the run's own bound
 */
public record StagePolicy(int retries, Duration timeout, int concurrency) implements Serializable {
  /** One attempt, no limit: what a stage without {@code retries} or {@code timeout} gets. */
  public static final StagePolicy ONCE = new StagePolicy(0, null, 0);

  public StagePolicy {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more, was " + retries);
    }
    if (concurrency < 0) {
      throw new IllegalArgumentException("concurrency must be 0 (the run's bound) or more, was " + concurrency);
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  /** Waits between attempts: the base doubles per attempt up to the cap, half of it random. */
  public record Backoff(Duration base, Duration cap) implements Serializable {
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));

    public Backoff {
      if (base.isNegative() || cap.compareTo(base) < 0) {
        throw new IllegalArgumentException("backoff needs 0 <= base <= cap, was base " + base + ", cap " + cap);
      }
    }

    /**
     * The wait before attempt {@code attempt + 1} (attempt 1 is the first retry): "equal jitter",
     * half of {@code min(cap, base * 2^(attempt-1))} plus a random part of the other half, so that
     * stages failing together do not retry together, and the wait still grows.
     */
    long nanosBefore(int attempt) {
      long exponential = base.toNanos() << Math.min(attempt - 1, 30);
      long ceiling = Math.min(cap.toNanos(), exponential < 0 ? Long.MAX_VALUE : exponential);
      long half = ceiling / 2;
      return half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1));
    }
  }

  private static final class Timer {
    static final ScheduledThreadPoolExecutor INSTANCE = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "typeline-timeouts");
      thread.setDaemon(true);
      return thread;
    });

    static {
      INSTANCE.setRemoveOnCancelPolicy(true);
    }
  }

  /**
   * Calls {@code invoker} on this thread under this policy: retries exceptions, and interrupts an
   * attempt that outlives the timeout, which then fails with a {@link TimeoutException} naming the
   * stage and its limit.
   */
  Object call(String stage, Invoker invoker, Object[] args, Backoff backoff) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        return timeout == null ? invoker.invoke(args) : callWithTimeout(stage, invoker, args);
      } catch (Exception e) {
        if (attempt >= retries || Thread.currentThread().isInterrupted()
            || e instanceof InterruptedException) {
          throw e; // out of attempts, or cancelled: never retried
        }
        TimeUnit.NANOSECONDS.sleep(backoff.nanosBefore(attempt + 1));
      }
    }
  }

  /**
   * One attempt with a deadline. The timer and the stage's thread settle, under one lock, which
   * of them ends the attempt, so the timer never interrupts a thread that has moved on.
   */
  private Object callWithTimeout(String stage, Invoker invoker, Object[] args) throws Exception {
    Thread thread = Thread.currentThread();
    boolean[] state = new boolean[2]; // [0]: attempt over; [1]: timed out
    ScheduledFuture<?> alarm = Timer.INSTANCE.schedule(() -> {
      synchronized (state) {
        if (!state[0]) {
          state[1] = true;
          thread.interrupt();
        }
      }
    }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    Object value = null;
    Exception thrown = null;
    try {
      value = invoker.invoke(args);
    } catch (Exception e) {
      thrown = e;
    } finally {
      alarm.cancel(false);
      synchronized (state) {
        state[0] = true;
        if (state[1]) {
          Thread.interrupted(); // the interrupt was the timer's, not a cancellation
        }
      }
    }
    if (state[1]) {
      TimeoutException timedOut = new TimeoutException(
          "stage '" + stage + "' took longer than its timeout of " + timeout + " and was interrupted");
      if (thrown != null) {
        timedOut.initCause(thrown);
      }
      throw timedOut;
    }
    if (thrown != null) {
      throw thrown;
    }
    return value;
  }
}
