package io.typeline.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pipeline as data: its param values, its stages ({@link Node}s) and which stages are outputs.
 * Generated code builds one per run and hands it to {@link Runner#run}; it is also what a planner,
 * a diagram or a remote executor reads.
 *
 * <p>{@link #build()} checks the graph (every input exists, no cycle, outputs exist), so a graph
 * built by hand gets the same guarantees the processor gives generated ones.
 */
public final class Graph {
  private final String pipeline;
  private final Map<String, Object> params;
  private final List<Node> nodes;
  private final Set<String> outputs;
  /** Index form of the edges, computed by {@link Builder#build()}. */
  private Topology topology;
  /** The last checked topology of each pipeline name: one per pipeline class, in practice. */
  private static final ConcurrentHashMap<String, Topology> KNOWN = new ConcurrentHashMap<>();

  private Graph(String pipeline, Map<String, Object> params, List<Node> nodes, Set<String> outputs) {
    this.pipeline = pipeline;
    this.params = params;
    this.nodes = nodes;
    this.outputs = outputs;
  }

  /** Starts a graph for the pipeline with this name (its class's name). */
  public static Builder builder(String pipeline) {
    return new Builder(pipeline);
  }

  /** The pipeline's name. */
  public String pipeline() {
    return pipeline;
  }

  /** Param names to values, in the order they were added. Values may be {@code null}. */
  public Map<String, Object> params() {
    return params;
  }

  /** The stages, in the order they were added. */
  public List<Node> nodes() {
    return nodes;
  }

  Topology topology() {
    return topology;
  }

  /** Names of the stages whose values a run returns. */
  public Set<String> outputs() {
    return outputs;
  }

  /** Collects params, stages and outputs; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private final String pipeline;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Set<String> outputs = new LinkedHashSet<>();

    private Builder(String pipeline) {
      this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    }

    /** Adds a pipeline input. */
    public Builder param(String name, Object value) {
      requireNewName(name);
      params.put(name, value);
      return this;
    }

    /** Adds a stage taking the values of {@code inputs} (stage or param names), in order. */
    public Builder stage(String name, String location, Invoker invoker, String... inputs) {
      requireNewName(name);
      nodes.put(name, new Node(name, location, List.of(inputs), invoker));
      return this;
    }

    /** Marks stages as outputs. */
    public Builder outputs(String... names) {
      Collections.addAll(outputs, names);
      return this;
    }

    /** Checks the graph and freezes it. */
    public Graph build() {
      for (Node node : nodes.values()) {
        for (String input : node.inputs()) {
          if (!nodes.containsKey(input) && !params.containsKey(input)) {
            throw new IllegalArgumentException(
                "Pipeline '" + pipeline + "': stage '" + node.name() + "' takes '" + input
                    + "', which is neither a stage nor a param of the graph");
          }
        }
      }
      for (String output : outputs) {
        if (!nodes.containsKey(output)) {
          throw new IllegalArgumentException(
              "Pipeline '" + pipeline + "': output '" + output + "' is not a stage of the graph");
        }
      }
      Graph graph = new Graph(pipeline, Collections.unmodifiableMap(new LinkedHashMap<>(params)),
          List.copyOf(nodes.values()), Collections.unmodifiableSet(new LinkedHashSet<>(outputs)));
      // Generated code builds the same graph on every run: reuse its index form when it matches.
      Topology known = KNOWN.get(pipeline);
      if (known != null && known.describes(graph.nodes)) {
        graph.topology = known;
        return graph;
      }
      graph.topology = Topology.of(graph);
      List<String> cycle = graph.topology.cycle();
      if (!cycle.isEmpty()) {
        throw new IllegalArgumentException(
            "Pipeline '" + pipeline + "': stages form a cycle: " + String.join(" -> ", cycle));
      }
      KNOWN.put(pipeline, graph.topology);
      return graph;
    }

    private void requireNewName(String name) {
      Objects.requireNonNull(name, "name");
      if (params.containsKey(name) || nodes.containsKey(name)) {
        throw new IllegalArgumentException(
            "Pipeline '" + pipeline + "': '" + name + "' is declared twice");
      }
    }
  }

  @Override
  public String toString() {
    List<String> stages = new ArrayList<>();
    for (Node node : nodes) {
      stages.add(node.name() + node.inputs());
    }
    return "Graph[" + pipeline + ": " + stages + " -> " + outputs + "]";
  }
}
