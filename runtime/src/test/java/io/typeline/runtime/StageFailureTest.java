package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(20)
class StageFailureTest {

  /** A stage's own Error type, to prove Errors are not swallowed or wrapped. */
  static final class InvariantBroken extends AssertionError {
    private static final long serialVersionUID = 1L;

    InvariantBroken(String message) {
      super(message);
    }
  }

  static Stream<Throwable> stageErrors() {
    return Stream.of(new IllegalStateException("split fraction out of range"),
        new IOException("iris.csv: no such file"), new InvariantBroken("rows lost"));
  }

  private static Invoker throwing(Throwable error) {
    return args -> {
      if (error instanceof Exception exception) {
        throw exception;
      }
      throw (Error) error;
    };
  }

  /** An invoker recording that the stage started, then returning its name. */
  private static Invoker recorded(List<String> events, String stage) {
    return args -> {
      events.add(stage);
      return stage;
    };
  }

  @ParameterizedTest
  @MethodSource("stageErrors")
  void failureNamesPipelineStageAndLocationAndKeepsWhatTheStageThrew(Throwable thrown) {
    Graph graph = Graph.builder("com.example.Training")
        .param("csv", "iris.csv")
        .stage("load", "Training.java:9", args -> "table", "csv")
        .stage("split", "Training.java:14", throwing(thrown), "load")
        .outputs("split")
        .build();

    StageFailedException e =
        assertThrows(StageFailedException.class, () -> Runner.run(graph, RunOptions.defaults()));

    assertThat(e).hasCauseThat().isSameInstanceAs(thrown);
    assertThat(e.pipeline()).isEqualTo("com.example.Training");
    assertThat(e.stage()).isEqualTo("split");
    assertThat(e).hasMessageThat()
        .startsWith("Pipeline 'com.example.Training' failed in stage 'split' (Training.java:14): ");
    assertThat(e).hasMessageThat().contains(thrown.getMessage());
  }

  @Test
  void noStageStartsAfterAStageFailed() {
    List<String> started = new CopyOnWriteArrayList<>();
    // One thread, so `ready` and `alsoReady` are queued behind `fails` when it throws.
    Graph graph = Graph.builder("Failing")
        .stage("fails", "Failing.java:1", args -> {
          started.add("fails");
          throw new IllegalStateException("boom");
        })
        .stage("ready", "Failing.java:2", recorded(started, "ready"))
        .stage("alsoReady", "Failing.java:3", recorded(started, "alsoReady"))
        .stage("afterFails", "Failing.java:4", recorded(started, "afterFails"), "fails")
        .stage("afterReady", "Failing.java:5", recorded(started, "afterReady"), "ready")
        .outputs("afterFails", "afterReady", "alsoReady")
        .build();

    StageFailedException e = assertThrows(StageFailedException.class,
        () -> Runner.run(graph, RunOptions.defaults().parallelism(1)));

    assertThat(e.stage()).isEqualTo("fails");
    assertThat(started).containsExactly("fails");
  }

  @Test
  void runningStageIsInterruptedAndAwaitedBeforeTheFailureIsThrown() {
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch slowStarted = new CountDownLatch(1);
    CountDownLatch neverOpened = new CountDownLatch(1);
    Graph graph = Graph.builder("Failing")
        .stage("slow", "Failing.java:1", args -> {
          slowStarted.countDown();
          try {
            if (!neverOpened.await(10, TimeUnit.SECONDS)) {
              events.add("slow was not interrupted");
            }
            return "slow";
          } catch (InterruptedException interrupted) {
            events.add("slow interrupted");
            throw interrupted;
          } finally {
            events.add("slow ended");
          }
        })
        .stage("fails", "Failing.java:2", args -> {
          Latches.await(slowStarted);
          throw new IllegalStateException("boom");
        })
        .outputs("slow", "fails")
        .build();

    StageFailedException e = assertThrows(StageFailedException.class,
        () -> Runner.run(graph, RunOptions.defaults().parallelism(2)));
    events.add("caller saw failure");

    assertThat(e.stage()).isEqualTo("fails");
    assertThat(events)
        .containsExactly("slow interrupted", "slow ended", "caller saw failure")
        .inOrder();
    // The interruption was the run's own doing: not reported as a second failure.
    assertThat(e.getSuppressed()).isEmpty();
  }

  @Test
  void failureOfAnotherRunningStageIsAttachedAsSuppressed() {
    CountDownLatch bothRunning = new CountDownLatch(2);
    IllegalStateException leftError = new IllegalStateException("left");
    IllegalStateException rightError = new IllegalStateException("right");
    Graph graph = Graph.builder("Failing")
        .stage("left", "Failing.java:1", failAfter(bothRunning, leftError))
        .stage("right", "Failing.java:2", failAfter(bothRunning, rightError))
        .outputs("left", "right")
        .build();

    StageFailedException e = assertThrows(StageFailedException.class,
        () -> Runner.run(graph, RunOptions.defaults().parallelism(2)));

    Throwable other = e.getCause() == leftError ? rightError : leftError;
    assertThat(e.getSuppressed()).asList().containsExactly(other);
  }

  /** Fails once both stages sharing {@code rendezvous} run, even if interrupted meanwhile. */
  private static Invoker failAfter(CountDownLatch rendezvous, RuntimeException error) {
    return args -> {
      rendezvous.countDown();
      Latches.awaitUninterruptibly(rendezvous);
      throw error;
    };
  }
}
