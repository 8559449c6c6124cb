package io.typeline.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Rendezvous helpers for stages under test: a missed rendezvous fails instead of hanging. */
final class Latches {
  /** Long enough to never trip on a slow machine; only reached when the runtime is broken. */
  static final long TIMEOUT_SECONDS = 5;

  private Latches() {}

  /** Waits for {@code latch}; fails when it does not open in time. */
  static void await(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("rendezvous not reached: stages did not run at the same time");
    }
  }

  /**
   * Like {@link #await} but deaf to interrupts, for a stage that must get past the rendezvous even
   * when the run interrupts it; the interrupt flag is restored afterwards.
   */
  static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          await(latch);
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
