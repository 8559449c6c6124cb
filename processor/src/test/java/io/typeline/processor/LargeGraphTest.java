package io.typeline.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A 10,000-stage chain compiles, generates and runs on threads with the JVM's default stack size:
 * nothing in the processor, the generated code or the runtime recurses once per stage.
 */
class LargeGraphTest {
  private static final int STAGES = 10_000;

  @Test
  void tenThousandStageChainCompilesAndRuns() throws Throwable {
    Compilation compilation = onDefaultStack(() -> Compilers.javac().compile(chain(false)));
    assertThat(compilation).succeeded();
    String pipelines = compilation.generatedSourceFile("big.Pipelines").orElseThrow().getCharContent(false).toString();
    assertThat(pipelines).contains("private static final class Stages19 {");
    assertThat(pipelines).doesNotContain("Stages20");

    ClassLoader loader = new MemoryClassLoader(compilation, getClass().getClassLoader());
    Object value = onDefaultStack(() -> {
      try {
        Class<?> factory = loader.loadClass("big.Pipelines");
        Object step = factory.getMethod("chain").invoke(null);
        Object builder = step.getClass().getMethod("start", long.class).invoke(step, 1L);
        Object result = builder.getClass().getMethod("run").invoke(builder);
        return result.getClass().getMethod("s" + (STAGES - 1)).invoke(result);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(value).isEqualTo((long) STAGES);
  }

  @Test
  void tenThousandStageCycleIsReportedOnce() throws Throwable {
    Compilation compilation = onDefaultStack(() -> Compilers.javac().compile(chain(true)));
    assertThat(compilation).hadErrorContaining("[typeline:cycle] stages form a cycle: s0 -> s1 -> s2 -> s3")
        .inFile(chainSource(true)).onLineContaining("long s0(");
    assertThat(compilation).hadErrorContaining("s9998 -> s9999 -> s0;");
    assertThat(compilation).hadErrorCount(1);
  }

  /** s0 takes the start param (or, to close a cycle, s9999); each next stage adds one. */
  private static JavaFileObject chain(boolean cyclic) {
    return chainSource(cyclic);
  }

  private static JavaFileObject chainSource(boolean cyclic) {
    StringBuilder source = new StringBuilder("package big;\nimport io.typeline.*;\n@Pipeline\npublic final class Chain {\n");
    source.append(cyclic
        ? "  @Stage public static long s0(long s" + (STAGES - 1) + ") { return s" + (STAGES - 1) + " + 1; }\n"
        : "  @Stage public static long s0(@Param long start) { return start; }\n");
    for (int i = 1; i < STAGES; i++) {
      source.append("  @Stage public static long s").append(i).append("(long s").append(i - 1)
          .append(") { return s").append(i - 1).append(" + 1; }\n");
    }
    return JavaFileObjects.forSourceString("big.Chain", source.append("}\n").toString());
  }

  interface Work<T> {
    T run() throws Exception;
  }

  /** Runs on a new thread, which gets the JVM's default stack size (-Xss), not the main thread's. */
  static <T> T onDefaultStack(Work<T> work) throws Throwable {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        result.set(work.run());
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    thread.start();
    thread.join();
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  /** Loads the classes a compile-testing compilation wrote to memory. */
  static final class MemoryClassLoader extends ClassLoader {
    private final Map<String, JavaFileObject> classes = new HashMap<>();

    MemoryClassLoader(Compilation compilation, ClassLoader parent) {
      super(parent);
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = file.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", "");
          classes.put(path.replaceAll("\\.class$", "").replace('/', '.'), file);
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      JavaFileObject file = classes.get(name);
      if (file == null) {
        throw new ClassNotFoundException(name);
      }
      try (InputStream in = file.openInputStream()) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
