package io.typeline.runtime;

/**
 * How a run executes, set in a lambda block: {@code .run(run -> run.parallelism(4))}. Every option
 * has a default, so {@code run()} needs none.
 */
public final class RunOptions {
  private int parallelism = Runtime.getRuntime().availableProcessors();
  private StageExecutor executor;

  /** The defaults: parallelism = available processors, the local executor. */
  public static RunOptions defaults() {
    return new RunOptions();
  }

  /**
   * At most this many stages run at once on the default local executor. Ignored when an
   * {@link #executor(StageExecutor) executor} is given (it brings its own bound).
   */
  public RunOptions parallelism(int parallelism) {
    this.parallelism = LocalExecutor.checkParallelism(parallelism);
    return this;
  }

  /**
   * Runs stages on this executor instead of a local pool created for the run. The caller owns it:
   * the run does not close it.
   */
  public RunOptions executor(StageExecutor executor) {
    this.executor = java.util.Objects.requireNonNull(executor, "executor");
    return this;
  }

  public int parallelism() {
    return parallelism;
  }

  /** The executor set with {@link #executor(StageExecutor)}, or {@code null} for the default. */
  public StageExecutor executor() {
    return executor;
  }
}
