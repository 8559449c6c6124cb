package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report as written, parsed without a browser: {@link ReportBrowserTest} renders it. */
class ReportTest {
  @TempDir Path runs;

  private Document report() throws Exception {
    try (Stream<Path> folders = Files.list(runs)) {
      List<Path> all = folders.toList();
      assertThat(all).hasSize(1);
      return Jsoup.parse(Files.readString(all.get(0).resolve("report.html")));
    }
  }

  @Test
  void everythingTheUserGaveIsEscaped() {
    assertThat(Report.esc("<a href='x' title=\"y\">&amp;</a>"))
        .isEqualTo("&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;amp;&lt;/a&gt;");
    assertThat(Report.esc("plain text")).isEqualTo("plain text");
    assertThat(Report.esc("bell \u0007 and newline \n")).isEqualTo("bell \uFFFD and newline \n");
    assertThat(Report.esc("lone \uD800 pair \uD83D\uDE00")).isEqualTo("lone \uFFFD pair \uD83D\uDE00");
  }

  @Test
  void durationsAndTicksReadWell() {
    assertThat(Report.duration(420_000)).isEqualTo("0.42 ms");
    assertThat(Report.duration(812_400_000)).isEqualTo("812 ms");
    assertThat(Report.duration(2_340_000_000L)).isEqualTo("2.3 s");
    assertThat(Report.duration(252_000_000_000L)).isEqualTo("4 min 12 s");
    assertThat(Report.niceStep(0)).isEqualTo(1);
    assertThat(Report.niceStep(13_000_000)).isEqualTo(20_000_000);
    assertThat(Report.niceStep(40_000_000)).isEqualTo(50_000_000);
    assertThat(Report.niceStep(50_000_001)).isEqualTo(100_000_000);
  }

  @Test
  void theReportFetchesNothing() throws Exception {
    Graph graph = Graph.builder("Offline")
        .param("url", "https://example.com/data.csv")
        .stage("a", "Offline.java:1", args -> {
          System.out.println("<img src=\"https://example.com/pixel.png\">");
          return args[0];
        }, "url")
        .outputs("a")
        .build();
    Runner.run(graph, RunOptions.defaults().noCache().runFolders(runs));

    Document report = report();

    assertThat(report.select("[src]")).isEmpty();
    assertThat(report.select("link, iframe, object, embed, img")).isEmpty();
    for (Element link : report.select("[href]")) { // in-page anchors and the run folder's own files
      assertThat(link.attr("href")).matches("#stage-\\w+|url\\(#arrow\\)|events\\.jsonl|\\./\\w+\\.std(out|err)\\.txt");
    }
    assertThat(report.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
        .startsWith("default-src 'none'");
    assertThat(report.getElementById("stage-a").selectFirst("pre.log.stdout").text())
        .isEqualTo("<img src=\"https://example.com/pixel.png\">");
  }

  @Test
  void aLargeFanOutIsCountedInFullAndDrawnInPart() throws Exception {
    int count = 3 * Report.MAX_ELEMENTS;
    Graph graph = Graph.builder("Large")
        .param("xs", IntStream.range(0, count).boxed().toList())
        .stage("each", "Large.java:1", args -> (int) args[0] + 1, "xs")
        .each("each", 0)
        .outputs("each")
        .build();
    Runner.run(graph, RunOptions.defaults().noCache().runFolders(runs));

    Document report = report();

    assertThat(report.select("rect.element")).hasSize(Report.MAX_ELEMENTS);
    assertThat(report.selectFirst("dd.elements").text()).startsWith(count + " of " + count + " have a result");
    assertThat(report.select("p.note").text())
        .isEqualTo("each: elements 0 to " + (Report.MAX_ELEMENTS - 1) + " of " + count + " are drawn.");
    assertThat(report.select("rect.element").stream().mapToInt(e -> Integer.parseInt(e.attr("data-index"))).max()
        .getAsInt()).isEqualTo(Report.MAX_ELEMENTS - 1);
  }

  @Test
  void aCancelledRunsReportShowsWhatWasInterrupted() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Graph graph = Graph.builder("Cancelled")
        .stage("slow", "Cancelled.java:1", args -> {
          started.countDown();
          Thread.sleep(60_000);
          return 1;
        })
        .stage("after", "Cancelled.java:2", args -> args[0], "slow")
        .outputs("after")
        .build();
    RunHandle<RunResult> handle = Runner.start(graph, RunOptions.defaults().noCache().runFolders(runs));
    started.await();

    Document report = cancelledReport(handle);

    assertThat(report.getElementById("outcome").text()).isEqualTo("cancelled");
    assertThat(report.selectFirst("g.node[data-stage=slow]").attr("data-status")).isEqualTo("interrupted");
    assertThat(report.selectFirst("g.node[data-stage=after]").attr("data-status")).isEqualTo("not-run");
    assertThat(report.selectFirst("g.row[data-stage=slow]").hasClass("status-interrupted")).isTrue();
  }

