package io.typeline.spark;

import io.typeline.Each;
import io.typeline.Param;
import io.typeline.Pipeline;
import io.typeline.Stage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;

/**
 * A fan-out for Spark: the squares of 1..count, each an element (a Spark task), summed on the
 * driver. Elements can be made to fail always ({@code failOn}) or on their first attempt only
 * ({@code flaky}), to see Spark's retries.
 */
@Pipeline(outputs = {"square", "total", "numbersRanOn"})
final class Squares {
  private Squares() {}

  /** One element's result, whether it was computed in a Spark task, and in which process. */
  record Square(int n, long square, boolean inTask, long pid) implements Serializable {}

  @Stage
  static List<Integer> numbers(@Param int count) {
    List<Integer> numbers = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      numbers.add(n);
    }
    return numbers;
  }

  @Stage
  static Square square(@Each Integer numbers, @Param(defaultValue = "0") int failOn,
      @Param(defaultValue = "false") boolean flaky) {
    TaskContext task = TaskContext.get();
    if (numbers == failOn) {
      throw new IllegalStateException("no square for " + numbers);
    }
    if (flaky && numbers % 2 == 0 && task != null && task.attemptNumber() == 0) {
      throw new IllegalStateException("flaky " + numbers);
    }
    return new Square(numbers, (long) numbers * numbers, task != null, ProcessHandle.current().pid());
  }

  @Stage
  static long total(List<Square> square) {
    return square.stream().mapToLong(Square::square).sum();
  }

  /** Where the stage that is not a fan-out ran: "driver" or "task". */
  @Stage
  static String numbersRanOn(List<Integer> numbers) {
    return TaskContext.get() == null ? "driver" : "task";
  }
}
