package io.typeline.runtime;

/**
 * What happened, or in a {@link Plan} what would happen, to one stage, and why.
 *
 * @param stage the stage's name
 * @param action whether it runs, comes from the cache, or is not needed
 * @param reason why
 * @param detail the specifics: which param or input changed, what is not cacheable; may be empty
 */
public record StageOutcome(String stage, Action action, Reason reason, String detail) {

  /** What a run does with a stage. */
  public enum Action {
    /** The stage runs (in a plan: will run). */
    RUN,
    /** Its value is read from the cache; it does not run. */
    CACHED,
    /** Nothing needs its value: every stage using it comes from the cache. */
    NOT_NEEDED
  }

  /** Why. */
  public enum Reason {
    /** Its entry is in the cache (with {@link Action#CACHED}). */
    HIT,
    /** The stage never ran with this store. */
    NEW,
    /** Its code, or code of the project it calls, or its {@code version} changed. */
    CODE_CHANGED,
    /** A param it takes changed value. */
    PARAM_CHANGED,
    /** A stage it takes has another key: that stage's code, params or inputs changed. */
    INPUT_CHANGED,
    /** The run options asked for it to run. */
    FORCED,
    /** Same lineage as its last run, but its entry is gone (cleared, deleted, or bad). */
    NOT_IN_CACHE,
    /** Its value is never stored: {@code cache = false}, a {@code void} stage, or no lineage. */
    NOT_CACHED,
    /** The run options turned the cache off. */
    CACHE_OFF,
    /** Nothing needs it (with {@link Action#NOT_NEEDED}). */
    UNUSED
  }

  /** The outcome of {@code stage} among {@code outcomes}, or a message naming the stages. */
  static StageOutcome find(String pipeline, java.util.List<StageOutcome> outcomes, String stage) {
    for (StageOutcome outcome : outcomes) {
      if (outcome.stage.equals(stage)) {
        return outcome;
      }
    }
    throw new IllegalArgumentException("Pipeline '" + pipeline + "' has no stage '" + stage
        + "'; its stages are " + outcomes.stream().map(StageOutcome::stage).toList());
  }

  @Override
  public String toString() {
    String what = switch (action) {
      case RUN -> "run";
      case CACHED -> "cached";
      case NOT_NEEDED -> "not needed";
    };
    String why = reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    return stage + ": " + what + (action == Action.RUN ? " (" + why + (detail.isEmpty() ? "" : ": " + detail) + ")" : "");
  }
}
