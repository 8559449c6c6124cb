package io.typeline.samples.iris;

import static com.google.common.truth.Truth.assertThat;

import io.typeline.spark.StandaloneCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code spark-submit} command, run as the {@code spark-submit} script runs it:
 * Spark's launcher ({@code org.apache.spark.launcher.Main}, from a {@code SPARK_HOME} of Spark's
 * jars) builds the driver's command, which then runs as a process of its own against a standalone
 * cluster on loopback (a Master and a Worker, each a JVM). The application jar is the one the
 * samples' build makes; its sweep must print what the same pipeline prints in-process.
 */
@Timeout(300)
class SparkSubmitIT {
  private static final Path CSV = Path.of("data/iris.csv").toAbsolutePath();

  @TempDir Path dir;

  @Test
  void theSweepSubmittedToAStandaloneClusterPrintsTheInProcessResult() throws Exception {
    Path jar = Path.of(System.getProperty("typeline.samples.sparkJar"));
    assertThat(Files.isRegularFile(jar)).isTrue();
    Path driverDir = Files.createDirectories(dir.resolve("driver"));
    String inProcess = Pipelines.irisSweep().csv(CSV).run(run -> run.noCache()).best();

    String stdout;
    try (StandaloneCluster cluster = StandaloneCluster.start(dir)) {
      // As in the README, with this cluster's master.
      List<String> sparkSubmit = List.of("--master", cluster.master(),
          "--class", "io.typeline.samples.iris.IrisSweepOnSpark", jar.toString(), CSV.toString());
      stdout = sparkSubmit(cluster, sparkSubmit, driverDir);

      Path work = dir.resolve("work");
      try (Stream<Path> files = Files.walk(work)) {
        // the executor fetched the application jar into its own folder on the Worker
        assertThat(files.map(p -> p.getFileName().toString()).toList()).contains(jar.getFileName().toString());
      }
      assertThat(Files.readString(cluster.log("worker"))).contains("Asked to launch executor");
    }

    assertThat(stdout).startsWith(inProcess + "\nIrisSweep stages:\n");
    assertThat(stdout).contains("  score: run (new: 0 of 30 elements from the cache)\n");
    // The driver keeps the cache and the run folder, in its working directory.
    try (Stream<Path> runs = Files.list(driverDir.resolve(".typeline/runs"))) {
      assertThat(runs.filter(run -> Files.isRegularFile(run.resolve("report.html"))).count()).isEqualTo(1);
    }
    assertThat(Files.isDirectory(driverDir.resolve(".typeline/cache/entries"))).isTrue();
  }

  /**
   * What {@code bin/spark-submit} does: asks Spark's launcher for the driver's command (printed
   * after a mark as NUL-terminated words), then runs it. Gives the driver's standard output.
   */
  private static String sparkSubmit(StandaloneCluster cluster, List<String> args, Path workingDir) throws Exception {
    List<String> launcherArgs = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit"));
    launcherArgs.addAll(args);
    Process launcher = cluster.java("launcher", Map.of(), "org.apache.spark.launcher.Main",
        launcherArgs.toArray(String[]::new));
    assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(cluster.log("launcher"), StandardCharsets.UTF_8);
    assertThat(launcher.exitValue()).isEqualTo(0);
    // As bin/spark-class reads it: lines of messages, a "\0\n" mark, then the command's words, each ending in "\0".
    int mark = printed.indexOf("\0\n");
    assertThat(mark).isAtLeast(0);
    List<String> command = List.of(printed.substring(mark + 2).split("\0"));
    assertThat(command.get(0)).endsWith("/bin/java");
    assertThat(command).contains("org.apache.spark.deploy.SparkSubmit");

    Path out = workingDir.resolve("driver.stdout");
    Path err = workingDir.resolve("driver.stderr");
    ProcessBuilder driver = new ProcessBuilder(command).directory(workingDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    driver.environment().put("SPARK_HOME", cluster.sparkHome().toString());
    driver.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    driver.environment().remove("TYPELINE_HOME"); // the driver's .typeline/ is in its working directory
    Process process = driver.start();
    boolean ended = process.waitFor(240, TimeUnit.SECONDS);
    // What the driver printed, kept after the test for a look (the README quotes it).
    Path kept = Files.createDirectories(Path.of("target/spark-submit"));
    Files.copy(out, kept.resolve("driver.stdout"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(err, kept.resolve("driver.stderr"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    if (!ended) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("spark-submit did not end within 240 s:\n" + Files.readString(err));
    }
    assertThat(process.exitValue() == 0 ? "" : Files.readString(err)).isEmpty();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
