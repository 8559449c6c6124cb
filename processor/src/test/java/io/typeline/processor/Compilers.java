package io.typeline.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Named;

/**
 * The compilers every processor test runs under: javac of the running JDK, and the Eclipse compiler (ECJ) that
 * IDEs use. Each {@code Compiler} holds one processor instance, so compile once per {@code Compiler}; and
 * {@code withOptions} replaces the options set here rather than adding to them.
 */
final class Compilers {
  private static final Path SOURCES = Path.of("target", "compiler-sources");

  private Compilers() {}

  static Compiler javac() {
    return Compiler.javac().withProcessors(new TypelineProcessor());
  }

  static Compiler ecj() {
    return Compiler.compiler(new EclipseOnDisk())
        .withProcessors(new TypelineProcessor())
        // ECJ defaults to its newest language level and class-file version; match javac, which targets the running JDK.
        .withOptions("--release", String.valueOf(Runtime.version().feature()));
  }

  /** For {@code @ParameterizedTest @MethodSource("io.typeline.processor.Compilers#both")}. */
  static Stream<Named<Compiler>> both() {
    return Stream.of(Named.of("javac", javac()), Named.of("ecj", ecj()));
  }

  /** The one error of {@code compilation} contains {@code message} and is on {@code line} of {@code file}. */
  static void assertOnlyError(Compilation compilation, String message, JavaFileObject file, String line) {
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }

  /** compile-testing does not expose the JavaCompiler a {@code Compiler} wraps, only names it in toString. */
  static boolean isJavac(Compiler compiler) {
    return !compiler.toString().contains(EclipseOnDisk.class.getName());
  }

  /**
   * ECJ as compile-testing needs it. Its JSR 199 front end fails on the relative URIs of
   * {@code JavaFileObjects.forSource*} ("URI has an authority component") and gives a diagnostic its file only when
   * that file exists: so sources go to disk, and diagnostics point back at the test's own file objects. Without a
   * writer it would also print every problem to System.err, and its diagnostics have no readable toString.
   */
  private static final class EclipseOnDisk extends EclipseCompiler {
    @Override
    public CompilationTask getTask(Writer out, JavaFileManager fileManager,
        DiagnosticListener<? super JavaFileObject> listener, Iterable<String> options, Iterable<String> classes,
        Iterable<? extends JavaFileObject> units) {
      Map<String, JavaFileObject> unitsByPath = new HashMap<>();
      List<JavaFileObject> onDisk = new ArrayList<>();
      for (JavaFileObject unit : units) {
        JavaFileObject file = "file".equals(unit.toUri().getScheme()) ? unit : writeToDisk(unit);
        unitsByPath.put(file.toUri().getPath(), unit);
        onDisk.add(file);
      }
      DiagnosticListener<JavaFileObject> pointingBack = diagnostic -> listener.report(readable(diagnostic,
          diagnostic.getSource() == null ? null : unitsByPath.get(diagnostic.getSource().toUri().getPath())));
      return super.getTask(out != null ? out : Writer.nullWriter(), fileManager, pointingBack, options, classes,
          onDisk);
    }

    private static JavaFileObject writeToDisk(JavaFileObject unit) {
      try {
        Files.createDirectories(SOURCES);
        Path file = Files.createTempDirectory(SOURCES, "src").resolve(unit.toUri().getPath().replaceFirst("^/", ""));
        Files.createDirectories(file.getParent());
        Files.writeString(file, unit.getCharContent(true));
        return JavaFileObjects.forResource(file.toUri().toURL());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static Diagnostic<JavaFileObject> readable(Diagnostic<? extends JavaFileObject> ecj, JavaFileObject source) {
      return new Diagnostic<>() {
        @Override public Kind getKind() { return ecj.getKind(); }
        @Override public JavaFileObject getSource() { return source != null ? source : ecj.getSource(); }
        @Override public long getPosition() { return ecj.getPosition(); }
        @Override public long getStartPosition() { return ecj.getStartPosition(); }
        @Override public long getEndPosition() { return ecj.getEndPosition(); }
        @Override public long getLineNumber() { return ecj.getLineNumber(); }
        @Override public long getColumnNumber() { return ecj.getColumnNumber(); }
        @Override public String getCode() { return ecj.getCode(); }
        @Override public String getMessage(Locale locale) { return ecj.getMessage(locale); }

        @Override public String toString() {
          String file = getSource() == null ? "" : getSource().getName() + ":" + getLineNumber() + ": ";
          return file + getKind().toString().toLowerCase(Locale.ROOT) + ": " + getMessage(null);
        }
      };
    }
  }
}
