package io.typeline.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.typeline.processor.Compilers.assertOnlyError;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every wiring mistake is one error, with its tag and fix, on the line of the element at fault,
 * and nothing else: under javac and under the Eclipse compiler.
 */
class WiringErrorsTest {


  static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }

  static JavaFileObject training(String... stages) {
    String[] lines = new String[stages.length + 7];
    lines[0] = "package test;";
    lines[1] = "import io.typeline.*;";
    lines[2] = "import java.util.List;";
    lines[3] = "@Pipeline";
    lines[4] = "final class Training {";
    System.arraycopy(stages, 0, lines, 5, stages.length);
    lines[lines.length - 2] = "  record Split(int train, int test) {}";
    lines[lines.length - 1] = "}";
    return JavaFileObjects.forSourceLines("test.Training", lines);
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void unknownInputSuggestsTheNearestStage(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static int load(@Param int rows) { return rows; }",
        "  @Stage static Split split(int load) { return new Split(load, 0); }",
        "  @Stage static int train(Split splt) { return splt.train(); }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:unknown-input] stage 'train' takes 'splt', which no"
            + " stage produces; did you mean stage 'split'? (mark it @Param if it is a pipeline input)",
        source, "Split splt");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void unknownInputSuggestsTheNearestParam(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static int load(@Param int rowCount) { return rowCount; }",
        "  @Stage static int train(int load, int rowCont) { return load + rowCont; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, 
            "stage 'train' takes 'rowCont', which no stage produces; did you mean param 'rowCount'?",
        source, "int rowCont");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void inputNamedLikeAParamOfAnotherStageMustBeMarked(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static int load(@Param int seed) { return seed; }",
        "  @Stage static int train(int load, int seed) { return load + seed; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:unknown-input] stage 'train' takes 'seed', which no"
            + " stage produces; it is a param of another stage, so mark this one @Param too",
        source, "int train(");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void unknownFromNamesTheMissingStage(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static int load(@Param int rows) { return rows; }",
        "  @Stage static int train(",
        "      @From(\"lod\") int data) { return data; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:unknown-input] stage 'train' takes @From(\"lod\"),"
            + " but pipeline Training has no stage 'lod'; did you mean stage 'load'?",
        source, "@From(\"lod\")");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void producerTypeMustBeAssignableGenericsIncluded(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static List<Integer> load(@Param int rows) { return List.of(rows); }",
        "  @Stage static int count(",
        "      List<String> load) { return load.size(); }");
    Compilation compilation = compiler.compile(source);
    assertThat(compilation).hadErrorContaining(
            "[typeline:type-mismatch] stage 'count' takes 'load' as List<String>, but stage 'load' (")
        .inFile(source).onLineContaining("List<String> load");
    assertThat(compilation).hadErrorContaining(") produces List<Integer>; change one of the two types so that"
        + " List<Integer> is assignable to List<String>");
    assertThat(compilation).hadErrorCount(1);
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void typeMismatchNamesTheProducersFileAndLineUnderJavac(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static String load(@Param int rows) { return \"\" + rows; }",
        "  @Stage static int count(Split load) { return load.train(); }");
    Compilation compilation = compiler.compile(source);
    String producer = Compilers.isJavac(compiler) ? "Training.java:6" : "test.Training";
    assertOnlyError(compilation, "stage 'count' takes 'load' as Training.Split, but stage 'load' ("
            + producer + ") produces String",
        source, "Split load");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void voidStageCannotBeConsumed(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static void load(@Param int rows) {}",
        "  @Stage static int count(int load) { return load; }");
    Compilation compilation = compiler.compile(source);
    assertThat(compilation).hadErrorContaining("[typeline:void-consumed] stage 'count' takes 'load', but stage"
            + " 'load' (")
        .inFile(source).onLineContaining("int load)");
    assertThat(compilation).hadErrorContaining("returns void and produces nothing; return a value from 'load',"
        + " or remove the parameter");
    assertThat(compilation).hadErrorCount(1);
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void cycleIsReportedOnceWithItsWholePath(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static int seed(@Param int start) { return start; }",
        "  @Stage static int load(int seed, int train) { return seed + train; }",
        "  @Stage static int split(int load) { return load; }",
        "  @Stage static int train(int split) { return split; }",
        "  @Stage static int report(int train) { return train; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:cycle] stages form a cycle: load -> split -> train ->"
            + " load; a stage cannot depend, directly or through others, on itself",
        source, "int load(");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void selfLoopIsACycle(Compiler compiler) {
    JavaFileObject source = training("  @Stage static int grow(int grow) { return grow; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:cycle] stages form a cycle: grow -> grow",
        source, "int grow(");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void twoStagesWithOneNameNameBothPlaces(Compiler compiler) {
    JavaFileObject features = source("test.Features",
        "package test;",
        "import io.typeline.*;",
        "final class Features {",
        "  @Stage static int load(@Param int rows) { return rows; }",
        "}");
    JavaFileObject training = source("test.Training",
        "package test;",
        "import io.typeline.*;",
        "@Pipeline(include = Features.class)",
        "final class Training {",
        "  @Stage static int load(@Param int rows) { return rows; }",
        "}");
    Compilation compilation = compiler.compile(training, features);
    String first = Compilers.isJavac(compiler) ? "Training.java:5" : "test.Training";
    String second = Compilers.isJavac(compiler) ? "Features.java:4" : "test.Features";
    assertOnlyError(compilation, "[typeline:duplicate-stage] pipeline Training has two stages named"
            + " 'load': " + first + " and " + second + "; rename one of the methods",
        features, "int load(");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void overloadedStagesInOneClass(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static int load(@Param int rows) { return rows; }",
        "  @Stage static int load(@Param int rows, @Param int more) { return rows + more; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:duplicate-stage] class test.Training has two @Stage"
            + " methods named 'load'",
        source, "int more");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void oneParamNameWithTwoTypes(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static int load(@Param int seed) { return seed; }",
        "  @Stage static int train(int load,",
        "      @Param long seed) { return load; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:param-conflict] param 'seed' is declared as long"
            + " (required) here but as int (required) in stage 'load' (",
        source, "@Param long seed");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void oneParamNameWithTwoDefaults(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static int load(@Param(defaultValue = \"1\") int seed) { return seed; }",
        "  @Stage static int train(int load,",
        "      @Param(defaultValue = \"2\") int seed) { return load; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "param 'seed' is declared as int with default \"2\" here but as"
            + " int with default \"1\" in stage 'load'",
        source, "\"2\"");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void paramNamedLikeAStage(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static int load(@Param int rows) { return rows; }",
        "  @Stage static int train(",
        "      @Param int load) { return load; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:param-shadows-stage] @Param 'load' of stage 'train'"
            + " has the name of stage 'load' (",
        source, "@Param int load");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void fromAndParamTogether(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static int load(@Param int rows) { return rows; }",
        "  @Stage static int train(",
        "      @From(\"load\") @Param int data) { return data; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:invalid-input] parameter 'data' of stage 'train' is"
            + " both @From and @Param",
        source, "int data");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void privateStage(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage private static int load(@Param int rows) { return rows; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:invalid-stage] stage 'load' is private; the generated"
            + " Pipelines calls it directly, so make it at least package-private",
        source, "int load(");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void abstractStage(Compiler compiler) {
    JavaFileObject source = source("test.Training",
        "package test;",
        "import io.typeline.*;",
        "@Pipeline",
        "abstract class Training {",
        "  @Stage static int load(@Param int rows) { return rows; }",
        "  @Stage abstract int train(int load);",
        "}");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:invalid-stage] stage 'train' is abstract",
        source, "int train(");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void genericStage(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static <T> List<T> load(@Param int rows) { return List.of(); }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:invalid-stage] stage 'load' declares type parameters",
        source, "List<T> load(");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void stageInNonStaticInnerClass(Compiler compiler) {
    JavaFileObject source = source("test.Training",
        "package test;",
        "import io.typeline.*;",
        "@Pipeline(include = Training.Inner.class)",
        "final class Training {",
        "  @Stage static int load(@Param int rows) { return rows; }",
        "  class Inner {",
        "    @Stage int train(int load) { return load; }",
        "  }",
        "}");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:invalid-stage] stage 'train' is in inner class"
            + " test.Training.Inner, which needs an enclosing instance; make Inner static",
        source, "int train(");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void instanceStageInGenericClass(Compiler compiler) {
    JavaFileObject source = source("test.Training",
        "package test;",
        "import io.typeline.*;",
        "@Pipeline",
        "final class Training<T> {",
        "  @Stage int load(@Param int rows) { return rows; }",
        "}");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:invalid-stage] instance stage 'load' is declared in"
            + " generic class test.Training",
        source, "int load(");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void stageInAnotherPackageMustBePublic(Compiler compiler) {
    JavaFileObject features = source("lib.Features",
        "package lib;",
        "import io.typeline.*;",
        "public final class Features {",
        "  @Stage static int load(@Param int rows) { return rows; }",
        "}");
    JavaFileObject training = source("test.Training",
        "package test;",
        "import io.typeline.*;",
        "@Pipeline(include = lib.Features.class)",
        "final class Training {",
        "  @Stage static int train(int load) { return load; }",
        "}");
    Compilation compilation = compiler.compile(training, features);
    assertOnlyError(compilation, "[typeline:invalid-stage] stage 'load' in lib.Features cannot be"
            + " called from package test; make the method and its class public",
        features, "int load(");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void stageTypeTheGeneratedCodeCannotSee(Compiler compiler) {
    JavaFileObject source = training(
        "  private record Secret(int value) {}",
        "  @Stage static Secret load(@Param int rows) { return new Secret(rows); }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:invalid-stage] stage 'load' uses Training.Secret,"
            + " which the generated Pipelines in package test cannot see",
        source, "Secret load(");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void defaultValueThatIsNotANumber(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static int load(",
        "      @Param(defaultValue = \"ten\") int rows) { return rows; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:bad-default] defaultValue \"ten\" of param 'rows' is"
            + " not a valid int: For input string: \"ten\"",
        source, "\"ten\"");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void defaultValueThatIsNotAnEnumConstant(Compiler compiler) {
    JavaFileObject source = training(
        "  enum Mode { FAST, ACCURATE }",
        "  @Stage static int load(",
        "      @Param(defaultValue = \"SLOW\") Mode mode) { return mode.ordinal(); }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "defaultValue \"SLOW\" of param 'mode' is not a valid"
            + " test.Training.Mode: expected one of FAST, ACCURATE",
        source, "\"SLOW\"");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void defaultValueThatIsNotADuration(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static long load(",
        "      @Param(defaultValue = \"30s\") java.time.Duration timeout) { return timeout.toMillis(); }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "defaultValue \"30s\" of param 'timeout' is not a valid"
            + " java.time.Duration: Text cannot be parsed to a Duration",
        source, "\"30s\"");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void defaultValueForATypeItCannotExpress(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static int load(",
        "      @Param(defaultValue = \"a,b\") List<String> names) { return names.size(); }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:bad-default] param 'names' has type"
            + " java.util.List<java.lang.String>, which defaultValue cannot express",
        source, "\"a,b\"");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void unknownOutputIsReportedOnTheAnnotationValue(Compiler compiler) {
    JavaFileObject source = source("test.Training",
        "package test;",
        "import io.typeline.*;",
        "@Pipeline(",
        "    outputs = {\"load\",",
        "               \"evalute\"})",
        "final class Training {",
        "  @Stage static int load(@Param int rows) { return rows; }",
        "  @Stage static int evaluate(int load) { return load; }",
        "}");
    Compilation compilation = compiler.compile(source);
    // ECJ places errors on an element of an array value at the annotation.
    assertOnlyError(compilation, "[typeline:unknown-output] @Pipeline(outputs) names 'evalute',"
            + " but pipeline Training has no such stage; did you mean 'evaluate'?",
        source, Compilers.isJavac(compiler) ? "\"evalute\"" : "@Pipeline(");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void includedClassWithoutStages(Compiler compiler) {
    JavaFileObject source = source("test.Training",
        "package test;",
        "import io.typeline.*;",
        "@Pipeline(include = {",
        "    String.class})",
        "final class Training {",
        "  @Stage static int load(@Param int rows) { return rows; }",
        "}");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:no-stages] java.lang.String declares no @Stage methods"
            + " (it is listed in @Pipeline(include) of Training)",
        source, Compilers.isJavac(compiler) ? "String.class" : "@Pipeline(");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void pipelineWithoutStages(Compiler compiler) {
    JavaFileObject source = source("test.Training",
        "package test;",
        "import io.typeline.*;",
        "@Pipeline",
        "final class Training {",
        "}");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:no-stages] pipeline Training declares no @Stage"
            + " methods and includes none",
        source, "class Training");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void allErrorsOfACompilationAtOnceAndNoCascadeIntoCallers(Compiler compiler) {
    JavaFileObject source = training(
        "  @Stage static int load(@Param int rows) { return rows; }",
        "  @Stage static String split(int load) { return \"\" + load; }",
        "  @Stage static int train(int splt) { return splt; }",
        "  @Stage static int evaluate(Split split) { return split.test(); }",
        "  @Stage private static int report(int evaluate, int train) { return evaluate + train; }");
    JavaFileObject caller = source("test.Main",
        "package test;",
        "class Main {",
        "  static int main() {",
        "    TrainingResult result = Pipelines.training().rows(3).run();",
        "    return result.report();",
        "  }",
        "}");
    Compilation compilation = compiler.compile(source, caller);
    assertThat(compilation).hadErrorContaining("[typeline:unknown-input] stage 'train' takes 'splt'")
        .inFile(source).onLineContaining("int splt");
    assertThat(compilation).hadErrorContaining("[typeline:type-mismatch] stage 'evaluate' takes 'split' as"
            + " Training.Split, but stage 'split'")
        .inFile(source).onLineContaining("Split split");
    assertThat(compilation).hadErrorContaining("[typeline:invalid-stage] stage 'report' is private")
        .inFile(source).onLineContaining("int report(");
    assertThat(compilation).hadErrorCount(3);
  }
}
