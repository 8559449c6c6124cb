package io.typeline.runtime;

import java.io.Serializable;

/**
 * One invocation of one stage: the invoker and its argument values. This is the unit an executor
 * runs; it is {@link Serializable} so that a remote executor can send it to another machine
 * (which then requires the invoker's fields, such as the instance of an instance stage, and the
 * arguments to be serializable too).
 */
public final class StageCall implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String pipeline;
  private final String stage;
  private final Invoker invoker;
  private final Object[] args;
  private final StagePolicy policy;
  private final StagePolicy.Backoff backoff;
  private final int each;
  private final boolean async;

  StageCall(String pipeline, String stage, Invoker invoker, Object[] args, StagePolicy policy,
      StagePolicy.Backoff backoff, int each, boolean async) {
    this.each = each;
    this.async = async;
    this.pipeline = pipeline;
    this.stage = stage;
    this.invoker = invoker;
    this.args = args;
    this.policy = policy;
    this.backoff = backoff;
  }

  /** The pipeline's name. */
  public String pipeline() {
    return pipeline;
  }

  /** The stage's name. */
  public String stage() {
    return stage;
  }

  /**
   * Calls the stage method, retrying and timing attempts as its {@link StagePolicy} says; for a
   * fan-out, once per element, one after the other.
   */
  public Object invoke() throws Exception {
    // An executor's thread waits for an asynchronous stage: it gives one thread to each call.
    return each < 0 ? FanOut.settled(policy.call(stage, invoker, args, backoff), async)
        : FanOut.sequential(stage, invoker, args, each, policy, backoff, async);
  }

  @Override
  public String toString() {
    return pipeline + "." + stage;
  }
}
