package io.typeline.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which stages of one run come from the cache and which run, and why; made before anything runs.
 * A run uses it to skip hits (their values read here) and to store what it computes; {@link
 * Runner#plan} shows it without running or reading any value.
 *
 * <p>Keys are computed in topological order (a stage's key takes its inputs' keys). Decisions go
 * the other way: a stage is needed when it is an output or a stage that runs takes it, so the
 * inputs of a hit are not even read. Why a stage runs comes from a small record the store keeps
 * per stage method: the parts of the key it last ran with.
 */
final class CachePlan {
  private static final Codec<List<String>> RECORD = Codecs.list(Codecs.string());
  private static final ConcurrentHashMap<Path, Store> STORES = new ConcurrentHashMap<>();

  private final Graph graph;
  private final Store store;
  private final String[] keys;
  /** Per keyed node: the parts of its key, as written to its record. */
  private final List<String>[] parts;
  /** Per fan-out whose elements are cached one by one: the key its elements' keys extend. */
  private final String[] elementBases;
  final boolean[] runs;
  /** Forced stages run whole: their elements are not read from the cache either. */
  private final boolean[] runsForced;
  final Object[] loaded;
  final StageOutcome[] outcomes;

  @SuppressWarnings("unchecked")
  private CachePlan(Graph graph, Store store) {
    int n = graph.nodes().size();
    this.graph = graph;
    this.store = store;
    this.keys = new String[n];
    this.elementBases = new String[n];
    this.parts = new List[n];
    this.runs = new boolean[n];
    this.runsForced = new boolean[n];
    this.loaded = new Object[n];
    this.outcomes = new StageOutcome[n];
  }

  /**
   * The plan of a run, or {@code null} when the cache is off or no stage has a lineage: then
   * every stage runs and nothing is stored.
   */
  static CachePlan forRun(Graph graph, RunOptions options) {
    if (options.cacheOff() || !graph.hasLineage()) {
      return null;
    }
    return make(graph, options, false);
  }

  /** What a run would do: probes the store for entries but reads no value and runs nothing. */
  static List<StageOutcome> preview(Graph graph, RunOptions options) {
    if (options.cacheOff() || !graph.hasLineage()) {
      List<StageOutcome> all = new ArrayList<>();
      for (int i = 0; i < graph.nodes().size(); i++) {
        all.add(uncached(graph, i, options));
      }
      return all;
    }
    return List.of(make(graph, options, true).outcomes);
  }

  /** The outcome of a stage in a run without a plan: it runs. */
  static StageOutcome uncached(Graph graph, int i, RunOptions options) {
    String stage = graph.nodes().get(i).name();
    if (options.cacheOff()) {
      return new StageOutcome(stage, StageOutcome.Action.RUN, StageOutcome.Reason.CACHE_OFF, "");
    }
    return new StageOutcome(stage, StageOutcome.Action.RUN, StageOutcome.Reason.NOT_CACHED,
        "the graph has no lineage for it");
  }

  private static CachePlan make(Graph graph, RunOptions options, boolean probeOnly) {
    Path directory = options.cacheDirectory() != null ? options.cacheDirectory() : Store.defaultLocation();
    Store store = STORES.computeIfAbsent(directory.toAbsolutePath().normalize(), Store::open);
    CachePlan plan = new CachePlan(graph, store);
    Set<String> forced = options.rerunStages();
    for (String stage : forced) {
      if (graph.nodes().stream().noneMatch(node -> node.name().equals(stage))) {
        throw new IllegalArgumentException("Pipeline '" + graph.pipeline() + "' has no stage '" + stage
            + "' to re-run; its stages are " + graph.nodes().stream().map(Node::name).toList());
      }
    }
    String[] why = plan.computeKeys();
    plan.decide(graph.topology(), forced, options.rerunsAll(), probeOnly, why);
    return plan;
  }

  /** Fills keys and parts; returns, per node without a key, why it has none. */
  private String[] computeKeys() {
    Topology topology = graph.topology();
    int params = graph.paramNames().size();
    String[] paramDigests = new String[params];
    for (int p = 0; p < params; p++) {
      paramDigests[p] = digest(graph.param(p), graph.paramCodec(p));
    }
    String[] why = new String[keys.length];
    for (int i : topology.order()) {
      Lineage lineage = graph.lineage(i);
      if (lineage == null) {
        why[i] = "the graph has no lineage for it";
        continue;
      }
      Map<String, String> paramParts = new LinkedHashMap<>();
      List<String> inputKeys = new ArrayList<>();
      List<String> record = new ArrayList<>();
      String code;
      try {
        code = lineage.code();
      } catch (RuntimeException e) { // say, a class loader that serves no class files
        why[i] = e.getMessage();
        continue;
      }
      record.add("code " + code + " version " + lineage.version());
      List<String> names = graph.nodes().get(i).inputs();
      int[] inputs = topology.inputs[i];
      for (int k = 0; k < inputs.length && why[i] == null; k++) {
        if (Topology.isParam(inputs[k])) {
          String digest = paramDigests[Topology.param(inputs[k])];
          if (digest == null) {
            why[i] = "param '" + names.get(k) + "' has no codec to tell its values apart";
          }
          paramParts.put(names.get(k), digest);
          record.add("param " + names.get(k) + " " + digest);
        } else if (keys[inputs[k]] == null) {
          why[i] = "input '" + names.get(k) + "' has no cache key";
        } else {
          inputKeys.add(keys[inputs[k]]);
          record.add("input " + names.get(k) + " " + keys[inputs[k]]);
        }
      }
      if (why[i] == null) {
        keys[i] = CacheKey.of(lineage.identity(), code, lineage.version(), paramParts, inputKeys);
        parts[i] = record;
        int each = graph.eachInput(i);
        if (each >= 0 && lineage.elementCodec() != null && lineage.resultCodec() != null) {
          // An element's key leaves out the key of the list it came from: a sweep that grows by
          // one value keeps the keys of the others, so only the new element runs.
          List<String> others = new ArrayList<>();
          for (int k = 0; k < inputs.length; k++) {
            if (!Topology.isParam(inputs[k]) && k != each) {
              others.add(keys[inputs[k]]);
            }
          }
          // Likewise when the list is a param: its digest is not part of an element's key.
          Map<String, String> otherParams = new LinkedHashMap<>(paramParts);
          if (Topology.isParam(inputs[each])) {
            otherParams.remove(names.get(each));
          }
          elementBases[i] = CacheKey.of(lineage.identity() + "#element", code, lineage.version(), otherParams, others);
        }
      }
    }
    return why;
  }

  private void decide(Topology topology, Set<String> forced, boolean forceAll, boolean probeOnly, String[] why) {
    int[] order = topology.order();
    // A forced stage's value may come out different although its key does not change: what
    // depends on it runs too.
    String[] forcedBy = new String[keys.length];
    for (int i : order) {
      String stage = graph.nodes().get(i).name();
      if (forceAll || forced.contains(stage)) {
        forcedBy[i] = stage;
      }
      for (int input : topology.inputs[i]) {
        if (forcedBy[i] == null && !Topology.isParam(input) && forcedBy[input] != null) {
          forcedBy[i] = forcedBy[input];
        }
      }
    }
    boolean[] output = new boolean[keys.length];
    for (String name : graph.outputs()) {
      output[topology.indexOf(name)] = true;
    }
    for (int k = order.length - 1; k >= 0; k--) {
      int i = order[k];
      String stage = graph.nodes().get(i).name();
      boolean needed = output[i];
      for (int consumer : topology.consumers[i]) {
        needed |= runs[consumer];
      }
      Lineage lineage = graph.lineage(i);
      if (!needed) {
        outcomes[i] = new StageOutcome(stage, StageOutcome.Action.NOT_NEEDED, StageOutcome.Reason.UNUSED, "");
      } else if (forcedBy[i] != null) {
        run(i, StageOutcome.Reason.FORCED, forcedBy[i].equals(stage) ? "" : "after '" + forcedBy[i] + "'");
      } else if (lineage == null || lineage.codec() == null) {
        run(i, StageOutcome.Reason.NOT_CACHED, lineage == null ? why[i] : ""); // cache = false, or void
      } else if (keys[i] == null) {
        run(i, StageOutcome.Reason.NOT_CACHED, why[i]);
      } else if (probeOnly ? store.contains(keys[i]) : read(i)) {
        outcomes[i] = new StageOutcome(stage, StageOutcome.Action.CACHED, StageOutcome.Reason.HIT, "");
      } else {
        explain(i);
      }
    }
  }

  private boolean read(int i) {
    Optional<?> value = store.read(keys[i], graph.lineage(i).codec());
    value.ifPresent(v -> loaded[i] = v);
    return value.isPresent();
  }

  private void run(int i, StageOutcome.Reason reason, String detail) {
    runs[i] = true;
    runsForced[i] = reason == StageOutcome.Reason.FORCED;
    outcomes[i] = new StageOutcome(graph.nodes().get(i).name(), StageOutcome.Action.RUN, reason, detail);
  }

  /** A keyed stage that must run: compares its key's parts with those it last ran with. */
  private void explain(int i) {
    Optional<List<String>> last = store.read(recordKey(i), RECORD);
    if (last.isEmpty()) {
      run(i, StageOutcome.Reason.NEW, "");
      return;
    }
    List<String> before = last.get();
    List<String> now = parts[i];
    if (!before.get(0).equals(now.get(0))) {
      run(i, StageOutcome.Reason.CODE_CHANGED, "");
      return;
    }
    List<String> params = changed(before, now, "param ");
    if (!params.isEmpty()) {
      run(i, StageOutcome.Reason.PARAM_CHANGED, String.join(", ", params));
      return;
    }
    List<String> inputs = changed(before, now, "input ");
    if (!inputs.isEmpty()) {
      run(i, StageOutcome.Reason.INPUT_CHANGED, String.join(", ", inputs));
      return;
    }
    run(i, StageOutcome.Reason.NOT_IN_CACHE, "");
  }

  /** Names of the params (or inputs) whose part differs, or that one side lacks. */
  private static List<String> changed(List<String> before, List<String> now, String kind) {
    Map<String, String> was = partsOf(before, kind);
    Map<String, String> is = partsOf(now, kind);
    List<String> names = new ArrayList<>();
    is.forEach((name, value) -> {
      if (!value.equals(was.get(name))) {
        names.add(name);
      }
    });
    was.keySet().stream().filter(name -> !is.containsKey(name)).forEach(names::add);
    return names;
  }

  private static Map<String, String> partsOf(List<String> record, String kind) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (String part : record) {
      if (part.startsWith(kind)) {
        String rest = part.substring(kind.length());
        int space = rest.indexOf(' ');
        parts.put(rest.substring(0, space), rest.substring(space + 1));
      }
    }
    return parts;
  }

  /** The cache of fan-out {@code i}'s elements, or {@code null} when they are not cached one by one. */
  Elements elements(int i) {
    Lineage lineage = graph.lineage(i);
    return elementBases[i] == null || runsForced[i] ? null : new Elements(i, lineage);
  }

  /** Reads and writes one fan-out's elements, each under its base key and its value's digest. */
  final class Elements {
    private final int node;
    private final Lineage lineage;
    private final java.util.concurrent.atomic.AtomicInteger cached = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();

    Elements(int node, Lineage lineage) {
      this.node = node;
      this.lineage = lineage;
    }

    String key(Object element) {
      String digest = digest(element, lineage.elementCodec());
      return HexFormat.of().formatHex(Store.sha256().digest((elementBases[node] + ":" + digest)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    Optional<?> read(String key) {
      Optional<?> value = store.read(key, lineage.resultCodec());
      if (value.isPresent()) {
        cached.incrementAndGet();
      }
      return value;
    }

    @SuppressWarnings("unchecked")
    void write(String key, Object result) {
      ran.incrementAndGet();
      if (result != null) {
        store.write(key, (Codec<Object>) lineage.resultCodec(), result);
      }
    }

    /** Adds to the stage's outcome how many of its elements came from the cache. */
    void done() {
      StageOutcome outcome = outcomes[node];
      String counts = cached.get() + " of " + (cached.get() + ran.get()) + " elements from the cache";
      outcomes[node] = new StageOutcome(outcome.stage(), outcome.action(), outcome.reason(),
          outcome.detail().isEmpty() ? counts : outcome.detail() + "; " + counts);
    }
  }

  /** After stage {@code i} ran: stores its value and the parts of its key. */
  @SuppressWarnings("unchecked")
  void stored(int i, Object value) {
    Lineage lineage = graph.lineage(i);
    if (keys[i] == null || lineage == null || lineage.codec() == null || value == null) {
      return;
    }
    if (store.write(keys[i], (Codec<Object>) lineage.codec(), value)) {
      store.write(recordKey(i), RECORD, parts[i], false); // a hint: losing it only loses the "why"
    }
  }

  /**
   * Where the parts of stage {@code i}'s last key live: one record per stage method, shared by
   * the pipelines that include it, as its entries are.
   */
  private String recordKey(int i) {
    return HexFormat.of().formatHex(Store.sha256().digest(("typeline-record-1\n"
        + graph.lineage(i).identity()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** The digest standing for a param's value: a {@code Path} by content, others by codec bytes. */
  @SuppressWarnings("unchecked")
  private static String digest(Object value, Codec<?> codec) {
    if (value instanceof Path path) {
      return CacheKey.ofPath(path);
    }
    if (value == null) {
      return "null";
    }
    if (codec == null) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ((Codec<Object>) codec).write(value, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode a param value for the cache key: " + e.getMessage(), e);
    }
    MessageDigest digest = Store.sha256();
    return HexFormat.of().formatHex(digest.digest(bytes.toByteArray()));
  }
}
