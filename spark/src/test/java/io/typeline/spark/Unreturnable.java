package io.typeline.spark;

import io.typeline.Each;
import io.typeline.Param;
import io.typeline.Pipeline;
import io.typeline.Stage;
import java.util.List;

/** Results that cannot travel back from Spark's executors. */
@Pipeline(outputs = "wrapped")
final class Unreturnable {
  private Unreturnable() {}

  @Stage
  static List<Integer> numbers(@Param int count) {
    return java.util.stream.IntStream.rangeClosed(1, count).boxed().toList();
  }

  @Stage(cache = false)
  static Unshippable.Scale wrapped(@Each Integer numbers) {
    return new Unshippable.Scale(numbers);
  }
}
