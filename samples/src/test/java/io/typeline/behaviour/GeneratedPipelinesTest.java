package io.typeline.behaviour;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.typeline.runtime.RunHandle;
import io.typeline.runtime.RunOptions;
import io.typeline.runtime.StageFailedException;
import io.typeline.runtime.StageOutcome;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs code the processor generated for {@link Fixtures}: the behaviour users rely on. */
class GeneratedPipelinesTest {

  @BeforeEach
  void clear() {
    Fixtures.RAN.clear();
  }

  @Test
  void onlyTheStagesNeededForTheOutputsRun() {
    DiamondResult result = Pipelines.diamond().start(4).run(RunOptions::noCache);
    assertThat(result.total()).isEqualTo(40L + 5L);
    assertThat(Fixtures.RAN).containsExactly("source", "left", "right", "total");
  }

  @Test
  void aSecondRunComesFromTheCacheAndAChangedParamRerunsWhatTakesIt(@TempDir Path cache) {
    assertThat(Pipelines.diamond().start(4).run(run -> run.cache(cache)).total()).isEqualTo(45L);
    Fixtures.RAN.clear();
    assertThat(Pipelines.diamond().start(4).run(run -> run.cache(cache)).total()).isEqualTo(45L);
    assertThat(Fixtures.RAN).isEmpty();

    DiamondResult changed = Pipelines.diamond().start(4).offset(100).run(run -> run.cache(cache));

    assertThat(changed.total()).isEqualTo(40L + 104L);
    assertThat(changed.stages().stream().filter(s -> s.action() == StageOutcome.Action.RUN)
        .map(StageOutcome::toString).toList()).containsExactly("right: run (param changed: offset)",
            "total: run (input changed: right)");
  }

  @Test
  void aFileAStageReturnsIsStoredAndComesBackAsACopy(@TempDir Path cache) throws Exception {
    FilesResult first = Pipelines.files().text("hello").run(run -> run.cache(cache));
    Fixtures.RAN.clear();

    FilesResult second = Pipelines.files().text("hello").run(run -> run.cache(cache).rerun(FilesStage.read));

    assertThat(Fixtures.RAN).containsExactly("read");
    assertThat(second.read()).isEqualTo("hello");
    assertThat(second.write()).isNotEqualTo(first.write());
    assertThat(second.write().startsWith(cache.resolve("files"))).isTrue();
    assertThat(java.nio.file.Files.readString(second.write())).isEqualTo("hello");
  }

  @Test
  void aStartedRunRetriesItsFlakyStageAndJoinsWithTheResult() {
    Fixtures.Flaky.ATTEMPTS.set(0);
    RunHandle<FlakyResult> handle = Pipelines.flaky().url("s3://bucket/data")
        .start(run -> run.retryBackoff(java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(50)));

    assertThat(handle.join().fetch()).isEqualTo("payload of s3://bucket/data");
    assertThat(Fixtures.Flaky.ATTEMPTS.get()).isEqualTo(2);
    assertThat(handle.isDone()).isTrue();
  }

  @Test
  void aSweepRunsOneTrainingPerRateAndConsumersSeeTheListInOrder() {
    SweepResult result = Pipelines.sweep().count(5).run(RunOptions::noCache);

    assertThat(result.best()).isEqualTo("best rate 0.3 of 5");
    assertThat(Fixtures.RAN).containsExactly("train 0.1", "train 0.2", "train 0.3", "train 0.4", "train 0.5");
  }

  @Test
  void aSweepThatGrowsByOneValueRunsOneElement(@TempDir Path cache) {
    Pipelines.sweep().count(4).run(run -> run.cache(cache));
    Fixtures.RAN.clear();

    SweepResult grown = Pipelines.sweep().count(5).run(run -> run.cache(cache));

    assertThat(grown.best()).isEqualTo("best rate 0.3 of 5");
    assertThat(Fixtures.RAN).containsExactly("train 0.5");
    StageOutcome train = grown.stages().stream().filter(s -> s.stage().equals("train")).findFirst().orElseThrow();
    assertThat(train.toString()).isEqualTo("train: run (input changed: rates; 4 of 5 elements from the cache)");
  }

