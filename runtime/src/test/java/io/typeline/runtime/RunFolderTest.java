package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each run writes its events and report to its own folder, named by its run id, unless told not to. */
class RunFolderTest {
  @TempDir Path dir;

  private static Graph graph() {
    return Graph.builder("Folder").stage("a", "Folder.java:1", args -> "value").outputs("a").build();
  }

  @Test
  void aRunWritesItsEventsToAFolderNamedByItsRunId() throws Exception {
    Runner.run(graph(), RunOptions.defaults().noCache().runFolders(dir));
    Runner.run(graph(), RunOptions.defaults().noCache().runFolders(dir));

    List<Path> folders;
    try (Stream<Path> list = Files.list(dir)) {
      folders = list.toList();
    }
    assertThat(folders).hasSize(2);
    for (Path folder : folders) {
      List<String> lines = Files.readAllLines(folder.resolve("events.jsonl"));
      var first = JsonParser.parseString(lines.get(0)).getAsJsonObject();
      assertThat(first.get("type").getAsString()).isEqualTo("runStarted");
      assertThat(first.get("runId").getAsString()).isEqualTo(folder.getFileName().toString());
      assertThat(JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject().get("type").getAsString())
          .isEqualTo("runFinished");
      assertThat(Files.readString(folder.resolve("report.html"))).contains(folder.getFileName().toString());
      assertThat(Files.exists(folder.resolve("report.html.partial"))).isFalse();
    }
  }

  @Test
  void noRunFolderWritesNothing() throws Exception {
    Runner.run(graph(), RunOptions.defaults().noCache().runFolders(dir).noRunFolder());
    try (Stream<Path> list = Files.list(dir)) {
      assertThat(list.toList()).isEmpty();
    }
  }

  @Test
  void theDefaultFolderIsBesideTheCache() {
    assertThat(RunOptions.defaults().runFolders())
        .isEqualTo(Store.defaultLocation().getParent().resolve("runs"));
  }
}
