package io.typeline.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * What happens in a run, in order, one stream per run: given to each {@link RunListener}. Every
 * event carries the run's id (unique per run) and when it happened.
 */
public sealed interface RunEvent {
  /** The run this event belongs to. */
  String runId();

  /** When it happened. */
  Instant time();

  /**
   * The run starts: its pipeline, its param values as short text, how many stages will finish in
   * it (run, or come from the cache), and its run folder ({@code events.jsonl}, {@code report.html},
   * what stages printed), or {@code null} when it writes none.
   */
  record RunStarted(String runId, Instant time, String pipeline, Map<String, String> params, int stages,
      java.nio.file.Path folder) implements RunEvent {}

  /** A stage starts running (for a fan-out: the stage as a whole). */
  record StageStarted(String runId, Instant time, String stage) implements RunEvent {}

  /**
   * A stage has its value: it ran for {@code nanos}, or came from the cache ({@code cached},
   * {@code nanos} 0). {@code summary} describes the value: its type, and its size when it has one.
   */
  record StageFinished(String runId, Instant time, String stage, long nanos, boolean cached, String summary)
      implements RunEvent {}

  /** A stage failed; the run fails with it. */
  record StageFailed(String runId, Instant time, String stage, Throwable error) implements RunEvent {}

  /**
   * An element of a fan-out starts running: element {@code index} (0-based, in input order) of
   * {@code total}. Elements that come from the cache do not start.
   */
  record ElementStarted(String runId, Instant time, String stage, int index, int total) implements RunEvent {}

  /**
   * An element of a fan-out has its result: {@code done} of {@code total} have one now. The
   * element is {@code index} (0-based, in input order); it ran for {@code nanos}, or came from the
   * cache ({@code cached}, {@code nanos} 0). A failed element is reported by {@link StageFailed},
   * whose error is a {@link FanOutElementException} with the index.
   */
  record FanOutProgress(String runId, Instant time, String stage, int done, int total, int index, long nanos,
      boolean cached) implements RunEvent {}

  /** The run is over: it succeeded, failed or was cancelled, after {@code nanos}. */
  record RunFinished(String runId, Instant time, String pipeline, Outcome outcome, long nanos)
      implements RunEvent {}

  /** How a run ended. */
  enum Outcome { SUCCEEDED, FAILED, CANCELLED }
}
