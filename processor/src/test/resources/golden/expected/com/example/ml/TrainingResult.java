package com.example.ml;

import io.typeline.runtime.RunResult;
import io.typeline.runtime.StageOutcome;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The outputs of a run of {@link Training}, one typed accessor per output stage.
 */
@Generated("io.typeline.processor.TypelineProcessor")
public final class TrainingResult {
  private final RunResult run;

  TrainingResult(RunResult run) {
    this.run = run;
  }

  /**
   * What each stage did in the run, in the graph's order: ran (and why), came from the cache, or was not needed.
   */
  public List<StageOutcome> stages() {
    return run.stages();
  }

  /**
   * The value of stage {@code evaluate} (Training.java:36).
   */
  public double evaluate() {
    return (double) run.value("evaluate");
  }

  /**
   * The value of stage {@code summary} (Features.java:26).
   */
  public String summary() {
    return (String) run.value("summary");
  }

  /**
   * The value of stage {@code mean} (Stats.java:10).
   */
  public double mean() {
    return (double) run.value("mean");
  }
}
