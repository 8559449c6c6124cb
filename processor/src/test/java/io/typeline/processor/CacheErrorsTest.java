package io.typeline.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.typeline.processor.Compilers.assertOnlyError;
import static io.typeline.processor.WiringErrorsTest.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cache's compile errors, each on the line at fault, under javac and ECJ: a cached stage whose
 * value nothing can store, a codec class that cannot serve, an output named like the result's own
 * method.
 */
class CacheErrorsTest {

  private static JavaFileObject pipeline(String annotation, String... body) {
    String[] lines = new String[body.length + 6];
    lines[0] = "package test;";
    lines[1] = "import io.typeline.*;";
    lines[2] = annotation;
    lines[3] = "final class Training {";
    System.arraycopy(body, 0, lines, 4, body.length);
    lines[lines.length - 2] = "  static final class Table { final int rows; Table(int rows) { this.rows = rows; } }";
    lines[lines.length - 1] = "}";
    return source("test.Training", lines);
  }

  /** A codec for Training.Table, with {@code constructor} (empty: the implicit public one). */
  private static JavaFileObject tableCodec(String constructor) {
    return source("test.TableCodec",
        "package test;",
        "import io.typeline.runtime.Codec;",
        "import java.io.*;",
        "public final class TableCodec implements Codec<Training.Table> {",
        constructor,
        "  public String name() { return \"table-1\"; }",
        "  public void write(Training.Table value, OutputStream out) throws IOException {",
        "    out.write(value.rows);",
        "  }",
        "  public Training.Table read(InputStream in) throws IOException {",
        "    return new Training.Table(in.read());",
        "  }",
        "}");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void aCachedStageWhoseValueNothingCanStoreSaysTheThreeFixes(Compiler compiler) {
    JavaFileObject source = pipeline("@Pipeline",
        "  @Stage static Table load(@Param int rows) { return new Table(rows); }",
        "  @Stage static int count(Table load) { return load.rows; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:no-codec] stage 'load' returns Training.Table, which the cache"
        + " cannot store; mark the stage @Stage(cache = false), make Training.Table Serializable (or a"
        + " record of storable types), or register a codec: @Pipeline(codecs = TrainingTableCodec.class),"
        + " a class implementing io.typeline.runtime.Codec<Training.Table>", source, "static Table load(");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void cacheFalseCompiles(Compiler compiler) {
    JavaFileObject notCached = pipeline("@Pipeline",
        "  @Stage(cache = false) static Table load(@Param int rows) { return new Table(rows); }",
        "  @Stage static int count(Table load) { return load.rows; }");
    assertThat(compiler.compile(notCached)).succeededWithoutWarnings();
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void aRegisteredCodecCompiles(Compiler compiler) {
    JavaFileObject withCodec = pipeline("@Pipeline(codecs = TableCodec.class)",
        "  @Stage static Table load(@Param int rows) { return new Table(rows); }",
        "  @Stage static int count(Table load) { return load.rows; }");
    JavaFileObject codec = tableCodec("");
    assertThat(compiler.compile(withCodec, codec)).succeededWithoutWarnings();
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void aCodecClassThatIsNotACodecIsNamedOnItsAnnotationValue(Compiler compiler) {
    JavaFileObject source = pipeline("@Pipeline(codecs =\n    String.class)",
        "  @Stage static int load(@Param int rows) { return rows; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:bad-codec] java.lang.String in @Pipeline(codecs) does not"
        + " implement io.typeline.runtime.Codec<T>; a codec is a public class implementing"
        + " io.typeline.runtime.Codec<T> with a public no-arg constructor", source,
        Compilers.isJavac(compiler) ? "String.class" : "@Pipeline(codecs");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void aCodecTheGeneratedCodeCannotCreateIsNamed(Compiler compiler) {
    JavaFileObject source = pipeline("@Pipeline(codecs = TableCodec.class)",
        "  @Stage static Table load(@Param int rows) { return new Table(rows); }");
    JavaFileObject codec = tableCodec("  private TableCodec() {}");
    Compilation compilation = compiler.compile(source, codec);
    // Only this error: that the stage then has no codec would follow from it.
    assertOnlyError(compilation, "[typeline:bad-codec] test.TableCodec in @Pipeline(codecs) cannot be"
        + " created by the generated code: give it a public no-arg constructor", source,
        "@Pipeline(codecs = TableCodec.class)");
  }

  @ParameterizedTest
  @MethodSource("io.typeline.processor.Compilers#both")
  void anOutputNamedStagesClashesWithTheResultsOwnMethod(Compiler compiler) {
    JavaFileObject source = pipeline("@Pipeline",
        "  @Stage static int stages(@Param int rows) { return rows; }");
    Compilation compilation = compiler.compile(source);
    assertOnlyError(compilation, "[typeline:reserved-name] stage 'stages' is an output, but TrainingResult"
        + " has a method stages() of its own, which lists what each stage did in the run; rename the stage",
        source, "static int stages(");
  }
}
