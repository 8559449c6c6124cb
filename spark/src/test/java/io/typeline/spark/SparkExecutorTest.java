package io.typeline.spark;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.typeline.runtime.FanOutElementException;
import io.typeline.runtime.RunEvent;
import io.typeline.runtime.StageFailedException;
import io.typeline.runtime.StageOutcome;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Spark executor on an embedded Spark, {@code local[2,3]}: two threads, three attempts a task. */
@Timeout(120)
class SparkExecutorTest {
  private static LocalSpark spark;
  private static SparkExecutor executor;

  @BeforeAll
  static void start() {
    spark = LocalSpark.embedded("SparkExecutorTest");
    executor = spark.executor();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void elementsRunAsSparkTasksInInputOrderAndOtherStagesOnTheDriver() {
    int jobsBefore = spark.jobTasks().size();

    SquaresResult onSpark = Pipelines.squares().count(8).run(run -> run.executor(executor).noCache());
    SquaresResult inProcess = Pipelines.squares().count(8).run(run -> run.noCache());

    assertThat(onSpark.square().stream().map(Squares.Square::n).toList()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8)
        .inOrder();
    assertThat(onSpark.square().stream().allMatch(Squares.Square::inTask)).isTrue();
    assertThat(onSpark.numbersRanOn()).isEqualTo("driver");
    assertThat(onSpark.total()).isEqualTo(204L);
    assertThat(onSpark.total()).isEqualTo(inProcess.total());
    assertThat(inProcess.square().stream().noneMatch(Squares.Square::inTask)).isTrue();
    assertThat(spark.jobTasks().subList(jobsBefore, spark.jobTasks().size())).containsExactly(8); // one job, a task an element
  }

  @Test
  void independentFanOutsSubmitTheirJobsAtTheSameTime() {
    java.util.Set<Integer> jobsBefore = spark.jobTimes().keySet();

    TwoSweepsResult result = Pipelines.twoSweeps().count(2).millis(500).run(run -> run.executor(executor).noCache());

    assertThat(result.left()).containsExactly(0, 1).inOrder();
    assertThat(result.right()).containsExactly(0, -1).inOrder();
    List<long[]> jobs = spark.jobTimes().entrySet().stream().filter(job -> !jobsBefore.contains(job.getKey()))
        .map(java.util.Map.Entry::getValue).toList();
    assertThat(jobs).hasSize(2);
    // Each job's tasks sleep 500 ms, so neither ends before both were submitted from their driver threads.
    long lastStart = Math.max(jobs.get(0)[0], jobs.get(1)[0]);
    long firstEnd = Math.min(jobs.get(0)[1], jobs.get(1)[1]);
    assertThat(lastStart).isLessThan(firstEnd);
  }

  @Test
  void cancellingTheRunCancelsItsSparkJobs() throws Exception {
    java.util.Set<Integer> jobsBefore = spark.jobTimes().keySet();
    long start = System.nanoTime();

    io.typeline.runtime.RunHandle<TwoSweepsResult> handle = Pipelines.twoSweeps().count(2).millis(60_000)
        .start(run -> run.executor(executor).noCache());
    while (spark.jobTimes().keySet().stream().filter(id -> !jobsBefore.contains(id)).count() < 2) {
      Thread.sleep(20);
    }
    handle.cancel();

    assertThrows(io.typeline.runtime.PipelineCancelledException.class, handle::join);
    // Both jobs end, their sleeping tasks interrupted: far sooner than the tasks' 60 s. (Spark
    // tells its listeners a moment after the job's future ends, hence the wait.)
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (spark.jobTimes().entrySet().stream().anyMatch(job -> !jobsBefore.contains(job.getKey())
        && job.getValue()[1] == Long.MAX_VALUE) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(spark.jobTimes().entrySet().stream().filter(job -> !jobsBefore.contains(job.getKey()))
        .allMatch(job -> job.getValue()[1] != Long.MAX_VALUE)).isTrue();
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(30));
  }

  @Test
  void aFailedFanOutEndsItsOtherTasksBeforeTheRunThrows() {
    long start = System.nanoTime();

    StageFailedException failed = assertThrows(StageFailedException.class, () -> Pipelines.stragglers().count(2)
        .failOn(0).millis(20_000).run(run -> run.executor(executor).noCache()));

    assertThat(failed).hasCauseThat().hasMessageThat().contains("element 0 fails");
    assertThat(Stragglers.RUNNING.get()).isEqualTo(0); // element 1's task was interrupted and awaited
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(15));
  }

