package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real processes on one store: killed writers, and two processes sharing it. */
@Timeout(240)
class StoreProcessesTest {
  @TempDir Path dir;

  @Test
  void aWriterKilledWithSigkillManyTimesNeverLeavesAValueThatReadsWrong() throws Exception {
    Random random = new Random(42);
    int entriesSeen = 0;
    for (int round = 0; round < 12; round++) {
      Process writer = child("write", dir.toString(), String.valueOf(round));
      awaitLine(writer, "writing");
      Thread.sleep(150 + random.nextInt(400)); // into the middle of some write
      writer.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();

      List<String> warnings = new ArrayList<>();
      Store store = Store.open(dir, warnings::add);
      for (int i = 0; i < StoreChild.KEYS; i++) {
        Optional<byte[]> value = store.read(StoreChild.key(i), Codecs.byteArray());
        if (value.isPresent()) {
          entriesSeen++;
          assertWithMessage("round %s, key %s", round, i).that(StoreChild.isValue(i, value.get())).isTrue();
        }
      }
      // The rename is atomic: a kill leaves a temporary file, never a bad entry to report.
      assertWithMessage("round %s", round).that(warnings).isEmpty();
    }
    assertThat(entriesSeen).isGreaterThan(0);
    try (Stream<Path> temps = Files.list(dir.resolve("tmp"))) {
      assertThat(temps.count()).isAtMost(12L); // at most one unfinished write per kill, kept an hour
    }
  }

  @Test
  void twoProcessesWritingAndReadingOneStoreAtOnceOnlyEverReadRightValues() throws Exception {
    Process first = child("share", dir.toString(), "1", "3000");
    Process second = child("share", dir.toString(), "2", "3000");

    String firstOut = output(first);
    String secondOut = output(second);

    assertWithMessage(firstOut).that(first.exitValue()).isEqualTo(0);
    assertWithMessage(secondOut).that(second.exitValue()).isEqualTo(0);
    assertThat(firstOut).startsWith("ok reads=");
    assertThat(secondOut).startsWith("ok reads=");
    assertThat(Integer.parseInt(firstOut.trim().substring("ok reads=".length()))).isGreaterThan(100);
  }

  private static Process child(String... args) throws IOException, URISyntaxException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(location(StoreChild.class) + File.pathSeparator + location(Store.class));
    command.add(StoreChild.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static void awaitLine(Process process, String expected) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = reader.readLine();
    assertThat(line).isEqualTo(expected);
  }

  private static String output(Process process) throws Exception {
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(200, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
