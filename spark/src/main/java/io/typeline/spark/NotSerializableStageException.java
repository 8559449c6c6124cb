package io.typeline.spark;

/**
 * A stage's call, or its result, cannot travel between the Spark driver and its executors because
 * something in it is not {@link java.io.Serializable}. The message names the stage, the input (or
 * the element, or the result) and the class at fault, and how to fix it. It is the cause of the
 * run's {@link io.typeline.runtime.StageFailedException}, found before anything is submitted to
 * Spark (for a result: on the executor, when it is sent back).
 */
public final class NotSerializableStageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NotSerializableStageException(String message, Throwable cause) {
    super(message, cause);
  }
}
