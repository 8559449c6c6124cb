package io.typeline.runtime;

/**
 * A stage threw, so the run failed. The message names the pipeline, the stage and where it is
 * declared; {@link #getCause()} is what the stage threw. Failures of other stages that were
 * running at the same time are attached as suppressed exceptions.
 */
public final class StageFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String pipeline;
  private final String stage;

  StageFailedException(String pipeline, String stage, String location, Throwable cause) {
    super("Pipeline '" + pipeline + "' failed in stage '" + stage + "' (" + location + "): "
        + cause, cause);
    this.pipeline = pipeline;
    this.stage = stage;
  }

  /** The pipeline's name. */
  public String pipeline() {
    return pipeline;
  }

  /** The failing stage's name. */
  public String stage() {
    return stage;
  }
}
