package io.typeline.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.typeline.processor.Compilers.assertOnlyError;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code @Stage(retries, timeout)} are checked at compile time, on the annotation value. */
class StageOptionsErrorsTest {

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void aTimeoutThatIsNotAnIsoDurationIsAnErrorOnItsValue(Compiler compiler) {
    JavaFileObject source = WiringErrorsTest.training(
        "  @Stage(",
        "      timeout = \"30 seconds\")",
        "  static int load(@Param int rows) { return rows; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:bad-timeout] timeout \"30 seconds\" of stage 'load' is not a"
        + " positive ISO-8601 duration (it does not parse); write it like \"PT30S\", \"PT5M\" or \"PT1H30M\"",
        source, "timeout = \"30 seconds\"");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void aTimeoutOfZeroIsAnError(Compiler compiler) {
    JavaFileObject source = WiringErrorsTest.training(
        "  @Stage(timeout = \"PT0S\") static int load(@Param int rows) { return rows; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:bad-timeout] timeout \"PT0S\" of stage 'load' is not a positive"
        + " ISO-8601 duration (it is not positive)", source, "static int load(");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void negativeRetriesAreAnErrorOnTheirValue(Compiler compiler) {
    JavaFileObject source = WiringErrorsTest.training(
        "  @Stage(",
        "      retries = -1)",
        "  static int load(@Param int rows) { return rows; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:bad-count] stage 'load' has retries = -1; give 0 (the default)"
        + " or more", source, "retries = -1");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void validRetriesAndTimeoutCompile(Compiler compiler) {
    JavaFileObject source = WiringErrorsTest.training(
        "  @Stage(retries = 3, timeout = \"PT1H30M\")",
        "  static List<Integer> load(@Param int rows) { return List.of(rows); }");
    assertThat(compiler.compile(source)).succeededWithoutWarnings();
  }
}
