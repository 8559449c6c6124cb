package io.typeline.runtime;

/**
 * Receives a run's {@link RunEvent}s, in order for each stage, from the threads that run the
 * stages: an implementation must be thread-safe and quick. A listener never breaks a run: one
 * that throws is reported once on standard error and detached for the rest of the run.
 * Added with {@code run(run -> run.listener(...))}.
 */
@FunctionalInterface
public interface RunListener {
  void onEvent(RunEvent event);
}
