package io.typeline.runtime;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, run as a process: renders a page and prints its DOM after scripts
 * ran, or saves a screenshot. Found as {@code $TYPELINE_CHROMIUM} or {@code chromium} on the
 * PATH. Without it the browser tests are skipped, unless {@code TYPELINE_REQUIRE_CHROMIUM} is
 * set (as {@code .ci/run} does, after installing it), where they fail.
 */
final class Chromium {
  private final Path binary;
  private final Path work;

  private Chromium(Path binary, Path work) {
    this.binary = binary;
    this.work = work;
  }

  /** The browser, with its profile and logs under {@code work}; skips the test when it is missing. */
  static Chromium find(Path work) {
    String configured = System.getenv("TYPELINE_CHROMIUM");
    List<Path> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "chromium"));
        candidates.add(Path.of(dir, "chromium-browser"));
      }
    }
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return new Chromium(candidate, work);
      }
    }
    String message = "headless Chromium is not installed: install Debian's chromium (apt-get install chromium)"
        + " or set TYPELINE_CHROMIUM to a Chromium binary";
    if (System.getenv("TYPELINE_REQUIRE_CHROMIUM") != null) {
      fail(message);
    }
    assumeTrue(false, message);
    throw new AssertionError("unreachable");
  }

  /** The DOM of {@code url} once it loaded and its scripts ran, as HTML. */
  String dumpDom(String url) throws Exception {
    return new String(run("--dump-dom", url), StandardCharsets.UTF_8);
  }

  /** A PNG screenshot of {@code url} in a {@code width}×{@code height} window, saved as {@code png}. */
  void screenshot(String url, Path png, int width, int height) throws Exception {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.deleteIfExists(png);
    run("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars", url);
    if (!Files.isRegularFile(png)) {
      fail("Chromium wrote no screenshot " + png + "; its log: " + Files.readString(work.resolve("chromium.log")));
    }
  }

  private byte[] run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + work.resolve("profile")));
    command.addAll(List.of(args));
    Path log = work.resolve("chromium.log");
    Path out = work.resolve("chromium.out");
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
    process.getOutputStream().close();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("Chromium did not finish in 90 s: " + command);
    }
    if (process.exitValue() != 0) {
      fail("Chromium exited with " + process.exitValue() + ": " + command + "\n" + Files.readString(log));
    }
    return Files.readAllBytes(out);
  }
}
