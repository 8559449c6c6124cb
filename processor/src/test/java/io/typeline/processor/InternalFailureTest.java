package io.typeline.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor never lets an exception reach the compiler: a failure inside it becomes one error
 * on the element being processed. Provoked here with a Filer that fails, as a full disk would. The
 * environment is wrapped, as Gradle wraps it, so javac's tree API is unavailable too.
 */
class InternalFailureTest {

  @Test
  void aFailingFilerIsOneClearErrorNotACrash() {
    JavaFileObject source = JavaFileObjects.forSourceLines("test.Training",
        "package test;",
        "import io.typeline.*;",
        "@Pipeline",
        "final class Training {",
        "  @Stage static int load(@Param int rows) { return rows; }",
        "}");
    Compilation compilation = Compiler.javac().withProcessors(new WithFailingFiler()).compile(source);
    assertThat(compilation).hadErrorContaining("[typeline:internal] internal error while processing"
            + " test.Training: java.io.IOException: disk full")
        .inFile(source).onLineContaining("class Training");
    assertThat(compilation).hadErrorContaining("please report it with this message");
    // Writing the companion class and Pipelines both fail the same way: the error is printed once.
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void declaresTheNewestSourceVersionAndIsAggregatingForGradle() throws IOException {
    assertThat(new TypelineProcessor().getSupportedSourceVersion()).isEqualTo(SourceVersion.latestSupported());
    try (var in = TypelineProcessor.class.getResourceAsStream("/META-INF/gradle/incremental.annotation.processors")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
          .isEqualTo("io.typeline.processor.TypelineProcessor,aggregating");
    }
    try (var in = TypelineProcessor.class.getResourceAsStream("/META-INF/services/javax.annotation.processing.Processor")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains(TypelineProcessor.class.getName());
    }
  }

  /** Runs the real processor in an environment whose Filer cannot create files. */
  private static final class WithFailingFiler extends AbstractProcessor {
    private final TypelineProcessor processor = new TypelineProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      Filer failing = (Filer) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Filer.class},
          (proxy, method, args) -> {
            if (method.getName().startsWith("create")) {
              throw new IOException("disk full");
            }
            return method.invoke(env.getFiler(), args);
          });
      processor.init((ProcessingEnvironment) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> {
            try {
              return method.getName().equals("getFiler") ? failing : method.invoke(env, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          }));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return processor.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return processor.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return processor.process(annotations, round);
    }
  }
}
