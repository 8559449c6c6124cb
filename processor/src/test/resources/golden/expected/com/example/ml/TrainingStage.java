package com.example.ml;

import io.typeline.runtime.StageName;
import javax.annotation.processing.Generated;

/**
 * The stages of pipeline {@link Training}, to name in run options: {@code run(run -> run.rerun(TrainingStage.mean))}.
 */
@Generated("io.typeline.processor.TypelineProcessor")
public enum TrainingStage implements StageName {
  /**
   * Stage {@code load} (Training.java:19).
   */
  load,

  /**
   * Stage {@code split} (Training.java:24).
   */
  split,

  /**
   * Stage {@code train} (Training.java:31).
   */
  train,

  /**
   * Stage {@code evaluate} (Training.java:36).
   */
  evaluate,

  /**
   * Stage {@code normalize} (Features.java:17).
   */
  normalize,

  /**
   * Stage {@code summary} (Features.java:26).
   */
  summary,

  /**
   * Stage {@code report} (Features.java:31).
   */
  report,

  /**
   * Stage {@code mean} (Stats.java:10).
   */
  mean;

  @Override
  public String stageName() {
    return name();
  }
}
