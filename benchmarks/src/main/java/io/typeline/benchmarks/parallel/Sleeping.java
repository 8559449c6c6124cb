package io.typeline.benchmarks.parallel;

import io.typeline.Pipeline;
import io.typeline.Stage;

/**
 * 16 independent stages that each sleep {@value Work#SLEEP_MILLIS} ms, standing in for I/O (a
 * remote call, a download), feeding one sink. Sleeping holds a pool thread but no core, so with
 * parallelism 16 they should all overlap even on a 2-core machine: the critical path is one sleep.
 */
@Pipeline
final class Sleeping {
  /** The number of {@code s<i>} stages below. */
  static final int STAGES = 16;

  private Sleeping() {}

  @Stage
  static long s0() throws InterruptedException {
    return Work.sleep(0);
  }

  @Stage
  static long s1() throws InterruptedException {
    return Work.sleep(1);
  }

  @Stage
  static long s2() throws InterruptedException {
    return Work.sleep(2);
  }

  @Stage
  static long s3() throws InterruptedException {
    return Work.sleep(3);
  }

  @Stage
  static long s4() throws InterruptedException {
    return Work.sleep(4);
  }

  @Stage
  static long s5() throws InterruptedException {
    return Work.sleep(5);
  }

  @Stage
  static long s6() throws InterruptedException {
    return Work.sleep(6);
  }

  @Stage
  static long s7() throws InterruptedException {
    return Work.sleep(7);
  }

  @Stage
  static long s8() throws InterruptedException {
    return Work.sleep(8);
  }

  @Stage
  static long s9() throws InterruptedException {
    return Work.sleep(9);
  }

  @Stage
  static long s10() throws InterruptedException {
    return Work.sleep(10);
  }

  @Stage
  static long s11() throws InterruptedException {
    return Work.sleep(11);
  }

  @Stage
  static long s12() throws InterruptedException {
    return Work.sleep(12);
  }

  @Stage
  static long s13() throws InterruptedException {
    return Work.sleep(13);
  }

  @Stage
  static long s14() throws InterruptedException {
    return Work.sleep(14);
  }

  @Stage
  static long s15() throws InterruptedException {
    return Work.sleep(15);
  }

  /** The sink: waits for every sleeper. */
  @Stage
  static long total(
      long s0, long s1, long s2, long s3, long s4, long s5, long s6, long s7,
      long s8, long s9, long s10, long s11, long s12, long s13, long s14, long s15) {
    return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7
        + s8 + s9 + s10 + s11 + s12 + s13 + s14 + s15;
  }
}
