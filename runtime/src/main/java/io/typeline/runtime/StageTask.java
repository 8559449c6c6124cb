package io.typeline.runtime;

/**
 * A {@link StageCall} handed to a {@link StageExecutor}, with the hooks through which the executor
 * tells the run what happened to it.
 *
 * <p>Contract for executors: call {@link #tryStart()} right before starting the call and skip it
 * when that returns {@code false} (the run has failed or was cancelled); once started, report
 * exactly one of {@link #succeeded} or {@link #failed}. {@link #run()} does all of that for an
 * executor that runs the call on a thread of its own.
 *
 * <p>For a fan-out ({@link StageCall#isFanOut()}), {@link #succeeded} takes the results of
 * {@link StageCall#elements()} in their order. An executor may also report each element as it
 * finishes, with {@link #elementSucceeded} (and {@link #elementStarted} when it knows): the run
 * then caches it and shows its progress right away, so a failure later in the fan-out does not
 * lose it.
 */
public final class StageTask implements Runnable {
  final int node;
  private final StageCall call;
  private final Listener listener;

  /** What the run learns from a task. Implemented by the scheduler. */
  interface Listener {
    boolean tryStart(StageTask task);

    void elementStarted(StageTask task, int element);

    void elementSucceeded(StageTask task, int element, Object value, long nanos);

    void finished(StageTask task, Object value, Throwable error);

    /** The current thread starts ({@code true}) or stops running {@code task}'s call: its output is the stage's. */
    void running(StageTask task, boolean running);
  }

  StageTask(int node, StageCall call, Listener listener) {
    this.node = node;
    this.call = call;
    this.listener = listener;
  }

  /** The invocation to run. */
  public StageCall call() {
    return call;
  }

  /** Claims the start; {@code false} means the run is over and the call must not start. */
  public boolean tryStart() {
    return listener.tryStart(this);
  }

  /** For a fan-out: element {@code k} of {@link StageCall#elements()} starts. Optional. */
  public void elementStarted(int k) {
    listener.elementStarted(this, k);
  }

  /**
   * For a fan-out: element {@code k} of {@link StageCall#elements()} gave {@code value} after
   * running {@code nanos}. Optional, at most once per element, from any thread, before
   * {@link #succeeded}.
   */
  public void elementSucceeded(int k, Object value, long nanos) {
    listener.elementSucceeded(this, k, value, nanos);
  }

  /** Reports the stage's value: for a fan-out, the list of its element calls' results. */
  public void succeeded(Object value) {
    listener.finished(this, value, null);
  }

  /** Reports the stage's failure. */
  public void failed(Throwable error) {
    listener.finished(this, null, error);
  }

  /**
   * Runs the call on the current thread, following the contract above; what the stage prints on
   * this thread meanwhile is kept in the run folder as in-process.
   */
  @Override
  public void run() {
    if (!tryStart()) {
      return;
    }
    Object value;
    listener.running(this, true);
    try {
      value = call.invoke(this);
    } catch (Throwable error) { // a stage's Error (say OutOfMemoryError) fails the run too
      failed(error);
      return;
    } finally {
      listener.running(this, false);
    }
    succeeded(value);
  }

  @Override
  public String toString() {
    return call.toString();
  }
}
