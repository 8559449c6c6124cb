package io.typeline.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stages compiled earlier into a class folder (as in a jar of another module), without
 * {@code -parameters}, still wire by their source parameter names when a pipeline includes them.
 */
class SeparateCompilationTest {
  private static final JavaFileObject LIBRARY = JavaFileObjects.forSourceLines("lib.Features",
      "package lib;",
      "import io.typeline.*;",
      "public final class Features {",
      "  @Stage public static int rows(@Param int count) { return count; }",
      "  @Stage public static int doubled(int rows, @Param(defaultValue = \"2\") int factor) {",
      "    return rows * factor;",
      "  }",
      "}");

  private static final JavaFileObject PIPELINE = JavaFileObjects.forSourceLines("app.Report",
      "package app;",
      "import io.typeline.*;",
      "@Pipeline(include = lib.Features.class)",
      "final class Report {",
      "  @Stage static String report(int doubled) { return \"rows: \" + doubled; }",
      "}");

  @TempDir Path library;

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void includedClassFromAClassFolderWiresBySourceNames(Compiler compiler) throws IOException {
    Compilation first = Compilers.javac().compile(LIBRARY);
    assertThat(first).succeeded();
    writeClassFiles(first, library);
    assertThat(Files.exists(library.resolve("lib/Features_TypelineStages.class"))).isTrue();

    Compilation second = compiler.withClasspath(classpathWith(library)).compile(PIPELINE);
    assertThat(second).succeeded();
    String pipelines = second.generatedSourceFile("app.Pipelines").orElseThrow().getCharContent(false).toString();
    assertThat(pipelines).contains("graph.stage(\"rows\", \"lib.Features\", new Invoke(1), \"count\");");
    assertThat(pipelines).contains("return Features.rows((int) args[0]);");
    assertThat(pipelines).contains("\"rows\", \"factor\");");
    assertThat(pipelines).contains("public ReportBuilder count(int count)");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void classCompiledWithoutTheProcessorNorParameterNamesIsAClearError(Compiler compiler) throws IOException {
    Compilation first = Compilers.javac().withProcessors().withOptions("-proc:none").compile(LIBRARY);
    assertThat(first).succeeded();
    writeClassFiles(first, library);

    Compilation second = compiler.withClasspath(classpathWith(library)).compile(PIPELINE);
    assertThat(second).hadErrorContaining("[typeline:missing-parameter-names] stage 'rows' of lib.Features comes"
            + " from a class file without parameter names, so its inputs cannot be wired by name; compile"
            + " Features with typeline-processor on the processor path (or with -parameters)")
        .inFile(PIPELINE).onLineContaining("class Report");
    assertThat(second).hadErrorContaining("stage 'doubled' of lib.Features comes from a class file without"
        + " parameter names");
    assertThat(second).hadErrorCount(2);
  }

  /** javac only: ECJ 3.44 drops MethodParameters names of annotated methods (it then reports them missing). */
  @org.junit.jupiter.api.Test
  void classCompiledWithParameterNamesNeedsNoCompanion() throws IOException {
    Compiler compiler = Compilers.javac();
    Compilation first = Compilers.javac().withProcessors().withOptions("-proc:none", "-parameters").compile(LIBRARY);
    assertThat(first).succeeded();
    writeClassFiles(first, library);

    Compilation second = compiler.withClasspath(classpathWith(library)).compile(PIPELINE);
    assertThat(second).succeeded();
  }

  private static void writeClassFiles(Compilation compilation, Path directory) throws IOException {
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      // compile-testing names outputs like /CLASS_OUTPUT/lib/Features.class
      String name = file.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", "");
      Path target = directory.resolve(name);
      Files.createDirectories(target.getParent());
      try (InputStream in = file.openInputStream()) {
        Files.copy(in, target);
      }
    }
  }

  private static List<File> classpathWith(Path directory) {
    List<File> classpath = new ArrayList<>();
    classpath.add(directory.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    return classpath;
  }
}