  @Test
  void anAsynchronousStageGivesItsConsumersTheCompletedValue(@TempDir Path cache) {
    assertThat(Pipelines.remote().url("a").run(run -> run.cache(cache)).size()).isEqualTo("body of a".length());
    // Stored as what it completed with (a String), and read back as such.
    assertThat(Pipelines.remote().url("a").run(run -> run.cache(cache).rerun(RemoteStage.size)).size())
        .isEqualTo("body of a".length());
  }

  @Test
  void optionalParamsKeepTheirDefaultUnlessSet() {
    assertThat(Pipelines.diamond().start(1).run().total()).isEqualTo(10L + 2L);
    assertThat(Pipelines.diamond().start(1).offset(100).run().total()).isEqualTo(10L + 101L);
  }

  @Test
  void runOptionsAreSetInABlock() {
    DiamondResult result = Pipelines.diamond().start(2).run(run -> run.parallelism(1));
    assertThat(result.total()).isEqualTo(20L + 3L);
  }

  @Test
  void instanceStagesUseTheGivenInstanceOrCreateOne() {
    // Required inputs come in order of first appearance: Instances' own stages, then the includes.
    InstancesResult created = Pipelines.instances()
        .label("sum").scaler(new Fixtures.Scaler(10)).values(List.of(1, 2, 3)).run();
    assertThat(created.describe()).isEqualTo("sum=60");

    Fixtures.Summer generous = new Fixtures.Summer() {
      @Override
      int bonus() {
        return 1000;
      }
    };
    InstancesResult given = Pipelines.instances()
        .label("sum").scaler(new Fixtures.Scaler(1)).values(List.of(1, 2, 3)).summer(generous).run();
    assertThat(given.describe()).isEqualTo("sum=1006");
  }

  @Test
  void everyKindOfDefaultValueArrivesAsWritten() {
    List<Object> values = Pipelines.defaults().run().values();
    assertThat(values).containsExactly(true, 'x', (byte) -7, (short) 300, 42, 9_000_000_000L, 0.5f, 1e-3, 12,
        "it's \"quoted\"", Fixtures.Mode.ACCURATE, Path.of("data/in.csv"), Duration.ofSeconds(90),
        LocalDate.of(2024, 2, 29), new BigDecimal("0.1"), new BigInteger("123456789012345678901234567890"))
        .inOrder();
  }

  @Test
  void voidSinkRunsAndHasNoAccessor() throws Exception {
    Pipelines.failing().value(1).run();
    assertThat(Fixtures.RAN).containsExactly("publish");
    assertThat(List.of(FailingResult.class.getDeclaredMethods()).stream().map(m -> m.getName()).toList())
        .doesNotContain("publish");
  }

  @Test
  void aFailingStageFailsTheRunNamingPipelineAndStage() {
    StageFailedException failure = assertThrows(StageFailedException.class,
        () -> Pipelines.failing().value(-1).run());
    assertThat(failure.pipeline()).isEqualTo("io.typeline.behaviour.Fixtures.Failing");
    assertThat(failure.stage()).isEqualTo("check");
    assertThat(failure).hasMessageThat().startsWith(
        "Pipeline 'io.typeline.behaviour.Fixtures.Failing' failed in stage 'check' (Fixtures.java:");
    assertThat(failure).hasCauseThat().isInstanceOf(IllegalArgumentException.class);
    assertThat(failure).hasCauseThat().hasMessageThat().isEqualTo("value must not be negative, was -1");
    assertThat(Fixtures.RAN).doesNotContain("publish");
  }

  @Test
  void aRequiredParamCannotBeNull() {
    NullPointerException error = assertThrows(NullPointerException.class,
        () -> Pipelines.instances().label(null));
    assertThat(error).hasMessageThat().isEqualTo("label must not be null");
  }
}
