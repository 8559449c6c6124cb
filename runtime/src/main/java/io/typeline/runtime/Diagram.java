package io.typeline.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A pipeline's graph drawn at compile time, as Mermaid (which GitHub renders in Markdown) and as
 * Graphviz DOT. The processor writes both as resources next to the generated classes
 * ({@code META-INF/typeline/<pipeline>.mmd} and {@code .dot}); {@code graph()} on a generated
 * builder returns them.
 *
 * @param mermaid a {@code flowchart LR}: params as parallelograms, stages as boxes, fan-outs as
 *     double boxes, outputs as rounded boxes
 * @param dot the same graph as a Graphviz {@code digraph}
 */
public record Diagram(String mermaid, String dot) {

  /** The diagrams of pipeline {@code pipeline} (its qualified name), read beside {@code anchor}. */
  public static Diagram of(Class<?> anchor, String pipeline) {
    return new Diagram(read(anchor, pipeline + ".mmd"), read(anchor, pipeline + ".dot"));
  }

  private static String read(Class<?> anchor, String name) {
    String path = "/META-INF/typeline/" + name;
    try (InputStream in = anchor.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("The diagram " + path + " is missing from the class path;"
            + " it is written by typeline-processor with the generated code: rebuild the module");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
