package io.typeline.spark;

import io.typeline.Each;
import io.typeline.Param;
import io.typeline.Pipeline;
import io.typeline.Stage;
import java.util.List;

/** A value that cannot travel to Spark's executors. */
@Pipeline(outputs = "scaled")
final class Unshippable {
  private Unshippable() {}

  /** Not serializable. */
  static class Scale {
    final int factor;

    Scale(int factor) {
      this.factor = factor;
    }
  }

  @Stage
  static List<Integer> numbers(@Param int count) {
    return java.util.stream.IntStream.rangeClosed(1, count).boxed().toList();
  }

  @Stage(cache = false)
  static Scale scale(@Param(defaultValue = "3") int factor) {
    return new Scale(factor);
  }

  /** Its input 'scale' cannot travel to the executors. */
  @Stage
  static int scaled(@Each Integer numbers, Scale scale) {
    return numbers * scale.factor;
  }
}