  @Test
  void aStageNameIsShownAsTextAndItsFileLinkStaysARelativePath() throws Exception {
    String hostile = "javascript:alert(1)//100% \"<b>";
    Graph graph = Graph.builder("Names")
        .stage(hostile, "Names.java:1", args -> {
          System.out.println("printed");
          return 1;
        })
        .outputs(hostile)
        .build();
    Runner.run(graph, RunOptions.defaults().noCache().runFolders(runs));

    Document report = report();

    assertThat(report.selectFirst("svg#graph g.node").attr("data-stage")).isEqualTo(hostile);
    assertThat(report.select("b")).isEmpty();
    assertThat(report.selectFirst("a.file").attr("href"))
        .isEqualTo("./javascript%3Aalert%281%29%2F%2F100%25%20%22%3Cb%3E.stdout.txt");
    for (Element link : report.select("[href]")) {
      assertThat(link.attr("href")).doesNotContainMatch("^\\s*javascript:");
    }
    // Only the report's own script may run: by its hash, not any inline script.
    String policy = report.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");
    assertThat(policy).containsMatch("script-src 'sha256-[A-Za-z0-9+/]+=*';");
    assertThat(policy).doesNotContainMatch("script-src[^;]*unsafe-inline");
  }

  @Test
  void aHugeOutputIsReadFromItsEnd() throws Exception {
    Graph graph = Graph.builder("Chatty")
        .stage("chatty", "Chatty.java:1", args -> {
          String line = "x".repeat(99) + "\n";
          for (int i = 0; i < 50_000; i++) { // 5 MB
            System.out.print(line);
          }
          System.out.println("THE END");
          return 1;
        })
        .outputs("chatty")
        .build();
    Runner.run(graph, RunOptions.defaults().noCache().runFolders(runs));

    Document report = report();

    String log = report.getElementById("stage-chatty").selectFirst("pre.log.stdout").wholeText();
    assertThat(log).startsWith("[... the start is left out: the whole output (5000008 bytes) is in chatty.stdout.txt]\n");
    assertThat(log).endsWith("x\nTHE END\n");
    assertThat(log.length()).isLessThan(Report.MAX_LOG_CHARS + 200);
  }

  @Test
  void aHugeFailureMessageIsCutInTheHeaderAndTheTrace() throws Exception {
    Graph graph = Graph.builder("Verbose")
        .stage("verbose", "Verbose.java:1", args -> {
          throw new IllegalStateException("y".repeat(200_000));
        })
        .outputs("verbose")
        .build();
    org.junit.jupiter.api.Assertions.assertThrows(StageFailedException.class,
        () -> Runner.run(graph, RunOptions.defaults().noCache().runFolders(runs)));

    Document report = report();

    assertThat(report.selectFirst("header p.failure").text().length()).isLessThan(Report.MAX_LINE_CHARS + 100);
    String trace = report.getElementById("stage-verbose").selectFirst("pre.trace").wholeText();
    assertThat(trace).startsWith("java.lang.IllegalStateException: yyy");
    assertThat(trace).contains(" characters left out ...]");
    assertThat(trace.length()).isLessThan(Report.MAX_LOG_CHARS + 100);
  }

  @Test
  void anExceptionThatCannotBePrintedIsNamed() {
    RuntimeException unprintable = new RuntimeException() {
      @Override
      public String toString() {
        throw new IllegalStateException("toString broke");
      }
    };

    String trace = Report.trace(unprintable);

    assertThat(trace).contains("its toString() threw java.lang.IllegalStateException");
    assertThat(trace).contains("the stack trace cannot be printed");
  }

  @Test
  void elementsRunningWhenTheRunWasCancelledAreDrawnAsInterrupted() throws Exception {
    CountDownLatch running = new CountDownLatch(2);
    Graph graph = Graph.builder("CancelledFanOut")
        .param("xs", List.of(0, 1, 2, 3))
        .stage("each", "CancelledFanOut.java:1", args -> {
          running.countDown();
          Thread.sleep(60_000);
          return args[0];
        }, "xs")
        .each("each", 0)
        .outputs("each")
        .build();
    RunHandle<RunResult> handle = Runner.start(graph, RunOptions.defaults().parallelism(2).noCache().runFolders(runs));
    running.await();

    Document report = cancelledReport(handle);

    assertThat(report.select("svg#timeline rect.element.interrupted")).hasSize(2);
    assertThat(report.select("svg#timeline rect.element.interrupted title").text()).contains("interrupted after");
  }

  /** Cancels the run and gives its report, once written (by the run's last event, after join returns). */
  private Document cancelledReport(RunHandle<RunResult> handle) throws Exception {
    handle.cancel();
    org.junit.jupiter.api.Assertions.assertThrows(PipelineCancelledException.class, handle::join);
    for (int i = 0; i < 200 && !reportExists(); i++) {
      Thread.sleep(25);
    }
    return report();
  }

  private boolean reportExists() throws Exception {
    try (Stream<Path> folders = Files.list(runs)) {
      return folders.anyMatch(folder -> Files.exists(folder.resolve("report.html")));
    }
  }
}
