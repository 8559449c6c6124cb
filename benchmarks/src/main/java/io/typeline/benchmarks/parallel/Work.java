package io.typeline.benchmarks.parallel;

/** The stage bodies of {@link CpuBound} and {@link Sleeping}, shared with the direct baseline. */
final class Work {
  static final long SLEEP_MILLIS = 200;

  private Work() {}

  /** Stage {@code index} of {@link CpuBound}: spins if it is one of the {@code active} ones. */
  static long stage(int index, int active, long iterations) {
    return index < active ? spin(index, iterations) : 0;
  }

  /**
   * A fixed amount of CPU work: {@code iterations} steps of xorshift64. Each step depends on the
   * one before, so the JIT can neither vectorize the loop nor fold it into a closed form, and the
   * result is returned (and summed by the sink) so it cannot drop the loop either. No memory
   * traffic: the stages do not compete for cache or bandwidth, only for cores.
   */
  static long spin(long seed, long iterations) {
    long x = seed * 0x9E3779B97F4A7C15L + 1; // never 0 for our seeds: xorshift would stay at 0
    for (long i = 0; i < iterations; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    return x;
  }

  /** Stage {@code index} of {@link Sleeping}: waits without using a core, like blocking I/O. */
  static long sleep(int index) throws InterruptedException {
    Thread.sleep(SLEEP_MILLIS);
    return index;
  }
}
