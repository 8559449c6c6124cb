package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where stages run: when only one stage can run and none is running, the calling thread runs it
 * itself, so a chain costs no thread switch per stage; stages that can run together go to the
 * pool, unless they were seen to take microseconds; a pool thread runs what its stage unlocks.
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

  @Test
  void thePoolThreadThatFinishesAStageRunsWhatItUnlocks() {
    List<String> threads = new CopyOnWriteArrayList<>();
    CountDownLatch both = new CountDownLatch(2);
    Graph graph = Graph.builder("Joined")
        .stage("a", "Joined.java:1", args -> meet(threads, both))
        .stage("b", "Joined.java:2", args -> meet(threads, both))
        .stage("sink", "Joined.java:3", args -> Thread.currentThread().getName(), "a", "b")
        .outputs("sink")
        .build();

    RunResult result = Runner.run(graph, RunOptions.defaults().parallelism(2));

    // Not handed back to the caller: the thread that finished last went on with the sink.
    assertThat((String) result.value("sink")).isNotEqualTo(Thread.currentThread().getName());
    assertThat(threads).contains(result.value("sink"));
  }

  @Test
  void stagesSeenToTakeMicrosecondsRunOnTheCallerInsteadOfWakingThreads() {
    Graph template = threeRootsAndASink("Quick", new AtomicBoolean());
    String caller = Thread.currentThread().getName();

    List<?> first = (List<?>) Runner.run(template.with(1), RunOptions.defaults().parallelism(4)).value("sink");
    // Never run before: a, b and c could be long, so they ran on the pool, side by side.
    assertThat(first.subList(0, 3)).doesNotContain(caller);

    boolean allOnCaller = false;
    for (int run = 0; run < 20 && !allOnCaller; run++) {
      List<?> threads = (List<?>) Runner.run(template.with(1), RunOptions.defaults().parallelism(4)).value("sink");
      allOnCaller = threads.stream().allMatch(caller::equals);
    }
    assertThat(allOnCaller).isTrue();
  }

  @Test
  void aQuickStageThatTurnsSlowGoesBackToThePool() {
    AtomicBoolean slow = new AtomicBoolean();
    Graph template = threeRootsAndASink("Slowing", slow);
    String caller = Thread.currentThread().getName();
    RunOptions options = RunOptions.defaults().parallelism(4);
    for (int run = 0; run < 20; run++) {
      Runner.run(template.with(1), options);
    }

    slow.set(true);
    List<?> threads = List.of();
    for (int run = 0; run < Run.TIMED_EVERY + 2; run++) { // one of them is timed
      threads = (List<?>) Runner.run(template.with(1), options).value("sink");
    }

    assertThat(threads.get(0)).isNotEqualTo(caller); // a, now known to be slow
  }

  /** Roots a, b, c (a sleeps while {@code slow} is set) and a sink listing where each ran. */
  private static Graph threeRootsAndASink(String name, AtomicBoolean slow) {
    Invoker where = args -> Thread.currentThread().getName();
    return Graph.builder(name)
        .param("x")
        .stage("a", name + ".java:1", args -> {
          if (slow.get()) {
            Thread.sleep(30);
          }
          return Thread.currentThread().getName();
        }, "x")
        .stage("b", name + ".java:2", where, "x")
        .stage("c", name + ".java:3", where, "x")
        .stage("sink", name + ".java:4",
            args -> List.of(args[0], args[1], args[2], Thread.currentThread().getName()), "a", "b", "c")
        .outputs("sink")
        .build();
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
