package io.typeline.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated sources for {@code golden/input} are exactly {@code golden/expected}, which double
 * as documentation of what the processor writes. After an intended change, regenerate them with
 * {@code mvn -pl processor test -Dtest=GoldenFilesTest -Dtypeline.updateGolden=true} and review the diff.
 */
class GoldenFilesTest {
  private static final List<String> GENERATED = List.of(
      "com.example.ml.Pipelines",
      "com.example.ml.TrainingResult",
      "com.example.ml.TrainingStage",
      "com.example.ml.Training_TypelineStages",
      "com.example.ml.Features_TypelineStages",
      "com.example.ml.Stats_TypelineStages");

  @Test
  void theDiagramsAreWrittenAsResourcesAndMatchTheirGoldenFiles() throws Exception {
    Compilation compilation = Compilers.javac().compile(inputs());
    boolean update = Boolean.getBoolean("typeline.updateGolden");
    for (String file : List.of("com.example.ml.Training.mmd", "com.example.ml.Training.dot")) {
      String actual = compilation.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT,
          "META-INF/typeline/" + file).orElseThrow().getCharContent(false).toString();
      Path golden = Path.of("src/test/resources/golden/expected/META-INF/typeline", file);
      if (update) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual);
      }
      assertThat(actual).isEqualTo(Files.readString(golden));
    }
  }

  @Test
  void generatedSourcesMatchTheGoldenFiles() throws Exception {
    Compilation compilation = Compilers.javac().compile(inputs());
    assertThat(compilation).succeededWithoutWarnings();
    boolean update = Boolean.getBoolean("typeline.updateGolden");
    for (String name : GENERATED) {
      String actual = compilation.generatedSourceFile(name).orElseThrow().getCharContent(false).toString();
      Path golden = Path.of("src/test/resources/golden/expected", name.replace('.', '/') + ".java");
      if (update) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual);
      }
      assertThat(actual).isEqualTo(Files.readString(golden));
    }
  }

  /** ECJ writes the same code except locations, which it cannot know (no tree API): class names. */
  @Test
  void theSameInputsCompileUnderTheEclipseCompiler() throws Exception {
    Compilation compilation = Compilers.ecj().compile(inputs());
    assertThat(compilation).succeeded();
    assertThat(compilation).hadErrorCount(0);
    String expected = Files.readString(Path.of("src/test/resources/golden/expected/com/example/ml/Pipelines.java"))
        .replaceAll("\"(\\w+)\\.java:\\d+\"", "\"com.example.ml.$1\"");
    assertThat(compilation.generatedSourceFile("com.example.ml.Pipelines").orElseThrow().getCharContent(false).toString())
        .isEqualTo(expected);
  }

  @Test
  void outputIsTheSameWhateverTheOrderOfTheInputs() throws Exception {
    List<JavaFileObject> inputs = inputs();
    Compilation forward = Compilers.javac().compile(inputs);
    List<JavaFileObject> reversed = new ArrayList<>(inputs);
    java.util.Collections.reverse(reversed);
    Compilation backward = Compilers.javac().compile(reversed);
    for (String name : GENERATED) {
      assertThat(backward.generatedSourceFile(name).orElseThrow().getCharContent(false).toString())
          .isEqualTo(forward.generatedSourceFile(name).orElseThrow().getCharContent(false).toString());
    }
  }

  static List<JavaFileObject> inputs() throws IOException, URISyntaxException {
    URL root = GoldenFilesTest.class.getResource("/golden/input");
    List<JavaFileObject> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
      for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
        String name = Path.of(root.toURI()).relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "");
        sources.add(JavaFileObjects.forSourceString(name, Files.readString(file, StandardCharsets.UTF_8)));
      }
    }
    return sources;
  }
}
