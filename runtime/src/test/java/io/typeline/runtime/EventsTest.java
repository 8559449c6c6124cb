package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One event stream per run, in order, to every listener; a throwing listener never breaks a run. */
class EventsTest {
  private final List<RunEvent> events = new CopyOnWriteArrayList<>();

  private static List<String> kinds(List<RunEvent> events) {
    return events.stream().map(EventsTest::describe).toList();
  }

  private static String describe(RunEvent event) {
    if (event instanceof RunEvent.RunStarted e) {
      return "run started " + e.pipeline() + " " + e.params();
    } else if (event instanceof RunEvent.StageStarted e) {
      return "started " + e.stage();
    } else if (event instanceof RunEvent.StageFinished e) {
      return "finished " + e.stage() + (e.cached() ? " cached" : "") + " " + e.summary();
    } else if (event instanceof RunEvent.StageFailed e) {
      return "failed " + e.stage() + " " + e.error().getMessage();
    } else if (event instanceof RunEvent.ElementStarted e) {
      return "element " + e.stage() + " " + e.index() + " of " + e.total();
    } else if (event instanceof RunEvent.FanOutProgress e) {
      return "progress " + e.stage() + " " + e.done() + "/" + e.total() + " element " + e.index()
          + (e.cached() ? " cached" : "");
    }
    return "run finished " + ((RunEvent.RunFinished) event).outcome();
  }

  private static Graph chain(Invoker second) {
    return Graph.builder("Events")
        .param("x", 1)
        .stage("a", "Events.java:1", args -> List.of(args[0], args[0]), "x")
        .stage("b", "Events.java:2", second, "a")
        .outputs("b")
        .build();
  }

  @Test
  void aSuccessfulRunSaysWhatRanInOrderWithOneRunId() {
    Runner.run(chain(args -> "done"), RunOptions.defaults().noCache().listener(events::add));

    assertThat(kinds(events)).containsExactly(
        "run started Events {x=1}",
        "started a", "finished a List of 2",
        "started b", "finished b String of 4 chars",
        "run finished SUCCEEDED").inOrder();
    assertThat(events.stream().map(RunEvent::runId).distinct().count()).isEqualTo(1);
    RunEvent.StageFinished a = (RunEvent.StageFinished) events.get(2);
    assertThat(a.nanos()).isGreaterThan(0L);
  }

  @Test
  void aFailedRunSaysWhichStageFailedAndThatTheRunFailed() {
    assertThrows(StageFailedException.class, () -> Runner.run(chain(args -> {
      throw new IllegalStateException("boom");
    }), RunOptions.defaults().noCache().listener(events::add)));

    assertThat(kinds(events)).containsExactly(
        "run started Events {x=1}", "started a", "finished a List of 2", "started b", "failed b boom",
        "run finished FAILED").inOrder();
  }

  @Test
  void aCacheHitIsAFinishedStageMarkedCached(@TempDir Path cache) {
    Graph graph = Graph.builder("EventsCached")
        .param("x", Codecs.ints())
        .stage("a", "EventsCached.java:1", args -> CachedRunTest.load((int) args[0]), "x")
        .lineage("a", new Lineage(CachedRunTest.class, "load(I)I", "", Codecs.ints()))
        .outputs("a")
        .build();
    Runner.run(graph.with(3), RunOptions.defaults().cache(cache));

    Runner.run(graph.with(3), RunOptions.defaults().cache(cache).listener(events::add));

    assertThat(kinds(events)).containsExactly(
        "run started EventsCached {x=3}", "finished a cached Integer", "run finished SUCCEEDED").inOrder();
  }

