package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs with the cache, on a graph whose stages are this class's static methods (their bytecode is
 * what the fingerprint reads): load(seed) -> scale(load, factor) -> total(scale) -> report(total).
 */
class CachedRunTest {
  @TempDir Path dir;
  static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
  static volatile boolean totalFails;

  static int load(int seed) {
    count("load");
    return seed * 2;
  }

  static int scale(int load, int factor) {
    count("scale");
    return load * factor;
  }

  static int total(int scale) {
    count("total");
    if (totalFails) {
      throw new IllegalStateException("total is broken");
    }
    return scale + 1;
  }

  static String report(int total) {
    count("report");
    return "total " + total;
  }

  private static void count(String stage) {
    CALLS.computeIfAbsent(stage, s -> new AtomicInteger()).incrementAndGet();
  }

  @BeforeEach
  void reset() {
    CALLS.clear();
    totalFails = false;
  }

  private static final Graph TEMPLATE = Graph.builder("Cached")
      .param("seed", Codecs.ints())
      .param("factor", Codecs.ints())
      .stage("load", "CachedRunTest.java:1", args -> load((int) args[0]), "seed")
      .stage("scale", "CachedRunTest.java:2", args -> scale((int) args[0], (int) args[1]), "load", "factor")
      .stage("total", "CachedRunTest.java:3", args -> total((int) args[0]), "scale")
      .stage("report", "CachedRunTest.java:4", args -> report((int) args[0]), "total")
      .lineage("load", new Lineage(CachedRunTest.class, "load(I)I", "", Codecs.ints()))
      .lineage("scale", new Lineage(CachedRunTest.class, "scale(II)I", "", Codecs.ints()))
      .lineage("total", new Lineage(CachedRunTest.class, "total(I)I", "", Codecs.ints()))
      .lineage("report", new Lineage(CachedRunTest.class, "report(I)Ljava/lang/String;", "", Codecs.string()))
      .outputs("report")
      .build();

  private RunResult run(int seed, int factor, java.util.function.Consumer<RunOptions> more) {
    RunOptions options = RunOptions.defaults().cache(dir);
    more.accept(options);
    return Runner.run(TEMPLATE.with(seed, factor), options);
  }

  private RunResult run(int seed, int factor) {
    return run(seed, factor, options -> {});
  }

  private static Map<String, Integer> calls() {
    Map<String, Integer> calls = new java.util.TreeMap<>();
    CALLS.forEach((stage, count) -> calls.put(stage, count.get()));
    return calls;
  }

  @Test
  void aSecondRunWithTheSameLineageRunsNothingAndGivesTheSameValue() {
    RunResult first = run(3, 10);
    assertThat(first.value("report")).isEqualTo("total 61");
    assertThat(first.ran()).containsExactly("load", "scale", "total", "report").inOrder();
    assertThat(first.stage("load").reason()).isEqualTo(StageOutcome.Reason.NEW);

    CALLS.clear();
    RunResult second = run(3, 10);

    assertThat(second.value("report")).isEqualTo("total 61");
    assertThat(calls()).isEmpty();
    assertThat(second.ran()).isEmpty();
    assertThat(second.stage("report").action()).isEqualTo(StageOutcome.Action.CACHED);
    // The output came from the cache, so its inputs were not even read.
    assertThat(second.stage("total").action()).isEqualTo(StageOutcome.Action.NOT_NEEDED);
    assertThat(second.stage("load").action()).isEqualTo(StageOutcome.Action.NOT_NEEDED);
  }

  @Test
  void aChangedParamRerunsTheStagesTakingItAndTheirDownstreamOnly() {
    run(3, 10);
    CALLS.clear();

    RunResult changed = run(3, 20);

    assertThat(changed.value("report")).isEqualTo("total 121");
    assertThat(calls()).containsExactly("scale", 1, "total", 1, "report", 1);
    assertThat(changed.stage("scale").reason()).isEqualTo(StageOutcome.Reason.PARAM_CHANGED);
    assertThat(changed.stage("scale").detail()).isEqualTo("factor");
    assertThat(changed.stage("total").reason()).isEqualTo(StageOutcome.Reason.INPUT_CHANGED);
    assertThat(changed.stage("total").detail()).isEqualTo("scale");
    assertThat(changed.stage("load").action()).isEqualTo(StageOutcome.Action.CACHED);
    assertThat(changed.stage("scale").toString()).isEqualTo("scale: run (param changed: factor)");
  }

