package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When only one stage can run and none is running, the calling thread runs it itself, so a chain
 * costs no thread switch per stage; stages that can run together still go to the pool.
 */
@Timeout(20)
class InlineStagesTest {

  @Test
  void aChainRunsOnTheCallingThread() {
    List<String> threads = new CopyOnWriteArrayList<>();
    Graph graph = Graph.builder("Chain")
        .param("start", 1)
        .stage("a", "Chain.java:1", args -> record(threads, (int) args[0]), "start")
        .stage("b", "Chain.java:2", args -> record(threads, (int) args[0]), "a")
        .stage("c", "Chain.java:3", args -> record(threads, (int) args[0]), "b")
        .outputs("c")
        .build();

    RunResult result = Runner.run(graph, RunOptions.defaults().parallelism(4));

    assertThat(result.value("c")).isEqualTo(4);
    assertThat(threads).containsExactly(Thread.currentThread().getName(), Thread.currentThread().getName(),
        Thread.currentThread().getName());
  }

  @Test
  void stagesThatCanRunTogetherGoToThePool() {
    List<String> threads = new CopyOnWriteArrayList<>();
    CountDownLatch both = new CountDownLatch(2);
    Graph graph = Graph.builder("Pair")
        .stage("a", "Pair.java:1", args -> meet(threads, both))
        .stage("b", "Pair.java:2", args -> meet(threads, both))
        .outputs("a", "b")
        .build();

    Runner.run(graph, RunOptions.defaults().parallelism(2));

    assertThat(threads).hasSize(2);
    assertThat(threads).doesNotContain(Thread.currentThread().getName());
  }

  @Test
  void interruptingTheCallerWhileItRunsAStageCancelsTheRun() throws InterruptedException {
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(1);
    Graph graph = Graph.builder("Blocked")
        .stage("blocked", "Blocked.java:1", args -> {
          started.countDown();
          new CountDownLatch(1).await(10, TimeUnit.SECONDS); // until interrupted
          return "done";
        })
        .stage("later", "Blocked.java:2", args -> events.add("later started"), "blocked")
        .outputs("later")
        .build();
    AtomicReference<RuntimeException> thrown = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        Runner.run(graph, RunOptions.defaults());
      } catch (RuntimeException e) {
        thrown.set(e);
        events.add("interrupt flag " + Thread.currentThread().isInterrupted());
      }
    }, "caller");

    caller.start();
    Latches.await(started);
    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(Latches.TIMEOUT_SECONDS));

    assertThat(thrown.get()).isInstanceOf(PipelineCancelledException.class);
    assertThat(events).containsExactly("interrupt flag true");
  }

  private static int record(List<String> threads, int value) {
    threads.add(Thread.currentThread().getName());
    return value + 1;
  }

  private static String meet(List<String> threads, CountDownLatch both) throws InterruptedException {
    threads.add(Thread.currentThread().getName());
    both.countDown();
    Latches.await(both);
    return "met";
  }
}
