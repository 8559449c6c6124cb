package io.typeline.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A pipeline as data: its params, its stages ({@link Node}s) and which stages are outputs.
 * {@link #build()} checks the graph (every input exists, no cycle, outputs exist), so a graph
 * built by hand gets the same guarantees the processor gives generated ones; it is also what a
 * planner, a diagram or a remote executor reads.
 *
 * <p>Generated code builds its pipeline's graph once, as a template whose params are declared
 * without values ({@link Builder#param(String)}), and gives each run its values with
 * {@link #with}: a run then costs no graph construction, and what the runtime learns about the
 * stages (how long each takes) stays with the one template. An instance whose methods are stages
 * is a param too, the first input of each of those stages.
 */
public final class Graph {
  /** The value of a param declared without one, until {@link #with} gives it. */
  private static final Object UNSET = new Object() {
    @Override
    public String toString() {
      return "(unset)";
    }
  };

  private final String pipeline;
  private final List<String> paramNames;
  private final Object[] paramValues;
  private final List<Node> nodes;
  private final Set<String> outputs;
  /** Per param: the codec whose bytes stand for its value in cache keys, or {@code null}. */
  private final Codec<?>[] paramCodecs;
  /** Per node: its {@link Lineage}, or {@code null} when it has none. */
  private final Lineage[] lineages;
  /** Per node: how it is attempted. */
  private final StagePolicy[] policies;
  /** Per node: the argument it fans out over ({@code @Each}), or -1. */
  private final int[] eachInputs;
  /** Per node: whether it returns a {@code CompletionStage} whose value its consumers see. */
  private final boolean[] async;
  /** Index form of the edges, computed once by {@link Builder#build()} and shared by {@link #with}. */
  private final Topology topology;

  private Graph(String pipeline, List<String> paramNames, Object[] paramValues, List<Node> nodes,
      Set<String> outputs, Codec<?>[] paramCodecs, Lineage[] lineages, StagePolicy[] policies,
      int[] eachInputs, boolean[] async, Topology topology) {
    this.async = async;
    this.paramCodecs = paramCodecs;
    this.eachInputs = eachInputs;
    this.policies = policies;
    this.lineages = lineages;
    this.pipeline = pipeline;
    this.paramNames = paramNames;
    this.paramValues = paramValues;
    this.nodes = nodes;
    this.outputs = outputs;
    this.topology = topology;
  }

  /** Starts a graph for the pipeline with this name (its class's name). */
  public static Builder builder(String pipeline) {
    return new Builder(pipeline);
  }

  /**
   * This graph with {@code values} for its params, in the order they were declared: what a run
   * of generated code executes. Shares everything else with this graph.
   *
   * @throws IllegalArgumentException when the count differs from the number of params
   */
  public Graph with(Object... values) {
    if (values.length != paramNames.size()) {
      throw new IllegalArgumentException("Pipeline '" + pipeline + "' has " + paramNames.size()
          + " params " + paramNames + " but was given " + values.length
          + " values; give one per param, in declaration order");
    }
    return new Graph(pipeline, paramNames, values.clone(), nodes, outputs, paramCodecs, lineages,
        policies, eachInputs, async, topology);
  }

  /** The pipeline's name. */
  public String pipeline() {
    return pipeline;
  }

  /** Param names to values, in the order they were declared. Values may be {@code null}. */
  public Map<String, Object> params() {
    Map<String, Object> params = new LinkedHashMap<>();
    for (int p = 0; p < paramNames.size(); p++) {
      params.put(paramNames.get(p), paramValues[p]);
    }
    return Collections.unmodifiableMap(params);
  }

  /** The value of param number {@code p}; a run checks first that every param has one. */
  Object param(int p) {
    return paramValues[p];
  }

  /**
   * Fails with a message naming the params a template was run without: a graph whose params were
   * declared without values must be given them through {@link #with}.
   */
  void requireParamValues() {
    List<String> unset = new ArrayList<>();
    for (int p = 0; p < paramValues.length; p++) {
      if (paramValues[p] == UNSET) {
        unset.add(paramNames.get(p));
      }
    }
    if (!unset.isEmpty()) {
      throw new IllegalArgumentException("Pipeline '" + pipeline + "': params " + unset
          + " have no value; run graph.with(values...) with one value per param, in declaration order");
    }
  }

  /** The stages, in the order they were added. */
  public List<Node> nodes() {
    return nodes;
  }

  Topology topology() {
    return topology;
  }

  List<String> paramNames() {
    return paramNames;
  }

  Codec<?> paramCodec(int p) {
    return paramCodecs[p];
  }

  Lineage lineage(int node) {
    return lineages[node];
  }

  StagePolicy policy(int node) {
    return policies[node];
  }

  /** Whether node {@code node} is asynchronous: its value is what its future completes with. */
  boolean isAsync(int node) {
    return async[node];
  }

  /** The argument node {@code node} fans out over, or -1 when it runs once. */
  int eachInput(int node) {
    return eachInputs[node];
  }

  /** Whether any stage has a lineage: only then does a run open the cache. */
  boolean hasLineage() {
    for (Lineage lineage : lineages) {
      if (lineage != null) {
        return true;
      }
    }
    return false;
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
    private final Map<String, Codec<?>> paramCodecs = new HashMap<>();
    private final Map<String, Lineage> lineages = new HashMap<>();
    private final Map<String, StagePolicy> policies = new HashMap<>();
    private final Map<String, Integer> eachInputs = new HashMap<>();
    private final Set<String> asyncStages = new java.util.HashSet<>();

    private Builder(String pipeline) {
      this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    }

    /** Adds a pipeline input with its value. */
    public Builder param(String name, Object value) {
      requireNewName(name);
      params.put(name, value);
      return this;
    }

    /** Adds a pipeline input whose value each run gives through {@link Graph#with}. */
    public Builder param(String name) {
      return param(name, UNSET);
    }

    /**
     * Adds a pipeline input whose value each run gives through {@link Graph#with}, and which
     * counts in cache keys by the bytes {@code codec} writes for it ({@code Path} values by their
     * content). A param without a codec keeps the stages taking it out of the cache.
     */
    public Builder param(String name, Codec<?> codec) {
      param(name, UNSET);
      paramCodecs.put(name, Objects.requireNonNull(codec, "codec"));
      return this;
    }

    /** Gives stage {@code stage}, added before, its {@link Lineage}: the cache may then keep it. */
    public Builder lineage(String stage, Lineage lineage) {
      lineages.put(requireStage(stage, "a lineage"), Objects.requireNonNull(lineage, "lineage"));
      return this;
    }

    /**
     * Retries stage {@code stage}, added before, up to {@code retries} times after an exception,
     * and interrupts an attempt that runs longer than {@code timeout} ({@code null}: no limit).
     */
    public Builder policy(String stage, int retries, java.time.Duration timeout) {
      return policy(stage, retries, timeout, 0);
    }

    /** {@link #policy(String, int, java.time.Duration)}, and for a fan-out its concurrency (0: the run's). */
    public Builder policy(String stage, int retries, java.time.Duration timeout, int concurrency) {
      policies.put(requireStage(stage, "a policy"), new StagePolicy(retries, timeout, concurrency));
      return this;
    }

    /**
     * Makes stage {@code stage}, added before, a fan-out: it runs once per element of its argument
     * number {@code input} (an {@code Iterable} or an array), and its value is the list of results.
     */
    public Builder each(String stage, int input) {
      Node node = nodes.get(requireStage(stage, "@Each"));
      if (input < 0 || input >= node.inputs().size()) {
        throw new IllegalArgumentException("Pipeline '" + pipeline + "': stage '" + stage + "' has "
            + node.inputs().size() + " inputs, so it cannot fan out over input " + input);
      }
      eachInputs.put(stage, input);
      return this;
    }

    /**
     * Makes stage {@code stage}, added before, asynchronous: it returns a {@code CompletionStage}
     * (a {@code CompletableFuture}), holds no thread while it is pending, and its consumers see
     * the value it completes with.
     */
    public Builder async(String stage) {
      asyncStages.add(requireStage(stage, "async"));
      return this;
    }

    private String requireStage(String stage, String what) {
      if (!nodes.containsKey(stage)) {
        throw new IllegalArgumentException("Pipeline '" + pipeline + "': no stage '" + stage
            + "' to give " + what + "; add the stage first");
      }
      return stage;
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
      List<String> paramNames = List.copyOf(params.keySet());
      List<Node> nodeList = List.copyOf(nodes.values());
      Topology topology = Topology.of(nodeList, paramNames);
      List<String> cycle = topology.cycle();
      if (!cycle.isEmpty()) {
        throw new IllegalArgumentException(
            "Pipeline '" + pipeline + "': stages form a cycle: " + String.join(" -> ", cycle));
      }
      Codec<?>[] codecs = new Codec<?>[paramNames.size()];
      for (int p = 0; p < codecs.length; p++) {
        codecs[p] = paramCodecs.get(paramNames.get(p));
      }
      Lineage[] lineageOf = new Lineage[nodeList.size()];
      StagePolicy[] policyOf = new StagePolicy[nodeList.size()];
      int[] eachOf = new int[nodeList.size()];
      boolean[] asyncOf = new boolean[nodeList.size()];
      for (int i = 0; i < lineageOf.length; i++) {
        lineageOf[i] = lineages.get(nodeList.get(i).name());
        policyOf[i] = policies.getOrDefault(nodeList.get(i).name(), StagePolicy.ONCE);
        eachOf[i] = eachInputs.getOrDefault(nodeList.get(i).name(), -1);
        asyncOf[i] = asyncStages.contains(nodeList.get(i).name());
      }
      return new Graph(pipeline, paramNames, params.values().toArray(), nodeList,
          Collections.unmodifiableSet(new LinkedHashSet<>(outputs)), codecs, lineageOf, policyOf, eachOf,
          asyncOf, topology);
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
