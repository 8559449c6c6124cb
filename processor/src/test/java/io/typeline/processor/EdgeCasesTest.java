package io.typeline.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.typeline.processor.Compilers.assertOnlyError;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.Method;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs a user could plausibly write, at the edges of the wiring rules and of Java naming: each either
 * compiles (and its generated code runs) or gives exactly one clear {@code [typeline:...]} error on the
 * right line, never a cascade into callers or into generated code. Each case that
 * failed when first written here was a bug, since fixed.
 */
class EdgeCasesTest {


  static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }

  /** {@code edge.Training} with these members. */
  static JavaFileObject training(String... members) {
    return pipeline("@Pipeline", members);
  }

  /** {@code edge.Training} annotated with {@code annotation}, with these members. */
  static JavaFileObject pipeline(String annotation, String... members) {
    String[] lines = new String[members.length + 5];
    lines[0] = "package edge;";
    lines[1] = "import io.typeline.*;";
    lines[2] = annotation;
    lines[3] = "final class Training {";
    System.arraycopy(members, 0, lines, 4, members.length);
    lines[lines.length - 1] = "}";
    return JavaFileObjects.forSourceLines("edge.Training", lines);
  }

  /** {@code edge.Main}, whose {@code static Object run()} returns {@code expression}. */
  static JavaFileObject main(String expression) {
    return source("edge.Main",
        "package edge;",
        "final class Main {",
        "  static Object run() {",
        "    return " + expression + ";",
        "  }",
        "}");
  }

  /** Calls {@code static Object run()} of {@code className} from the compilation's class files. */
  static Object run(Compilation compilation, String className) throws Exception {
    Method run = new CompiledClasses(compilation).loadClass(className).getDeclaredMethod("run");
    run.setAccessible(true);
    return run.invoke(null);
  }

  // ---- The staged builder at the call site ----

  /** Forgetting a required param is a compile error on the caller's line, and the only one. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void forgettingARequiredParamFailsAtTheCallSite(Compiler compiler) {
    JavaFileObject training = training(
        "  @Stage static String load(@Param java.nio.file.Path csv) { return csv.toString(); }",
        "  @Stage static int count(String load) { return load.length(); }");
    JavaFileObject caller = source("edge.Main",
        "package edge;",
        "final class Main {",
        "  static int count() {",
        "    return Pipelines.training().run().count();",
        "  }",
        "}");
    Compilation compilation = compiler.compile(training, caller);
    assertOnlyError(compilation, Compilers.isJavac(compiler)
            ? "symbol:   method run()"
            : "The method run() is undefined for the type edge.Pipelines.TrainingCsvStep",
        caller, "Pipelines.training().run()");
  }

  /**
   * Required params come in the order they first appear (the pipeline's stages in source order, then
   * each include's), optional ones in any order after them; another order fails on the caller's line.
   */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void requiredParamsComeInTheOrderTheyFirstAppear(Compiler compiler) {
    JavaFileObject training = pipeline("@Pipeline(include = Extra.class)",
        "  @Stage static int load(@Param int rows, @Param(defaultValue = \"1\") int scale) { return rows * scale; }",
        "  @Stage static int train(int load, @Param int epochs, @Param int rows) { return load + epochs; }");
    JavaFileObject extra = source("edge.Extra",
        "package edge;",
        "import io.typeline.*;",
        "final class Extra {",
        "  @Stage static String report(int train, @Param String title) { return title + train; }",
        "}");
    JavaFileObject inOrder = source("edge.InOrder",
        "package edge;",
        "final class InOrder {",
        "  static String report() {",
        "    return Pipelines.training().rows(2).epochs(3).title(\"t\").scale(5).run().report();",
        "  }",
        "}");
    JavaFileObject outOfOrder = source("edge.OutOfOrder",
        "package edge;",
        "final class OutOfOrder {",
        "  static String report() {",
        "    return Pipelines.training().epochs(3).rows(2).title(\"t\").run().report();",
        "  }",
        "}");
    Compilation compilation = compiler.compile(training, extra, inOrder, outOfOrder);
    assertOnlyError(compilation, Compilers.isJavac(compiler)
            ? "symbol:   method epochs(int)"
            : "The method epochs(int) is undefined for the type edge.Pipelines.TrainingRowsStep",
        outOfOrder, "epochs(3).rows(2)");
  }

  // ---- Where pipelines live ----

  /** A pipeline in the default package gets its Pipelines there. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void pipelineInTheDefaultPackage(Compiler compiler) throws Exception {
    JavaFileObject training = source("Training",
        "import io.typeline.*;",
        "@Pipeline",
        "final class Training {",
        "  @Stage static int load(@Param int rows) { return rows; }",
        "  @Stage static int count(int load) { return load + 1; }",
        "}");
    JavaFileObject caller = source("Main",
        "final class Main {",
        "  static Object run() { return Pipelines.training().rows(41).run().count(); }",
        "}");
    Compilation compilation = compiler.compile(training, caller);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "Main")).isEqualTo(42);
  }

  /** Pipelines nested in other classes (or interfaces) and several pipelines share one Pipelines. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void nestedPipelinesAndSeveralInOnePackage(Compiler compiler) throws Exception {
    JavaFileObject jobs = source("edge.Jobs",
        "package edge;",
        "import io.typeline.*;",
        "final class Jobs {",
        "  @Pipeline public static final class Training {",
        "    @Stage static int load(@Param int rows) { return rows; }",
        "  }",
        "  @Pipeline static final class Scoring {",
        "    @Stage static int score(@Param int rows) { return rows * 2; }",
        "  }",
        "  interface Holder {",
        "    @Pipeline final class Inside { @Stage static String describe(@Param int rows) { return \"r\" + rows; } }",
        "  }",
        "}");
    Compilation compilation = compiler.compile(jobs, main(
        "Pipelines.training().rows(1).run().load() + \",\" + Pipelines.scoring().rows(2).run().score()"
            + " + \",\" + Pipelines.inside().rows(3).run().describe()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo("1,4,r3");
  }

  /** A pipeline class may be an interface, a record or an enum. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void pipelineClassesOfEveryKind(Compiler compiler) throws Exception {
    JavaFileObject jobs = source("edge.Jobs",
        "package edge;",
        "import io.typeline.*;",
        "final class Jobs {",
        "  @Pipeline interface Training { @Stage static int load(@Param int rows) { return rows; } }",
        "  @Pipeline record Scoring() { @Stage static int score(@Param int rows) { return rows * 2; } }",
        "  @Pipeline enum Eval { ; @Stage static int eval(@Param int rows) { return rows * 3; } }",
        "}");
    Compilation compilation = compiler.compile(jobs, main("Pipelines.training().rows(1).run().load()"
        + " + Pipelines.scoring().rows(1).run().score() + Pipelines.eval().rows(1).run().eval()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo(6);
  }

  /** A private pipeline class cannot be called from Pipelines: one error per stage, none at the caller. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void privateNestedPipeline(Compiler compiler) {
    JavaFileObject jobs = source("edge.Jobs",
        "package edge;",
        "import io.typeline.*;",
        "final class Jobs {",
        "  @Pipeline private static final class Hidden {",
        "    @Stage static int hidden(@Param int rows) { return rows; }",
        "  }",
        "}");
    JavaFileObject caller = main("Pipelines.hidden().rows(1).run().hidden()");
    Compilation compilation = compiler.compile(jobs, caller);
    assertOnlyError(compilation, "[typeline:invalid-stage] stage 'hidden' in edge.Jobs.Hidden cannot be called"
        + " from package edge", jobs, "int hidden(");
  }

  /** Public stages and public types of a class in another package wire like local ones. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void includedClassFromAnotherPackage(Compiler compiler) throws Exception {
    JavaFileObject features = source("lib.Features",
        "package lib;",
        "import io.typeline.*;",
        "public final class Features {",
        "  public record Table(int rows) {}",
        "  @Stage public static Table table(@Param int count) { return new Table(count); }",
        "  @Stage public int doubled(Table table, @Param(defaultValue = \"2\") int factor) {",
        "    return table.rows() * factor;",
        "  }",
        "}");
    JavaFileObject training = pipeline("@Pipeline(include = lib.Features.class)",
        "  @Stage static String report(int doubled, lib.Features.Table table) {",
        "    return doubled + \"/\" + table.rows();",
        "  }");
    Compilation compilation = compiler.compile(training, features,
        main("Pipelines.training().count(3).factor(5).run().report()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo("15/3");
  }

  /** Listing a class twice, or the pipeline itself, in include adds its stages once. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void includeOfItselfOrTwiceAddsStagesOnce(Compiler compiler) throws Exception {
    JavaFileObject extra = source("edge.Extra",
        "package edge;",
        "import io.typeline.*;",
        "final class Extra {",
        "  @Stage static int twice(int load) { return load * 2; }",
        "}");
    JavaFileObject training = pipeline("@Pipeline(include = {Extra.class, Training.class, Extra.class})",
        "  @Stage static int load(@Param int rows) { return rows; }");
    Compilation compilation = compiler.compile(training, extra, main("Pipelines.training().rows(4).run().twice()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo(8);
  }

  /** Stages may be static or default methods of interfaces, and methods of enums and records. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void stagesInInterfacesEnumsAndRecords(Compiler compiler) throws Exception {
    JavaFileObject kinds = source("edge.Kinds",
        "package edge;",
        "import io.typeline.*;",
        "interface Steps {",
        "  @Stage static int base(@Param int rows) { return rows; }",
        "  @Stage default int viaDefault(int base) { return base + 1; }",
        "}",
        "enum Mode {",
        "  TEN;",
        "  @Stage int viaEnum(int base) { return base + 10; }",
        "  @Stage static int viaEnumStatic(int base) { return base + 100; }",
        "}",
        "record Box(int size) {",
        "  @Stage int viaRecord(int base) { return base + size; }",
        "}");
    JavaFileObject training = pipeline("@Pipeline(include = {Steps.class, Mode.class, Box.class})",
        "  @Stage static String all(int viaDefault, int viaEnum, int viaEnumStatic, int viaRecord) {",
        "    return viaDefault + \",\" + viaEnum + \",\" + viaEnumStatic + \",\" + viaRecord;",
        "  }");
    // An interface, an enum and a record cannot be created by the builder: their instances are required.
    Compilation compilation = compiler.compile(training, kinds,
        main("Pipelines.training().rows(1).steps(new Steps() {}).mode(Mode.TEN).box(new Box(1000)).run().all()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo("2,11,101,1001");
  }

  // ---- Names that meet generated names ----

  /** Params may be named like the builder's own members and locals. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void paramsNamedLikeGeneratedMembers(Compiler compiler) throws Exception {
    JavaFileObject training = training(
        "  @Stage static int load(@Param int run, @Param int graph, @Param int options, @Param int args,",
        "      @Param int stage, @Param(defaultValue = \"1\") int invoke) {",
        "    return run + graph + options + args + stage + invoke;",
        "  }");
    Compilation compilation = compiler.compile(training,
        main("Pipelines.training().run(1).graph(2).options(3).args(4).stage(5).invoke(6).run().load()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo(21);
  }

  /** Stages (so result accessors) may be named like generated members: run, graph, options, invoke, value. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void stagesNamedLikeGeneratedMembers(Compiler compiler) throws Exception {
    JavaFileObject training = pipeline("@Pipeline(outputs = {\"run\", \"graph\", \"options\", \"invoke\", \"value\"})",
        "  @Stage static int run(@Param int rows) { return rows; }",
        "  @Stage static int graph(int run) { return run + 1; }",
        "  @Stage static int options(int graph) { return graph + 1; }",
        "  @Stage static int invoke(int options) { return options + 1; }",
        "  @Stage static int value(int invoke) { return invoke + 1; }");
    Compilation compilation = compiler.compile(training, main(
        "Pipelines.training().rows(1).run().run() + Pipelines.training().rows(1).run().value()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo(6);
  }

  /**
   * A stage named like a no-arg method of Object cannot have a result accessor of that name: the processor
   * must say so on the stage, not let javac fail inside TrainingResult.
   */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void stageNamedLikeAnObjectMethod(Compiler compiler) {
    JavaFileObject training = training(
        "  @Stage static int load(@Param int rows) { return rows; }",
        "  @Stage static Class<?> getClass(int load) { return Integer.class; }");
    Compilation compilation = compiler.compile(training);
    assertOnlyError(compilation, "[typeline:", training, "getClass(int load)");
    assertThat(compilation).hadErrorContaining("getClass");
  }

  /** Likewise a param whose setter would override a final method of Object: wait(long). */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void paramNamedLikeAFinalObjectMethod(Compiler compiler) {
    JavaFileObject training = training(
        "  @Stage static int load(@Param int rows,",
        "      @Param(defaultValue = \"1000\") long wait) { return rows; }");
    Compilation compilation = compiler.compile(training);
    assertOnlyError(compilation, "[typeline:", training, "long wait");
  }

  /** User types named like the runtime's and generated types are written qualified where they clash. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void userTypesNamedLikeRuntimeAndGeneratedTypes(Compiler compiler) throws Exception {
    JavaFileObject types = source("edge.Types",
        "package edge;",
        // Records, so that the cache's codecs (generated code too) name them as well.
        "record Graph(int n) {}",
        "record Invoke(int n) {}",
        "record Runner(int n) {}",
        "record Invoker(int n) {}",
        "record RunOptions(int n) {}",
        "record Objects(int n) {}",
        "record Consumer(int n) {}",
        "record TrainingBuilder(int n) {}",
        "record Codecs(int n) {}",
        "record Lineage(int n) {}",
        "record Plan(int n) {}");
    JavaFileObject training = training(
        "  @Stage static Graph graph(@Param Graph seed) { return new Graph(seed.n() + 1); }",
        "  @Stage static Invoke invoke(Graph graph) { return new Invoke(graph.n() + 1); }",
        "  @Stage static Runner runner(Invoke invoke) { return new Runner(invoke.n() + 1); }",
        "  @Stage static Invoker invoker(Runner runner) { return new Invoker(runner.n() + 1); }",
        "  @Stage static RunOptions options(Invoker invoker) { return new RunOptions(invoker.n() + 1); }",
        "  @Stage static Objects objects(RunOptions options) { return new Objects(options.n() + 1); }",
        "  @Stage static Consumer consumer(Objects objects) { return new Consumer(objects.n() + 1); }",
        "  @Stage static Codecs codecs(Consumer consumer) { return new Codecs(consumer.n()); }",
        "  @Stage static Lineage lineage(Codecs codecs) { return new Lineage(codecs.n()); }",
        "  @Stage static Plan plan(Lineage lineage) { return new Plan(lineage.n()); }",
        "  @Stage static TrainingBuilder builder(Plan plan) { return new TrainingBuilder(plan.n() + 1); }");
    Compilation compilation = compiler.compile(training, types,
        main("Pipelines.training().seed(new Graph(0)).run().builder().n()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo(8);
  }

  /**
   * Classes of the instance stages are named by the builder after their simple names; owners of instance
   * stages may also be classes named like generated locals (Graph, Stage, Args, Invoke).
   */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void instanceStageOwnersNamedLikeGeneratedLocals(Compiler compiler) throws Exception {
    JavaFileObject owners = source("edge.Owners",
        "package edge;",
        "final class Graph { @io.typeline.Stage int g(@io.typeline.Param int rows) { return rows + 1; } }",
        "final class Stage { @io.typeline.Stage int s(int g) { return g + 1; } }",
        "final class Args { @io.typeline.Stage int a(int s, @io.typeline.Param int args) { return s + args; } }",
        "final class Invoke { @io.typeline.Stage int i(int a) { return a + 1; } }");
    JavaFileObject training = pipeline("@Pipeline(include = {Graph.class, Stage.class, Args.class, Invoke.class})",
        // edge.Stage shadows io.typeline.Stage in this package, so the annotation is written qualified.
        "  @io.typeline.Stage int last(int i) { return i; }");
    Compilation compilation = compiler.compile(training, owners,
        main("Pipelines.training().rows(1).args(10).run().last()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo(14);
  }

  /** Step interfaces are named pipeline + param: Train's evalCsv and TrainEval's csv must not both be TrainEvalCsvStep. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void stepNamesOfTwoPipelinesDoNotClash(Compiler compiler) throws Exception {
    JavaFileObject train = source("edge.Train",
        "package edge;",
        "import io.typeline.*;",
        "@Pipeline",
        "final class Train {",
        "  @Stage static int load(@Param int evalCsv) { return evalCsv; }",
        "}");
    JavaFileObject trainEval = source("edge.TrainEval",
        "package edge;",
        "import io.typeline.*;",
        "@Pipeline",
        "final class TrainEval {",
        "  @Stage static String eval(@Param String csv) { return csv; }",
        "}");
    Compilation compilation = compiler.compile(train, trainEval,
        main("Pipelines.train().evalCsv(1).run().load() + Pipelines.trainEval().csv(\"x\").run().eval()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo("1x");
  }

  /** Instance stages of two classes with one simple name need two builder inputs. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void instanceStagesOfTwoClassesWithOneSimpleName(Compiler compiler) throws Exception {
    JavaFileObject left = source("a.Features",
        "package a;",
        "import io.typeline.*;",
        "public final class Features {",
        "  @Stage public int left(@Param int rows) { return rows + 1; }",
        "}");
    JavaFileObject right = source("b.Features",
        "package b;",
        "import io.typeline.*;",
        "public final class Features {",
        "  @Stage public int right(int left) { return left * 10; }",
        "}");
    JavaFileObject training = pipeline("@Pipeline(include = {a.Features.class, b.Features.class})",
        "  @Stage static int count(int right) { return right; }");
    Compilation compilation = compiler.compile(training, left, right, main("Pipelines.training().rows(1).run().count()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo(20);
  }

  /** A class whose decapitalized name is a keyword (Default, New, Native...) still gets a factory and a setter. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void classNamedLikeAKeyword(Compiler compiler) {
    JavaFileObject pipeline = source("edge.Default",
        "package edge;",
        "import io.typeline.*;",
        "@Pipeline",
        "final class Default {",
        "  @Stage int load(@Param int rows) { return rows; }",
        "}");
    Compilation compilation = compiler.compile(pipeline);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("edge.Pipelines");
  }

  /** Two pipelines with one simple name in one package would generate the same names: one clear error. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void twoPipelinesWithOneSimpleNameInOnePackage(Compiler compiler) {
    JavaFileObject jobs = source("edge.Jobs",
        "package edge;",
        "import io.typeline.*;",
        "final class Jobs {",
        "  @Pipeline static final class Training { @Stage static int load(@Param int rows) { return rows; } }",
        "}");
    JavaFileObject other = source("edge.Other",
        "package edge;",
        "import io.typeline.*;",
        "final class Other {",
        "  @Pipeline static final class Training { @Stage static int score(@Param int rows) { return rows; } }",
        "}");
    Compilation compilation = compiler.compile(jobs, other);
    // On the later of the two by name; the message names both.
    assertOnlyError(compilation, "[typeline:name-clash] pipelines edge.Jobs.Training and edge.Other.Training are"
        + " both named Training in package edge", other, "int score(");
  }

  /** A user type named like a pipeline's result type is a clear error, not an internal one. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void userTypeNamedLikeTheResultType(Compiler compiler) {
    JavaFileObject result = source("edge.TrainingResult",
        "package edge;",
        "record TrainingResult(int rows) {}");
    JavaFileObject training = training(
        "  @Stage static TrainingResult load(@Param int rows) { return new TrainingResult(rows); }");
    Compilation compilation = compiler.compile(training, result);
    assertOnlyError(compilation, "[typeline:", training, "class Training");
    assertThat(compilation).hadErrorContaining("TrainingResult");
    assertThat(compilation.errors().get(0).getMessage(null)).doesNotContain("[typeline:internal]");
  }

  /** Generated code must name java.lang types so that a same-package class of that name does not capture them. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void samePackageClassNamedLikeAJavaLangType(Compiler compiler) {
    JavaFileObject exception = source("edge.Exception",
        "package edge;",
        "final class Exception {}");
    JavaFileObject training = training(
        "  @Stage static int load(@Param int rows, @Param(defaultValue = \"NaN\") double rate) { return rows; }");
    Compilation compilation = compiler.compile(training, exception);
    assertThat(compilation).succeededWithoutWarnings();
  }

  /** Same for a class named Double: a NaN default is written as the text {@code Double.NaN}. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void samePackageClassNamedDoubleAndANanDefault(Compiler compiler) {
    JavaFileObject type = source("edge.Double",
        "package edge;",
        "final class Double {}");
    JavaFileObject training = training(
        "  @Stage static int load(@Param int rows, @Param(defaultValue = \"NaN\") double rate) { return rows; }");
    Compilation compilation = compiler.compile(training, type);
    assertThat(compilation).succeededWithoutWarnings();
  }

  /** A source parameter may be named arg0: only class files without names have synthetic argN names. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void sourceParamNamedArg0(Compiler compiler) throws Exception {
    JavaFileObject training = training(
        "  @Stage static int load(@Param int arg0) { return arg0; }",
        "  @Stage static int count(int load) { return load + 1; }");
    Compilation compilation = compiler.compile(training, main("Pipelines.training().arg0(1).run().count()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo(2);
  }

  // ---- Types the compiler cannot resolve: its error, and no more ----

  /** An unresolvable param type is javac's or ECJ's error alone: nothing in generated code. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void unresolvableParamTypeIsTheCompilersErrorOnly(Compiler compiler) {
    JavaFileObject training = training(
        "  @Stage static int load(@Param Missing rows) { return 1; }",
        "  @Stage static int count(int load) { return load; }");
    Compilation compilation = compiler.compile(training);
    assertOnlyError(compilation, "Missing", training, "Missing rows");
  }

  /** Likewise an unresolvable return type of a stage (and its consumer's parameter). */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void unresolvableStageTypeIsTheCompilersErrorOnly(Compiler compiler) {
    JavaFileObject training = training(
        "  @Stage static Missing load(@Param int rows) { return null; }",
        "  @Stage static int count(Missing load) { return 1; }");
    Compilation compilation = compiler.compile(training);
    assertThat(compilation).hadErrorContaining("Missing").inFile(training).onLineContaining("Missing load(");
    assertThat(compilation).hadErrorContaining("Missing").inFile(training).onLineContaining("(Missing load)");
    assertThat(compilation).hadErrorCount(2);
  }

  /** An unresolvable class in include is the compiler's error alone. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void unresolvableIncludeIsTheCompilersErrorOnly(Compiler compiler) {
    JavaFileObject training = pipeline("@Pipeline(include = Missing.class)",
        "  @Stage static int load(@Param int rows) { return rows; }");
    Compilation compilation = compiler.compile(training);
    assertOnlyError(compilation, "Missing", training, "Missing.class");
  }

  /** A misspelt @Param is the compiler's error; the parameter it marks is not reported as unknown too. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void misspeltParamAnnotationIsTheCompilersErrorOnly(Compiler compiler) {
    JavaFileObject training = training(
        "  @Stage static int load(@Parm int rows) { return rows; }");
    Compilation compilation = compiler.compile(training);
    assertOnlyError(compilation, "Parm", training, "@Parm int rows");
  }

  // ---- Wiring rules at their edges ----

  /** @From naming a void stage: that stage produces nothing. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void fromAVoidStage(Compiler compiler) {
    JavaFileObject training = training(
        "  @Stage static void log(@Param int rows) {}",
        "  @Stage static int count(",
        "      @From(\"log\") int rows2) { return rows2; }");
    Compilation compilation = compiler.compile(training);
    assertOnlyError(compilation, "[typeline:void-consumed] stage 'count' takes 'log', but stage 'log'",
        training, "@From(\"log\")");
  }

  /** @From naming the stage itself is a cycle. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void fromItselfIsACycle(Compiler compiler) {
    JavaFileObject training = training(
        "  @Stage static int grow(@From(\"grow\") int previous) { return previous + 1; }");
    Compilation compilation = compiler.compile(training);
    assertOnlyError(compilation, "[typeline:cycle] stages form a cycle: grow -> grow",
        training, "int grow(");
  }

  /**
   * The builder creates an instance only with a no-arg constructor it can call without a try block; otherwise
   * the instance is required (in builder order, before the params of its class's first stage).
   */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void instanceWhoseConstructorThrowsACheckedExceptionIsRequired(Compiler compiler) throws Exception {
    JavaFileObject features = source("edge.Features",
        "package edge;",
        "import io.typeline.*;",
        "final class Features {",
        "  Features() throws java.io.IOException {}",
        "  @Stage int count(@Param int rows) { return rows; }",
        "}");
    JavaFileObject training = pipeline("@Pipeline(include = Features.class)",
        "  @Stage static int twice(int count) { return count * 2; }");
    Compilation compilation = compiler.compile(training, features, source("edge.Main",
        "package edge;",
        "final class Main {",
        "  static Object run() throws java.io.IOException {",
        "    return Pipelines.training().features(new Features()).rows(2).run().twice();",
        "  }",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo(4);
  }

  /** A static stage of an inner class needs no enclosing instance (static members of inner classes: Java 16). */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void staticStageOfAnInnerClass(Compiler compiler) throws Exception {
    JavaFileObject outer = source("edge.Outer",
        "package edge;",
        "import io.typeline.*;",
        "final class Outer {",
        "  @Pipeline final class Training {",
        "    @Stage static int load(@Param int rows) { return rows + 1; }",
        "  }",
        "}");
    Compilation compilation = compiler.compile(outer, main("Pipelines.training().rows(1).run().load()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo(2);
  }

  /** Boxing, unboxing and widening feed a parameter as they would in a method call. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void primitivesAndBoxesMix(Compiler compiler) throws Exception {
    JavaFileObject training = training(
        "  @Stage static Integer boxed(@Param int rows) { return rows; }",
        "  @Stage static int unboxed(Integer boxed) { return boxed + 1; }",
        "  @Stage static long widened(int unboxed) { return unboxed + 1L; }",
        "  @Stage static Number number(int unboxed) { return unboxed; }",
        "  @Stage static String all(Integer unboxed, long boxed, double widened, Number number, Object unboxed2) {",
        "    return unboxed + \",\" + boxed + \",\" + widened + \",\" + number + \",\" + unboxed2;",
        "  }",
        "  @Stage static char unboxed2() { return 'c'; }");
    Compilation compilation = compiler.compile(training, main("Pipelines.training().rows(1).run().all()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo("2,1,3.0,2,c");
  }

  /** A narrowing (long to int) is a type mismatch. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void longDoesNotFeedInt(Compiler compiler) {
    JavaFileObject training = training(
        "  @Stage static long load(@Param int rows) { return rows; }",
        "  @Stage static int count(int load) { return load; }");
    Compilation compilation = compiler.compile(training);
    assertOnlyError(compilation, "[typeline:type-mismatch] stage 'count' takes 'load' as int, but stage 'load' (",
        training, "int count(");
    assertThat(compilation).hadErrorContaining("produces long");
  }

  /** Boxing then widening (int to Long) is not an assignment conversion: a type mismatch. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void intDoesNotFeedLong(Compiler compiler) {
    JavaFileObject training = training(
        "  @Stage static int load(@Param int rows) { return rows; }",
        "  @Stage static long count(Long load) { return load; }");
    Compilation compilation = compiler.compile(training);
    assertOnlyError(compilation, "[typeline:type-mismatch] stage 'count' takes 'load' as Long",
        training, "Long load");
  }

  /** Varargs and arrays, of primitives and of arrays, wire as arrays; a varargs param is set as an array. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void varargsAndArrays(Compiler compiler) throws Exception {
    JavaFileObject training = training(
        "  @Stage static int[] load(@Param String... names) { return new int[] {names.length, 7}; }",
        "  @Stage static int[][] grid(int... load) { return new int[][] {load, load}; }",
        "  @Stage static String[] labels(int[][] grid) { return new String[] {\"\" + grid.length, \"\" + grid[0][1]}; }",
        "  @Stage static String joined(String[] labels) { return String.join(\",\", labels); }");
    Compilation compilation = compiler.compile(training,
        main("Pipelines.training().names(new String[] {\"a\", \"b\", \"c\"}).run().joined()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo("2,7");
  }

  /** List<Integer> feeds List<? extends Number> (and List<?>). */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void wildcardConsumerOfAConcreteList(Compiler compiler) throws Exception {
    JavaFileObject training = training(
        "  @Stage static java.util.List<Integer> load(@Param int rows) { return java.util.List.of(rows, rows); }",
        "  @Stage static java.util.List<? extends Number> numbers(java.util.List<Integer> load) { return load; }",
        "  @Stage static double sum(java.util.List<? extends Number> load, java.util.List<?> numbers) {",
        "    return load.stream().mapToDouble(Number::doubleValue).sum() + numbers.size();",
        "  }");
    Compilation compilation = compiler.compile(training, main("Pipelines.training().rows(3).run().sum()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo(8.0);
  }

  /** List<? extends Number> does not feed List<Integer>. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void wildcardProducerDoesNotFeedAConcreteList(Compiler compiler) {
    JavaFileObject training = training(
        "  @Stage static java.util.List<? extends Number> load(@Param int rows) { return java.util.List.of(rows); }",
        "  @Stage static int count(",
        "      java.util.List<Integer> load) { return load.size(); }");
    Compilation compilation = compiler.compile(training);
    assertOnlyError(compilation, "[typeline:type-mismatch] stage 'count' takes 'load' as List<Integer>, but stage"
        + " 'load' (", training, "List<Integer> load");
    assertThat(compilation).hadErrorContaining("produces List<? extends Number>");
  }

  // ---- Outputs ----

  /** An output may be a void stage: it runs, and the result has no accessor for it. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void voidStageAsAnOutputRunsWithoutAnAccessor(Compiler compiler) throws Exception {
    JavaFileObject training = pipeline("@Pipeline(outputs = {\"log\", \"load\"})",
        "  static final java.util.List<String> LOG = new java.util.concurrent.CopyOnWriteArrayList<>();",
        "  @Stage static int load(@Param int rows) { return rows; }",
        "  @Stage static void log(int load) { LOG.add(\"logged \" + load); }",
        "  @Stage static int unused(int load) { LOG.add(\"unused ran\"); return load; }");
    Compilation compilation = compiler.compile(training,
        main("Pipelines.training().rows(5).run().load() + \" \" + Training.LOG"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo("5 [logged 5]");
    String result = compilation.generatedSourceFile("edge.TrainingResult").orElseThrow().getCharContent(false).toString();
    assertThat(result).contains("public int load()");
    assertThat(result).doesNotContain("log()");
  }

  /** outputs = {} is the default: the sinks. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void emptyOutputsMeanTheSinks(Compiler compiler) throws Exception {
    JavaFileObject training = pipeline("@Pipeline(outputs = {})",
        "  @Stage static int load(@Param int rows) { return rows; }",
        "  @Stage static int left(int load) { return load + 1; }",
        "  @Stage static int right(int load) { return load + 2; }");
    Compilation compilation = compiler.compile(training, main(
        "Pipelines.training().rows(1).run().left() + \",\" + Pipelines.training().rows(1).run().right()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo("2,3");
  }

  // ---- defaultValue ----

  /** An empty String is a valid default. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void emptyStringDefault(Compiler compiler) throws Exception {
    JavaFileObject training = training(
        "  @Stage static String load(@Param(defaultValue = \"\") String prefix) { return \"[\" + prefix + \"]\"; }");
    Compilation compilation = compiler.compile(training, main("Pipelines.training().run().load()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo("[]");
  }

  /** An empty default for an int is refused. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void emptyIntDefault(Compiler compiler) {
    JavaFileObject training = training(
        "  @Stage static int load(",
        "      @Param(defaultValue = \"\") int rows) { return rows; }");
    Compilation compilation = compiler.compile(training);
    assertOnlyError(compilation, "[typeline:bad-default] defaultValue \"\" of param 'rows' is not a"
            + " valid int",
        training, "int rows");
  }

  /** A char default is exactly one character. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void twoCharacterCharDefault(Compiler compiler) {
    JavaFileObject training = training(
        "  @Stage static char load(",
        "      @Param(defaultValue = \"ab\") char separator) { return separator; }");
    Compilation compilation = compiler.compile(training);
    assertOnlyError(compilation, "[typeline:bad-default] defaultValue \"ab\" of param 'separator' is"
            + " not a valid char: expected exactly one character",
        training, "char separator");
  }

  /** A boolean default is true or false, nothing else. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void yesIsNotABoolean(Compiler compiler) {
    JavaFileObject training = training(
        "  @Stage static boolean load(",
        "      @Param(defaultValue = \"yes\") Boolean verbose) { return verbose; }");
    Compilation compilation = compiler.compile(training);
    assertOnlyError(compilation, "[typeline:bad-default] defaultValue \"yes\" of param 'verbose' is"
            + " not a valid java.lang.Boolean: expected true or false",
        training, "Boolean verbose");
  }

  /** Floating-point specials, negative zero and the extremes of each integral type reach the stage intact. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void numericDefaultsAtTheirExtremes(Compiler compiler) throws Exception {
    JavaFileObject training = training(
        "  @Stage static String load(",
        "      @Param(defaultValue = \"NaN\") double nan,",
        "      @Param(defaultValue = \"-Infinity\") double negativeInfinity,",
        "      @Param(defaultValue = \"Infinity\") Float infinity,",
        "      @Param(defaultValue = \"-0.0\") double negativeZero,",
        "      @Param(defaultValue = \"-0.0\") float negativeZeroFloat,",
        "      @Param(defaultValue = \"4.9E-324\") double tiny,",
        "      @Param(defaultValue = \"9223372036854775807\") long maxLong,",
        "      @Param(defaultValue = \"-9223372036854775808\") Long minLong,",
        "      @Param(defaultValue = \"-2147483648\") int minInt,",
        "      @Param(defaultValue = \"-128\") byte minByte,",
        "      @Param(defaultValue = \"-32768\") Short minShort) {",
        "    return nan + \",\" + negativeInfinity + \",\" + infinity + \",\" + negativeZero + \",\" + negativeZeroFloat",
        "        + \",\" + tiny + \",\" + maxLong + \",\" + minLong + \",\" + minInt + \",\" + minByte + \",\" + minShort;",
        "  }");
    Compilation compilation = compiler.compile(training, main("Pipelines.training().run().load()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo("NaN,-Infinity,Infinity,-0.0,-0.0,4.9E-324,"
        + "9223372036854775807,-9223372036854775808,-2147483648,-128,-32768");
  }

  /** A String default keeps quotes, backslashes, tabs, newlines, NUL, non-ASCII and a would-be comment end. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void trickyStringAndCharDefaults(Compiler compiler) throws Exception {
    // The Java source below spells each character with an escape, so this file stays ASCII.
    JavaFileObject training = training(
        "  @Stage static String load(",
        "      @Param(defaultValue = \"say \\\"hi\\\" \\\\ C:\\\\dir\\ttab\\nline\\r\\u0000 */ \\u00e9\\u6f22\\uD83D\\uDE00\")"
            + " String text,",
        "      @Param(defaultValue = \"'\") char quote,",
        "      @Param(defaultValue = \"\\\\\") char backslash,",
        "      @Param(defaultValue = \"\\n\") Character newline,",
        "      @Param(defaultValue = \"\\u00e9\") char accent) {",
        "    return text + \"|\" + quote + backslash + newline + accent;",
        "  }");
    Compilation compilation = compiler.compile(training, main("Pipelines.training().run().load()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main"))
        .isEqualTo("say \"hi\" \\ C:\\dir\ttab\nline\r\u0000 */ \u00e9\u6f22\uD83D\uDE00|'\\\n\u00e9");
  }

  /** U+2028 and U+2029 are not line ends in Java, but JavaPoet's $S splits a literal at them. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void lineSeparatorInAStringDefault(Compiler compiler) throws Exception {
    JavaFileObject training = training(
        "  @Stage static String load(@Param(defaultValue = \"a\\u2028b\\u2029c\") String text) { return text; }");
    Compilation compilation = compiler.compile(training, main("Pipelines.training().run().load()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo("a\u2028b\u2029c");
  }

  /** An unpaired surrogate is a valid Java String; the default must keep it rather than depend on an encoder. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void unpairedSurrogateInAStringDefault(Compiler compiler) throws Exception {
    JavaFileObject training = training(
        "  @Stage static String load(@Param(defaultValue = \"x\\uD800y\") String text) { return text; }");
    Compilation compilation = compiler.compile(training, main("Pipelines.training().run().load()"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(run(compilation, "edge.Main")).isEqualTo("x\uD800y");
  }

  // ---- Found in review ----

  /** A param's type is checked wherever it is first needed, not only where it is first declared. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void privateParamTypeFirstDeclaredInAnUnneededStage(Compiler compiler) {
    JavaFileObject training = pipeline("@Pipeline(outputs = \"used\")",
        "  private record Hidden(int value) {}",
        "  @Stage static int unused(@Param Hidden hidden) { return hidden.value(); }",
        "  @Stage static int used(",
        "      @Param Hidden hidden) { return hidden.value() + 1; }");
    Compilation compilation = compiler.compile(training);
    assertOnlyError(compilation, "[typeline:invalid-stage] stage 'used' uses Training.Hidden, which the generated"
        + " Pipelines in package edge cannot see", training, "hidden.value() + 1");
  }

  /** A class included by two pipelines shows each of its errors once, not once per pipeline. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void errorInAClassIncludedTwiceIsPrintedOnce(Compiler compiler) {
    JavaFileObject features = source("edge.Features",
        "package edge;",
        "import io.typeline.*;",
        "final class Features {",
        "  @Stage static String load(@Param int rows) { return \"\" + rows; }",
        "  @Stage static int count(int load) { return load; }",
        "}");
    JavaFileObject pipelines = source("edge.Jobs",
        "package edge;",
        "import io.typeline.*;",
        "final class Jobs {",
        "  @Pipeline(include = Features.class) static final class Daily {}",
        "  @Pipeline(include = Features.class) static final class Weekly {}",
        "}");
    Compilation compilation = compiler.compile(features, pipelines);
    assertOnlyError(compilation, "[typeline:type-mismatch] stage 'count' takes 'load' as int", features, "int load)");
  }

  /** Pipelines whose factory names coincide (Default gives defaultPipeline()) are a clear clash. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void pipelinesWhoseFactoriesCoincide(Compiler compiler) {
    JavaFileObject jobs = source("edge.Jobs",
        "package edge;",
        "import io.typeline.*;",
        "final class Jobs {",
        "  @Pipeline static final class Default { @Stage static int a(@Param int rows) { return rows; } }",
        "  @Pipeline static final class DefaultPipeline {",
        "    @Stage static int b(@Param int rows) { return rows; }",
        "  }",
        "}");
    Compilation compilation = compiler.compile(jobs);
    assertOnlyError(compilation, "[typeline:name-clash] pipelines edge.Jobs.Default and edge.Jobs.DefaultPipeline",
        jobs, "static final class DefaultPipeline");
  }

  /** A pipeline named like an Object method gets a factory that compiles: getClassPipeline(). */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void pipelineNamedLikeAnObjectMethod(Compiler compiler) throws Exception {
    JavaFileObject jobs = source("edge.Jobs",
        "package edge;",
        "import io.typeline.*;",
        "final class Jobs {",
        "  @Pipeline static final class GetClass { @Stage static int a(@Param int rows) { return rows; } }",
        "}");
    Compilation compilation = compiler.compile(jobs, main("Pipelines.getClassPipeline().rows(5).run().a()"));
    assertThat(compilation).succeeded();
    assertThat(run(compilation, "edge.Main")).isEqualTo(5);
  }

  /** An instance stage of a static class nested in an inner class is reachable: new Outer.Inner.Deep(). */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void instanceStageOfAStaticClassInsideAnInnerClass(Compiler compiler) throws Exception {
    JavaFileObject training = pipeline("@Pipeline(include = Training.Inner.Deep.class)",
        "  class Inner {",
        "    static class Deep { @Stage int a(@Param int rows) { return rows * 2; } }",
        "  }");
    Compilation compilation = compiler.compile(training, main("Pipelines.training().rows(4).run().a()"));
    assertThat(compilation).succeeded();
    assertThat(run(compilation, "edge.Main")).isEqualTo(8);
  }

  /** A pipeline whose only include has no stages: one error, on the include. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void pipelineWhoseIncludeHasNoStages(Compiler compiler) {
    JavaFileObject empty = source("edge.Empty", "package edge;", "final class Empty {}");
    JavaFileObject training = pipeline("@Pipeline(include = Empty.class)");
    Compilation compilation = compiler.compile(training, empty);
    assertOnlyError(compilation, "[typeline:no-stages] edge.Empty declares no @Stage methods (it is listed in"
        + " @Pipeline(include) of Training)", training, "@Pipeline(include = Empty.class)");
  }

  /** A user class named Pipelines in the package of a pipeline: a clear clash, not a Filer crash. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void userClassNamedPipelines(Compiler compiler) {
    JavaFileObject mine = source("edge.Pipelines", "package edge;", "final class Pipelines {}");
    JavaFileObject training = training("  @Stage static int load(@Param int rows) { return rows; }");
    Compilation compilation = compiler.compile(training, mine);
    assertOnlyError(compilation, "[typeline:name-clash] pipeline edge.Training generates edge.Pipelines, but the"
        + " compilation already declares a type of that name", training, "final class Training");
  }

  /** A user type named like the generated enum of a pipeline's stages is a clash too. */
  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void userClassNamedLikeTheStageEnum(Compiler compiler) {
    JavaFileObject mine = source("edge.TrainingStage", "package edge;", "final class TrainingStage {}");
    JavaFileObject training = training("  @Stage static int load(@Param int rows) { return rows; }");
    Compilation compilation = compiler.compile(training, mine);
    assertOnlyError(compilation, "[typeline:name-clash] pipeline edge.Training generates edge.TrainingStage, but"
        + " the compilation already declares a type of that name", training, "final class Training");
  }
}
