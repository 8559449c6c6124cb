package io.typeline.benchmarks.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How well the default executor turns independent stages into parallel speed-up:
 *
 * <ul>
 *   <li>CPU-bound: K = 2 × cores stages of ~150 ms of pure computation, run at parallelism = cores
 *       against the same pipeline at parallelism 1. The ideal speed-up is K / ceil(K / cores)
 *       (= cores here); efficiency is speed-up / min(K, cores).
 *   <li>Sleeping: 16 stages that each sleep 200 ms (I/O-like), at parallelism 16 on however few
 *       cores: they should overlap fully, so the wall time is the critical path (200 ms) plus
 *       overhead. Also at parallelism = cores, to show that parallelism bounds concurrent stages,
 *       not CPU use.
 * </ul>
 *
 * Wall times are of whole runs through the generated API, as a user sees them (pool start-up
 * included). Run with the module's class path:
 * {@code java -cp benchmarks/target/classes:$(cat /tmp/bench.cp) io.typeline.benchmarks.parallel.ParallelEfficiency}.
 * It prints a markdown table and asserts nothing about times (only that the results are right).
 */
public final class ParallelEfficiency {
  private static final int REPEATS = 5;
  /** Per CPU-bound stage: long enough that scheduling costs vanish, short enough to repeat. */
  private static final double TARGET_STAGE_MILLIS = 150;
  private static final int SLEEP_PARALLELISM = 16;

  private ParallelEfficiency() {}

