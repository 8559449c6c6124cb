package io.typeline.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The elements a fan-out ({@code @Each}) runs over, and the list of its results. */
final class FanOut {
  private FanOut() {}

  /** The elements of {@code value}, in order: an {@code Iterable}'s, or an array's (boxed). */
  static List<Object> elements(String stage, Object value) {
    List<Object> elements = new ArrayList<>();
    if (value instanceof Iterable<?> iterable) {
      iterable.forEach(elements::add);
    } else if (value instanceof Object[] array) {
      elements.addAll(Arrays.asList(array));
    } else if (value instanceof int[] array) {
      Arrays.stream(array).forEach(elements::add);
    } else if (value instanceof long[] array) {
      Arrays.stream(array).forEach(elements::add);
    } else if (value instanceof double[] array) {
      Arrays.stream(array).forEach(elements::add);
    } else if (value instanceof float[] array) {
      for (float x : array) {
        elements.add(x);
      }
    } else if (value instanceof short[] array) {
      for (short x : array) {
        elements.add(x);
      }
    } else if (value instanceof byte[] array) {
      for (byte x : array) {
        elements.add(x);
      }
    } else if (value instanceof char[] array) {
      for (char x : array) {
        elements.add(x);
      }
    } else if (value instanceof boolean[] array) {
      for (boolean x : array) {
        elements.add(x);
      }
    } else {
      throw new IllegalArgumentException("stage '" + stage + "' fans out with @Each over "
          + (value == null ? "null" : "a " + value.getClass().getName())
          + ", which is neither an Iterable nor an array");
    }
    return elements;
  }

  /**
   * The value of an asynchronous call once its future completes (waiting for it), or {@code value}
   * itself for a synchronous one. Used where a thread is given to the call anyway: elements of a
   * fan-out, and given executors.
   */
  static Object settled(Object value, boolean async) throws Exception {
    if (!async || !(value instanceof java.util.concurrent.CompletionStage<?> pending)) {
      return value;
    }
    try {
      return pending.toCompletableFuture().get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** The results in input order, as an unmodifiable list (elements may be null, as a void stage's are). */
  static Object results(Object[] results) {
    return Collections.unmodifiableList(Arrays.asList(results));
  }
}
