package io.typeline.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fan-out run by a given executor (Spark): the run takes what it can from the cache before the
 * call is made, so the executor gets only the elements still to compute; it caches each result as
 * the executor reports it, as an in-process fan-out does, so results that came back survive a
 * later failure.
 */
final class GivenFanOut {
  private final Events events;
  private final String stage;
  private final CachePlan.Elements cache;
  private final List<Object> elements;
  /** Per element: its cache key, or null without the cache. */
  private final String[] keys;
  private final AtomicReferenceArray<Object> results;
  /** The elements still to compute, in input order: the executor's element calls. */
  private final int[] todo;
  /** Per element call: whether its result was reported. */
  private final boolean[] reported;
  private final AtomicInteger done = new AtomicInteger();

  private GivenFanOut(Events events, String stage, CachePlan.Elements cache, List<Object> elements) {
    this.events = events;
    this.stage = stage;
    this.cache = cache;
    this.elements = elements;
    int count = elements.size();
    this.keys = new String[count];
    this.results = new AtomicReferenceArray<>(count);
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Optional<?> hit = Optional.empty();
      if (cache != null) {
        keys[i] = cache.key(elements.get(i));
        hit = cache.read(keys[i]);
      }
      if (hit.isPresent()) {
        results.set(i, hit.get());
      } else {
        missing.add(i);
      }
    }
    this.todo = missing.stream().mapToInt(Integer::intValue).toArray();
    this.reported = new boolean[todo.length];
  }

  /** Reads the cache for each element of {@code elements} ({@code cache} may be null: no cache). */
  static GivenFanOut prepare(Events events, String stage, CachePlan.Elements cache, List<Object> elements) {
    return new GivenFanOut(events, stage, cache, elements);
  }

  /** The elements the executor computes, by their index in the input. */
  int[] todo() {
    return todo;
  }

  /** The stage started: the elements from the cache are done already. */
  void started() {
    if (!events.on()) {
      return;
    }
    for (int i = 0, k = 0; i < elements.size(); i++) {
      if (k < todo.length && todo[k] == i) {
        k++;
      } else {
        events.progress(stage, done, elements.size(), i, 0, true);
      }
    }
  }

  void elementStarted(int k) {
    if (events.on()) {
      events.emit(new RunEvent.ElementStarted(events.runId(), events.now(), stage, index(k), elements.size()));
    }
  }

  /** Element call {@code k} gave {@code value}: it is cached now; a second report is ignored. */
  void elementSucceeded(int k, Object value, long nanos) {
    index(k); // checks k
    synchronized (reported) {
      if (reported[k]) {
        return;
      }
      reported[k] = true;
    }
    results.set(todo[k], value);
    if (cache != null) {
      cache.write(keys[todo[k]], value);
    }
    if (events.on()) {
      events.progress(stage, done, elements.size(), todo[k], nanos, false);
    }
  }

  /**
   * The stage's value, from the executor's results of the element calls ({@code computed}, in
   * their order): every element's result in input order.
   */
  Object results(Object computed) {
    if (!(computed instanceof List<?> list) || list.size() != todo.length) {
      throw new IllegalStateException("the executor reported " + describe(computed) + " for fan-out stage '"
          + stage + "', whose call has " + todo.length + " elements: an executor must report the list of the "
          + "element calls' results, in their order");
    }
    for (int k = 0; k < todo.length; k++) {
      elementSucceeded(k, list.get(k), 0);
    }
    if (cache != null) {
      cache.done();
    }
    Object[] all = new Object[elements.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = results.get(i);
    }
    return FanOut.results(all);
  }

  private int index(int k) {
    if (k < 0 || k >= todo.length) {
      throw new IndexOutOfBoundsException("fan-out stage '" + stage + "' has " + todo.length
          + " element calls; element " + k + " does not exist");
    }
    return todo[k];
  }

  private static String describe(Object value) {
    return value instanceof List<?> list ? "a list of " + list.size() : value == null ? "null" : "a " + value.getClass().getName();
  }
}
