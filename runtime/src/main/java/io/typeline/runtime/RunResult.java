package io.typeline.runtime;

import java.util.Map;

/** The values of a run's output stages. Generated result types wrap it with typed accessors. */
public final class RunResult {
  private final String pipeline;
  private final Map<String, Object> outputs;
  private final java.util.function.Supplier<java.util.List<StageOutcome>> stages;
  private java.util.List<StageOutcome> computed;

  /** {@code stages} is computed on first use: a run without the cache pays nothing for it. */
  RunResult(String pipeline, Map<String, Object> outputs,
      java.util.function.Supplier<java.util.List<StageOutcome>> stages) {
    this.pipeline = pipeline;
    this.outputs = outputs;
    this.stages = stages;
  }

  /** What happened to each stage, in the graph's order: ran (and why) or came from the cache. */
  public synchronized java.util.List<StageOutcome> stages() {
    if (computed == null) {
      computed = java.util.List.copyOf(stages.get());
    }
    return computed;
  }

  /** What happened to stage {@code stage}. */
  public StageOutcome stage(String stage) {
    return StageOutcome.find(pipeline, stages(), stage);
  }

  /** Names of the stages that ran, in the graph's order. */
  public java.util.List<String> ran() {
    return stages().stream().filter(s -> s.action() == StageOutcome.Action.RUN).map(StageOutcome::stage).toList();
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
