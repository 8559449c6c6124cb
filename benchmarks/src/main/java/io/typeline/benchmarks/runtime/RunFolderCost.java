package io.typeline.benchmarks.runtime;

import io.typeline.runtime.Graph;
import io.typeline.runtime.RunOptions;
import io.typeline.runtime.Runner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What a run folder costs (each run's {@code events.jsonl}, written as events come, and its
 * {@code report.html}, written when the run ends), on a fan-out of trivial elements, the case where
 * events outnumber work the most: the same run with {@code noRunFolder()} and with a run folder,
 * interleaved, 30 runs each after 30 of warm-up. Prints a markdown table; asserts only that the
 * runs give the right value. Run with the module's class path:
 * {@code java -cp benchmarks/target/classes:$(cat /tmp/bench.cp) io.typeline.benchmarks.runtime.RunFolderCost}.
 */
public final class RunFolderCost {
  private static final int RUNS = 30;

  private RunFolderCost() {}

  public static void main(String[] args) throws IOException {
    Path runs = Files.createTempDirectory("typeline-run-folders");
    System.out.println("| elements | no run folder, median ms | run folder, median ms | added ms | events.jsonl | report.html |");
    System.out.println("|---:|---:|---:|---:|---:|---:|");
    for (int elements : new int[] {10, 1_000, 10_000}) {
      Graph graph = fanOut(elements);
      RunOptions without = RunOptions.defaults().noCache().noRunFolder();
      RunOptions with = RunOptions.defaults().noCache().runFolders(runs);
      for (int i = 0; i < RUNS; i++) { // warm-up
        run(graph, without, elements);
        run(graph, with, elements);
      }
      long[] a = new long[RUNS];
      long[] b = new long[RUNS];
      for (int i = 0; i < RUNS; i++) {
        a[i] = run(graph, without, elements);
        b[i] = run(graph, with, elements);
      }
      Path last = lastFolder(runs);
      System.out.printf(Locale.ROOT, "| %,d | %.2f | %.2f | %.2f | %,d B | %,d B |%n", elements, median(a), median(b),
          median(b) - median(a), Files.size(last.resolve("events.jsonl")), Files.size(last.resolve("report.html")));
    }
  }

  private static Graph fanOut(int elements) {
    return Graph.builder("RunFolderCost")
        .param("xs", IntStream.range(0, elements).boxed().toList())
        .stage("source", "RunFolderCost.java:1", args -> args[0], "xs")
        .stage("each", "RunFolderCost.java:2", args -> (int) args[0] + 1, "source")
        .each("each", 0)
        .stage("count", "RunFolderCost.java:3", args -> ((List<?>) args[0]).size(), "each")
        .outputs("count")
        .build();
  }

  private static long run(Graph graph, RunOptions options, int elements) {
    long start = System.nanoTime();
    Object count = Runner.run(graph, options).outputs().get("count");
    long nanos = System.nanoTime() - start;
    if (!Integer.valueOf(elements).equals(count)) {
      throw new AssertionError("expected " + elements + " elements, got " + count);
    }
    return nanos;
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }

  private static Path lastFolder(Path runs) throws IOException {
    try (Stream<Path> folders = Files.list(runs)) {
      return folders.max((x, y) -> Long.compare(x.toFile().lastModified(), y.toFile().lastModified())).orElseThrow();
    }
  }
}
