package com.example.ml;

import io.typeline.runtime.RunResult;
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