  @Test
  void closingTheExecutorFailsTheStagesWaitingForItsThreads() throws Exception {
    java.util.Set<Integer> jobsBefore = spark.jobTimes().keySet();
    SparkExecutor one = SparkExecutor.on(spark.context()).driverThreads(1);
    io.typeline.runtime.RunHandle<TwoSweepsResult> handle = Pipelines.twoSweeps().count(1).millis(20_000)
        .start(run -> run.executor(one).noCache());
    while (spark.jobTimes().keySet().stream().noneMatch(id -> !jobsBefore.contains(id))) {
      Thread.sleep(20);
    }

    one.close(); // one fan-out runs on the only driver thread, the other waits for it

    RuntimeException failed = assertThrows(RuntimeException.class, handle::join);
    assertThat(failed).isInstanceOf(StageFailedException.class);
    assertThat(failed).hasCauseThat().hasMessageThat().matches(
        "the SparkExecutor was closed before stage '(left|right)' could start");
    StageFailedException closed = assertThrows(StageFailedException.class,
        () -> Pipelines.twoSweeps().count(1).millis(1).run(run -> run.executor(one).noCache()));
    assertThat(closed).hasCauseThat().hasMessageThat().startsWith("this SparkExecutor is closed: stage '");
  }

  @Test
  void sparksTaskRetriesApply() {
    int failedBefore = spark.failedAttempts().size();

    SquaresResult result = Pipelines.squares().count(6).flaky(true).run(run -> run.executor(executor).noCache());

    assertThat(result.total()).isEqualTo(91L);
    List<String> failed = spark.failedAttempts().subList(failedBefore, spark.failedAttempts().size());
    assertThat(failed).containsExactly(
        "io.typeline.runtime.FanOutElementException: element 1 of 6 (2) failed: IllegalStateException: flaky 2",
        "io.typeline.runtime.FanOutElementException: element 3 of 6 (4) failed: IllegalStateException: flaky 4",
        "io.typeline.runtime.FanOutElementException: element 5 of 6 (6) failed: IllegalStateException: flaky 6");
  }

  @Test
  void aStageThatStillFailsFailsTheRunWithTheSameExceptionsAsInProcess() {
    int failedBefore = spark.failedAttempts().size();

    StageFailedException onSpark = assertThrows(StageFailedException.class,
        () -> Pipelines.squares().count(5).failOn(3).run(run -> run.executor(executor).noCache()));
    StageFailedException inProcess = assertThrows(StageFailedException.class,
        () -> Pipelines.squares().count(5).failOn(3).run(run -> run.noCache()));

    assertThat(onSpark.stage()).isEqualTo("square");
    assertThat(onSpark).hasMessageThat().isEqualTo(inProcess.getMessage());
    assertThat(onSpark.getCause()).isInstanceOf(FanOutElementException.class);
    assertThat(((FanOutElementException) onSpark.getCause()).index()).isEqualTo(2);
    assertThat(onSpark.getCause()).hasMessageThat()
        .isEqualTo("element 2 of 5 (3) failed: IllegalStateException: no square for 3");
    assertThat(onSpark.getCause()).hasCauseThat().isInstanceOf(IllegalStateException.class);
    assertThat(onSpark.getCause()).hasCauseThat().hasMessageThat().isEqualTo("no square for 3");
    assertThat(onSpark.getCause().getSuppressed()[0]).hasMessageThat()
        .containsMatch("^on Spark: Job aborted due to stage failure: Task 2 in stage \\S+ failed 3 times");
    List<String> failed = spark.failedAttempts().subList(failedBefore, spark.failedAttempts().size());
    assertThat(Collections.frequency(failed, "io.typeline.runtime.FanOutElementException: "
        + "element 2 of 5 (3) failed: IllegalStateException: no square for 3")).isEqualTo(3);
  }

  @Test
  void resultsAreCachedOnTheDriverAndAGrownFanOutShipsOnlyItsNewElements(@TempDir Path cache) {
    Pipelines.squares().count(4).run(run -> run.executor(executor).cache(cache));
    int jobsBefore = spark.jobTasks().size();

    SquaresResult grown = Pipelines.squares().count(6).run(run -> run.executor(executor).cache(cache));
    SquaresResult inProcess = Pipelines.squares().count(6).run(run -> run.cache(cache));

    assertThat(spark.jobTasks().subList(jobsBefore, spark.jobTasks().size())).containsExactly(2);
    assertThat(grown.total()).isEqualTo(91L);
    assertThat(grown.stages().stream().filter(s -> s.stage().equals("square")).findFirst().orElseThrow().detail())
        .contains("4 of 6 elements from the cache");
    // What Spark computed is in the cache, for in-process runs too.
    assertThat(inProcess.stages().stream().filter(s -> s.action() == StageOutcome.Action.RUN).toList()).isEmpty();
    assertThat(inProcess.total()).isEqualTo(91L);
  }

