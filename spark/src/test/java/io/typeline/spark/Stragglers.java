package io.typeline.spark;

import io.typeline.Each;
import io.typeline.Param;
import io.typeline.Pipeline;
import io.typeline.Stage;
import java.util.List;

/**
 * A fan-out whose element {@code failOn} fails at once while the others take {@code millis}, and
 * half a second more to stop when interrupted.
 */
@Pipeline(outputs = "slow")
final class Stragglers {
  private Stragglers() {}

  /** Elements running now, in this JVM (an embedded Spark's tasks run here). */
  static final java.util.concurrent.atomic.AtomicInteger RUNNING = new java.util.concurrent.atomic.AtomicInteger();

  @Stage
  static List<Integer> ids(@Param int count) {
    return java.util.stream.IntStream.range(0, count).boxed().toList();
  }

  @Stage
  static int slow(@Each Integer ids, @Param int failOn, @Param long millis) throws InterruptedException {
    if (ids == failOn) {
      throw new IllegalStateException("element " + ids + " fails");
    }
    RUNNING.incrementAndGet();
    try {
      Thread.sleep(millis);
      return ids;
    } catch (InterruptedException e) {
      long cleanUp = System.nanoTime() + 500_000_000L; // half a second to stop, as real work takes
      while (System.nanoTime() < cleanUp) {
        Thread.onSpinWait();
      }
      throw e;
    } finally {
      RUNNING.decrementAndGet();
    }
  }
}
