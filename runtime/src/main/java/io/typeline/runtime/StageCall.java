package io.typeline.runtime;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One invocation of one stage: the invoker and its argument values. This is the unit an executor
 * runs; it is {@link Serializable} so that a remote executor can send it to another machine
 * (which then requires the invoker's fields, such as the instance of an instance stage, and the
 * arguments to be serializable too).
 *
 * <p>A fan-out's call ({@link #isFanOut()}) is made of one call per element still to compute, in
 * input order ({@link #elements()}): the run has already taken the others from the cache. A
 * remote executor sends those element calls as tasks; {@link #invoke()} runs them one after the
 * other.
 */
public final class StageCall implements Serializable {
  private static final long serialVersionUID = 2L;

  private final String pipeline;
  private final String stage;
  private final Invoker invoker;
  private final List<String> inputs;
  private final Object[] args;
  private final StagePolicy policy;
  private final StagePolicy.Backoff backoff;
  private final boolean async;
  /** For an element's call: the argument holding the element, its index, and the input's size; else -1. */
  private final int each;
  private final int index;
  private final int total;
  /** For a fan-out's call: its elements' calls; else {@code null}. */
  private final List<StageCall> elements;

  private StageCall(String pipeline, String stage, Invoker invoker, List<String> inputs, Object[] args,
      StagePolicy policy, StagePolicy.Backoff backoff, boolean async, int each, int index, int total,
      List<StageCall> elements) {
    this.pipeline = pipeline;
    this.stage = stage;
    this.invoker = invoker;
    this.inputs = inputs;
    this.args = args;
    this.policy = policy;
    this.backoff = backoff;
    this.async = async;
    this.each = each;
    this.index = index;
    this.total = total;
    this.elements = elements;
  }

  /** The call of a stage that is not a fan-out. */
  static StageCall of(String pipeline, String stage, Invoker invoker, List<String> inputs, Object[] args,
      StagePolicy policy, StagePolicy.Backoff backoff, boolean async) {
    return new StageCall(pipeline, stage, invoker, inputs, args, policy, backoff, async, -1, -1, -1, null);
  }

  /**
   * The call of a fan-out over {@code args[each]}, whose elements are {@code all}, for the
   * elements at {@code indexes} (those not from the cache), in that order.
   */
  static StageCall fanOut(String pipeline, String stage, Invoker invoker, List<String> inputs, Object[] args,
      StagePolicy policy, StagePolicy.Backoff backoff, boolean async, int each, List<Object> all, int[] indexes) {
    StageCall[] elements = new StageCall[indexes.length];
    for (int k = 0; k < indexes.length; k++) {
      Object[] one = args.clone();
      one[each] = all.get(indexes[k]);
      elements[k] = new StageCall(pipeline, stage, invoker, inputs, one, policy, backoff, async, each,
          indexes[k], all.size(), null);
    }
    Object[] shared = args.clone();
    shared[each] = null; // each element's call holds its own: the whole input need not travel again
    return new StageCall(pipeline, stage, invoker, inputs, shared, policy, backoff, async, -1, -1, -1,
        List.of(elements));
  }

  /** The pipeline's name. */
  public String pipeline() {
    return pipeline;
  }

  /** The stage's name. */
  public String stage() {
    return stage;
  }

  /** The invoker: what must be serializable, with {@link #arguments()}, for the call to travel. */
  public Invoker invoker() {
    return invoker;
  }

  /**
   * The names of the stages and params whose values {@link #arguments()} are, in the same order
   * (an instance stage's instance first, named like its builder setter).
   */
  public List<String> inputs() {
    return inputs;
  }

  /**
   * The argument values, in parameter order. In a fan-out's call the fanned-out argument is
   * {@code null}: each element's call holds its element there.
   */
  public List<Object> arguments() {
    return Collections.unmodifiableList(Arrays.asList(args));
  }

  /** Whether this is a fan-out's call, made of {@link #elements()}. */
  public boolean isFanOut() {
    return elements != null;
  }

  /**
   * A fan-out's element calls, in input order: one per element that the run did not take from the
   * cache. Each is a plain call of the stage with one element; {@link #elementIndex()} says which.
   *
   * @throws IllegalStateException when this is not a fan-out's call
   */
  public List<StageCall> elements() {
    if (elements == null) {
      throw new IllegalStateException("stage '" + stage + "' is not a fan-out (@Each): its call has no elements");
    }
    return elements;
  }

  /** For an element's call, the element's position in the fan-out's input (from 0); else -1. */
  public int elementIndex() {
    return index;
  }

  /** For an element's call, how many elements the fan-out's input has; else -1. */
  public int elementCount() {
    return total;
  }

  /**
   * Calls the stage method, retrying and timing attempts as its {@link StagePolicy} says, and
   * waits for an asynchronous stage's future. A fan-out's call runs its elements one after the
   * other and returns their results, in the order of {@link #elements()}; an element's call fails
   * with a {@link FanOutElementException} naming the element.
   */
  public Object invoke() throws Exception {
    return invoke(null);
  }

  /** {@link #invoke()}, telling {@code progress} (when not null) about each element. */
  Object invoke(StageTask progress) throws Exception {
    if (elements == null) {
      return invokeOne();
    }
    Object[] results = new Object[elements.size()];
    for (int k = 0; k < results.length; k++) {
      long start = 0;
      if (progress != null) {
        progress.elementStarted(k);
        start = System.nanoTime();
      }
      results[k] = elements.get(k).invokeOne();
      if (progress != null) {
        progress.elementSucceeded(k, results[k], System.nanoTime() - start);
      }
    }
    return FanOut.results(results);
  }

  private Object invokeOne() throws Exception {
    // An executor's thread waits for an asynchronous stage: it gives one thread to each call.
    try {
      return FanOut.settled(policy.call(stage, invoker, args, backoff), async);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception | Error e) {
      if (index < 0) {
        throw e;
      }
      throw new FanOutElementException(index, total, args[each], e);
    }
  }

  @Override
  public String toString() {
    return pipeline + "." + stage + (index < 0 ? "" : "[" + index + "]");
  }
}
