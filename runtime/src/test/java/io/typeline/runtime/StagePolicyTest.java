package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Retries with backoff, timeouts, and cancelling a run through its handle. */
@Timeout(30)
class StagePolicyTest {
  private static final RunOptions FAST_BACKOFF =
      RunOptions.defaults().retryBackoff(Duration.ofMillis(20), Duration.ofMillis(60));

  private static Graph single(String name, int retries, Duration timeout, Invoker invoker) {
    return Graph.builder(name).stage("flaky", name + ".java:1", invoker).policy("flaky", retries, timeout)
        .outputs("flaky").build();
  }

  @Test
  void anExceptionIsRetriedWithGrowingWaitsUntilAnAttemptSucceeds() {
    List<Long> attempts = new CopyOnWriteArrayList<>();
    Graph graph = single("Flaky", 3, null, args -> {
      attempts.add(System.nanoTime());
      if (attempts.size() < 3) {
        throw new java.io.IOException("storage hiccup " + attempts.size());
      }
      return "ok";
    });

    assertThat(Runner.run(graph, FAST_BACKOFF).value("flaky")).isEqualTo("ok");

    assertThat(attempts).hasSize(3);
    // Equal jitter: at least half the exponential wait, 20 ms then 40 ms.
    assertThat(attempts.get(1) - attempts.get(0)).isAtLeast(TimeUnit.MILLISECONDS.toNanos(10));
    assertThat(attempts.get(2) - attempts.get(1)).isAtLeast(TimeUnit.MILLISECONDS.toNanos(20));
  }

  @Test
  void afterTheLastRetryTheStageFailsWithItsLastException() {
    List<String> attempts = new CopyOnWriteArrayList<>();
    Graph graph = single("Broken", 2, null, args -> {
      attempts.add("attempt");
      throw new IllegalStateException("attempt " + attempts.size());
    });

    StageFailedException e = assertThrows(StageFailedException.class, () -> Runner.run(graph, FAST_BACKOFF));

    assertThat(attempts).hasSize(3);
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("attempt 3");
  }

  @Test
  void anErrorIsNeverRetried() {
    List<String> attempts = new CopyOnWriteArrayList<>();
    Graph graph = single("Fatal", 5, null, args -> {
      attempts.add("attempt");
      throw new OutOfMemoryError("simulated");
    });

    StageFailedException e = assertThrows(StageFailedException.class, () -> Runner.run(graph, FAST_BACKOFF));

    assertThat(attempts).hasSize(1);
    assertThat(e).hasCauseThat().isInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void aStagePastItsTimeoutIsInterruptedAndFailsNamingItsLimit() {
    List<String> events = new CopyOnWriteArrayList<>();
    Graph graph = single("Slow", 0, Duration.ofMillis(100), args -> {
      try {
        Thread.sleep(20_000);
        return "done";
      } catch (InterruptedException e) {
        events.add("interrupted");
        throw e;
      }
    });

    long start = System.nanoTime();
    StageFailedException e = assertThrows(StageFailedException.class, () -> Runner.run(graph, RunOptions.defaults()));

    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
    assertThat(events).containsExactly("interrupted");
    assertThat(e.stage()).isEqualTo("flaky");
    assertThat(e).hasCauseThat().isInstanceOf(TimeoutException.class);
    assertThat(e).hasCauseThat().hasMessageThat()
        .isEqualTo("stage 'flaky' took longer than its timeout of PT0.1S and was interrupted");
    // The stage ran on the calling thread: the timeout's interrupt is not left behind on it.
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aTimedOutAttemptIsRetried() {
    List<String> attempts = new CopyOnWriteArrayList<>();
    Graph graph = single("SlowOnce", 1, Duration.ofMillis(100), args -> {
      attempts.add("attempt");
      if (attempts.size() == 1) {
        Thread.sleep(20_000);
      }
      return "second";
    });

    assertThat(Runner.run(graph, FAST_BACKOFF).value("flaky")).isEqualTo("second");
    assertThat(attempts).hasSize(2);
  }

  @Test
  void cancellingThroughTheHandleInterruptsRunningStagesAndStartsNoOther() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch running = new CountDownLatch(1);
    Graph graph = Graph.builder("Cancelled")
        .stage("blocked", "Cancelled.java:1", args -> {
          running.countDown();
          try {
            Thread.sleep(20_000);
            return "done";
          } catch (InterruptedException e) {
            events.add("blocked interrupted");
            throw e;
          }
        })
        .stage("after", "Cancelled.java:2", args -> events.add("after started"), "blocked")
        .outputs("after")
        .build();

    RunHandle<RunResult> handle = Runner.start(graph, RunOptions.defaults());
    Latches.await(running);
    long start = System.nanoTime();
    handle.cancel();
    PipelineCancelledException e = assertThrows(PipelineCancelledException.class, handle::join);

    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    assertThat(e).hasMessageThat().startsWith("Pipeline 'Cancelled' was cancelled");
    assertThat(handle.isDone()).isTrue();
    assertThat(events).containsExactly("blocked interrupted");
  }

  @Test
  void aHandleGivesTheResultOfARunThatFinishes() {
    Graph graph = Graph.builder("Quick").stage("a", "Quick.java:1", args -> 41).outputs("a").build();
    RunHandle<Integer> handle = Runner.start(graph, RunOptions.defaults()).map(result -> (int) result.value("a") + 1);
    assertThat(handle.join()).isEqualTo(42);
    handle.cancel(); // over: nothing to do
    assertThat(handle.isDone()).isTrue();
  }

  @Test
  void aPolicyWithANegativeRetryCountOrNonPositiveTimeoutIsRejected() {
    IllegalArgumentException retries = assertThrows(IllegalArgumentException.class, () -> new StagePolicy(-1, null, 0));
    IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
        () -> new StagePolicy(0, Duration.ZERO, 0));
    assertThat(retries).hasMessageThat().isEqualTo("retries must be 0 or more, was -1");
    assertThat(timeout).hasMessageThat().isEqualTo("timeout must be positive, was PT0S");
  }
}
