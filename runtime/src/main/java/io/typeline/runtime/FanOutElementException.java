package io.typeline.runtime;

/**
 * One element of a fan-out ({@code @Each}) failed: the cause of the run's
 * {@link StageFailedException}, naming which element, by index and value. No element starts after
 * the first one fails.
 */
public final class FanOutElementException extends Exception {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN = 200;

  private final int index;
  private final int count;
  private final transient Object element;

  FanOutElementException(int index, int count, Object element, Throwable cause) {
    super("element " + index + " of " + count + " (" + shown(element) + ") failed: "
        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    this.index = index;
    this.count = count;
    this.element = element;
  }

  private static String shown(Object element) {
    String text = String.valueOf(element);
    return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "...";
  }

  /** The failed element's position in the input, from 0. */
  public int index() {
    return index;
  }

  /** How many elements the fan-out had. */
  public int count() {
    return count;
  }

  /** The failed element (not serialized). */
  public Object element() {
    return element;
  }
}
