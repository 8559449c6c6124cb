package io.typeline.runtime;

import java.util.concurrent.Future;

/**
 * Runs stage invocations. The runtime walks the graph itself and submits each stage whose inputs
 * are ready; an executor only decides where and when the call runs. The default,
 * {@link LocalExecutor}, uses a bounded thread pool; a remote executor (Spark) can ship the
 * serializable {@link StageCall} as a task instead.
 */
public interface StageExecutor {

  /**
   * Starts {@code task} now or later, following {@link StageTask}'s contract. The returned future
   * stands for the task: {@code cancel(true)} must keep it from starting, or interrupt it if it
   * runs. An exception thrown here fails the stage.
   */
  Future<?> execute(StageTask task);
}
