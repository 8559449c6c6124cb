package io.typeline.spark;

import io.typeline.runtime.StageCall;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How calls and results travel between the driver and Spark's executors: as Java-serialized
 * bytes, which Spark ships as they are. Serializing them ourselves, before a job is submitted, is
 * what lets a value that cannot travel fail with the stage, the input and the class named, instead
 * of Spark's "Task not serializable" from deep inside the scheduler.
 */
final class Shipping {
  private Shipping() {}

  /**
   * What an executor sends back for one call: its value and how long the call took there; or, when
   * the value cannot be serialized, why ({@code failure}), for the driver to fail the stage with:
   * a task that threw instead would be retried by Spark to the same end.
   */
  record Result(Object value, long nanos, String failure) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * The bytes of each of {@code calls}, which belong to {@code stage} (a fan-out's calls are its
   * elements', {@code remote} says whether the stage could run on the driver instead).
   *
   * @throws NotSerializableStageException naming what cannot travel
   */
  static List<byte[]> calls(StageCall stage, List<StageCall> calls, boolean remote) {
    List<byte[]> bytes = new ArrayList<>(calls.size());
    for (StageCall call : calls) {
      try {
        bytes.add(bytes(call));
      } catch (IOException e) {
        throw diagnose(stage, call, remote, e);
      }
    }
    return bytes;
  }

  /** Runs on an executor: the call's value, or its failure, as the call itself throws it. */
  static byte[] run(byte[] bytes) throws Exception {
    StageCall call = (StageCall) read(bytes);
    long start = System.nanoTime();
    Object value = call.invoke();
    long nanos = System.nanoTime() - start;
    try {
      return bytes(new Result(value, nanos, null));
    } catch (IOException e) {
      return bytes(new Result(null, nanos, named(call) + " returned " + describe(value) + ", which cannot travel back to the Spark driver: " + e
          + ". " + fix(e)));
    }
  }

  /** {@code stage 'name'}, and for an element's call {@code (element i of n)}: how messages name a call. */
  static String named(StageCall call) {
    return "stage '" + call.stage() + "'"
        + (call.elementIndex() < 0 ? "" : " (element " + call.elementIndex() + " of " + call.elementCount() + ")");
  }

  static byte[] bytes(Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(value);
    }
    return out.toByteArray();
  }

  /**
   * Reads bytes written by {@link #bytes}, resolving classes through the thread's context class
   * loader: on an executor, the one that holds the application's jars.
   */
  static Object read(byte[] bytes) throws IOException, ClassNotFoundException {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader loader = context != null ? context : Shipping.class.getClassLoader();
    try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
      return in.readObject();
    }
  }

  /** Which part of {@code call} does not serialize, in a message with the fix. */
  private static NotSerializableStageException diagnose(StageCall stage, StageCall call, boolean remote,
      IOException failure) {
    String part = "its invoker " + describe(call.invoker());
    IOException cause = failure;
    if (serializes(call.invoker()) == null) {
      List<Object> arguments = call.arguments();
      List<Object> shared = stage.isFanOut() ? stage.arguments() : arguments;
      for (int i = 0; i < arguments.size(); i++) {
        IOException problem = serializes(arguments.get(i));
        if (problem != null) {
          cause = problem;
          boolean element = stage.isFanOut() && shared.get(i) == null && arguments.get(i) != null;
          part = element
              ? "its element " + call.elementIndex() + " of " + call.elementCount() + " (from input '"
                  + call.inputs().get(i) + "') is " + describe(arguments.get(i)) + ", which"
              : "its input '" + call.inputs().get(i) + "' is " + describe(arguments.get(i)) + ", which";
          break;
        }
      }
    }
    String where = remote ? "; or leave it out of SparkExecutor.remote(...) to run it on the driver" : "";
    return new NotSerializableStageException("stage '" + stage.stage() + "' cannot run on Spark: " + part
        + " cannot be serialized (" + cause + "). What travels to Spark executors must be java.io.Serializable. "
        + fix(cause) + where, cause);
  }

  private static String fix(IOException problem) {
    if (problem instanceof java.io.NotSerializableException) {
      return "Make " + problem.getMessage() + " implement java.io.Serializable (or make the field holding it"
          + " transient)";
    }
    return "Make every class it holds serializable";
  }

  /** Null when {@code value} serializes, else why not. */
  private static IOException serializes(Object value) {
    try {
      bytes(value);
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  private static String describe(Object value) {
    return value == null ? "null" : "a " + value.getClass().getName();
  }

  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(description.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(description); // primitives, and the JDK's own
      }
    }
  }
}
