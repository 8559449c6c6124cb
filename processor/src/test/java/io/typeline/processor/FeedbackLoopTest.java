package io.typeline.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.typeline.processor.EdgeCasesTest.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The feedback loop through real compilations: a pipeline is compiled and run, one stage is edited,
 * the pipeline is compiled again from the edited source and run against the same cache. Only the
 * edited stage and what depends on it run again.
 */
class FeedbackLoopTest {
  @TempDir Path cache;

  static Stream<Named<Supplier<Compiler>>> compilers() {
    return Stream.of(Named.of("javac", Compilers::javac), Named.of("ecj", Compilers::ecj));
  }

  private static final String[] PIPELINE = {
      "package loop;",
      "import io.typeline.*;",
      "import java.util.ArrayList;",
      "import java.util.List;",
      "@Pipeline(outputs = {\"report\", \"stats\"})",
      "final class Training {",
      "  @Stage static List<Integer> load(@Param int rows) {",
      "    List<Integer> values = new ArrayList<>();",
      "    for (int i = 0; i < rows; i++) { values.add(i); }",
      "    return values;",
      "  }",
      "  @Stage static List<Integer> clean(List<Integer> load) { return load.stream().filter(v -> v % 2 == 0).toList(); }",
      "  @Stage static int features(List<Integer> clean) { return Weights.scale(clean.size()); }",
      "  @Stage static int train(int features) { return features + 1; }",
      "  @Stage static String report(int train) { return \"model \" + train; }",
      "  @Stage static int stats(List<Integer> load) { return load.size(); }",
      "}",
      "final class Weights {",
      "  static int scale(int n) { return n * 10; }",
      "}"};

  private static JavaFileObject pipeline(String from, String to) {
    String[] lines = PIPELINE.clone();
    boolean replaced = false;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(from)) {
        lines[i] = lines[i].replace(from, to);
        replaced = true;
      }
    }
    assertThat(replaced).isTrue();
    return source("loop.Training", lines);
  }

  private JavaFileObject main() {
    return source("loop.Main",
        "package loop;",
        "import io.typeline.runtime.StageOutcome;",
        "final class Main {",
        "  static Object run() {",
        "    TrainingResult result = Pipelines.training().rows(10)",
        "        .run(run -> run.cache(java.nio.file.Path.of(\"" + cache.toString().replace("\\", "\\\\") + "\")));",
        "    return result.report() + \" \" + result.stages().stream()",
        "        .filter(stage -> stage.action() == StageOutcome.Action.RUN)",
        "        .map(stage -> stage.stage() + \":\" + stage.reason()).toList();",
        "  }",
        "}");
  }

  /** Compiles the sources with a fresh compiler and runs {@code Main.run()} from the class files. */
  private Object compileAndRun(Supplier<Compiler> compiler, JavaFileObject pipeline) throws Exception {
    Compilation compilation = compiler.get().compile(pipeline, main());
    assertThat(compilation).succeededWithoutWarnings();
    Method run = new CompiledClasses(compilation).loadClass("loop.Main").getDeclaredMethod("run");
    run.setAccessible(true);
    return run.invoke(null);
  }

  @ParameterizedTest
  @MethodSource("compilers")
  void editingOneStageRerunsItAndItsDownstreamOnly(Supplier<Compiler> compiler) throws Exception {
    JavaFileObject original = pipeline("return n * 10;", "return n * 10;");
    assertThat(compileAndRun(compiler, original)).isEqualTo("model 51 [load:NEW, clean:NEW, features:NEW,"
        + " train:NEW, report:NEW, stats:NEW]");
    assertThat(compileAndRun(compiler, original)).isEqualTo("model 51 []");

    // features calls Weights.scale: editing that project method is editing features.
    Object edited = compileAndRun(compiler, pipeline("return n * 10;", "return n * 100;"));

    assertThat(edited).isEqualTo("model 501 [features:CODE_CHANGED, train:INPUT_CHANGED, report:INPUT_CHANGED]");
  }

  @ParameterizedTest
  @MethodSource("compilers")
  void reformattingAndCommentingChangeNothing(Supplier<Compiler> compiler) throws Exception {
    compileAndRun(compiler, pipeline("return n * 10;", "return n * 10;"));

    Object reformatted = compileAndRun(compiler, pipeline(
        "{ return load.stream().filter(v -> v % 2 == 0).toList(); }",
        "{ /* only even rows */ return load.stream()\n      .filter(value -> value % 2 == 0)\n      .toList(); }"));

    assertThat(reformatted).isEqualTo("model 51 []");
  }

  @ParameterizedTest
  @MethodSource("compilers")
  void editingALambdaInAStageRerunsThatStage(Supplier<Compiler> compiler) throws Exception {
    compileAndRun(compiler, pipeline("return n * 10;", "return n * 10;"));
    Object lambdaEdited = compileAndRun(compiler, pipeline("v -> v % 2 == 0", "v -> v % 3 == 0"));
    assertThat(lambdaEdited).isEqualTo("model 41 [clean:CODE_CHANGED, features:INPUT_CHANGED,"
        + " train:INPUT_CHANGED, report:INPUT_CHANGED]"); // stats took load only: still cached
  }
}
