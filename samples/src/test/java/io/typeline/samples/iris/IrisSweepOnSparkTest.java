package io.typeline.samples.iris;

import static com.google.common.truth.Truth.assertThat;

import io.typeline.spark.LocalSpark;
import io.typeline.spark.SparkExecutor;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample's cross-validated sweep, unchanged, on an embedded Spark ({@code local[2,3]}): each
 * (configuration, fold) training is a Spark task, and the outcome is the in-process one.
 */
@Timeout(180)
class IrisSweepOnSparkTest {
  private static final Path CSV = Path.of("data/iris.csv");
  private static LocalSpark spark;
  private static SparkExecutor executor;

  @BeforeAll
  static void start() {
    spark = LocalSpark.embedded("IrisSweepOnSparkTest");
    executor = spark.executor();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void theSweepGivesTheSameResultOnSparkAsInProcess() {
    int jobsBefore = spark.jobTasks().size();

    IrisSweepResult onSpark = Pipelines.irisSweep().csv(CSV).run(run -> run.executor(executor).noCache());
    IrisSweepResult inProcess = Pipelines.irisSweep().csv(CSV).run(run -> run.noCache());

    assertThat(onSpark.best()).startsWith("cross-validated sweep (30 trainings):");
    assertThat(onSpark.best()).isEqualTo(inProcess.best());
    assertThat(spark.jobTasks().subList(jobsBefore, spark.jobTasks().size())).containsExactly(30);
  }

  @Test
  void aGrownGridTrainsOnlyItsNewPairsOnSpark(@TempDir Path cache) {
    Pipelines.irisSweep().csv(CSV).epochGrid("10").run(run -> run.executor(executor).cache(cache));
    int jobsBefore = spark.jobTasks().size();

    IrisSweepResult grown = Pipelines.irisSweep().csv(CSV).epochGrid("10,30")
        .run(run -> run.executor(executor).cache(cache));

    assertThat(spark.jobTasks().subList(jobsBefore, spark.jobTasks().size())).containsExactly(15);
    assertThat(grown.stages().stream().filter(s -> s.stage().equals("score")).findFirst().orElseThrow().toString())
        .isEqualTo("score: run (input changed: trials; 15 of 30 elements from the cache)");
    assertThat(grown.best()).isEqualTo(Pipelines.irisSweep().csv(CSV).epochGrid("10,30").run(run -> run.noCache()).best());
  }
}
