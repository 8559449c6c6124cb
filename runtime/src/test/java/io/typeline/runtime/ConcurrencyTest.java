package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ConcurrencyTest {
  private record Interval(long start, long end) {}

  @Test
  void independentStagesRunAtTheSameTime() {
    Map<String, Interval> intervals = new ConcurrentHashMap<>();
    CountDownLatch bothStarted = new CountDownLatch(2);
    Graph graph = Graph.builder("Parallel")
        .stage("a", "Parallel.java:1", timed(intervals, "a", bothStarted))
        .stage("b", "Parallel.java:2", timed(intervals, "b", bothStarted))
        .outputs("a", "b")
        .build();

    Runner.run(graph, RunOptions.defaults().parallelism(2));

    Interval a = intervals.get("a");
    Interval b = intervals.get("b");
    assertThat(a.start()).isLessThan(b.end());
    assertThat(b.start()).isLessThan(a.end());
  }

  /** Records when the stage ran; it ends only after every stage sharing the latch has started. */
  private static Invoker timed(
      Map<String, Interval> intervals, String stage, CountDownLatch started) {
    return args -> {
      long start = System.nanoTime();
      started.countDown();
      Latches.await(started);
      intervals.put(stage, new Interval(start, System.nanoTime()));
      return stage;
    };
  }

  @Test
  void parallelismBoundsHowManyStagesRunAtOnce() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostRunning = new AtomicInteger();
    // Stages end in pairs, so two run together; a third starting early would show in the count.
    CyclicBarrier pairs = new CyclicBarrier(2);
    Invoker counted = args -> {
      mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        pairs.await(Latches.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return null;
      } finally {
        running.decrementAndGet();
      }
    };
    Graph.Builder builder = Graph.builder("Bounded");
    for (int i = 0; i < 6; i++) {
      builder.stage("s" + i, "Bounded.java:" + i, counted);
    }
    Graph graph = builder.outputs("s0", "s1", "s2", "s3", "s4", "s5").build();

    RunResult result = Runner.run(graph, RunOptions.defaults().parallelism(2));

    assertThat(result.outputs()).hasSize(6);
    assertThat(mostRunning.get()).isEqualTo(2);
  }

  @Test
  void interruptingTheCallerCancelsTheRun() throws InterruptedException {
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch blockedStarted = new CountDownLatch(1);
    CountDownLatch neverOpened = new CountDownLatch(1);
    Graph graph = Graph.builder("Cancelled")
        .stage("blocked", "Cancelled.java:1", args -> {
          blockedStarted.countDown();
          try {
            neverOpened.await(10, TimeUnit.SECONDS);
            return "blocked";
          } catch (InterruptedException interrupted) {
            events.add("blocked interrupted");
            throw interrupted;
          }
        })
        // One thread: `queued` waits behind `blocked`, `later` waits for it.
        .stage("queued", "Cancelled.java:2", args -> events.add("queued started"))
        .stage("later", "Cancelled.java:3", args -> events.add("later started"), "blocked")
        .outputs("later", "queued")
        .build();
    AtomicReference<RuntimeException> thrown = new AtomicReference<>();
    AtomicBoolean interruptFlagAfter = new AtomicBoolean();
    Thread caller = new Thread(() -> {
      try {
        Runner.run(graph, RunOptions.defaults().parallelism(1));
      } catch (RuntimeException e) {
        thrown.set(e);
        interruptFlagAfter.set(Thread.currentThread().isInterrupted());
        events.add("caller saw cancellation");
      }
    }, "pipeline-caller");

    caller.start();
    Latches.await(blockedStarted);
    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(Latches.TIMEOUT_SECONDS));

    assertThat(caller.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(PipelineCancelledException.class);
    assertThat(((PipelineCancelledException) thrown.get()).pipeline()).isEqualTo("Cancelled");
    assertThat(interruptFlagAfter.get()).isTrue();
    assertThat(events).containsExactly("blocked interrupted", "caller saw cancellation").inOrder();
  }
}
