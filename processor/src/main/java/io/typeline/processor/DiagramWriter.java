package io.typeline.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.StandardLocation;

/**
 * Writes each clean pipeline's graph as Mermaid and DOT resources
 * ({@code META-INF/typeline/<qualified name>.mmd} and {@code .dot}): params, the stages needed for
 * the outputs, and their wires, in source order, so the output is deterministic.
 */
final class DiagramWriter {
  private final Filer filer;

  DiagramWriter(Filer filer) {
    this.filer = filer;
  }

  void write(Wiring wiring) throws IOException {
    String name = wiring.pipeline().type().getQualifiedName().toString();
    Element[] origins = wiring.stages().stream().map(StageModel::owner).distinct().toArray(Element[]::new);
    resource(name + ".mmd", mermaid(wiring), origins);
    resource(name + ".dot", dot(wiring), origins);
  }

  private void resource(String file, String text, Element[] origins) throws IOException {
    try (Writer out = filer.createResource(StandardLocation.CLASS_OUTPUT, "", "META-INF/typeline/" + file, origins)
        .openWriter()) {
      out.write(text);
    }
  }

  static String mermaid(Wiring wiring) {
    StringBuilder out = new StringBuilder("flowchart LR\n");
    for (Wiring.BuilderInput input : wiring.inputs()) {
      out.append("  ").append(id("param", input.name())).append("[/\"").append(input.name()).append("\"/]\n");
    }
    List<StageModel> outputs = wiring.outputs();
    for (StageModel stage : wiring.stages()) {
      String label = stage.name() + (stage.eachInput() >= 0 ? " (each)" : "");
      String id = id("stage", stage.name());
      out.append("  ").append(id);
      if (stage.eachInput() >= 0) {
        out.append("[[\"").append(label).append("\"]]");
      } else if (outputs.contains(stage)) {
        out.append("(\"").append(label).append("\")");
      } else {
        out.append("[\"").append(label).append("\"]");
      }
      out.append('\n');
    }
    for (StageModel stage : wiring.stages()) {
      for (Input input : stage.inputs()) {
        out.append("  ").append(id(input.isParam() ? "param" : "stage", input.name())).append(" --> ")
            .append(id("stage", stage.name())).append('\n');
      }
      if (!stage.isStatic()) {
        wiring.inputs().stream()
            .filter(input -> input instanceof Wiring.InstanceInput instance && instance.type().equals(stage.owner()))
            .forEach(input -> out.append("  ").append(id("param", input.name())).append(" -.-> ")
                .append(id("stage", stage.name())).append('\n'));
      }
    }
    return out.toString();
  }

  static String dot(Wiring wiring) {
    StringBuilder out = new StringBuilder("digraph \"").append(wiring.pipeline().simpleName()).append("\" {\n")
        .append("  rankdir=LR;\n");
    for (Wiring.BuilderInput input : wiring.inputs()) {
      out.append("  \"").append(input.name()).append("\" [shape=parallelogram];\n");
    }
    for (StageModel stage : wiring.stages()) {
      out.append("  \"").append(stage.name()).append("\" [shape=")
          .append(stage.eachInput() >= 0 ? "box3d" : wiring.outputs().contains(stage) ? "box, style=rounded" : "box")
          .append("];\n");
    }
    for (StageModel stage : wiring.stages()) {
      for (Input input : stage.inputs()) {
        out.append("  \"").append(input.name()).append("\" -> \"").append(stage.name()).append("\";\n");
      }
    }
    return out.append("}\n").toString();
  }

  /** Mermaid ids: params and stages may share a name across kinds only, so the kind prefixes it. */
  private static String id(String kind, String name) {
    return kind + "_" + name;
  }
}
