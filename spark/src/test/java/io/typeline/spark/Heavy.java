package io.typeline.spark;

import io.typeline.Param;
import io.typeline.Pipeline;
import io.typeline.Stage;
import org.apache.spark.TaskContext;

/** A stage that is not a fan-out, which a run can send to Spark as one task. */
@Pipeline(outputs = "summary")
final class Heavy {
  private Heavy() {}

  /** A "training": where it ran, and on which attempt. */
  @Stage
  static String fit(@Param int size, @Param(defaultValue = "false") boolean fail) {
    if (fail) {
      throw new IllegalArgumentException("cannot fit " + size);
    }
    TaskContext task = TaskContext.get();
    return task == null ? "driver" : "task " + task.partitionId();
  }

  @Stage
  static String summary(String fit) {
    return "fit in " + fit + ", summary on " + (TaskContext.get() == null ? "driver" : "task");
  }
}