  public static void main(String[] args) {
    int cores = Runtime.getRuntime().availableProcessors();
    int k = Math.min(2 * cores, CpuBound.STAGES);
    System.out.println("## Parallel efficiency");
    System.out.println();
    System.out.printf(Locale.ROOT, "machine: %d available processors; java %s (%s)%n", cores,
        System.getProperty("java.version"), System.getProperty("java.vm.name"));
    if (k < 2 * cores) {
      System.out.printf(Locale.ROOT, "note: CpuBound has %d stages, so K is %d, not 2 × %d%n", CpuBound.STAGES, k, cores);
    }

    long iterations = calibrate();
    // Warm the glue (builder, graph, runner, executor) on the real work, so no run we measure
    // pays for class loading or interpretation.
    for (int i = 0; i < 3; i++) {
      cpuBound(k, iterations, cores);
      cpuBound(k, iterations, 1);
      sleeping(SLEEP_PARALLELISM);
    }
    sleeping(cores);

    long expected = direct(k, iterations);
    double stageMillis = median(timeAll(REPEATS, () -> Work.spin(0, iterations)));
    System.out.printf(Locale.ROOT, "CPU stage: %,d xorshift steps ≈ %.1f ms (median of %d direct calls)%n", iterations,
        stageMillis, REPEATS);
    System.out.println();

    // Interleaved, so drift (a neighbour on the host, frequency changes) hits all three alike.
    List<Double> directMs = new ArrayList<>();
    List<Double> sequentialMs = new ArrayList<>();
    List<Double> parallelMs = new ArrayList<>();
    for (int rep = 0; rep < REPEATS; rep++) {
      directMs.add(time(() -> check(direct(k, iterations), expected)));
      sequentialMs.add(time(() -> check(cpuBound(k, iterations, 1), expected)));
      parallelMs.add(time(() -> check(cpuBound(k, iterations, cores), expected)));
    }
    long sleepExpected = (long) Sleeping.STAGES * (Sleeping.STAGES - 1) / 2; // the sum of 0..15
    List<Double> sleepWideMs = timeAll(REPEATS, () -> check(sleeping(SLEEP_PARALLELISM), sleepExpected));
    List<Double> sleepBoundedMs = timeAll(REPEATS, () -> check(sleeping(cores), sleepExpected));

    int waves = (k + cores - 1) / cores; // rounds of `cores` stages at a time
    int sleepWaves = (Sleeping.STAGES + cores - 1) / cores;
    System.out.printf(Locale.ROOT, "Wall ms of one run, %d runs each; ideal = stage time × stages on the critical path.%n", REPEATS);
    System.out.println();
    System.out.println("| case | stages doing work | parallelism | ideal ms | median ms | min ms |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    row("CpuBound, direct calls in a loop (no Typeline)", k, "–", k * stageMillis, directMs);
    row("CpuBound, Typeline sequential", k, "1", k * stageMillis, sequentialMs);
    row("CpuBound, Typeline parallel", k, String.valueOf(cores), waves * stageMillis, parallelMs);
    row("Sleeping 200 ms, Typeline", Sleeping.STAGES, String.valueOf(SLEEP_PARALLELISM),
        Work.SLEEP_MILLIS, sleepWideMs);
    row("Sleeping 200 ms, Typeline, pool = cores", Sleeping.STAGES, String.valueOf(cores),
        sleepWaves * Work.SLEEP_MILLIS, sleepBoundedMs);

    double idealSpeedup = (double) k / waves;
    double speedupMedian = median(sequentialMs) / median(parallelMs);
    double speedupMin = min(sequentialMs) / min(parallelMs);
    int bound = Math.min(k, cores);
    System.out.println();
    System.out.printf(Locale.ROOT, "- CPU-bound speed-up (p=%d vs p=1): %.2f× by medians, %.2f× by mins; ideal %.2f×%n",
        cores, speedupMedian, speedupMin, idealSpeedup);
    System.out.printf(Locale.ROOT, "- CPU-bound efficiency = speed-up / min(K=%d, cores=%d): %.0f%% by medians, %.0f%% by mins%n",
        k, cores, 100 * speedupMedian / bound, 100 * speedupMin / bound);
    System.out.printf(Locale.ROOT, "- Typeline at p=1 vs direct calls: %+.1f ms by medians over %d stages%n",
        median(sequentialMs) - median(directMs), k);
    System.out.printf(Locale.ROOT, "- Sleeping at p=%d: wall − 200 ms critical path = %+.1f ms by medians, %+.1f ms by mins;"
        + " overlap = %d × 200 ms / wall = %.1f of %d%n", SLEEP_PARALLELISM, median(sleepWideMs) - Work.SLEEP_MILLIS,
        min(sleepWideMs) - Work.SLEEP_MILLIS, Sleeping.STAGES, Sleeping.STAGES * Work.SLEEP_MILLIS / median(sleepWideMs),
        Sleeping.STAGES);
  }

  private static long cpuBound(int active, long iterations, int parallelism) {
    return Pipelines.cpuBound().active(active).iterations(iterations).run(run -> run.parallelism(parallelism).noCache().noRunFolder()).total();
  }

  private static long sleeping(int parallelism) {
    return Pipelines.sleeping().run(run -> run.parallelism(parallelism).noCache().noRunFolder()).total();
  }

  /** The same work without Typeline: what a sequential run costs at best. */
  private static long direct(int active, long iterations) {
    long total = 0;
    for (int i = 0; i < CpuBound.STAGES; i++) {
      total += Work.stage(i, active, iterations);
    }
    return total;
  }

  /**
   * The iteration count of a ~{@value #TARGET_STAGE_MILLIS} ms stage on this machine, fixed for the
   * whole program. Warms {@link Work#spin} first so the rate is that of C2-compiled code, which
   * the stages also run (compiled code is shared by all threads).
   */
  private static long calibrate() {
    long probe = 1L << 24;
    for (int i = 0; i < 20; i++) {
      Work.spin(i, probe);
    }
    double bestMillis = min(timeAll(5, () -> Work.spin(3, probe)));
    return Math.max(1, (long) (probe * TARGET_STAGE_MILLIS / bestMillis));
  }

  private static long check(long actual, long expected) {
    if (actual != expected) { // a wrong result means the run skipped or mixed up work
      throw new IllegalStateException("run returned " + actual + ", expected " + expected);
    }
    return actual;
  }

  /** Results go to a field the JIT cannot see through, so no timed call is dead code. */
  private static volatile long sink;

  private static double time(LongSupplier work) {
    long start = System.nanoTime();
    sink = work.getAsLong();
    return (System.nanoTime() - start) / 1e6;
  }

  private static List<Double> timeAll(int times, LongSupplier work) {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      millis.add(time(work));
    }
    return millis;
  }

  private static void row(String name, int stages, String parallelism, double idealMillis, List<Double> millis) {
    System.out.printf(Locale.ROOT, "| %s | %d | %s | %.0f | %.1f | %.1f |%n", name, stages, parallelism, idealMillis,
        median(millis), min(millis));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }
}
