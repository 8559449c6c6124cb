package io.typeline.spark;

import static com.google.common.truth.Truth.assertThat;

import io.typeline.Stage;
import io.typeline.runtime.Graph;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on loopback: a Master and a Worker, each its own JVM started
 * from Spark's jars, the Worker starting an executor JVM of its own. The test is the driver; our
 * classes (runtime, this module, the pipeline) reach the executor only in the application jars it
 * ships, since the executor's class path is Spark's {@code jars/} folder.
 */
@Timeout(300)
class StandaloneClusterTest {
  private static final Duration STARTUP = Duration.ofSeconds(90);

  @TempDir
  static Path dir;
  private static Process master;
  private static Process worker;
  private static LocalSpark spark;

  @BeforeAll
  static void startCluster() throws Exception {
    List<String> sparkJars = List.of(Files.readString(Path.of(System.getProperty("typeline.spark.classpath")))
        .trim().split(java.io.File.pathSeparator));
    Path sparkHome = sparkHome(sparkJars);
    String classPath = String.join(java.io.File.pathSeparator, sparkJars);
    int port = freePort();

    master = start("master", classPath, Map.of(), "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", "0");
    awaitLog(master, "master", "Successfully started service 'sparkMaster'");
    worker = start("worker", classPath, Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13"),
        "org.apache.spark.deploy.worker.Worker", "spark://127.0.0.1:" + port, "--host", "127.0.0.1",
        "--cores", "2", "--memory", "1g", "--webui-port", "0", "--work-dir", dir.resolve("work").toString());
    awaitLog(worker, "worker", "Successfully registered with master");

    spark = LocalSpark.cluster("StandaloneClusterTest", "spark://127.0.0.1:" + port, applicationJars());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (spark != null) {
      spark.stop();
    }
    stop(worker); // first: its executors are its children
    stop(master);
    assertThat(worker.isAlive()).isFalse();
    assertThat(master.isAlive()).isFalse();
  }

  @Test
  void aFanOutRunsOnTheClusterWithTheInProcessResult() {
    SquaresResult inProcess = Pipelines.squares().count(12).run(run -> run.noCache());
    SquaresResult onCluster;
    try (SparkExecutor executor = SparkExecutor.on(spark.context())) {
      onCluster = Pipelines.squares().count(12).flaky(true).run(run -> run.executor(executor).noCache());
    }

    assertThat(onCluster.total()).isEqualTo(inProcess.total());
    assertThat(onCluster.square().stream().map(Squares.Square::square).toList())
        .isEqualTo(inProcess.square().stream().map(Squares.Square::square).toList());
    assertThat(onCluster.square().stream().allMatch(Squares.Square::inTask)).isTrue();
    long driver = ProcessHandle.current().pid();
    assertThat(onCluster.square().stream().map(Squares.Square::pid).distinct().toList()).doesNotContain(driver);
    assertThat(onCluster.numbersRanOn()).isEqualTo("driver");
    assertThat(spark.failedAttempts()).hasSize(6); // the even elements' first attempts, retried by Spark
    assertThat(spark.jobTasks()).containsExactly(12);
  }

  /** A SPARK_HOME whose {@code jars/} are Spark's own: what the Worker builds executor class paths from. */
  private static Path sparkHome(List<String> sparkJars) throws IOException {
    Path jars = Files.createDirectories(dir.resolve("spark-home/jars"));
    for (String jar : sparkJars) {
      Path path = Path.of(jar);
      Files.createSymbolicLink(jars.resolve(path.getFileName()), path.toAbsolutePath());
    }
    return jars.getParent();
  }

  /** Our code, as jars: the runtime, the annotations, this module and the tests' pipelines. */
  private static List<String> applicationJars() throws IOException {
    Set<Path> locations = new LinkedHashSet<>();
    for (Class<?> type : List.of(Graph.class, Stage.class, SparkExecutor.class, Squares.class)) {
      try {
        locations.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
      } catch (java.net.URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    List<String> jars = new ArrayList<>();
    int count = 0;
    for (Path location : locations) {
      jars.add((Files.isDirectory(location) ? jar(location, dir.resolve("app-" + count++ + ".jar")) : location).toString());
    }
    return jars;
  }

  private static Path jar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(classes)) {
      for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new ZipEntry(classes.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static Process start(String name, String classPath, Map<String, String> env, String main, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(System.getProperty("typeline.spark.javaOptions").trim().split("\\s+")));
    command.addAll(List.of("-Xmx512m", "-Dspark.master.rest.enabled=false", "-cp", classPath, main));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    builder.environment().putAll(env);
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return builder.start();
  }

  private static void awaitLog(Process process, String name, String line) throws Exception {
    Path log = dir.resolve(name + ".log");
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      if (text.contains(line)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("the Spark " + name + " exited with " + process.exitValue() + ":\n" + text);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the Spark " + name + " did not log '" + line + "' within " + STARTUP + ":\n"
        + Files.readString(log, StandardCharsets.UTF_8));
  }

  /** Asks the process to stop (Spark's shutdown hooks stop what it started), then kills what is left. */
  private static void stop(Process process) throws Exception {
    if (process == null) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    for (ProcessHandle child : children) {
      child.destroyForcibly();
      child.onExit().get(10, TimeUnit.SECONDS);
    }
  }
}
