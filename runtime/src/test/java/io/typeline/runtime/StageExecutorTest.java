package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class StageExecutorTest {

  @Test
  void stagesRunOnTheGivenExecutorWhichTheRunLeavesOpen() {
    ExecutorService service =
        Executors.newSingleThreadExecutor(task -> new Thread(task, "user-pool"));
    try {
      Set<String> threads = ConcurrentHashMap.newKeySet();
      Invoker recordThread = args -> {
        threads.add(Thread.currentThread().getName());
        return args.length == 0 ? 1 : (Integer) args[0] + (Integer) args[1];
      };
      Graph graph = Graph.builder("Custom")
          .stage("left", "Custom.java:1", recordThread)
          .stage("right", "Custom.java:2", recordThread)
          .stage("sum", "Custom.java:3", recordThread, "left", "right")
          .outputs("sum")
          .build();

      RunResult result = Runner.run(graph, RunOptions.defaults().executor(service::submit));

      assertThat(result.value("sum")).isEqualTo(2);
      assertThat(threads).containsExactly("user-pool");
      assertThat(service.isShutdown()).isFalse();
    } finally {
      service.shutdownNow();
    }
  }

  @Test
  void inlineExecutorRunsALongChainOnTheCallingThread() {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    StageExecutor inline = task -> {
      threads.add(Thread.currentThread());
      FutureTask<Void> future = new FutureTask<>(task, null);
      future.run();
      return future;
    };

    RunResult result =
        Runner.run(TestGraphs.chain(10_000, 0), RunOptions.defaults().executor(inline));

    assertThat(result.value("s9999")).isEqualTo(TestGraphs.chainSum(10_000, 0));
    assertThat(threads).containsExactly(Thread.currentThread());
  }

  @Test
  void anExecutorRefusingATaskFailsThatStageAndNoLaterStageStarts() {
    RejectedExecutionException refusal = new RejectedExecutionException("queue full");
    List<String> started = new CopyOnWriteArrayList<>();
    Graph graph = Graph.builder("Refused")
        .stage("first", "Refused.java:1", args -> started.add("first"))
        .stage("refused", "Refused.java:2", args -> started.add("refused"))
        .stage("third", "Refused.java:3", args -> started.add("third"))
        .outputs("first", "refused", "third")
        .build();
    // Runs tasks inline as they come, so `third` would start right after the refusal.
    StageExecutor refusing = task -> {
      if (task.call().stage().equals("refused")) {
        throw refusal;
      }
      FutureTask<Void> future = new FutureTask<>(task, null);
      future.run();
      return future;
    };

    StageFailedException e = assertThrows(StageFailedException.class,
        () -> Runner.run(graph, RunOptions.defaults().executor(refusing)));

    assertThat(e.stage()).isEqualTo("refused");
    assertThat(e).hasCauseThat().isSameInstanceAs(refusal);
    assertThat(started).containsExactly("first");
  }
}
