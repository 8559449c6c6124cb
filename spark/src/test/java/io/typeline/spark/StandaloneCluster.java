package io.typeline.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on loopback, for tests: a Master and a Worker, each its own JVM
 * started from Spark's jars (nothing of ours on their class path), the Worker starting executor
 * JVMs of its own from a {@code SPARK_HOME} whose {@code jars/} are those same jars.
 *
 * <p>Spark's class path and the {@code --add-opens} flags it needs on Java 17+ come from the
 * build, as the system properties {@code typeline.spark.classpath} (a file listing the jars) and
 * {@code typeline.spark.javaOptions}. {@link #close()} stops both processes and what they started.
 */
public final class StandaloneCluster implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(90);

  private final Path dir;
  private final List<String> sparkJars;
  private final Path sparkHome;
  private final String master;
  private Process masterProcess;
  private Process workerProcess;

  private StandaloneCluster(Path dir) throws IOException {
    this.dir = dir;
    String classpath = System.getProperty("typeline.spark.classpath");
    if (classpath == null) {
      throw new IllegalStateException("system property typeline.spark.classpath is not set: run the test from Maven,"
          + " whose build writes Spark's class path to a file and names it there");
    }
    if (!Files.isRegularFile(Path.of(classpath))) {
      throw new IllegalStateException("Spark's class path file " + classpath + " does not exist: the spark module's"
          + " build writes it (generate-test-resources); build that module first, e.g. mvn verify from the root");
    }
    this.sparkJars = List.of(Files.readString(Path.of(classpath)).trim().split(java.io.File.pathSeparator));
    this.sparkHome = sparkHome(dir, sparkJars);
    this.master = "spark://127.0.0.1:" + freePort();
  }

  /** Starts a Master and a Worker with 2 cores and 1 GiB, logging to {@code dir/master.log} and {@code worker.log}. */
  public static StandaloneCluster start(Path dir) throws Exception {
    StandaloneCluster cluster = new StandaloneCluster(dir);
    try {
      cluster.masterProcess = cluster.java("master", Map.of(), "org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", cluster.master.substring(cluster.master.lastIndexOf(':') + 1),
          "--webui-port", "0");
      cluster.awaitLog(cluster.masterProcess, "master", "Successfully started service 'sparkMaster'");
      cluster.workerProcess = cluster.java("worker", Map.of(), "org.apache.spark.deploy.worker.Worker", cluster.master,
          "--host", "127.0.0.1", "--cores", "2", "--memory", "1g", "--webui-port", "0",
          "--work-dir", dir.resolve("work").toString());
      cluster.awaitLog(cluster.workerProcess, "worker", "Successfully registered with master");
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code spark://127.0.0.1:<port>}. */
  public String master() {
    return master;
  }

  /** A {@code SPARK_HOME} whose {@code jars/} folder holds Spark's jars, as a Spark distribution's does. */
  public Path sparkHome() {
    return sparkHome;
  }

  /** Whether both processes are still running. */
  public boolean isAlive() {
    return masterProcess != null && masterProcess.isAlive() && workerProcess != null && workerProcess.isAlive();
  }

  /**
   * Starts a JVM on Spark's jars (with {@code SPARK_HOME}, and the flags Spark needs), its output
   * going to {@code dir/<name>.log}.
   */
  public Process java(String name, Map<String, String> env, String main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(System.getProperty("typeline.spark.javaOptions").trim().split("\\s+")));
    command.addAll(List.of("-Xmx512m", "-Dspark.master.rest.enabled=false", "-cp",
        String.join(java.io.File.pathSeparator, sparkJars), main));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log(name).toFile());
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Where {@link #java} writes the output of the JVM named {@code name}. */
  public Path log(String name) {
    return dir.resolve(name + ".log");
  }

  /** Stops the Worker (its executors are its children), then the Master; kills what is left. */
  @Override
  public void close() throws Exception {
    stop(workerProcess);
    stop(masterProcess);
  }

  private void awaitLog(Process process, String name, String line) throws Exception {
    Path log = log(name);
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

  private static Path sparkHome(Path dir, List<String> sparkJars) throws IOException {
    Path jars = Files.createDirectories(dir.resolve("spark-home/jars"));
    for (String jar : sparkJars) {
      Path path = Path.of(jar);
      Files.createSymbolicLink(jars.resolve(path.getFileName()), path.toAbsolutePath());
    }
    return jars.getParent();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
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
