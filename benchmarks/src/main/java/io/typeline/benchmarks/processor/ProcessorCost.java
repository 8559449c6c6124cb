package io.typeline.benchmarks.processor;

import io.typeline.benchmarks.generator.GenerateShapes.Shape;
import io.typeline.benchmarks.generator.GenerateShapes.ShapeWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What an annotation processor adds to a compilation of a chain of N stages: Typeline's against
 * Dagger Producers', each measured as (javac with the processor) minus (javac alone on the same
 * sources). Every compilation is a fresh javac process, as a forked Maven compile or a CI build
 * runs it, so JVM start-up and JIT warm-up are in every number and cancel out in the differences.
 *
 * <p>Run from the repository root after {@code mvn install}, with the module's full class path
 * (the processors are provided dependencies, so they are on it):
 *
 * <pre>
 * mvn -B -q -o dependency:build-classpath -pl benchmarks -Dmdep.outputFile=/tmp/bench.cp
 * java -cp benchmarks/target/classes:$(cat /tmp/bench.cp) io.typeline.benchmarks.processor.ProcessorCost [N...]
 * </pre>
 *
 * It prints a markdown table; it asserts nothing about the times.
 */
public final class ProcessorCost {
  private static final int[] DEFAULT_SIZES = {100, 1000, 5000};
  private static final int REPEATS = 3;
  /** A variant whose first run takes longer than this runs once: three would take too long. */
  private static final double ONCE_ABOVE_SECONDS = 180;
  /** Guards against a hung javac; far above any time we expect. */
  private static final long TIMEOUT_MINUTES = 30;
  /** The chain size of the default-stack probe: the issue reports Dagger overflowing there. */
  private static final int STACK_PROBE_SIZE = 1000;
  /**
   * Not a package of this module: {@code -cp} is the running class path, which holds
   * {@code io.typeline.benchmarks.shapes.Chain1000}, and a stale class of the same name must not
   * satisfy or clash with the one being compiled.
   */
  private static final String PACKAGE = "io.typeline.benchmarks.cost";
  private static final String TYPELINE_PROCESSOR = "io.typeline.processor.TypelineProcessor";
  private static final String DAGGER_PROCESSOR = "dagger.internal.codegen.ComponentProcessor";
  /**
   * Dagger's component writer recurses once per producer in a chain; the default 1 MB main-thread
   * stack overflows around a thousand (the benchmarks pom passes the same flag).
   */
  private static final String BIG_STACK = "-J-Xss64m";

  /** The four compilations of one shape. */
  enum Variant {
    TYPELINE_ALONE("javac -proc:none, Typeline form"),
    TYPELINE("javac + Typeline processor, Typeline form"),
    BOTH_ALONE("javac -proc:none, Typeline + Dagger forms"),
    DAGGER("javac + Dagger processor (-J-Xss64m), Typeline + Dagger forms");

    final String label;

    Variant(String label) {
      this.label = label;
    }
  }

  /** The outcome of one javac process. */
  record Compilation(double seconds, int exitCode, Path log) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private final Path javac;
  private final String classPath;
  private final Path work;

  private ProcessorCost(Path javac, String classPath, Path work) {
    this.javac = javac;
    this.classPath = classPath;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length == 0 ? DEFAULT_SIZES : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    Path work = Files.createTempDirectory("typeline-processor-cost");
    ProcessorCost cost = new ProcessorCost(findJavac(), System.getProperty("java.class.path"), work);
    cost.printMachine();
    System.out.println("work dir: " + work + " (javac logs are kept there)");
    System.out.println();

    Map<Integer, Map<Variant, List<Double>>> times = new LinkedHashMap<>();
    Map<Integer, Map<Variant, String>> failures = new LinkedHashMap<>();
    Map<Integer, List<Variant>> ranOnce = new LinkedHashMap<>();
    for (int n : sizes) {
      Path sources = cost.writeChain(n);
      Map<Variant, List<Double>> byVariant = new EnumMap<>(Variant.class);
      Map<Variant, String> failed = new EnumMap<>(Variant.class);
      List<Variant> once = new ArrayList<>();
      // Repetitions outermost, so a slow drift of the machine (thermal, a neighbour on the host)
      // spreads over all variants instead of biasing the one measured last.
      for (int rep = 1; rep <= REPEATS; rep++) {
        for (Variant variant : Variant.values()) {
          if (failed.containsKey(variant) || (rep > 1 && once.contains(variant))) {
            continue;
          }
          Compilation c = cost.compile(n, sources, variant, true, "rep" + rep);
          System.out.printf(Locale.ROOT, "N=%d rep %d %-62s %8.2f s%s%n", n, rep, variant.label, c.seconds(),
              c.ok() ? "" : "  FAILED (exit " + c.exitCode() + ", log " + c.log() + ")");
          if (!c.ok()) {
            failed.put(variant, firstLines(c.log(), 3));
            continue;
          }
          byVariant.computeIfAbsent(variant, v -> new ArrayList<>()).add(c.seconds());
          if (rep == 1 && c.seconds() > ONCE_ABOVE_SECONDS) {
            once.add(variant);
          }
        }
      }
      times.put(n, byVariant);
      failures.put(n, failed);
      ranOnce.put(n, once);
    }

    // Not timed for the table: whether Dagger needs the big stack at all, on javac's default.
    System.out.println();
    Path probeSources = cost.writeChain(STACK_PROBE_SIZE);
    Compilation probe = cost.compile(STACK_PROBE_SIZE, probeSources, Variant.DAGGER, false, "default-stack");
    String probeOutcome = probe.ok()
        ? "compiles"
        : "FAILS (exit " + probe.exitCode() + "): "
            + (contains(probe.log(), "java.lang.StackOverflowError") ? "java.lang.StackOverflowError in the processor" : firstLines(probe.log(), 3));
    System.out.printf(Locale.ROOT, "Dagger processor on Chain%d WITHOUT %s (default stack): %s after %.2f s%n",
        STACK_PROBE_SIZE, BIG_STACK, probeOutcome, probe.seconds());

    printTable(sizes, times, failures, ranOnce);
  }

