package io.typeline.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.typeline.processor.Compilers.assertOnlyError;
import static io.typeline.processor.WiringErrorsTest.training;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Misuses of {@code @Each}, each one error on the parameter at fault, under javac and ECJ. */
class FanOutErrorsTest {

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void eachOverAProducerThatIsNotIterable(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static int count(@Param int rows) { return rows; }",
        "  @Stage static int square(@Each int count) { return count * count; }");
    Compilation compilation = compiler.compile(source);
    // The producer's location reads Training.java:6 under javac, test.Training under ECJ.
    assertOnlyError(compilation, "[typeline:invalid-each] stage 'square' fans out over 'count' with @Each, but"
        + " stage 'count' (", source, "@Each int count");
    assertThat(compilation).hadErrorContaining(") produces int, which is neither an Iterable nor an array;"
        + " return a List from 'count', or remove @Each");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void eachElementOfTheWrongType(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static List<String> names(@Param int rows) { return List.of(\"a\"); }",
        "  @Stage static int length(@Each Integer names) { return names; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:type-mismatch] stage 'length' takes each element of 'names' as"
        + " Integer, but stage 'names' (", source, "@Each Integer names");
    assertThat(compilation).hadErrorContaining(") produces List<String>, whose elements are String");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void twoEachInOneStage(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static List<Integer> xs(@Param int rows) { return List.of(rows); }",
        "  @Stage static List<Integer> ys(@Param int rows) { return List.of(rows); }",
        "  @Stage static int grid(@Each Integer xs,",
        "      @Each Integer ys) { return xs + ys; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:invalid-each] stage 'grid' has a second @Each parameter, 'ys'; a"
        + " stage fans out over one input", source, "@Each Integer ys");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void eachOnAParam(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static int load(@Each @Param List<Integer> rows) { return rows.size(); }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:invalid-each] param 'rows' of stage 'load' is @Each, but a param"
        + " is one value for the whole run", source, "@Each @Param List<Integer> rows");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void aConsumerOfAFanOutMustTakeItsList(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static List<Integer> folds(@Param int k) { return List.of(k); }",
        "  @Stage static double score(@Each Integer folds) { return folds; }",
        "  @Stage static double best(double score) { return score; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:type-mismatch] stage 'best' takes 'score' as double, but stage"
        + " 'score' (", source, "double best(double score)");
    assertThat(compilation).hadErrorContaining(") fans out with @Each and gives the list of its values,"
        + " List<Double>; take List<Double>");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void aFanOutOfAFanOutCompiles(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static List<List<Integer>> grid(@Param int k) { return List.of(List.of(k)); }",
        "  @Stage static int sum(@Each List<Integer> grid) { return grid.size(); }",
        "  @Stage static int twice(@Each Integer sum) { return sum * 2; }",
        "  @Stage static int total(List<Integer> twice) { return twice.size(); }");
    assertThat(compiler.compile(source)).succeededWithoutWarnings();
  }

  /** A forgotten import of @Each is the compiler's one error, not a type mismatch at the consumer. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void anUnresolvedEachCausesNoFollowOnError(Compiler compiler) {
    JavaFileObject source = WiringErrorsTest.source("test.Training",
        "package test;",
        "import io.typeline.Param;",
        "import io.typeline.Pipeline;",
        "import io.typeline.Stage;",
        "import java.util.List;",
        "@Pipeline",
        "final class Training {",
        "  @Stage static List<Integer> folds(@Param int k) { return List.of(k); }",
        "  @Stage static double score(@Each Integer folds) { return folds; }",
        "  @Stage static double best(List<Double> score) { return score.get(0); }",
        "}");
    Compilation compilation = compiler.compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("Each").inFile(source).onLineContaining("@Each Integer folds");
  }
}
