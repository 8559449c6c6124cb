package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fan-out on a given executor (the seam Spark plugs into): the executor gets one call per
 * element not in the cache, and the run caches each result the executor reports, even when the
 * fan-out fails later.
 */
@Timeout(30)
class GivenExecutorFanOutTest {
  private final List<List<Integer>> shipped = new CopyOnWriteArrayList<>();
  private final List<RunEvent> events = new CopyOnWriteArrayList<>();

  static int square(int x) {
    if (x < 0) {
      throw new IllegalArgumentException("negative: " + x);
    }
    return x * x;
  }

  private static Graph.Builder squares() {
    return Graph.builder("Squares")
        .param("xs", Codecs.list(Codecs.ints()))
        .stage("square", "Squares.java:1", args -> square((int) args[0]), "xs")
        .each("square", 0)
        .lineage("square", new Lineage(GivenExecutorFanOutTest.class, "square(I)I", "", Codecs.list(Codecs.ints()),
            Codecs.ints(), Codecs.ints()))
        .outputs("square");
  }

  /** Runs each task on the calling thread, noting which elements its call was given. */
  private StageExecutor recording() {
    return task -> {
      if (task.call().isFanOut()) {
        shipped.add(task.call().elements().stream().map(StageCall::elementIndex).toList());
      }
      FutureTask<Void> future = new FutureTask<>(task, null);
      future.run();
      return future;
    };
  }

  @Test
  void theExecutorGetsOnlyTheElementsNotInTheCache(@TempDir Path cache) {
    RunOptions options = RunOptions.defaults().executor(recording()).cache(cache).noRunFolder();
    Runner.run(squares().build().with(List.of(1, 2)), options);
    RunResult grown = Runner.run(squares().build().with(List.of(1, 2, 3)), options.listener(events::add));

    assertThat(grown.value("square")).isEqualTo(List.of(1, 4, 9));
    assertThat(shipped).containsExactly(List.of(0, 1), List.of(2)).inOrder();
    assertThat(grown.stage("square").detail()).contains("2 of 3 elements from the cache");
    List<String> progress = new ArrayList<>();
    for (RunEvent event : events) {
      if (event instanceof RunEvent.FanOutProgress p) {
        progress.add(p.done() + "/" + p.total() + " element " + p.index() + (p.cached() ? " cached" : ""));
      } else if (event instanceof RunEvent.ElementStarted e) {
        progress.add("started element " + e.index());
      }
    }
    assertThat(progress).containsExactly("1/3 element 0 cached", "2/3 element 1 cached", "started element 2",
        "3/3 element 2").inOrder();
  }

  @Test
  void elementsReportedBeforeAFailureAreCachedAndTheNextRunComputesOnlyTheRest(@TempDir Path cache) {
    StageExecutor firstThenLost = task -> {
      FutureTask<Void> future = new FutureTask<>(() -> {
        if (task.tryStart()) {
          StageCall first = task.call().elements().get(0);
          task.elementSucceeded(0, first.invoke(), 1_000);
          task.failed(new IllegalStateException("lost the cluster"));
        }
        return null;
      });
      future.run();
      return future;
    };
    Graph graph = squares().build().with(List.of(5, 6, 7));
    StageFailedException failed = assertThrows(StageFailedException.class,
        () -> Runner.run(graph, RunOptions.defaults().executor(firstThenLost).cache(cache).noRunFolder()));
    assertThat(failed).hasCauseThat().hasMessageThat().isEqualTo("lost the cluster");

    RunResult resumed = Runner.run(graph, RunOptions.defaults().executor(recording()).cache(cache).noRunFolder());

    assertThat(resumed.value("square")).isEqualTo(List.of(25, 36, 49));
    assertThat(shipped).containsExactly(List.of(1, 2));
  }

  @Test
  void aFailingElementIsNamedByItsIndexInTheWholeInput(@TempDir Path cache) {
    RunOptions options = RunOptions.defaults().executor(recording()).cache(cache).noRunFolder();
    Runner.run(squares().build().with(List.of(1, 2)), options);

    StageFailedException failed = assertThrows(StageFailedException.class,
        () -> Runner.run(squares().build().with(List.of(1, 2, -3)), options));

    assertThat(failed.getCause()).isInstanceOf(FanOutElementException.class);
    FanOutElementException element = (FanOutElementException) failed.getCause();
    assertThat(element.index()).isEqualTo(2); // not 0, its place among the elements shipped
    assertThat(element).hasMessageThat()
        .isEqualTo("element 2 of 3 (-3) failed: IllegalArgumentException: negative: -3");
  }

  @Test
  void anExecutorReportingTheWrongResultsFailsTheStageSayingWhatItMustReport() {
    StageExecutor wrong = task -> {
      FutureTask<Void> future = new FutureTask<>(() -> {
        if (task.tryStart()) {
          task.succeeded(List.of(1));
        }
        return null;
      });
      future.run();
      return future;
    };

    StageFailedException failed = assertThrows(StageFailedException.class, () -> Runner.run(
        squares().build().with(List.of(1, 2, 3)), RunOptions.defaults().executor(wrong).noCache().noRunFolder()));

    assertThat(failed).hasCauseThat().hasMessageThat().isEqualTo("the executor reported a list of 1 for fan-out"
        + " stage 'square', whose call has 3 elements: an executor must report the list of the element calls'"
        + " results, in their order");
  }

  @Test
  void aFanOutsCallHoldsItsInputOnlyInItsElements() {
    StageExecutor inspecting = task -> {
      StageCall call = task.call();
      assertThat(call.inputs()).containsExactly("xs");
      assertThat(call.arguments()).containsExactly((Object) null);
      assertThat(call.elements().get(1).arguments()).containsExactly(20);
      assertThat(call.elements().get(1).elementCount()).isEqualTo(2);
      return recording().execute(task);
    };

    RunResult result = Runner.run(squares().build().with(List.of(10, 20)),
        RunOptions.defaults().executor(inspecting).noCache().noRunFolder());

    assertThat(result.value("square")).isEqualTo(List.of(100, 400));
  }
}
