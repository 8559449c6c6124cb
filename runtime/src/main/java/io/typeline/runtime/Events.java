package io.typeline.runtime;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The event stream of one run: hands each event to the listeners, and detaches a listener that
 * throws after reporting it once. With no listener, {@link #on()} is false and callers build no
 * event at all: a run without listeners pays one field read per stage.
 */
final class Events {
  private final String runId = UUID.randomUUID().toString();
  private final List<RunListener> listeners;

  Events(List<RunListener> listeners) {
    this.listeners = new CopyOnWriteArrayList<>(listeners);
  }

  boolean on() {
    return !listeners.isEmpty();
  }

  String runId() {
    return runId;
  }

  Instant now() {
    return Instant.now();
  }

  void emit(RunEvent event) {
    for (RunListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException | Error e) {
        if (listeners.remove(listener)) {
          System.err.println("typeline: warning: run listener " + listener + " threw " + e
              + " on " + event.getClass().getSimpleName() + "; detached it for the rest of run " + runId);
        }
      }
    }
  }

  /**
   * One more element of a fan-out is done: counts it in {@code done} and emits its progress, both
   * under {@code done}'s lock, so each listener sees a fan-out's counts go up one at a time even
   * when its elements finish on several threads at once.
   */
  void progress(String stage, java.util.concurrent.atomic.AtomicInteger done, int total, int index, long nanos,
      boolean cached) {
    synchronized (done) {
      emit(new RunEvent.FanOutProgress(runId, now(), stage, done.incrementAndGet(), total, index, nanos, cached));
    }
  }

  /** Param values as short text, in declaration order. */
  static Map<String, String> params(Graph graph) {
    Map<String, String> params = new LinkedHashMap<>();
    graph.params().forEach((name, value) -> params.put(name, summary(value, 120)));
    return params;
  }

  /** A value described in a few words: its type, and its size when it has one. */
  static String summary(Object value) {
    if (value == null) {
      return "null";
    }
    String type = value.getClass().getSimpleName();
    // Collections by their interface: List.of's class is named List12, which says nothing.
    if (value instanceof List<?> list) {
      return "List of " + list.size();
    }
    if (value instanceof java.util.Set<?> set) {
      return "Set of " + set.size();
    }
    if (value instanceof Collection<?> collection) {
      return "Collection of " + collection.size();
    }
    if (value instanceof Map<?, ?> map) {
      return "Map of " + map.size();
    }
    if (value instanceof CharSequence text) {
      return type + " of " + text.length() + " chars";
    }
    int length = value instanceof Object[] array ? array.length
        : value instanceof double[] array ? array.length
        : value instanceof int[] array ? array.length
        : value instanceof long[] array ? array.length
        : value instanceof float[] array ? array.length
        : value instanceof byte[] array ? array.length
        : -1;
    return length < 0 ? type : type.replace("[]", "[" + length + "]");
  }

  private static String summary(Object value, int max) {
    String text = String.valueOf(value);
    return text.length() <= max ? text : text.substring(0, max) + "...";
  }
}
