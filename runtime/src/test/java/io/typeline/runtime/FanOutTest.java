package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code @Each}: one run of a stage per element, in parallel, results in input order. */
@Timeout(30)
class FanOutTest {

  private static Graph fanOut(String name, Object elements, int concurrency, Invoker each) {
    return Graph.builder(name)
        .param("elements", elements)
        .stage("source", name + ".java:1", args -> args[0], "elements")
        .stage("each", name + ".java:2", each, "source")
        .each("each", 0)
        .policy("each", 0, null, concurrency)
        .outputs("each")
        .build();
  }

  @Test
  void resultsComeInInputOrderWhileElementsRunInParallel() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Graph graph = fanOut("Ordered", List.of(5, 1, 4, 2, 3), 0, args -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep((int) args[0] * 20L); // the first elements finish last
        return (int) args[0] * 10;
      } finally {
        running.decrementAndGet();
      }
    });

    RunResult result = Runner.run(graph, RunOptions.defaults().parallelism(4).noCache());

    assertThat(result.value("each")).isEqualTo(List.of(50, 10, 40, 20, 30));
    assertThat(most.get()).isGreaterThan(1);
    assertThat(most.get()).isAtMost(4);
  }

  @Test
  void concurrencyBoundsHowManyElementsRunAtOnce() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Graph graph = fanOut("Bounded", List.of(1, 2, 3, 4, 5, 6, 7, 8), 2, args -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(30);
        return args[0];
      } finally {
        running.decrementAndGet();
      }
    });

    Runner.run(graph, RunOptions.defaults().parallelism(8).noCache());

    assertThat(most.get()).isEqualTo(2);
  }

  @Test
  void theFirstFailingElementFailsTheStageWithItsIndexAndValueAndNoLaterElementStarts() {
    List<Object> started = new CopyOnWriteArrayList<>();
    Graph graph = fanOut("Failing", List.of("a", "b", "c", "d", "e"), 1, args -> {
      started.add(args[0]);
      if (args[0].equals("c")) {
        throw new IllegalStateException("bad " + args[0]);
      }
      return args[0];
    });

    StageFailedException e = assertThrows(StageFailedException.class,
        () -> Runner.run(graph, RunOptions.defaults().parallelism(4).noCache()));

    assertThat(e.stage()).isEqualTo("each");
    assertThat(e).hasMessageThat().contains("element 2 of 5 (c) failed: IllegalStateException: bad c");
    FanOutElementException element = (FanOutElementException) e.getCause();
    assertThat(element.index()).isEqualTo(2);
    assertThat(element.element()).isEqualTo("c");
    assertThat(element).hasCauseThat().hasMessageThat().isEqualTo("bad c");
    assertThat(started).containsExactly("a", "b", "c").inOrder();
  }

  @Test
  void aFanOutCanTakeAnotherFanOutsListAndArraysOfPrimitives() {
    Graph graph = Graph.builder("Nested")
        .param("grid", new int[][] {{1, 2}, {3, 4, 5}})
        .stage("rows", "Nested.java:1", args -> args[0], "grid")
        .stage("sums", "Nested.java:2", args -> java.util.Arrays.stream((int[]) args[0]).sum(), "rows")
        .each("sums", 0)
        .stage("doubled", "Nested.java:3", args -> (int) args[0] * 2, "sums")
        .each("doubled", 0)
        .outputs("doubled")
        .build();

    assertThat(Runner.run(graph, RunOptions.defaults().noCache()).value("doubled")).isEqualTo(List.of(6, 24));
  }

  @Test
  void anInputThatIsNeitherIterableNorAnArrayIsNamed() {
    Graph graph = fanOut("NotIterable", 42, 0, args -> args[0]);
    StageFailedException e = assertThrows(StageFailedException.class,
        () -> Runner.run(graph, RunOptions.defaults().noCache()));
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo(
        "stage 'each' fans out with @Each over a java.lang.Integer, which is neither an Iterable nor an array");
  }

  @Test
  void cancellingAFanOutStopsItsElementsAndStartsNoMore() throws Exception {
    List<Object> started = new CopyOnWriteArrayList<>();
    CountDownLatch twoRunning = new CountDownLatch(2);
    Graph graph = fanOut("Cancelled", List.of(1, 2, 3, 4, 5, 6), 2, args -> {
      started.add(args[0]);
      twoRunning.countDown();
      Thread.sleep(20_000); // until interrupted
      return args[0];
    });

    RunHandle<RunResult> handle = Runner.start(graph, RunOptions.defaults().parallelism(4).noCache());
    Latches.await(twoRunning);
    long start = System.nanoTime();
    handle.cancel();
    assertThrows(PipelineCancelledException.class, handle::join);

    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    assertThat(started).hasSize(2);
  }

  @Test
  void onAGivenExecutorElementsRunOneAfterTheOther() {
    StageExecutor inline = task -> {
      java.util.concurrent.FutureTask<Void> future = new java.util.concurrent.FutureTask<>(task, null);
      future.run();
      return future;
    };
    Graph graph = fanOut("Given", List.of(3, 1, 2), 0, args -> (int) args[0] + 1);
    assertThat(Runner.run(graph, RunOptions.defaults().executor(inline).noCache()).value("each"))
        .isEqualTo(List.of(4, 2, 3));
  }
}
