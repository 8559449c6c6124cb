package io.typeline.benchmarks.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Writes the benchmark shapes as Java source, which the build compiles with the Typeline and
 * Dagger processors. One file on purpose: the build runs it with the JDK's source launcher
 * ({@code java GenerateShapes.java <dir>}) before anything is compiled, at generate-sources, so the
 * generated graphs are not committed. {@code ProcessorCost} uses the same classes.
 */
public final class GenerateShapes {
  /** The shapes the runtime benchmarks measure. */
  public static final List<Shape> SHAPES = List.of(
      Shape.chain(10), Shape.chain(100), Shape.chain(1000),
      Shape.fanIn(10), Shape.fanIn(100),
      Shape.lattice(10, 10), Shape.lattice(10, 100));

  private GenerateShapes() {}

  /** Writes {@link #SHAPES} under the source root given as the only argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: java GenerateShapes.java <source root to write into>");
    }
    ShapeWriter writer = new ShapeWriter("io.typeline.benchmarks.shapes", true);
    for (Shape shape : SHAPES) {
      writer.write(shape, Path.of(args[0]));
    }
  }

  /**
   * A graph of trivial stages over {@code long}, named {@code s0, s1, ...}: each stage adds its
   * inputs and its own index. The same shape is written three ways by {@link ShapeWriter}.
   *
   * @param name the class-name stem, like {@code Chain100}
   * @param inputs for each stage, the indexes of the stages it takes (empty: it takes the start param)
   */
  public record Shape(String name, List<int[]> inputs) {

    public int size() {
      return inputs.size();
    }

    /** The last stage: the output. */
    public int sink() {
      return inputs.size() - 1;
    }

    /** s0 -> s1 -> ... -> s(n-1). */
    public static Shape chain(int n) {
      List<int[]> inputs = new ArrayList<>();
      inputs.add(new int[0]);
      for (int i = 1; i < n; i++) {
        inputs.add(new int[] {i - 1});
      }
      return new Shape("Chain" + n, inputs);
    }

    /**
     * n independent stages feeding one sink (n + 1 stages). n stays under the JVM's limit of 255
     * parameters per method, which binds Dagger and Typeline alike.
     */
    public static Shape fanIn(int n) {
      List<int[]> inputs = new ArrayList<>();
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        inputs.add(new int[0]);
        all[i] = i;
      }
      inputs.add(all);
      return new Shape("FanIn" + n, inputs);
    }

