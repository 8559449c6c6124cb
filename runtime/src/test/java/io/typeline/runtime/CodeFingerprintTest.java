package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fingerprints of real compiled classes: what changes them and what does not. */
class CodeFingerprintTest {
  @TempDir Path dir;
  private int builds;

  private static final String BASE = """
      package demo;
      import java.util.List;
      import java.util.function.Function;
      public class Features {
        public static List<Double> scale(List<Double> values) {
          double factor = Helper.factor();
          Function<Double, Double> times = v -> v * factor;
          return values.stream().map(times).toList();
        }
        public static String unrelated() { return "a"; }
      }
      class Helper {
        static final java.util.Random SEED = new java.util.Random(1);
        static double factor() { return 2.0; }
      }
      """;

  @Test
  void formattingCommentsAndLocalNamesChangeNothing() throws Exception {
    String reformatted = """
        package demo;
        import java.util.List;
        import java.util.function.Function;
        /** Now documented. */
        public class Features {
          // a comment, and the method moved down by some lines



          public static List<Double> scale(List<Double> input) {
            double f = Helper.factor(); // renamed locals
            Function<Double, Double> multiply =
                value -> value * f;
            return input.stream()
                .map(multiply)
                .toList();
          }
          public static String unrelated() { return "a"; }
        }
        class Helper {
          static final java.util.Random SEED = new java.util.Random(1);
          static double factor() {
            return 2.0;
          }
        }
        """;
    assertThat(fingerprint(reformatted)).isEqualTo(fingerprint(BASE));
  }

  @Test
  void editingTheStageALambdaInItOrAProjectMethodItCallsChangesIt() throws Exception {
    String base = fingerprint(BASE);
    assertThat(fingerprint(BASE.replace("v -> v * factor", "v -> v * factor + 1"))).isNotEqualTo(base);
    assertThat(fingerprint(BASE.replace("return 2.0;", "return 3.0;"))).isNotEqualTo(base);
    assertThat(fingerprint(BASE.replace(".toList()", ".limit(3).toList()"))).isNotEqualTo(base);
    // A static initializer of a class whose static field... is not read by scale: no change.
    assertThat(fingerprint(BASE.replace("new java.util.Random(1)", "new java.util.Random(2)"))).isEqualTo(base);
  }

  @Test
  void editingAnotherMethodOrAddingOneChangesNothing() throws Exception {
    String base = fingerprint(BASE);
    assertThat(fingerprint(BASE.replace("return \"a\";", "return \"b\";"))).isEqualTo(base);
    assertThat(fingerprint(BASE.replace("public static String unrelated()",
        "public static int added() { return 42; }\n  public static String unrelated()"))).isEqualTo(base);
  }

  @Test
  void aStaticInitializerOfAClassWhoseFieldsTheStageReadsCounts() throws Exception {
    String reads = BASE.replace("double factor = Helper.factor();", "double factor = Helper.factor() + Helper.SEED.nextInt(1);");
    assertThat(fingerprint(reads.replace("new java.util.Random(1)", "new java.util.Random(2)")))
        .isNotEqualTo(fingerprint(reads));
  }

  @Test
  void theSameClassesFromAJarHaveTheSameFingerprint() throws Exception {
    Path classes = compile(BASE);
    Path jar = dir.resolve("features.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    assertThat(fingerprintIn(jar)).isEqualTo(fingerprintIn(classes));
  }

  @Test
  void javaLibraryCodeIsNotFollowed() throws Exception {
    // Calls into java.* are named in the code, but the JDK's own code is not hashed: a fingerprint
    // of a method calling String.format is stable across JDK updates.
    String calling = BASE.replace("return 2.0;", "return Double.parseDouble(String.format(\"%d\", 2));");
    assertThat(fingerprint(calling)).hasLength(64);
    assertThat(fingerprint(calling)).isEqualTo(fingerprint(calling));
  }

  @Test
  void theEclipseCompilersBytecodeWorksAndKeepsTheSameRules() throws Exception {
    String base = fingerprintIn(compileWithEcj(BASE));
    assertThat(base).hasLength(64);
    assertThat(fingerprintIn(compileWithEcj(BASE.replace("return \"a\";", "return \"b\";")))).isEqualTo(base);
    assertThat(fingerprintIn(compileWithEcj(BASE.replace("return 2.0;", "return 3.0;")))).isNotEqualTo(base);
  }

  private Path compileWithEcj(String source) throws IOException {
    Path classes = dir.resolve("classes" + builds);
    Path file = writeSource(source);
    java.io.StringWriter errors = new java.io.StringWriter();
    boolean ok = org.eclipse.jdt.core.compiler.batch.BatchCompiler.compile(
        new String[] {"-17", "-g", "-proceedOnError", "-d", classes.toString(), file.toString()},
        new java.io.PrintWriter(System.out), new java.io.PrintWriter(errors), null);
    assertWithMessage("%s", errors).that(ok).isTrue();
    return classes;
  }

  private Path writeSource(String source) throws IOException {
    Path sources = dir.resolve("src" + builds++);
    Files.createDirectories(sources.resolve("demo"));
    return Files.writeString(sources.resolve("demo/Features.java"), source);
  }

  private String fingerprint(String source) throws Exception {
    return fingerprintIn(compile(source));
  }

  private String fingerprintIn(Path classes) throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
      Class<?> features = Class.forName("demo.Features", false, loader);
      return CodeFingerprint.of(features, "scale", "(Ljava/util/List;)Ljava/util/List;");
    }
  }

  private Path compile(String source) throws IOException {
    Path classes = dir.resolve("classes" + builds);
    Files.createDirectories(classes);
    Path file = writeSource(source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    OutputStream errors = new java.io.ByteArrayOutputStream();
    int status = javac.run(null, null, errors, "-g", "-d", classes.toString(), file.toString());
    assertWithMessage("%s", errors).that(status).isEqualTo(0);
    return classes;
  }
}
