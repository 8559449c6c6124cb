package io.typeline.runtime;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run report: one self-contained HTML file ({@code report.html} in the run folder) written
 * when the run ends, from its events and its graph. It shows the graph as SVG with each stage's
 * status, a timeline of what ran when (fan-out elements on lanes under their stage), and each
 * stage's details: where it is declared, its inputs, duration, cache, value summary, what it
 * printed, and its failure with the stack trace.
 *
 * <p>Self-contained on purpose: no script, style or font is fetched (a Content-Security-Policy
 * forbids it), so the file can be mailed, archived with a model, or opened offline. Everything
 * that comes from the user (names, params, summaries, messages, logs) goes through {@link #esc}.
 * The layout is computed here, in Java, so the file renders the same without its small script,
 * which only opens a stage's details when its box or bar is clicked.
 */
final class Report implements RunListener {
  /** Element bars drawn per fan-out: beyond this the timeline says how many it left out. */
  static final int MAX_ELEMENTS = 1000;
  /** Characters of a stage's output shown: the end of it, which is where errors are. */
  static final int MAX_LOG_CHARS = 64 * 1024;
  /** Characters of a failure's one-line summary in the header. */
  static final int MAX_LINE_CHARS = 500;

  private final Path folder;
  private final Graph graph;
  /** What the events said so far of each stage, by name, in the graph's order; guarded by this. */
  private final Map<String, Stage> stages = new LinkedHashMap<>();
  private RunEvent.RunStarted started;
  private RunEvent.RunFinished finished;
  private Instant last;

  private Report(Path folder, Graph graph) {
    this.folder = folder;
    this.graph = graph;
    for (int i = 0; i < graph.nodes().size(); i++) {
      stages.put(graph.nodes().get(i).name(), new Stage(i, graph.nodes().get(i).name()));
    }
  }

  /** A listener writing {@code report.html} into {@code folder} at the end of a run of {@code graph}. */
  static RunListener writer(Path folder, Graph graph) {
    return new Report(folder, graph);
  }

  /**
   * Takes the event in. Events are folded into each stage's state as they come, so a fan-out of a
   * million elements costs a counter, not a million kept events: elements from index
   * {@link #MAX_ELEMENTS} on are counted and not drawn.
   */
  @Override
  public synchronized void onEvent(RunEvent event) {
    if (event instanceof RunEvent.RunStarted e) {
      started = e;
    }
    if (started == null) {
      return;
    }
    last = event.time();
    long at = Math.max(0, Duration.between(started.time(), event.time()).toNanos()); // a clock stepped back: 0
    Stage stage = event instanceof RunEvent.RunStarted || event instanceof RunEvent.RunFinished ? null
        : stages.get(stageOf(event));
    if (event instanceof RunEvent.RunFinished e) {
      finished = e;
      write();
    } else if (stage == null) {
      return; // a stage this graph does not have: nothing to show it in
    } else if (event instanceof RunEvent.StageStarted) {
      stage.start = at;
    } else if (event instanceof RunEvent.StageFinished e) {
      stage.start = stage.start < 0 ? at : stage.start;
      stage.end = at;
      stage.nanos = e.nanos();
      stage.cached = e.cached();
      stage.summary = e.summary();
    } else if (event instanceof RunEvent.StageFailed e) {
      stage.start = stage.start < 0 ? at : stage.start;
      stage.end = -1;
      stage.nanos = at - stage.start;
      stage.error = e.error();
      if (e.error() instanceof FanOutElementException element && stage.elementStarts.containsKey(element.index())) {
        stage.elements.put(element.index(),
            new Element(element.index(), stage.elementStarts.get(element.index()), at, false, true));
      }
    } else if (event instanceof RunEvent.ElementStarted e) {
      stage.total = e.total();
      if (e.index() < MAX_ELEMENTS) {
        stage.elementStarts.put(e.index(), at);
      }
    } else if (event instanceof RunEvent.FanOutProgress e) {
      stage.total = e.total();
      stage.done = Math.max(stage.done, e.done());
      stage.cachedElements += e.cached() ? 1 : 0;
      if (e.index() < MAX_ELEMENTS) {
        // No ElementStarted from an executor that reports only results (Spark): the element ran
        // for its nanos before its result came.
        Long begin = stage.elementStarts.remove(e.index());
        stage.elements.put(e.index(),
            new Element(e.index(), begin == null ? Math.max(0, at - e.nanos()) : begin, at, e.cached(), false));
      }
    }
  }

  private static String stageOf(RunEvent event) {
    if (event instanceof RunEvent.StageStarted e) {
      return e.stage();
    } else if (event instanceof RunEvent.StageFinished e) {
      return e.stage();
    } else if (event instanceof RunEvent.StageFailed e) {
      return e.stage();
    } else if (event instanceof RunEvent.ElementStarted e) {
      return e.stage();
    } else if (event instanceof RunEvent.FanOutProgress e) {
      return e.stage();
    }
    return null;
  }

  private void write() {
    try {
      Files.createDirectories(folder);
      Path file = folder.resolve("report.html");
      Path partial = folder.resolve("report.html.partial");
      String html;
      try {
        html = html(this::log);
      } catch (RuntimeException | StackOverflowError e) { // a bug of ours must not cost the run its report
        html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>run report</title></head>"
            + "<body><h1>The run report could not be drawn</h1><pre>" + esc(String.valueOf(e)) + "</pre>"
            + "<p>The run's events are in <a href=\"events.jsonl\">events.jsonl</a>.</p></body></html>\n";
      }
      Files.write(partial, html.getBytes(StandardCharsets.UTF_8)); // never fails on bad text
      try {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot write the run report in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The end of what {@code stage} printed to {@code stream} ("stdout" or "stderr"), or null. */
  private String log(String stage, String stream) {
    Path file = folder.resolve(stage + "." + stream + ".txt");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
      // Only the end is read: a stage may have printed gigabytes. 4 bytes at most per character.
      long size = channel.size();
      long from = Math.max(0, size - 4L * MAX_LOG_CHARS);
      java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate((int) (size - from));
      while (bytes.hasRemaining() && channel.read(bytes, from + bytes.position()) >= 0) {
        // reads until full or at the end
      }
      String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
      if (from > 0) { // drop a character cut in half at the start
        int first = 0;
        while (first < text.length() && first < 4 && text.charAt(first) == '\uFFFD') {
          first++;
        }
        text = text.substring(first);
      }
      if (from == 0 && text.length() <= MAX_LOG_CHARS) {
        return text;
      }
      return "[... the start is left out: the whole output (" + size + " bytes) is in " + file.getFileName() + "]\n"
          + text.substring(Math.max(0, text.length() - MAX_LOG_CHARS));
    } catch (IOException e) {
      return "[cannot read " + file.getFileName() + ": " + e.getMessage() + "]";
    }
  }

  /** What stages printed: {@code (stage, "stdout"|"stderr")} to text, or null when nothing. */
  interface Logs {
    String read(String stage, String stream);
  }

  // ---------------------------------------------------------------------------------------------
  // What the events say of each stage.

  /** A fan-out element: when it started and ended (start == end for a cached one). */
  private record Element(int index, long start, long end, boolean cached, boolean failed, boolean interrupted) {
    Element(int index, long start, long end, boolean cached, boolean failed) {
      this(index, start, end, cached, failed, false);
    }
  }

  /** Everything the report shows of one stage. */
  private static final class Stage {
    final int node;
    final String name;
    long start = -1; // nanos since the run started; -1: never started
    long end = -1;
    long nanos;
    boolean cached;
    String summary;
    Throwable error;
    int total = -1; // fan-out: elements, once known
    int done;
    int cachedElements;
    final Map<Integer, Element> elements = new LinkedHashMap<>();
    final Map<Integer, Long> elementStarts = new HashMap<>();

    Stage(int node, String name) {
      this.node = node;
      this.name = name;
    }

    String status(boolean runSucceeded) {
      if (error != null) {
        return "failed";
      }
      if (end >= 0) {
        return cached ? "cached" : "ran";
      }
      if (start >= 0) {
        return "interrupted";
      }
      return runSucceeded ? "not-needed" : "not-run";
    }
  }

  private static String label(String status) {
    return switch (status) {
      case "ran" -> "ran";
      case "cached" -> "from the cache";
      case "failed" -> "failed";
      case "interrupted" -> "interrupted";
      case "not-needed" -> "not needed";
      default -> "not run";
    };
  }

  /** The report, as the events so far tell it; {@code logs} gives what stages printed. */
  synchronized String html(Logs logs) {
    if (started == null) {
      throw new IllegalStateException("a report needs the run's events from RunStarted on");
    }
    Instant t0 = started.time();
    long total = finished != null ? Duration.between(t0, finished.time()).toNanos()
        : Duration.between(t0, last).toNanos();
    boolean succeeded = finished != null && finished.outcome() == RunEvent.Outcome.SUCCEEDED;
    String outcome = finished == null ? "unfinished" : finished.outcome().name().toLowerCase(Locale.ROOT);

    StringBuilder out = new StringBuilder(16 * 1024);
    String simple = graph.pipeline().substring(graph.pipeline().lastIndexOf('.') + 1);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
            + " script-src '" + SCRIPT_HASH + "'; img-src data:; base-uri 'none'; form-action 'none'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(simple)).append(" · run ").append(esc(started.runId().substring(0, 8)))
        .append(" · ").append(outcome).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n")
        .append("<body>\n");

    // Header: what ran, when, how it ended.
    int ran = 0;
    int cached = 0;
    int failed = 0;
    int notRun = 0;
    for (Stage stage : stages.values()) {
      switch (stage.status(succeeded)) {
        case "ran" -> ran++;
        case "cached" -> cached++;
        case "failed" -> failed++;
        default -> notRun++;
      }
    }
    out.append("<header>\n<h1>").append(esc(simple)).append(" <span class=\"outcome outcome-").append(outcome)
        .append("\" id=\"outcome\">").append(outcome).append("</span></h1>\n")
        .append("<p class=\"meta\"><code>").append(esc(graph.pipeline())).append("</code> · run <code id=\"run-id\">")
        .append(esc(started.runId())).append("</code> · started ").append(esc(started.time().toString()))
        .append(" · <span id=\"elapsed\">").append(duration(total)).append("</span></p>\n")
        .append("<p class=\"counts\" id=\"counts\">").append(ran).append(" ran · ").append(cached)
        .append(" from the cache · ").append(failed).append(" failed · ").append(notRun)
        .append(succeeded ? " not needed" : " not run").append("</p>\n");
    if (!started.params().isEmpty()) {
      out.append("<table class=\"params\" id=\"params\">\n<tr><th>param</th><th>value</th></tr>\n");
      started.params().forEach((name, value) -> out.append("<tr><td><code>").append(esc(name))
          .append("</code></td><td><code>").append(esc(value)).append("</code></td></tr>\n"));
      out.append("</table>\n");
    }
    for (Stage stage : stages.values()) {
      if (stage.error != null) {
        out.append("<p class=\"failure\"><a href=\"#stage-").append(esc(stage.name)).append("\">")
            .append(esc(stage.name)).append("</a> failed: ").append(esc(oneLine(stage.error))).append("</p>\n");
      }
    }
    out.append("</header>\n");

    out.append("<section>\n<h2>Graph</h2>\n");
    graph(out, graph, stages, started.params(), succeeded);
    out.append("</section>\n<section>\n<h2>Timeline</h2>\n");
    timeline(out, stages, total, succeeded);
    out.append("</section>\n<section>\n<h2>Stages</h2>\n");
    for (Node node : topological(graph)) {
      details(out, graph, stages.get(node.name()), started.params().keySet(), succeeded, logs);
    }
    out.append("</section>\n<footer>Written by Typeline when the run ended; the events are in "
        + "<a href=\"events.jsonl\">events.jsonl</a>.</footer>\n")
        .append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // The graph: a layered drawing, left to right, params in the first column.

  private static final int NODE_H = 40;
  private static final int PARAM_H = 26;
  private static final int ROW_GAP = 18;
  private static final int COL_GAP = 56;
  private static final int MARGIN = 12;
  private static final int MAX_LABEL = 30;

  private static void graph(StringBuilder out, Graph graph, Map<String, Stage> stages, Map<String, String> paramValues,
      boolean succeeded) {
    List<String> params = new ArrayList<>(graph.params().keySet());
    List<Node> nodes = graph.nodes();
    // Layer: a stage one more than its deepest input, params counting as 0; in topological order,
    // one pass does.
    Map<String, Integer> layer = new HashMap<>();
    params.forEach(p -> layer.put(p, 0));
    Map<String, List<String>> consumers = new HashMap<>();
    int layers = 1;
    for (Node node : topological(graph)) {
      int deepest = 0;
      for (String input : node.inputs()) {
        deepest = Math.max(deepest, layer.getOrDefault(input, 0) + 1);
        consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node.name());
      }
      layer.put(node.name(), Math.max(deepest, 1));
      layers = Math.max(layers, Math.max(deepest, 1) + 1);
    }
    // A param sits just before its first consumer, so that its edge is short: a param that only the
    // last stage takes would otherwise cross the whole drawing.
    for (String param : params) {
      int first = layers;
      for (String consumer : consumers.getOrDefault(param, List.of())) {
        first = Math.min(first, layer.get(consumer));
      }
      layer.put(param, first == layers ? 0 : first - 1);
    }
    List<List<String>> columns = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      columns.add(new ArrayList<>());
    }
    params.forEach(p -> columns.get(layer.get(p)).add(p));
    topological(graph).forEach(node -> columns.get(layer.get(node.name())).add(node.name()));
    Map<String, List<String>> inputs = new HashMap<>();
    nodes.forEach(node -> inputs.put(node.name(), node.inputs()));
    // Fewer crossings: order each column by the mean position of its neighbours, a few sweeps.
    Map<String, Double> position = new HashMap<>();
    columns.forEach(column -> rank(column, position));
    for (int sweep = 0; sweep < 4; sweep++) {
      for (int c = 1; c < columns.size(); c++) {
        reorder(columns.get(c), inputs, position);
      }
      for (int c = columns.size() - 2; c >= 0; c--) {
        reorder(columns.get(c), consumers, position);
      }
    }

    Map<String, String> subs = new HashMap<>();
    for (Stage stage : stages.values()) {
      subs.put(stage.name, sub(graph, stage, succeeded));
    }
    Map<String, int[]> box = new HashMap<>(); // x, y, width, height
    int x = MARGIN;
    int height = 0;
    for (List<String> column : columns) {
      int width = 0;
      int columnHeight = 0;
      for (String name : column) {
        width = Math.max(width, textWidth(short_(name)) + 28);
        width = Math.max(width, (int) (textWidth(subs.getOrDefault(name, "")) * 11 / 12.0) + 20); // 11px
        columnHeight += (stages.containsKey(name) ? NODE_H : PARAM_H) + ROW_GAP;
      }
      height = Math.max(height, columnHeight);
      int y = MARGIN;
      for (String name : column) {
        int h = stages.containsKey(name) ? NODE_H : PARAM_H;
        box.put(name, new int[] {x, y, Math.max(width, 96), h});
        y += h + ROW_GAP;
      }
      x += Math.max(width, 96) + COL_GAP;
    }
    // Center each column vertically.
    for (List<String> column : columns) {
      int columnHeight = 0;
      for (String name : column) {
        columnHeight += box.get(name)[3] + ROW_GAP;
      }
      int shift = (height - columnHeight) / 2;
      column.forEach(name -> box.get(name)[1] += shift);
    }
    int width = x - COL_GAP + MARGIN;
    height += 2 * MARGIN - ROW_GAP;

    out.append("<div class=\"scroll\"><svg id=\"graph\" class=\"graph\" role=\"img\" aria-label=\"the pipeline's graph\""
        + " width=\"").append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
        .append(width).append(' ').append(height).append("\">\n")
        .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
            + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker></defs>\n");
    for (Node node : nodes) {
      int[] to = box.get(node.name());
      for (String input : node.inputs()) {
        int[] from = box.get(input);
        if (from == null) {
          continue;
        }
        double x1 = from[0] + from[2];
        double y1 = from[1] + from[3] / 2.0;
        double x2 = to[0];
        double y2 = to[1] + to[3] / 2.0;
        double mid = (x1 + x2) / 2;
        out.append("<path class=\"edge\" data-from=\"").append(esc(input)).append("\" data-to=\"")
            .append(esc(node.name())).append("\" d=\"M ").append(num(x1)).append(' ').append(num(y1))
            .append(" C ").append(num(mid)).append(' ').append(num(y1)).append(", ").append(num(mid)).append(' ')
            .append(num(y2)).append(", ").append(num(x2 - 1)).append(' ').append(num(y2))
            .append("\" marker-end=\"url(#arrow)\"/>\n");
      }
    }
    for (String param : params) {
      int[] b = box.get(param);
      out.append("<g class=\"param\" data-param=\"").append(esc(param)).append("\"><title>param ").append(esc(param))
          .append(" = ").append(esc(paramValues.get(param))).append("</title>")
          .append("<rect x=\"").append(b[0]).append("\" y=\"").append(b[1]).append("\" width=\"").append(b[2])
          .append("\" height=\"").append(b[3]).append("\" rx=\"13\"/>")
          .append("<text x=\"").append(b[0] + b[2] / 2).append("\" y=\"").append(b[1] + 17).append("\">")
          .append(esc(short_(param))).append("</text></g>\n");
    }
    for (Stage stage : stages.values()) {
      int[] b = box.get(stage.name);
      String status = stage.status(succeeded);
      boolean fanOut = graph.eachInput(stage.node) >= 0;
      boolean output = graph.outputs().contains(stage.name);
      String sub = subs.get(stage.name);
      out.append("<a href=\"#stage-").append(esc(stage.name)).append("\"><g class=\"node status-").append(status)
          .append(fanOut ? " fan-out" : "").append(output ? " output" : "").append("\" data-stage=\"")
          .append(esc(stage.name)).append("\" data-status=\"").append(status).append("\"><title>")
          .append(esc(stage.name)).append(": ").append(esc(sub)).append("</title>");
      if (fanOut) { // a second box behind: many of it
        out.append("<rect class=\"behind\" x=\"").append(b[0] + 4).append("\" y=\"").append(b[1] - 4)
            .append("\" width=\"").append(b[2]).append("\" height=\"").append(b[3]).append("\" rx=\"6\"/>");
      }
      out.append("<rect x=\"").append(b[0]).append("\" y=\"").append(b[1]).append("\" width=\"").append(b[2])
          .append("\" height=\"").append(b[3]).append("\" rx=\"6\"/>")
          .append("<text class=\"name\" x=\"").append(b[0] + b[2] / 2).append("\" y=\"").append(b[1] + 17)
          .append("\">").append(esc(short_(stage.name))).append("</text>")
          .append("<text class=\"sub\" x=\"").append(b[0] + b[2] / 2).append("\" y=\"").append(b[1] + 32)
          .append("\">").append(esc(sub)).append("</text></g></a>\n");
    }
    out.append("</svg></div>\n<p class=\"legend\">")
        .append("<span class=\"key status-ran\"></span>ran <span class=\"key status-cached\"></span>from the cache "
            + "<span class=\"key status-failed\"></span>failed <span class=\"key status-interrupted\"></span>"
            + "interrupted <span class=\"key status-not-run\"></span>not run or not needed · double boxes fan out, "
            + "thick borders are outputs</p>\n");
  }

  /** The second line of a stage's box: status, duration, fan-out progress. */
  private static String sub(Graph graph, Stage stage, boolean succeeded) {
    String status = stage.status(succeeded);
    String sub = label(status);
    if (status.equals("ran") || status.equals("failed") || status.equals("interrupted")) {
      sub += " · " + duration(stage.nanos);
    }
    if (graph.eachInput(stage.node) >= 0 && stage.total >= 0) {
      sub = stage.done + "/" + stage.total + " · " + sub;
    }
    return sub;
  }

  /** The stages, inputs before the stages that take them. */
  private static List<Node> topological(Graph graph) {
    List<Node> nodes = graph.nodes();
    List<Node> ordered = new ArrayList<>(nodes.size());
    for (int i : graph.topology().order()) {
      ordered.add(nodes.get(i));
    }
    return ordered;
  }

  private static void rank(List<String> column, Map<String, Double> position) {
    for (int i = 0; i < column.size(); i++) {
      position.put(column.get(i), (double) i);
    }
  }

  private static void reorder(List<String> column, Map<String, List<String>> neighbours, Map<String, Double> position) {
    Map<String, Double> mean = new HashMap<>();
    for (String name : column) {
      List<String> around = neighbours.getOrDefault(name, List.of());
      double sum = 0;
      int count = 0;
      for (String other : around) {
        Double p = position.get(other);
        if (p != null) {
          sum += p;
          count++;
        }
      }
      mean.put(name, count == 0 ? position.get(name) : sum / count);
    }
    column.sort(Comparator.comparingDouble(mean::get)); // stable: ties keep their order
    rank(column, position);
  }

  /** Width of {@code text} in the 12px monospace font the drawing uses. */
  private static int textWidth(String text) {
    return (int) Math.ceil(text.codePointCount(0, text.length()) * 7.3);
  }

  private static String short_(String name) {
    return name.length() <= MAX_LABEL ? name : name.substring(0, MAX_LABEL - 1) + "…";
  }

  // ---------------------------------------------------------------------------------------------
  // The timeline: a row per stage that started, in the order they started, on one time axis.

  private static final int TIMELINE_W = 1000;
  private static final int LABEL_W = 200;
  private static final int ROW_H = 24;
  private static final int LANE_H = 7;
  private static final int MAX_LANES = 12;

  private static void timeline(StringBuilder out, Map<String, Stage> stages, long total, boolean succeeded) {
    List<Stage> rows = new ArrayList<>();
    for (Stage stage : stages.values()) {
      if (stage.start >= 0) {
        rows.add(stage);
      }
    }
    if (rows.isEmpty()) {
      out.append("<p id=\"timeline-empty\">No stage started.</p>\n");
      return;
    }
    rows.sort(Comparator.comparingLong((Stage s) -> s.start).thenComparingInt(s -> s.node));
    long span = Math.max(total, 1);
    double plot = TIMELINE_W - LABEL_W - MARGIN;
    // Lay elements on lanes: each on the first lane free when it starts.
    Map<String, List<List<Element>>> lanes = new HashMap<>();
    int height = 28;
    for (Stage stage : rows) {
      List<List<Element>> stageLanes = new ArrayList<>();
      List<Element> elements = new ArrayList<>(stage.elements.values());
      // Elements that started and never ended: running when their stage failed or the run stopped.
      long stageEnd = stage.end >= 0 ? stage.end : stage.error != null ? stage.start + stage.nanos : span;
      stage.elementStarts.forEach((index, start) -> {
        if (!stage.elements.containsKey(index)) {
          elements.add(new Element(index, start, Math.max(start, stageEnd), false, false, true));
        }
      });
      elements.sort(Comparator.comparingLong(Element::start).thenComparingInt(Element::index));
      for (Element element : elements) {
        List<Element> free = null;
        for (List<Element> lane : stageLanes) {
          if (lane.get(lane.size() - 1).end() <= element.start()) {
            free = lane;
            break;
          }
        }
        if (free == null && stageLanes.size() < MAX_LANES) {
          free = new ArrayList<>();
          stageLanes.add(free);
        } else if (free == null) {
          free = stageLanes.get(stageLanes.size() - 1);
        }
        free.add(element);
      }
      lanes.put(stage.name, stageLanes);
      height += ROW_H + stageLanes.size() * (LANE_H + 2) + (stageLanes.isEmpty() ? 0 : 4);
    }
    out.append("<div class=\"scroll\"><svg id=\"timeline\" class=\"timeline\" width=\"").append(TIMELINE_W)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(TIMELINE_W).append(' ')
        .append(height).append("\">\n");
    long step = niceStep(span / 8);
    for (long t = 0; t <= span; t += step) {
      double tx = LABEL_W + t * plot / span;
      out.append("<line class=\"tick\" x1=\"").append(num(tx)).append("\" y1=\"18\" x2=\"").append(num(tx))
          .append("\" y2=\"").append(height).append("\"/><text class=\"tick\" x=\"").append(num(tx))
          .append("\" y=\"12\">").append(t == 0 ? "0" : duration(t)).append("</text>\n");
    }
    int y = 24;
    for (Stage stage : rows) {
      String status = stage.status(succeeded);
      long end = stage.end >= 0 ? stage.end : stage.error != null ? stage.start + stage.nanos : span;
      double bx = LABEL_W + stage.start * plot / span;
      double bw = Math.max(2, (end - stage.start) * plot / span);
      out.append("<a href=\"#stage-").append(esc(stage.name)).append("\"><g class=\"row status-").append(status)
          .append("\" data-stage=\"").append(esc(stage.name)).append("\"><text class=\"label\" x=\"")
          .append(LABEL_W - 8).append("\" y=\"").append(y + 15).append("\">").append(esc(short_(stage.name)))
          .append("</text><rect class=\"bar\" x=\"").append(num(bx)).append("\" y=\"").append(y + 3)
          .append("\" width=\"").append(num(bw)).append("\" height=\"").append(ROW_H - 8).append("\"><title>")
          .append(esc(stage.name)).append(": ").append(label(status))
          .append(stage.cached ? "" : ", " + duration(stage.nanos)).append(", from ").append(duration(stage.start))
          .append("</title></rect></g></a>\n");
      y += ROW_H;
      List<List<Element>> stageLanes = lanes.get(stage.name);
      for (List<Element> lane : stageLanes) {
        for (Element element : lane) {
          double ex = LABEL_W + element.start() * plot / span;
          double ew = Math.max(1.5, (element.end() - element.start()) * plot / span);
          out.append("<rect class=\"element").append(element.cached() ? " cached" : "")
              .append(element.failed() ? " failed" : "").append(element.interrupted() ? " interrupted" : "")
              .append("\" data-stage=\"")
              .append(esc(stage.name)).append("\" data-index=\"").append(element.index()).append("\" x=\"")
              .append(num(ex)).append("\" y=\"").append(y).append("\" width=\"").append(num(ew))
              .append("\" height=\"").append(LANE_H).append("\"><title>").append(esc(stage.name)).append('[')
              .append(element.index()).append("]: ")
              .append(element.cached() ? "from the cache" : (element.failed() ? "failed after "
                  : element.interrupted() ? "interrupted after " : "") + duration(element.end() - element.start()))
              .append("</title></rect>\n");
        }
        y += LANE_H + 2;
      }
      y += stageLanes.isEmpty() ? 0 : 4;
    }
    out.append("</svg></div>\n");
    for (Stage stage : rows) {
      if (stage.total > MAX_ELEMENTS) {
        out.append("<p class=\"note\">").append(esc(stage.name)).append(": elements 0 to ").append(MAX_ELEMENTS - 1)
            .append(" of ").append(stage.total).append(" are drawn.</p>\n");
      }
    }
  }

  /** A step of 1, 2 or 5 times a power of ten nanoseconds, at least {@code rough}. */
  static long niceStep(long rough) {
    long step = 1;
    while (true) {
      for (long m : new long[] {1, 2, 5}) {
        if (step * m >= rough) {
          return step * m;
        }
      }
      step *= 10;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // A stage's details.

  private static void details(StringBuilder out, Graph graph, Stage stage, java.util.Set<String> params,
      boolean succeeded, Logs logs) {
    String status = stage.status(succeeded);
    Node node = graph.nodes().get(stage.node);
    out.append("<details class=\"stage status-").append(status).append("\" id=\"stage-").append(esc(stage.name))
        .append("\" data-status=\"").append(status).append('"').append(stage.error != null ? " open" : "")
        .append(">\n<summary><span class=\"dot\"></span><code class=\"name\">").append(esc(stage.name))
        .append("</code> <span class=\"status\">").append(label(status)).append("</span>");
    if (status.equals("ran") || status.equals("failed") || status.equals("interrupted")) {
      out.append(" <span class=\"duration\">").append(duration(stage.nanos)).append("</span>");
    }
    if (stage.summary != null) {
      out.append(" <span class=\"summary\">").append(esc(stage.summary)).append("</span>");
    }
    out.append("</summary>\n<dl>\n<dt>Declared at</dt><dd><code>").append(esc(node.location())).append("</code></dd>\n")
        .append("<dt>Inputs</dt><dd>");
    if (node.inputs().isEmpty()) {
      out.append("none");
    }
    for (int i = 0; i < node.inputs().size(); i++) {
      String input = node.inputs().get(i);
      out.append(i == 0 ? "" : ", ");
      boolean isStage = !params.contains(input);
      if (isStage) {
        out.append("<a href=\"#stage-").append(esc(input)).append("\"><code>").append(esc(input)).append("</code></a>");
      } else {
        out.append("<code>").append(esc(input)).append("</code> (param)");
      }
      if (graph.eachInput(stage.node) == i) {
        out.append(" (one element at a time)");
      }
    }
    out.append("</dd>\n");
    if (stage.start >= 0) {
      out.append("<dt>Started</dt><dd>").append(duration(stage.start)).append(" into the run</dd>\n");
    }
    if (status.equals("ran") || status.equals("cached")) {
      out.append("<dt>Cache</dt><dd>").append(stage.cached ? "value read from the cache" : "ran; value not from the cache")
          .append("</dd>\n<dt>Value</dt><dd>").append(esc(stage.summary)).append("</dd>\n");
    }
    if (stage.total >= 0) {
      out.append("<dt>Elements</dt><dd class=\"elements\">").append(stage.done).append(" of ").append(stage.total)
          .append(" have a result").append(stage.cachedElements > 0 ? ", " + stage.cachedElements + " from the cache" : "");
      stage.elements.values().stream().filter(e -> !e.cached() && !e.failed())
          .max(Comparator.comparingLong(e -> e.end() - e.start()))
          .ifPresent(e -> out.append("; slowest: element ").append(e.index()).append(", ")
              .append(duration(e.end() - e.start())));
      out.append("</dd>\n");
    }
    out.append("</dl>\n");
    if (stage.error != null) {
      out.append("<h4>Failure</h4>\n<pre class=\"trace\">").append(esc(trace(stage.error))).append("</pre>\n");
    }
    for (String stream : new String[] {"stdout", "stderr"}) {
      String text = logs.read(stage.name, stream);
      if (text != null) {
        out.append("<h4>").append(stream.equals("stdout") ? "Standard output" : "Standard error")
            .append(" <a class=\"file\" href=\"./").append(esc(pathSegment(stage.name + "." + stream + ".txt")))
            .append("\">file</a></h4>\n<pre class=\"log ").append(stream).append("\">").append(esc(text))
            .append("</pre>\n");
      }
    }
    out.append("</details>\n");
  }

  // ---------------------------------------------------------------------------------------------

  /** {@code text} safe in HTML text and in quoted attributes. */
  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> c < 0x20 && c != '\n' && c != '\t' && c != '\r' || lone(text, i) ? "\uFFFD" : null;
      };
      if (replacement != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  /** Whether {@code text[i]} is half of a surrogate pair without its other half. */
  private static boolean lone(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
  }

  private static String oneLine(Throwable error) {
    String text;
    try {
      text = error.toString();
    } catch (RuntimeException e) {
      text = error.getClass().getName() + " (its toString() threw " + e.getClass().getName() + ")";
    }
    int newline = text.indexOf('\n');
    String line = newline < 0 ? text : text.substring(0, newline) + " …";
    return line.length() <= MAX_LINE_CHARS ? line : line.substring(0, MAX_LINE_CHARS) + " …";
  }

  /** {@code error}'s stack trace, its start and end kept when it is longer than {@link #MAX_LOG_CHARS}. */
  static String trace(Throwable error) {
    String text;
    try {
      StringWriter trace = new StringWriter();
      error.printStackTrace(new PrintWriter(trace));
      text = trace.toString();
    } catch (RuntimeException e) {
      return oneLine(error) + "\n[the stack trace cannot be printed: " + e + "]";
    }
    if (text.length() <= MAX_LOG_CHARS) {
      return text;
    }
    int head = MAX_LOG_CHARS * 3 / 4;
    int tail = MAX_LOG_CHARS - head;
    return text.substring(0, head) + "\n[... " + (text.length() - head - tail) + " characters left out ...]\n"
        + text.substring(text.length() - tail);
  }

  /** {@code name} as one segment of a relative URL: percent-encoded, so no name reads as a scheme or a query. */
  static String pathSegment(String name) {
    return java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A duration for people: {@code 0.42 ms}, {@code 812 ms}, {@code 2.3 s}, {@code 4 min 12 s}. */
  static String duration(long nanos) {
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%d ms", Math.round(nanos / 1e6));
    }
    if (nanos < 60_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
    long seconds = Math.round(nanos / 1e9);
    return seconds / 60 + " min " + seconds % 60 + " s";
  }

  private static String num(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static final String CSS = """
      :root { --ran: #2e9e5b; --cached: #3b7dd8; --failed: #d93b3b; --interrupted: #e0912f; --idle: #b8bec6;
        --ink: #1d2329; --muted: #5f6b76; --line: #d7dce1; }
      body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
        margin: 0 auto; max-width: 1100px; padding: 16px 24px 48px; }
      h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
      h4 { margin: 12px 0 4px; font-size: 13px; }
      code, pre, svg text { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
      .meta, .counts, .legend, .note, footer { color: var(--muted); margin: 2px 0; }
      .outcome { font-size: 13px; padding: 2px 8px; border-radius: 10px; color: white; vertical-align: middle; }
      .outcome-succeeded { background: var(--ran); } .outcome-failed { background: var(--failed); }
      .outcome-cancelled, .outcome-unfinished { background: var(--interrupted); }
      table.params { border-collapse: collapse; margin: 10px 0; }
      table.params td, table.params th { border: 1px solid var(--line); padding: 3px 8px; text-align: left;
        vertical-align: top; }
      table.params code { white-space: pre-wrap; word-break: break-all; }
      .failure { background: #fdecec; border-left: 4px solid var(--failed); padding: 8px 12px; margin: 10px 0;
        white-space: pre-wrap; }
      .scroll { overflow: auto; border: 1px solid var(--line); border-radius: 6px; padding: 4px; }
      svg text { font-size: 12px; }
      svg a { cursor: pointer; }
      .edge { fill: none; stroke: #8d97a1; stroke-width: 1.3; }
      marker path { fill: #8d97a1; }
      .param rect { fill: #f4f6f8; stroke: #8d97a1; stroke-dasharray: 4 3; }
      .param text { text-anchor: middle; fill: var(--muted); }
      .node rect { fill: white; stroke-width: 2; }
      .node rect.behind { fill: #f4f6f8; }
      .node.output rect:not(.behind) { stroke-width: 3.5; }
      .node text { text-anchor: middle; } .node text.sub { fill: var(--muted); font-size: 11px; }
      .node.status-ran rect { stroke: var(--ran); } .node.status-ran rect:not(.behind) { fill: #e9f6ee; }
      .node.status-cached rect { stroke: var(--cached); } .node.status-cached rect:not(.behind) { fill: #eaf1fb; }
      .node.status-failed rect { stroke: var(--failed); } .node.status-failed rect:not(.behind) { fill: #fdecec; }
      .node.status-interrupted rect { stroke: var(--interrupted); }
      .node.status-not-run rect, .node.status-not-needed rect { stroke: var(--idle); stroke-dasharray: 5 3; }
      .node.status-not-run text, .node.status-not-needed text { fill: var(--muted); }
      .tick { stroke: #eef0f2; } text.tick { fill: var(--muted); stroke: none; font-size: 11px; text-anchor: middle; }
      .row text.label { text-anchor: end; }
      .row.status-ran .bar { fill: var(--ran); } .row.status-cached .bar { fill: var(--cached); }
      .row.status-failed .bar { fill: var(--failed); } .row.status-interrupted .bar { fill: var(--interrupted); }
      rect.element { fill: #7cc49a; } rect.element.cached { fill: #8fb3e8; } rect.element.failed { fill: #b02a2a; }
      rect.element.interrupted { fill: var(--interrupted); }
      .legend .key { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 10px; }
      .key.status-ran { background: var(--ran); } .key.status-cached { background: var(--cached); }
      .key.status-failed { background: var(--failed); } .key.status-interrupted { background: var(--interrupted); }
      .key.status-not-run { background: var(--idle); }
      details.stage { border: 1px solid var(--line); border-left: 5px solid var(--idle); border-radius: 4px;
        margin: 6px 0; padding: 4px 10px; }
      details.stage.status-ran { border-left-color: var(--ran); }
      details.stage.status-cached { border-left-color: var(--cached); }
      details.stage.status-failed { border-left-color: var(--failed); }
      details.stage.status-interrupted { border-left-color: var(--interrupted); }
      details.stage:target { box-shadow: 0 0 0 2px #9cc3f5; }
      summary { cursor: pointer; } summary .status, summary .duration, summary .summary { color: var(--muted); }
      summary .summary::before { content: "→ "; }
      dl { display: grid; grid-template-columns: max-content auto; gap: 2px 14px; margin: 8px 0; }
      dt { color: var(--muted); } dd { margin: 0; }
      pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 4px; padding: 8px; overflow: auto;
        max-height: 420px; font-size: 12px; white-space: pre-wrap; word-break: break-word; }
      pre.trace { background: #fdf3f3; }
      a.file { font-weight: normal; font-size: 12px; margin-left: 6px; }
      footer { margin-top: 32px; font-size: 12px; }
      """;

  /** Opens the details of the stage a link points at. The report reads the same without it. */
  private static final String SCRIPT = """
      function openTarget() {
        var id = location.hash.slice(1), target = document.getElementById(id);
        if (!target) { try { target = document.getElementById(decodeURIComponent(id)); } catch (e) { } }
        if (target && target.tagName === 'DETAILS') { target.open = true; }
      }
      window.addEventListener('hashchange', openTarget);
      openTarget();
      """;

  /** The CSP source allowing {@link #SCRIPT} as the report embeds it, and no other script. */
  private static final String SCRIPT_HASH = scriptHash("\n" + SCRIPT);

  private static String scriptHash(String script) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + java.util.Base64.getEncoder().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
