package io.typeline.spark;

import static com.google.common.truth.Truth.assertThat;

import io.typeline.Stage;
import io.typeline.runtime.Graph;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
  @TempDir
  static Path dir;
  private static StandaloneCluster cluster;
  private static LocalSpark spark;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = StandaloneCluster.start(dir);
    spark = LocalSpark.cluster("StandaloneClusterTest", cluster.master(), applicationJars(dir, Squares.class));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (spark != null) {
      spark.stop();
    }
    if (cluster != null) {
      cluster.close();
      assertThat(cluster.isAlive()).isFalse();
    }
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

  /**
   * Our code, as jars to ship: the runtime, the annotations, this module and where {@code
   * pipelines} come from (class folders are jarred into {@code dir}).
   */
  private static List<String> applicationJars(Path dir, Class<?>... pipelines) throws IOException {
    Set<Path> locations = new LinkedHashSet<>();
    List<Class<?>> types = new ArrayList<>(List.of(Graph.class, Stage.class, SparkExecutor.class));
    types.addAll(List.of(pipelines));
    for (Class<?> type : types) {
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
}
