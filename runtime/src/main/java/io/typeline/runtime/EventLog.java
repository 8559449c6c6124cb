package io.typeline.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Listeners that write a run's events down: as JSON lines (one object per line, schema in
 * {@code docs/EVENTS.md}), and as plain text, one line per event, for CI logs. No third-party
 * JSON library: the objects are flat and written by hand.
 */
public final class EventLog {
  private EventLog() {}

  /**
   * A listener appending each event to {@code file} as one JSON object per line, flushed per line
   * so that a crashed run's log is readable up to its last event. The file is created with its
   * directory; the listener closes it after the run's last event.
   */
  public static RunListener jsonLines(Path file) {
    Writer writer;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the event log " + file + ": " + e.getMessage(), e);
    }
    return event -> {
      synchronized (writer) {
        try {
          writer.write(json(event));
          writer.write('\n');
          writer.flush();
          if (event instanceof RunEvent.RunFinished) {
            writer.close();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e); // detached by the run, reported once
        }
      }
    };
  }

  /**
   * A listener writing each run of {@code graph} into {@code <folders>/<run-id>/}: its events as
   * {@code events.jsonl}, from the run's first event, and {@code report.html} at its end
   * ({@link Report}). A folder that cannot be written is reported once and the run goes on
   * without it.
   */
  static RunListener runFolder(Path folders, Graph graph) {
    RunListener[] logs = new RunListener[2];
    return event -> {
      if (event instanceof RunEvent.RunStarted) {
        Path folder = folders.resolve(event.runId());
        logs[0] = jsonLines(folder.resolve("events.jsonl"));
        logs[1] = Report.writer(folder, graph);
      }
      if (logs[0] != null) {
        logs[0].onEvent(event);
        logs[1].onEvent(event);
      }
    };
  }

  /**
   * Progress on the console, on standard error so that standard output keeps the results: on a
   * terminal ({@code System.console()} present), one live line, redrawn per event (stages done of
   * total, the stages running with their fan-out progress, elapsed time), with failures on lines
   * of their own; elsewhere (CI logs, pipes), {@link #plain}, one line per event.
   */
  public static RunListener console() {
    return System.console() != null ? live(System.err) : plain(System.err);
  }

  /** The live one-line progress, written to {@code out} with carriage returns. */
  static RunListener live(PrintStream out) {
    return new Live(out);
  }

  /** State of the live line: one run at a time per listener. */
  private static final class Live implements RunListener {
    private final PrintStream out;
    private final Map<String, String> running = new java.util.LinkedHashMap<>();
    private String pipeline = "";
    private Path folder;
    private int done;
    private int total;
    private long start;
    private int width;

    Live(PrintStream out) {
      this.out = out;
    }

    @Override
    public synchronized void onEvent(RunEvent event) {
      if (event instanceof RunEvent.ElementStarted) {
        return; // the line shows elements done, redrawn when one is
      }
      if (event instanceof RunEvent.RunStarted e) {
        folder = e.folder();
        pipeline = e.pipeline().substring(e.pipeline().lastIndexOf('.') + 1);
        total = e.stages();
        done = 0;
        running.clear();
        start = System.nanoTime();
      } else if (event instanceof RunEvent.StageStarted e) {
        running.put(e.stage(), e.stage());
      } else if (event instanceof RunEvent.FanOutProgress e) {
        running.put(e.stage(), e.stage() + " " + e.done() + "/" + e.total());
      } else if (event instanceof RunEvent.StageFinished e) {
        running.remove(e.stage());
        done++;
      } else if (event instanceof RunEvent.StageFailed e) {
        running.remove(e.stage());
        clear();
        out.println(line(event));
      }
      String text = String.format(Locale.ROOT, "[%s] %d/%d stages%s, %.1f s", pipeline, done, total,
          running.isEmpty() ? "" : ", running: " + String.join(", ", running.values()),
          (System.nanoTime() - start) / 1e9);
      if (event instanceof RunEvent.RunFinished e) {
        clear();
        out.println(text + ", " + e.outcome().name().toLowerCase(Locale.ROOT) + report(folder));
        return;
      }
      out.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
      out.flush();
      width = text.length();
    }

    private void clear() {
      out.print("\r" + " ".repeat(width) + "\r");
      width = 0;
    }
  }

  /**
   * A listener printing one line per event, for logs that are not a terminal; the last line of a
   * run says where its report is, when it has a run folder.
   */
  public static RunListener plain(PrintStream out) {
    Map<String, Path> folders = new java.util.concurrent.ConcurrentHashMap<>();
    return event -> {
      if (event instanceof RunEvent.RunStarted e && e.folder() != null) {
        folders.put(e.runId(), e.folder());
      }
      out.println(line(event) + (event instanceof RunEvent.RunFinished ? report(folders.remove(event.runId())) : ""));
    };
  }

  /** {@code "; report: <folder>/report.html"}, or nothing without a folder. */
  private static String report(Path folder) {
    return folder == null ? "" : "; report: " + folder.resolve("report.html");
  }

  /** One line of text for {@code event}, such as {@code [3f2a1b] train finished in 812 ms}. */
  static String line(RunEvent event) {
    String run = "[" + event.runId().substring(0, 6) + "] ";
    if (event instanceof RunEvent.RunStarted e) {
      return run + "run of " + e.pipeline() + " started with " + e.params();
    } else if (event instanceof RunEvent.StageStarted e) {
      return run + e.stage() + " started";
    } else if (event instanceof RunEvent.StageFinished e) {
      return run + e.stage() + (e.cached() ? " from the cache" : " finished in " + millis(e.nanos()))
          + ": " + e.summary();
    } else if (event instanceof RunEvent.StageFailed e) {
      return run + e.stage() + " failed: " + e.error();
    } else if (event instanceof RunEvent.ElementStarted e) {
      return run + e.stage() + " element " + e.index() + " started";
    } else if (event instanceof RunEvent.FanOutProgress e) {
      return run + e.stage() + " " + e.done() + "/" + e.total() + " (element " + e.index()
          + (e.cached() ? " from the cache)" : " in " + millis(e.nanos()) + ")");
    }
    RunEvent.RunFinished e = (RunEvent.RunFinished) event;
    return run + "run of " + e.pipeline() + " " + e.outcome().name().toLowerCase(Locale.ROOT) + " after "
        + millis(e.nanos());
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  /** {@code event} as one JSON object: {@code type}, {@code runId}, {@code time}, then its fields. */
  static String json(RunEvent event) {
    StringBuilder out = new StringBuilder("{");
    field(out, "type", type(event));
    field(out, "runId", event.runId());
    field(out, "time", event.time().toString());
    if (event instanceof RunEvent.RunStarted e) {
      field(out, "pipeline", e.pipeline());
      out.append(",\"stages\":").append(e.stages());
      out.append(",\"folder\":").append(e.folder() == null ? "null" : string(e.folder().toString()));
      out.append(",\"params\":{");
      boolean first = true;
      for (Map.Entry<String, String> param : e.params().entrySet()) {
        out.append(first ? "" : ",").append(string(param.getKey())).append(':').append(string(param.getValue()));
        first = false;
      }
      out.append('}');
    } else if (event instanceof RunEvent.StageStarted e) {
      field(out, "stage", e.stage());
    } else if (event instanceof RunEvent.StageFinished e) {
      field(out, "stage", e.stage());
      out.append(",\"nanos\":").append(e.nanos()).append(",\"cached\":").append(e.cached());
      field(out, "summary", e.summary());
    } else if (event instanceof RunEvent.StageFailed e) {
      field(out, "stage", e.stage());
      field(out, "error", e.error().getClass().getName());
      field(out, "message", String.valueOf(e.error().getMessage()));
    } else if (event instanceof RunEvent.ElementStarted e) {
      field(out, "stage", e.stage());
      out.append(",\"index\":").append(e.index()).append(",\"total\":").append(e.total());
    } else if (event instanceof RunEvent.FanOutProgress e) {
      field(out, "stage", e.stage());
      out.append(",\"done\":").append(e.done()).append(",\"total\":").append(e.total())
          .append(",\"index\":").append(e.index()).append(",\"nanos\":").append(e.nanos())
          .append(",\"cached\":").append(e.cached());
    } else if (event instanceof RunEvent.RunFinished e) {
      field(out, "pipeline", e.pipeline());
      field(out, "outcome", e.outcome().name());
      out.append(",\"nanos\":").append(e.nanos());
    }
    return out.append('}').toString();
  }

  private static String type(RunEvent event) {
    String name = event.getClass().getSimpleName(); // RunStarted -> runStarted
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append(out.length() > 1 ? "," : "").append(string(name)).append(':').append(string(value));
  }

  /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259). */
  private static String string(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c) && !validSurrogate(value, i)) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean validSurrogate(String value, int i) {
    char c = value.charAt(i);
    return Character.isHighSurrogate(c) ? i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
  }
}
