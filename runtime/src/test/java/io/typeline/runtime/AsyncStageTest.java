package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stages returning a CompletableFuture hold no thread while pending; consumers see the value. */
@Timeout(30)
class AsyncStageTest {
  private final ScheduledExecutorService remote = Executors.newScheduledThreadPool(1);

  @AfterEach
  void close() {
    remote.shutdownNow();
  }

  @Test
  void morePendingAsyncStagesThanPoolThreadsStillComplete() {
    // Six calls each wait until all six have been made: with a thread held per pending call, a
    // pool of two could make only two of them, and the run would never end.
    CountDownLatch allCalled = new CountDownLatch(6);
    Graph.Builder builder = Graph.builder("Async");
    for (int i = 0; i < 6; i++) {
      int n = i;
      builder.stage("call" + i, "Async.java:" + i, args -> {
        allCalled.countDown();
        return CompletableFuture.supplyAsync(() -> {
          Latches.awaitUninterruptibly(allCalled);
          return n * 10;
        }, remote);
      }).async("call" + i);
    }
    builder.stage("sum", "Async.java:9", args -> {
      int sum = 0;
      for (Object value : args) {
        sum += (int) value; // consumers see the values, not the futures
      }
      return sum;
    }, "call0", "call1", "call2", "call3", "call4", "call5");
    Graph graph = builder.outputs("sum").build();

    assertThat(Runner.run(graph, RunOptions.defaults().parallelism(2).noCache()).value("sum"))
        .isEqualTo(150);
  }

  @Test
  void aFailedFutureFailsItsStageWithItsCause() {
    Graph graph = Graph.builder("AsyncFailing")
        .stage("call", "AsyncFailing.java:1",
            args -> CompletableFuture.failedFuture(new IllegalStateException("503 from the service")))
        .async("call")
        .outputs("call")
        .build();

    StageFailedException e = assertThrows(StageFailedException.class,
        () -> Runner.run(graph, RunOptions.defaults().noCache()));

    assertThat(e.stage()).isEqualTo("call");
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("503 from the service");
  }

  @Test
  void anAsyncStagePastItsTimeoutFailsNamingItsLimit() {
    Graph graph = Graph.builder("AsyncSlow")
        .stage("call", "AsyncSlow.java:1", args -> new CompletableFuture<String>()) // never completes
        .async("call")
        .policy("call", 0, Duration.ofMillis(100))
        .outputs("call")
        .build();

    StageFailedException e = assertThrows(StageFailedException.class,
        () -> Runner.run(graph, RunOptions.defaults().noCache()));

    assertThat(e).hasCauseThat().isInstanceOf(TimeoutException.class);
    assertThat(e).hasCauseThat().hasMessageThat()
        .isEqualTo("stage 'call' took longer than its timeout of PT0.1S to complete");
  }

  @Test
  void cancellingARunCancelsItsPendingFutures() throws Exception {
    CompletableFuture<String> pending = new CompletableFuture<>();
    Graph graph = Graph.builder("AsyncCancelled")
        .stage("call", "AsyncCancelled.java:1", args -> pending).async("call")
        .stage("after", "AsyncCancelled.java:2", args -> "after", "call")
        .outputs("after")
        .build();

    RunHandle<RunResult> handle = Runner.start(graph, RunOptions.defaults().noCache());
    while (pending.getNumberOfDependents() == 0) {
      Thread.sleep(5); // until the run waits on it
    }
    handle.cancel();

    assertThrows(PipelineCancelledException.class, handle::join);
    assertThat(pending.isCancelled()).isTrue();
  }

  @Test
  void asyncElementsOfAFanOutAreAwaited() {
    Graph graph = Graph.builder("AsyncEach")
        .param("ids", List.of(1, 2, 3))
        .stage("source", "AsyncEach.java:1", args -> args[0], "ids")
        .stage("fetch", "AsyncEach.java:2",
            args -> CompletableFuture.supplyAsync(() -> (int) args[0] * 2, remote), "source")
        .each("fetch", 0)
        .async("fetch")
        .outputs("fetch")
        .build();

    assertThat(Runner.run(graph, RunOptions.defaults().noCache()).value("fetch")).isEqualTo(List.of(2, 4, 6));
  }
}
