package io.typeline.runtime;

import java.util.Map;

/** The values of a run's output stages. Generated result types wrap it with typed accessors. */
public final class RunResult {
  private final String pipeline;
  private final Map<String, Object> outputs;

  RunResult(String pipeline, Map<String, Object> outputs) {
    this.pipeline = pipeline;
    this.outputs = outputs;
  }

  /** The pipeline's name. */
  public String pipeline() {
    return pipeline;
  }

  /** The value of output stage {@code stage} ({@code null} for a {@code void} stage). */
  public Object value(String stage) {
    if (!outputs.containsKey(stage)) {
      throw new IllegalArgumentException("Pipeline '" + pipeline + "' has no output '" + stage
          + "'; its outputs are " + outputs.keySet());
    }
    return outputs.get(stage);
  }

  /** Output stage names to values, in the graph's output order. */
  public Map<String, Object> outputs() {
    return outputs;
  }

  @Override
  public String toString() {
    return "RunResult[" + pipeline + ": " + outputs.keySet() + "]";
  }
}