  @Test
  void eachElementsResultIsReportedAsItComesBack() {
    List<RunEvent> events = new CopyOnWriteArrayList<>();

    Pipelines.squares().count(5).run(run -> run.executor(executor).noCache().listener(events::add));

    List<RunEvent.FanOutProgress> progress = events.stream().filter(RunEvent.FanOutProgress.class::isInstance)
        .map(RunEvent.FanOutProgress.class::cast).toList();
    assertThat(progress.stream().map(RunEvent.FanOutProgress::index).sorted().toList())
        .containsExactly(0, 1, 2, 3, 4).inOrder();
    assertThat(progress.stream().map(RunEvent.FanOutProgress::done).toList()).containsExactly(1, 2, 3, 4, 5).inOrder();
    assertThat(progress.stream().allMatch(p -> !p.cached() && p.nanos() > 0 && p.total() == 5)).isTrue();
  }

  @Test
  void aStageNamedRemoteRunsAsOneSparkTaskAndTheOthersOnTheDriver() {
    int jobsBefore = spark.jobTasks().size();
    try (SparkExecutor remote = SparkExecutor.on(spark.context()).remote(HeavyStage.fit)) {
      assertThat(Pipelines.heavy().size(5).run(run -> run.executor(remote).noCache()).summary())
          .isEqualTo("fit in task 0, summary on driver");
    }
    assertThat(spark.jobTasks().subList(jobsBefore, spark.jobTasks().size())).containsExactly(1);

    assertThat(Pipelines.heavy().size(5).run(run -> run.executor(executor).noCache()).summary())
        .isEqualTo("fit in driver, summary on driver");
  }

  @Test
  void aRemoteStageThatFailsFailsTheRunWithItsOwnException() {
    int failedBefore = spark.failedAttempts().size();
    try (SparkExecutor remote = SparkExecutor.on(spark.context()).remote(HeavyStage.fit)) {
      StageFailedException failed = assertThrows(StageFailedException.class,
          () -> Pipelines.heavy().size(5).fail(true).run(run -> run.executor(remote).noCache()));

      assertThat(failed.stage()).isEqualTo("fit");
      assertThat(failed).hasCauseThat().isInstanceOf(IllegalArgumentException.class);
      assertThat(failed).hasCauseThat().hasMessageThat().isEqualTo("cannot fit 5");
    }
    assertThat(spark.failedAttempts().subList(failedBefore, spark.failedAttempts().size()))
        .containsExactly("java.lang.IllegalArgumentException: cannot fit 5", "java.lang.IllegalArgumentException: cannot fit 5",
            "java.lang.IllegalArgumentException: cannot fit 5");
  }

  @Test
  void anInputThatCannotTravelFailsTheStageNamingItBeforeAnythingIsSubmitted() {
    int jobsBefore = spark.jobTasks().size();

    StageFailedException failed = assertThrows(StageFailedException.class,
        () -> Pipelines.unshippable().count(3).run(run -> run.executor(executor).noCache()));

    assertThat(failed.stage()).isEqualTo("scaled");
    assertThat(failed).hasCauseThat().isInstanceOf(NotSerializableStageException.class);
    assertThat(failed).hasCauseThat().hasMessageThat().isEqualTo("stage 'scaled' cannot run on Spark: its input"
        + " 'scale' is a io.typeline.spark.Unshippable$Scale, which cannot be serialized"
        + " (java.io.NotSerializableException: io.typeline.spark.Unshippable$Scale). What travels to Spark executors"
        + " must be java.io.Serializable. Make io.typeline.spark.Unshippable$Scale implement java.io.Serializable"
        + " (or make the field holding it transient)");
    assertThat(spark.jobTasks().size()).isEqualTo(jobsBefore);
  }

  @Test
  void aResultThatCannotTravelBackFailsTheStageNamingIt() {
    int failedBefore = spark.failedAttempts().size();
    StageFailedException failed = assertThrows(StageFailedException.class,
        () -> Pipelines.unreturnable().count(3).run(run -> run.executor(executor).noCache()));

    assertThat(failed.stage()).isEqualTo("wrapped");
    assertThat(failed).hasCauseThat().isInstanceOf(NotSerializableStageException.class);
    assertThat(failed).hasCauseThat().hasMessageThat().matches("stage 'wrapped' \\(element [0-2] of 3\\) returned a"
        + " io\\.typeline\\.spark\\.Unshippable\\$Scale, which cannot travel back to the Spark driver:"
        + " java\\.io\\.NotSerializableException: io\\.typeline\\.spark\\.Unshippable\\$Scale\\. Make"
        + " io\\.typeline\\.spark\\.Unshippable\\$Scale implement java\\.io\\.Serializable \\(or make the field"
        + " holding it transient\\)");
    assertThat(spark.failedAttempts()).hasSize(failedBefore); // no task failed: Spark retried nothing
  }
}
