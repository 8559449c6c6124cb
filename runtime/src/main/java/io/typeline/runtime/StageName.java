package io.typeline.runtime;

/**
 * A stage named without a string: the processor generates, per pipeline, an enum of its stages
 * ({@code TrainingStage.train}) implementing this, for run options such as
 * {@link RunOptions#rerun(StageName...)}.
 */
public interface StageName {
  /** The stage's name: its method's name. */
  String stageName();
}
