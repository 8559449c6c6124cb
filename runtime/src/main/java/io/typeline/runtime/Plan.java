package io.typeline.runtime;

import java.util.List;

/**
 * What a run would do, stage by stage, and why: which stages come from the cache and which would
 * run (new, code changed, param changed, input changed, forced, ...). Making it runs no stage and
 * reads no value; it only looks which cache entries exist.
 */
public final class Plan {
  private final String pipeline;
  private final List<StageOutcome> stages;

  Plan(String pipeline, List<StageOutcome> stages) {
    this.pipeline = pipeline;
    this.stages = List.copyOf(stages);
  }

  /** Every stage, in the graph's order. */
  public List<StageOutcome> stages() {
    return stages;
  }

  /** The outcome of stage {@code stage}. */
  public StageOutcome stage(String stage) {
    return StageOutcome.find(pipeline, stages, stage);
  }

  /** Names of the stages that would run. */
  public List<String> toRun() {
    return stages.stream().filter(s -> s.action() == StageOutcome.Action.RUN).map(StageOutcome::stage).toList();
  }

  /** One line per stage, such as {@code train: run (code changed)}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("plan of ").append(pipeline).append(':');
    stages.forEach(stage -> text.append("\n  ").append(stage));
    return text.toString();
  }
}
