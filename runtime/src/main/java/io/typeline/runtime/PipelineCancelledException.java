package io.typeline.runtime;

import java.util.concurrent.CancellationException;

/**
 * The run stopped before finishing because it was cancelled: the thread that called
 * {@code run()} was interrupted. Its interrupt flag is set again when this is thrown.
 */
public final class PipelineCancelledException extends CancellationException {
  private static final long serialVersionUID = 1L;

  private final String pipeline;

  PipelineCancelledException(String pipeline, String why) {
    super("Pipeline '" + pipeline + "' was cancelled: " + why);
    this.pipeline = pipeline;
  }

  /** The pipeline's name. */
  public String pipeline() {
    return pipeline;
  }
}