  @Test
  void aFanOutReportsItsProgress() {
    Graph graph = Graph.builder("EventsFanOut")
        .param("xs", List.of(1, 2, 3))
        .stage("source", "EventsFanOut.java:1", args -> args[0], "xs")
        .stage("each", "EventsFanOut.java:2", args -> (int) args[0] * 2, "source")
        .each("each", 0)
        .outputs("each")
        .build();

    Runner.run(graph, RunOptions.defaults().parallelism(1).noCache().listener(events::add));

    // One thread: elements run in input order, each started before it finishes.
    assertThat(kinds(events)).containsAtLeast(
        "started each",
        "element each 0 of 3", "progress each 1/3 element 0",
        "element each 1 of 3", "progress each 2/3 element 1",
        "element each 2 of 3", "progress each 3/3 element 2",
        "finished each List of 3").inOrder();
    assertThat(events.stream().filter(e -> e instanceof RunEvent.FanOutProgress)
        .allMatch(e -> ((RunEvent.FanOutProgress) e).nanos() > 0)).isTrue();
  }

  @Test
  void aParallelFanOutsCountsReachEachListenerInOrder() {
    int count = 3000;
    Graph graph = Graph.builder("EventsFanOutParallel")
        .param("xs", java.util.stream.IntStream.range(0, count).boxed().toList())
        .stage("source", "EventsFanOutParallel.java:1", args -> args[0], "xs")
        .stage("each", "EventsFanOutParallel.java:2", args -> (int) args[0] + 1, "source")
        .each("each", 0)
        .outputs("each")
        .build();

    Runner.run(graph, RunOptions.defaults().parallelism(4).noCache().listener(events::add));

    // Elements finish on several threads at once; each listener still sees 1, 2, ... count.
    List<Integer> done = events.stream().filter(e -> e instanceof RunEvent.FanOutProgress)
        .map(e -> ((RunEvent.FanOutProgress) e).done()).toList();
    int firstWrong = java.util.stream.IntStream.range(0, done.size()).filter(i -> done.get(i) != i + 1)
        .findFirst().orElse(-1);
    assertThat(firstWrong == -1 ? "1.." + count : "event " + firstWrong + " says " + done.get(firstWrong))
        .isEqualTo("1.." + done.size());
    assertThat(done).hasSize(count);
  }

  @Test
  void elementsFromTheCacheCountAsProgressWithoutStarting(@TempDir Path cache) {
    Graph.Builder builder = Graph.builder("EventsFanOutCached")
        .param("xs", Codecs.list(Codecs.ints()))
        .stage("each", "EventsFanOutCached.java:1", args -> CachedRunTest.load((int) args[0]), "xs")
        .each("each", 0)
        .lineage("each", new Lineage(CachedRunTest.class, "load(I)I", "", Codecs.list(Codecs.ints()),
            Codecs.ints(), Codecs.ints()))
        .outputs("each");
    RunOptions options = RunOptions.defaults().parallelism(1).cache(cache).listener(events::add);
    Runner.run(builder.build().with(List.of(1, 2)), options);
    events.clear();

    Runner.run(builder.build().with(List.of(1, 2, 3)), options);

    assertThat(kinds(events)).containsAtLeast(
        "progress each 1/3 element 0 cached", "progress each 2/3 element 1 cached",
        "element each 2 of 3", "progress each 3/3 element 2").inOrder();
    assertThat(kinds(events)).doesNotContain("element each 0 of 3");
  }

  @Test
  void aListenerThatThrowsIsReportedOnceAndDetachedAndTheRunGoesOn() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> calls = new CopyOnWriteArrayList<>();
    RunListener broken = event -> {
      calls.add("called");
      throw new IllegalStateException("listener bug");
    };
    RunResult result;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      result = Runner.run(chain(args -> "done"),
          RunOptions.defaults().noCache().listener(broken).listener(events::add));
    } finally {
      System.setErr(err);
    }

    assertThat(result.value("b")).isEqualTo("done");
    assertThat(calls).hasSize(1);
    assertThat(kinds(events)).hasSize(6); // the other listener saw everything
    String warning = captured.toString(StandardCharsets.UTF_8);
    assertThat(warning).contains("threw java.lang.IllegalStateException: listener bug on RunStarted;"
        + " detached it for the rest of run");
    assertThat(warning.lines().count()).isEqualTo(1);
  }
}
