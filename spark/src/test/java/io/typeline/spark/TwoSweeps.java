package io.typeline.spark;

import io.typeline.Each;
import io.typeline.Param;
import io.typeline.Pipeline;
import io.typeline.Stage;
import java.util.List;

/** Two fan-outs that do not depend on each other: their Spark jobs can be submitted at the same time. */
@Pipeline(outputs = {"left", "right"})
final class TwoSweeps {
  private TwoSweeps() {}

  @Stage
  static List<Integer> inputs(@Param int count) {
    return java.util.stream.IntStream.range(0, count).boxed().toList();
  }

  @Stage
  static int left(@Each Integer inputs, @Param long millis) throws InterruptedException {
    Thread.sleep(millis);
    return inputs;
  }

  @Stage
  static int right(@Each Integer inputs, @Param long millis) throws InterruptedException {
    Thread.sleep(millis);
    return -inputs;
  }
}
