package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a stage prints on a thread of ours is kept in the run folder, and still printed. */
class StageOutputTest {
  @TempDir Path dir;

  @Test
  void eachStagesOutputGoesToItsOwnFilesInTheRunFolder() throws Exception {
    Graph graph = Graph.builder("Printing")
        .param("xs", List.of(1, 2, 3))
        .stage("talk", "Printing.java:1", args -> {
          System.out.println("training on " + args[0]);
          System.err.println("warning: small data");
          return args[0];
        }, "xs")
        .stage("each", "Printing.java:2", args -> {
          System.out.println("element " + args[0]);
          return args[0];
        }, "talk")
        .each("each", 0)
        .outputs("each")
        .build();

    Runner.run(graph, RunOptions.defaults().parallelism(2).noCache().runFolders(dir));
    System.out.println("printed outside any stage");

    Path folder;
    try (Stream<Path> folders = Files.list(dir)) {
      folder = folders.findFirst().orElseThrow();
    }
    assertThat(Files.readString(folder.resolve("talk.stdout.txt"))).isEqualTo("training on [1, 2, 3]" + System.lineSeparator());
    assertThat(Files.readString(folder.resolve("talk.stderr.txt"))).isEqualTo("warning: small data" + System.lineSeparator());
    assertThat(Files.readAllLines(folder.resolve("each.stdout.txt")))
        .containsExactly("element 1", "element 2", "element 3");
    assertThat(Files.readString(folder.resolve("each.stdout.txt"))).doesNotContain("outside");
  }

  @Test
  void aGivenExecutorsThreadsKeepTheirStagesOutputToo() throws Exception {
    Graph graph = Graph.builder("PrintingElsewhere")
        .param("x", 7)
        .stage("talk", "PrintingElsewhere.java:1", args -> {
          System.out.println("on a thread of the executor's: " + args[0]);
          return args[0];
        }, "x")
        .outputs("talk")
        .build();
    java.util.concurrent.ExecutorService service = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      Runner.run(graph, RunOptions.defaults().executor(service::submit).noCache().runFolders(dir));
    } finally {
      service.shutdownNow();
    }

    Path folder;
    try (Stream<Path> folders = Files.list(dir)) {
      folder = folders.findFirst().orElseThrow();
    }
    assertThat(Files.readString(folder.resolve("talk.stdout.txt")))
        .isEqualTo("on a thread of the executor's: 7" + System.lineSeparator());
  }
}
