package io.typeline.benchmarks.parallel;

import io.typeline.Param;
import io.typeline.Pipeline;
import io.typeline.Stage;

/**
 * 16 independent CPU-bound stages feeding one sink. The processor wires a fixed graph at compile
 * time (and {@code @Each} fan-out is not there yet), so the number of stages that do work is a
 * param: stages {@code w<i>} with {@code i >= active} return 0 at once, which costs microseconds
 * against stages of 100+ ms. That lets {@link ParallelEfficiency} use K = 2 × cores on any
 * machine up to 8 cores.
 */
@Pipeline
final class CpuBound {
  /** The most stages that can do work: the number of {@code w<i>} stages below. */
  static final int STAGES = 16;

  private CpuBound() {}

  @Stage
  static long w0(@Param int active, @Param long iterations) {
    return Work.stage(0, active, iterations);
  }

  @Stage
  static long w1(@Param int active, @Param long iterations) {
    return Work.stage(1, active, iterations);
  }

  @Stage
  static long w2(@Param int active, @Param long iterations) {
    return Work.stage(2, active, iterations);
  }

  @Stage
  static long w3(@Param int active, @Param long iterations) {
    return Work.stage(3, active, iterations);
  }

  @Stage
  static long w4(@Param int active, @Param long iterations) {
    return Work.stage(4, active, iterations);
  }

  @Stage
  static long w5(@Param int active, @Param long iterations) {
    return Work.stage(5, active, iterations);
  }

  @Stage
  static long w6(@Param int active, @Param long iterations) {
    return Work.stage(6, active, iterations);
  }

  @Stage
  static long w7(@Param int active, @Param long iterations) {
    return Work.stage(7, active, iterations);
  }

  @Stage
  static long w8(@Param int active, @Param long iterations) {
    return Work.stage(8, active, iterations);
  }

  @Stage
  static long w9(@Param int active, @Param long iterations) {
    return Work.stage(9, active, iterations);
  }

  @Stage
  static long w10(@Param int active, @Param long iterations) {
    return Work.stage(10, active, iterations);
  }

  @Stage
  static long w11(@Param int active, @Param long iterations) {
    return Work.stage(11, active, iterations);
  }

  @Stage
  static long w12(@Param int active, @Param long iterations) {
    return Work.stage(12, active, iterations);
  }

  @Stage
  static long w13(@Param int active, @Param long iterations) {
    return Work.stage(13, active, iterations);
  }

  @Stage
  static long w14(@Param int active, @Param long iterations) {
    return Work.stage(14, active, iterations);
  }

  @Stage
  static long w15(@Param int active, @Param long iterations) {
    return Work.stage(15, active, iterations);
  }

  /** The sink: needs every stage's value, so none of the work can be skipped. */
  @Stage
  static long total(
      long w0, long w1, long w2, long w3, long w4, long w5, long w6, long w7,
      long w8, long w9, long w10, long w11, long w12, long w13, long w14, long w15) {
    return w0 + w1 + w2 + w3 + w4 + w5 + w6 + w7
        + w8 + w9 + w10 + w11 + w12 + w13 + w14 + w15;
  }
}