  @Test
  void planSaysWhatWouldRunAndWhyWithoutRunningOrReadingAnything() {
    Plan cold = Runner.plan(TEMPLATE.with(3, 10), RunOptions.defaults().cache(dir));
    assertThat(cold.toRun()).containsExactly("load", "scale", "total", "report").inOrder();
    assertThat(cold.stage("load").reason()).isEqualTo(StageOutcome.Reason.NEW);
    run(3, 10);
    CALLS.clear();

    Plan same = Runner.plan(TEMPLATE.with(3, 10), RunOptions.defaults().cache(dir));
    Plan changed = Runner.plan(TEMPLATE.with(4, 10), RunOptions.defaults().cache(dir));

    assertThat(same.toRun()).isEmpty();
    assertThat(same.stage("report").action()).isEqualTo(StageOutcome.Action.CACHED);
    assertThat(changed.toRun()).containsExactly("load", "scale", "total", "report").inOrder();
    assertThat(changed.stage("load").reason()).isEqualTo(StageOutcome.Reason.PARAM_CHANGED);
    assertThat(changed.toString()).contains("load: run (param changed: seed)");
    assertThat(calls()).isEmpty();
  }

  @Test
  void aRunThatFailedResumesAtTheFailedStage() {
    totalFails = true;
    StageFailedException failure = assertThrows(StageFailedException.class, () -> run(3, 10));
    assertThat(failure.stage()).isEqualTo("total");
    CALLS.clear();
    totalFails = false; // fixed

    RunResult resumed = run(3, 10);

    assertThat(resumed.value("report")).isEqualTo("total 61");
    assertThat(calls()).containsExactly("total", 1, "report", 1);
    assertThat(resumed.stage("scale").action()).isEqualTo(StageOutcome.Action.CACHED);
    assertThat(resumed.stage("total").reason()).isEqualTo(StageOutcome.Reason.NEW);
  }

  @Test
  void forcingAStageRerunsItAndWhatDependsOnIt() {
    run(3, 10);
    CALLS.clear();

    RunResult forced = run(3, 10, options -> options.rerun("scale"));

    assertThat(calls()).containsExactly("scale", 1, "total", 1, "report", 1);
    assertThat(forced.stage("scale").reason()).isEqualTo(StageOutcome.Reason.FORCED);
    assertThat(forced.stage("report").detail()).isEqualTo("after 'scale'");

    CALLS.clear();
    run(3, 10, RunOptions::rerunAll);
    assertThat(calls()).containsExactly("load", 1, "scale", 1, "total", 1, "report", 1);
  }

  @Test
  void anUnknownStageToRerunIsNamedWithTheStages() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run(3, 10, options -> options.rerun("scael")));
    assertThat(e).hasMessageThat().isEqualTo("Pipeline 'Cached' has no stage 'scael' to re-run;"
        + " its stages are [load, scale, total, report]");
  }

  @Test
  void withTheCacheOffEveryStageRunsAndNothingIsWritten() throws IOException {
    RunResult result = run(3, 10, RunOptions::noCache);
    run(3, 10, RunOptions::noCache);

    assertThat(calls()).containsExactly("load", 2, "report", 2, "scale", 2, "total", 2);
    assertThat(result.stage("load").reason()).isEqualTo(StageOutcome.Reason.CACHE_OFF);
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
    }
  }

  @Test
  void aCorruptEntryIsRecomputedAndSaidSo() throws IOException {
    run(3, 10);
    CALLS.clear();
    try (Stream<Path> files = Files.walk(dir.resolve("entries"))) {
      for (Path entry : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 1] ^= 1; // break every checksum
        Files.write(entry, bytes);
      }
    }

    RunResult again = run(3, 10);

    assertThat(again.value("report")).isEqualTo("total 61");
    assertThat(again.ran()).containsExactly("load", "scale", "total", "report").inOrder();
    // The records of the last keys were corrupt too, so the cache cannot say more than "new".
    assertThat(again.stage("report").reason()).isEqualTo(StageOutcome.Reason.NEW);
    assertThat(run(3, 10).ran()).isEmpty();
  }

  @Test
  void aGraphWithoutLineageNeverTouchesTheCache() throws IOException {
    Graph plain = Graph.builder("Plain").param("x", 1).stage("a", "Plain.java:1", args -> args[0], "x")
        .outputs("a").build();
    RunResult result = Runner.run(plain, RunOptions.defaults().cache(dir.resolve("unused")));
    assertThat(result.stage("a").reason()).isEqualTo(StageOutcome.Reason.NOT_CACHED);
    assertThat(Files.exists(dir.resolve("unused"))).isFalse();
    assertThat(List.of(result.value("a"))).containsExactly(1);
  }
}
