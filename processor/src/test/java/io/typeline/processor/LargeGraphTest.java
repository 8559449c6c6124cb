package io.typeline.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
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

    ClassLoader loader = new CompiledClasses(compilation);
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
}
