package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON-lines event log parses, line by line, and matches docs/EVENTS.md; the plain log reads. */
class EventLogTest {
  @TempDir Path dir;

  /** The schema of docs/EVENTS.md: each type's fields, beyond type, runId and time. */
  private static final java.util.Map<String, Set<String>> SCHEMA = java.util.Map.of(
      "runStarted", Set.of("pipeline", "params", "stages", "folder"),
      "stageStarted", Set.of("stage"),
      "stageFinished", Set.of("stage", "nanos", "cached", "summary"),
      "stageFailed", Set.of("stage", "error", "message"),
      "elementStarted", Set.of("stage", "index", "total"),
      "fanOutProgress", Set.of("stage", "done", "total", "index", "nanos", "cached"),
      "runFinished", Set.of("pipeline", "outcome", "nanos"));

  private static Graph graph(Invoker last) {
    return Graph.builder("Logged")
        .param("label", "quote \" backslash \\ newline \n tab \t unpaired \uD800 end")
        .param("xs", List.of(1, 2))
        .stage("source", "Logged.java:1", args -> args[0], "xs")
        .stage("each", "Logged.java:2", args -> (int) args[0] + 1, "source")
        .each("each", 0)
        .stage("last", "Logged.java:3", last, "label", "each")
        .outputs("last")
        .build();
  }

  private List<JsonObject> parse(Path log) throws Exception {
    return Files.readAllLines(log).stream().map(line -> JsonParser.parseString(line).getAsJsonObject()).toList();
  }

  private static void assertSchema(JsonObject object) {
    String type = object.get("type").getAsString();
    assertThat(SCHEMA).containsKey(type);
    Set<String> expected = new java.util.HashSet<>(SCHEMA.get(type));
    expected.addAll(Set.of("type", "runId", "time"));
    assertThat(object.keySet()).containsExactlyElementsIn(expected);
    java.time.Instant.parse(object.get("time").getAsString()); // ISO-8601
  }

  @Test
  void everyLineOfASuccessfulRunIsAJsonObjectOfTheDocumentedSchema() throws Exception {
    Path log = dir.resolve("runs/one/events.jsonl");
    Runner.run(graph(args -> "ok"), RunOptions.defaults().noCache().listener(EventLog.jsonLines(log)));

    List<JsonObject> lines = parse(log);

    lines.forEach(EventLogTest::assertSchema);
    assertThat(lines.get(0).get("type").getAsString()).isEqualTo("runStarted");
    assertThat(Path.of(lines.get(0).get("folder").getAsString()).getFileName().toString())
        .isEqualTo(lines.get(0).get("runId").getAsString());
    assertThat(lines.get(0).getAsJsonObject("params").get("label").getAsString())
        .isEqualTo("quote \" backslash \\ newline \n tab \t unpaired \uD800 end");
    assertThat(lines.get(lines.size() - 1).get("outcome").getAsString()).isEqualTo("SUCCEEDED");
    assertThat(lines.stream().filter(line -> line.get("type").getAsString().equals("fanOutProgress"))
        .map(line -> line.get("index").getAsInt()).sorted().toList()).containsExactly(0, 1).inOrder();
    assertThat(lines.stream().filter(line -> line.get("type").getAsString().equals("elementStarted")).count())
        .isEqualTo(2);
    assertThat(lines.stream().map(line -> line.get("runId").getAsString()).distinct().count()).isEqualTo(1);
  }

  @Test
  void aFailedRunsLogNamesTheStageAndTheError() throws Exception {
    Path log = dir.resolve("failed.jsonl");
    assertThrows(StageFailedException.class, () -> Runner.run(graph(args -> {
      throw new IllegalStateException("no \"model\" here");
    }), RunOptions.defaults().noCache().noRunFolder().listener(EventLog.jsonLines(log))));

    List<JsonObject> lines = parse(log);
    assertThat(lines.get(0).get("folder").isJsonNull()).isTrue();

    lines.forEach(EventLogTest::assertSchema);
    JsonObject failed = lines.stream().filter(line -> line.get("type").getAsString().equals("stageFailed"))
        .findFirst().orElseThrow();
    assertThat(failed.get("stage").getAsString()).isEqualTo("last");
    assertThat(failed.get("error").getAsString()).isEqualTo("java.lang.IllegalStateException");
    assertThat(failed.get("message").getAsString()).isEqualTo("no \"model\" here");
    assertThat(lines.get(lines.size() - 1).get("outcome").getAsString()).isEqualTo("FAILED");
  }

  @Test
  void thePlainLogHasOneLinePerEvent() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Runner.run(graph(args -> "ok"),
        RunOptions.defaults().noCache().listener(EventLog.plain(new PrintStream(out, true, StandardCharsets.UTF_8))));

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();

    assertThat(lines.get(0)).matches("\\[[0-9a-f-]{6}\\] run of Logged started with \\{label=.*");
    String run = lines.get(0).substring(0, 9);
    assertThat(lines).contains(run + "each element 0 started");
    assertThat(lines.stream().anyMatch(line -> line.matches("\\Q" + run + "\\Eeach 2/2 \\(element [01] in [0-9.]+ ms\\)")))
        .isTrue();
    assertThat(lines.stream().anyMatch(line -> line.matches("\\[.{6}\\] last finished in [0-9.]+ ms: String of 2 chars")))
        .isTrue();
    assertThat(lines.get(lines.size() - 1)).matches("\\[.{6}\\] run of Logged succeeded after [0-9.]+ ms; report: .*");
    String report = lines.get(lines.size() - 1).replaceFirst(".*; report: ", "");
    assertThat(java.nio.file.Files.isRegularFile(Path.of(report))).isTrue();
    assertThat(Path.of(report).getParent().getFileName().toString()).startsWith(lines.get(0).substring(1, 7));
  }

  @Test
  void theLiveLineRedrawsProgressAndEndsWithTheOutcome() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Runner.run(graph(args -> "ok"), RunOptions.defaults().parallelism(1).noCache()
        .listener(EventLog.live(new PrintStream(out, true, StandardCharsets.UTF_8))));

    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(text).contains("\r[Logged] 0/3 stages, running: source, ");
    assertThat(text).contains("running: each 1/2, ");
    assertThat(text).containsMatch("\\[Logged\\] 3/3 stages, [0-9.]+ s, succeeded; report: \\S+report\\.html\\R$");
    assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(1); // one line, redrawn with \r
  }

  @Test
  void aFailureGetsALineOfItsOwnOnTheLiveConsole() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThrows(StageFailedException.class, () -> Runner.run(graph(args -> {
      throw new IllegalStateException("no model");
    }), RunOptions.defaults().parallelism(1).noCache()
        .listener(EventLog.live(new PrintStream(out, true, StandardCharsets.UTF_8)))));

    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(text).containsMatch("\\] last failed: java.lang.IllegalStateException: no model\\R");
    assertThat(text).containsMatch("stages, [0-9.]+ s, failed; report: \\S+report\\.html\\R$");
  }
}
