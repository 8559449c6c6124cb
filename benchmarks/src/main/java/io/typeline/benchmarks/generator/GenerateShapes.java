package io.typeline.benchmarks.generator;

import java.nio.file.Path;
import java.util.List;

/**
 * Rewrites the benchmark shapes under {@code benchmarks/src/shapes/java}, which the build compiles
 * with the Typeline and Dagger processors. Run from the repository root after changing
 * {@link ShapeWriter}: {@code java -cp benchmarks/target/classes io.typeline.benchmarks.generator.GenerateShapes}.
 */
public final class GenerateShapes {
  /** The shapes the runtime benchmarks measure. */
  public static final List<Shape> SHAPES = List.of(
      Shape.chain(10), Shape.chain(100), Shape.chain(1000),
      Shape.fanIn(10), Shape.fanIn(100),
      Shape.lattice(10, 10), Shape.lattice(10, 100));

  private GenerateShapes() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "benchmarks/src/shapes/java");
    ShapeWriter writer = new ShapeWriter("io.typeline.benchmarks.shapes");
    for (Shape shape : SHAPES) {
      writer.write(shape, root);
      System.out.println("wrote " + shape.name() + " (" + shape.size() + " stages)");
    }
  }
}