  /** The JDK's javac: next to the running java (java.home is the JDK's own directory since 9). */
  private static Path findJavac() {
    Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
    if (!Files.isExecutable(javac)) {
      throw new IllegalStateException(javac + " not found: run this with a JDK's java, not a JRE's");
    }
    return javac;
  }

  private void printMachine() throws IOException, InterruptedException {
    System.out.println("## Processor cost");
    System.out.println();
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " available processors (nproc: "
        + capture(List.of("nproc")).strip() + "), " + cpuModel() + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    System.out.println("javac: " + javac + " — " + capture(List.of(javac.toString(), "-version")).strip());
    System.out.println("java -version:");
    capture(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version"))
        .lines().forEach(line -> System.out.println("    " + line));
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst().orElse("unknown CPU");
    } catch (IOException | RuntimeException e) { // not Linux: the processor count is what matters
      return "unknown CPU";
    }
  }

  /** Writes Chain{n} in both forms under its own source root, once per size. */
  private Path writeChain(int n) throws IOException {
    Path sources = work.resolve("chain" + n).resolve("src");
    if (!Files.isDirectory(sources)) {
      new ShapeWriter(PACKAGE, false).write(Shape.chain(n), sources);
    }
    return sources;
  }

  /** One javac process, timed from start to exit, into an output directory of its own. */
  private Compilation compile(int n, Path sources, Variant variant, boolean bigStack, String tag)
      throws IOException, InterruptedException {
    Path packageDir = sources.resolve(PACKAGE.replace('.', '/'));
    Path typelineForm = packageDir.resolve("Chain" + n + ".java");
    Path daggerForm = packageDir.resolve("Chain" + n + "Dagger.java");
    Path out = Files.createTempDirectory(work, "out-" + n + "-" + variant.name().toLowerCase(Locale.ROOT) + "-");

    List<String> command = new ArrayList<>();
    command.add(javac.toString());
    if (variant == Variant.DAGGER && bigStack) {
      command.add(BIG_STACK);
    }
    switch (variant) {
      case TYPELINE_ALONE, BOTH_ALONE -> command.add("-proc:none");
      case TYPELINE -> command.addAll(List.of("-processorpath", classPath, "-processor", TYPELINE_PROCESSOR));
      case DAGGER -> command.addAll(List.of("-processorpath", classPath, "-processor", DAGGER_PROCESSOR));
    }
    command.addAll(List.of("-cp", classPath, "-d", out.toString()));
    command.add(typelineForm.toString());
    // Dagger's module calls the Typeline class's static stage bodies, so its form needs both files.
    if (variant == Variant.BOTH_ALONE || variant == Variant.DAGGER) {
      command.add(daggerForm.toString());
    }

    Path log = work.resolve("javac-" + n + "-" + variant.name().toLowerCase(Locale.ROOT) + "-" + tag + ".log");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("javac ran over " + TIMEOUT_MINUTES + " minutes: " + command);
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    int exitCode = process.exitValue();
    // A zero exit that did not produce what the processor should have is a broken measurement.
    if (exitCode == 0 && !Files.exists(out.resolve(PACKAGE.replace('.', '/')).resolve(expectedClass(n, variant)))) {
      Files.writeString(log, "\n[ProcessorCost] missing " + expectedClass(n, variant) + "\n",
          StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
      exitCode = -1;
    }
    deleteTree(out); // Dagger's output for 5,000 stages is thousands of files; don't let them pile up
    return new Compilation(seconds, exitCode, log);
  }

  private static String expectedClass(int n, Variant variant) {
    return switch (variant) {
      case TYPELINE_ALONE -> "Chain" + n + ".class";
      case TYPELINE -> "Pipelines.class";
      case BOTH_ALONE -> "Chain" + n + "Dagger.class";
      case DAGGER -> "DaggerChain" + n + "Dagger_Graph.class";
    };
  }

  private static void printTable(int[] sizes, Map<Integer, Map<Variant, List<Double>>> times,
      Map<Integer, Map<Variant, String>> failures, Map<Integer, List<Variant>> ranOnce) {
    System.out.println();
    System.out.println("Median wall seconds of " + REPEATS + " javac processes per cell (added = with processor − alone,"
        + " same sources).");
    System.out.println();
    System.out.println("| N | javac alone | + Typeline (added s) | javac alone (Typeline+Dagger sources) | + Dagger (added s) | Typeline added / Dagger added |");
    System.out.println("|---:|---:|---:|---:|---:|---:|");
    Map<Integer, Double> typelineAdded = new LinkedHashMap<>();
    Map<Integer, Double> daggerAdded = new LinkedHashMap<>();
    boolean anyOnce = false;
    for (int n : sizes) {
      Map<Variant, List<Double>> t = times.get(n);
      Double alone = median(t.get(Variant.TYPELINE_ALONE));
      Double typeline = median(t.get(Variant.TYPELINE));
      Double bothAlone = median(t.get(Variant.BOTH_ALONE));
      Double dagger = median(t.get(Variant.DAGGER));
      Double tAdded = alone == null || typeline == null ? null : typeline - alone;
      Double dAdded = bothAlone == null || dagger == null ? null : dagger - bothAlone;
      if (tAdded != null) {
        typelineAdded.put(n, tAdded);
      }
      if (dAdded != null) {
        daggerAdded.put(n, dAdded);
      }
      String once = ranOnce.get(n).contains(Variant.DAGGER) ? " ¹" : "";
      anyOnce |= !once.isEmpty();
      System.out.printf(Locale.ROOT, "| %d | %s | %s | %s | %s%s | %s |%n", n,
          cell(alone, failures.get(n).get(Variant.TYPELINE_ALONE)),
          withAdded(typeline, tAdded, failures.get(n).get(Variant.TYPELINE)),
          cell(bothAlone, failures.get(n).get(Variant.BOTH_ALONE)),
          withAdded(dagger, dAdded, failures.get(n).get(Variant.DAGGER)), once,
          tAdded == null || dAdded == null ? "n/a" : String.format(Locale.ROOT, "%.3f", tAdded / dAdded));
    }
    if (anyOnce) {
      System.out.printf(Locale.ROOT, "%n¹ Dagger's first run took over %.0f s, so it ran once: a single time, not a median.%n",
          ONCE_ABOVE_SECONDS);
    }

    // Growth between consecutive sizes; linear cost grows by the size ratio, quadratic by its square.
    System.out.println();
    System.out.println("| growth of added time | size ratio | Typeline | Dagger |");
    System.out.println("|---|---:|---:|---:|");
    for (int i = 1; i < sizes.length; i++) {
      int small = sizes[i - 1];
      int big = sizes[i];
      System.out.printf(Locale.ROOT, "| %d vs %d | %.1f× | %s | %s |%n", big, small, (double) big / small,
          ratio(typelineAdded.get(big), typelineAdded.get(small)), ratio(daggerAdded.get(big), daggerAdded.get(small)));
    }

    System.out.println();
    System.out.println("All runs (s):");
    for (int n : sizes) {
      for (Variant variant : Variant.values()) {
        List<Double> runs = times.get(n).getOrDefault(variant, List.of());
        System.out.printf(Locale.ROOT, "  N=%-5d %-62s %s%n", n, variant.label,
            runs.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList());
      }
    }
  }

  private static String cell(Double seconds, String failure) {
    return failure != null ? "failed: " + failure : seconds == null ? "n/a" : String.format(Locale.ROOT, "%.2f", seconds);
  }

  private static String withAdded(Double seconds, Double added, String failure) {
    if (failure != null || seconds == null || added == null) {
      return cell(seconds, failure);
    }
    return String.format(Locale.ROOT, "%.2f (%+.2f)", seconds, added);
  }

  private static String ratio(Double big, Double small) {
    // Added times near zero are noise: a ratio of noise would look like a finding.
    if (big == null || small == null || small < 0.05) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.1f×", big / small);
  }

  private static Double median(List<Double> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static String capture(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return output;
  }

  private static boolean contains(Path log, String text) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8).contains(text);
  }

  /** The first non-blank lines of a javac log, joined: enough to tell one failure from another. */
  private static String firstLines(Path log, int count) {
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return String.join(" / ", lines.filter(line -> !line.isBlank()).limit(count).map(String::strip).toList());
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