    /**
     * A diamond lattice: {@code depth} layers of {@code width} stages, each taking two neighbours of
     * the layer above, then one sink taking the last layer.
     */
    public static Shape lattice(int width, int depth) {
      List<int[]> inputs = new ArrayList<>();
      for (int j = 0; j < width; j++) {
        inputs.add(new int[0]);
      }
      for (int layer = 1; layer < depth; layer++) {
        int above = (layer - 1) * width;
        for (int j = 0; j < width; j++) {
          inputs.add(new int[] {above + j, above + (j + 1) % width});
        }
      }
      int last = (depth - 1) * width;
      int[] sinkInputs = new int[width];
      for (int j = 0; j < width; j++) {
        sinkInputs[j] = last + j;
      }
      inputs.add(sinkInputs);
      return new Shape("Lattice" + width + "x" + depth, inputs);
    }
  }

  /**
   * Writes a {@link Shape} as Java source in three forms that compute the same value with the same
   * stage bodies: a Typeline {@code @Pipeline} (whose class also holds the hand-written version, a
   * straight run of direct calls), and a Dagger Producers module and component.
   */
  public static final class ShapeWriter {
    private final String packageName;
    private final boolean runners;

    /**
     * {@code runners}: also write {@code typeline(start)} and {@code run(start)}, which call the
     * generated {@code Pipelines} and Dagger component, for the runtime benchmarks; without them
     * each form compiles on its own, with or without its processor, as ProcessorCost needs.
     */
    public ShapeWriter(String packageName, boolean runners) {
      this.packageName = packageName;
      this.runners = runners;
    }

    /** Writes {@code <Name>.java} and {@code <Name>Dagger.java} under {@code sourceRoot}. */
    public void write(Shape shape, Path sourceRoot) throws IOException {
      Path dir = sourceRoot.resolve(packageName.replace('.', '/'));
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(shape.name() + ".java"), typeline(shape));
      Files.writeString(dir.resolve(shape.name() + "Dagger.java"), dagger(shape));
    }

    /** The Typeline pipeline, plus {@code direct(start)}: the same calls written by hand. */
    public String typeline(Shape shape) {
      StringBuilder out = header("import io.typeline.Param;\nimport io.typeline.Pipeline;\nimport io.typeline.Stage;\n");
      out.append("/** ").append(shape.size()).append(" stages; generated by GenerateShapes. */\n");
      out.append("@Pipeline(outputs = \"s").append(shape.sink()).append("\")\n");
      out.append("public final class ").append(shape.name()).append(" {\n");
      out.append("  private ").append(shape.name()).append("() {}\n\n");
      for (int i = 0; i < shape.size(); i++) {
        int[] inputs = shape.inputs().get(i);
        StringJoiner parameters = new StringJoiner(", ");
        StringJoiner sum = new StringJoiner(" + ");
        if (inputs.length == 0) {
          parameters.add("@Param long start");
          sum.add("start");
        }
        for (int input : inputs) {
          parameters.add("long s" + input);
          sum.add("s" + input);
        }
        out.append("  @Stage\n  public static long s").append(i).append('(').append(parameters)
            .append(") {\n    return ").append(sum).append(" + ").append(i).append(";\n  }\n\n");
      }
      out.append("  /** The same computation as direct calls: the hand-written baseline. */\n");
      out.append("  public static long direct(long start) {\n");
      for (int i = 0; i < shape.size(); i++) {
        int[] inputs = shape.inputs().get(i);
        StringJoiner arguments = new StringJoiner(", ");
        if (inputs.length == 0) {
          arguments.add("start");
        }
        for (int input : inputs) {
          arguments.add("v" + input);
        }
        out.append("    long v").append(i).append(" = s").append(i).append('(').append(arguments).append(");\n");
      }
      out.append("    return v").append(shape.sink()).append(";\n  }\n");
      if (runners) {
        out.append("\n  /** Dagger has no cache nor event log: the glue is measured without them. */\n");
        out.append("  private static final io.typeline.runtime.RunOptions NO_CACHE =\n");
        out.append("      io.typeline.runtime.RunOptions.defaults().noCache().noRunFolder();\n");
        out.append("\n  /** One run through the generated Typeline glue and the default executor. */\n");
        out.append("  public static long typeline(long start) {\n");
        out.append("    return Pipelines.").append(Character.toLowerCase(shape.name().charAt(0)))
            .append(shape.name().substring(1)).append("().start(start).run(NO_CACHE).s").append(shape.sink()).append("();\n");
        out.append("  }\n");
      }
      out.append("}\n");
      return out.toString();
    }

    /**
     * The Dagger Producers form: one {@code @Produces} method per stage, each qualified by its
     * stage's name (all produce {@code long}), calling the same stage body; a component exposing the
     * sink, with the start value bound on its builder and a direct executor, as Dagger's own
     * benchmarks use.
     */
    public String dagger(Shape shape) {
      String name = shape.name() + "Dagger";
      StringBuilder out = header(String.join("\n", List.of(
          "import com.google.common.util.concurrent.ListenableFuture;",
          "import com.google.common.util.concurrent.MoreExecutors;",
          "import dagger.BindsInstance;",
          "import dagger.Module;",
          "import dagger.Provides;",
          "import dagger.producers.ProducerModule;",
          "import dagger.producers.Produces;",
          "import dagger.producers.Production;",
          "import dagger.producers.ProductionComponent;",
          "import java.util.concurrent.Executor;",
          "import javax.inject.Named;", "")));
      out.append("/** ").append(shape.name()).append(" as Dagger producers; generated by GenerateShapes. */\n");
      out.append("public final class ").append(name).append(" {\n");
      out.append("  private ").append(name).append("() {}\n\n");
      out.append("  @ProducerModule\n  static final class Stages {\n");
      for (int i = 0; i < shape.size(); i++) {
        int[] inputs = shape.inputs().get(i);
        StringJoiner parameters = new StringJoiner(", ");
        StringJoiner arguments = new StringJoiner(", ");
        if (inputs.length == 0) {
          parameters.add("@Named(\"start\") long start");
          arguments.add("start");
        }
        for (int input : inputs) {
          parameters.add("@Named(\"s" + input + "\") long s" + input);
          arguments.add("s" + input);
        }
        out.append("    @Produces @Named(\"s").append(i).append("\")\n    static long s").append(i).append('(')
            .append(parameters).append(") {\n      return ").append(shape.name()).append(".s").append(i)
            .append('(').append(arguments).append(");\n    }\n\n");
      }
      out.append("  }\n\n");
      out.append("  @Module\n  static final class DirectExecutor {\n");
      out.append("    @Provides @Production\n    static Executor executor() {\n");
      out.append("      return MoreExecutors.directExecutor();\n    }\n  }\n\n");
      out.append("  @ProductionComponent(modules = {Stages.class, DirectExecutor.class})\n");
      out.append("  public interface Graph {\n");
      out.append("    @Named(\"s").append(shape.sink()).append("\") ListenableFuture<Long> sink();\n\n");
      out.append("    @ProductionComponent.Builder\n    interface Builder {\n");
      out.append("      @BindsInstance Builder start(@Named(\"start\") long start);\n\n");
      out.append("      Graph build();\n    }\n  }\n");
      if (runners) {
        out.append("\n  /** One run through the generated Dagger component. */\n");
        out.append("  public static long run(long start) throws Exception {\n");
        out.append("    return Dagger").append(name).append("_Graph.builder().start(start).build().sink().get();\n");
        out.append("  }\n");
      }
      out.append("}\n");
      return out.toString();
    }

    private StringBuilder header(String imports) {
      return new StringBuilder("// Generated by io.typeline.benchmarks.generator.GenerateShapes; do not edit.\n")
          .append("package ").append(packageName).append(";\n\n").append(imports).append('\n');
    }
  }
}
