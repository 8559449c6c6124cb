package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run report of real runs, rendered by headless Chromium: assertions on the DOM it renders
 * (after the report's script ran) and a screenshot, kept in {@code target/report-screenshots/}.
 */
class ReportBrowserTest {
  private static final String HOSTILE_PARAM = "<img src=x onerror=alert(1)> & \"quotes\"";
  private static final String HOSTILE_OUTPUT = "<script>alert('x')</script>";

  @TempDir Path cache;
  @TempDir Path runs;
  @TempDir Path browser;

  static int load(int n) {
    return n;
  }

  /** load (cacheable) → score (fan-out over 6 folds, not cached) → best (prints hostile text). */
  private static Graph graph(int failingFold) {
    return Graph.builder("io.example.Report")
        .param("n", Codecs.ints())
        .param("label", Codecs.string())
        .stage("load", "Report.java:10", args -> load((int) args[0]), "n")
        .lineage("load", new Lineage(ReportBrowserTest.class, "load(I)I", "", Codecs.ints()))
        .stage("folds", "Report.java:14", args -> java.util.stream.IntStream.range(0, (int) args[0]).boxed().toList(),
            "load")
        .stage("score", "Report.java:18", args -> {
          int fold = (int) args[0];
          if (fold == failingFold) {
            throw new IllegalStateException("fold <" + fold + "> diverged");
          }
          Thread.sleep(20 + 10L * fold);
          return fold * 0.1;
        }, "folds")
        .each("score", 0)
        .stage("best", "Report.java:25", args -> {
          System.out.println(HOSTILE_OUTPUT);
          return String.valueOf(args[0]) + args[1];
        }, "score", "label")
        .outputs("best")
        .build();
  }

  private Path onlyRunFolder() throws Exception {
    try (Stream<Path> folders = Files.list(runs)) {
      List<Path> all = folders.toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  private static Element stage(Document dom, String name) {
    Element node = dom.selectFirst("svg#graph g.node[data-stage=" + name + "]");
    assertThat(node).isNotNull();
    return node;
  }

  /** How many pixels of {@code png} have the colour {@code rgb}, give or take antialiasing. */
  private static long pixels(Path png, int rgb) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    long count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        if (Math.abs((p >> 16 & 0xff) - (rgb >> 16 & 0xff)) + Math.abs((p >> 8 & 0xff) - (rgb >> 8 & 0xff))
            + Math.abs((p & 0xff) - (rgb & 0xff)) < 12) {
          count++;
        }
      }
    }
    return count;
  }

  private static final int RAN_GREEN = 0x2e9e5b;
  private static final int CACHED_BLUE = 0x3b7dd8;
  private static final int FAILED_RED = 0xd93b3b;

  @Test
  void aSuccessfulRunsReportShowsTheGraphTheTimelineAndEachStage() throws Exception {
    Chromium chromium = Chromium.find(browser);
    Graph graph = graph(-1);
    Runner.run(graph.with(6, HOSTILE_PARAM), RunOptions.defaults().cache(cache).noRunFolder());
    Runner.run(graph.with(6, HOSTILE_PARAM), RunOptions.defaults().parallelism(2).cache(cache).runFolders(runs));
    Path report = onlyRunFolder().resolve("report.html");
    String url = report.toUri().toString();

    Document dom = Jsoup.parse(chromium.dumpDom(url));

    assertThat(dom.title()).startsWith("Report · run ");
    assertThat(dom.title()).endsWith("succeeded");
    assertThat(dom.getElementById("outcome").text()).isEqualTo("succeeded");
    assertThat(dom.getElementById("counts").text()).isEqualTo("3 ran · 1 from the cache · 0 failed · 0 not needed");
    // The graph: a box per stage, coloured by status; params; an edge per input.
    assertThat(dom.select("svg#graph g.node")).hasSize(4);
    assertThat(stage(dom, "load").attr("data-status")).isEqualTo("cached");
    assertThat(stage(dom, "score").attr("data-status")).isEqualTo("ran");
    assertThat(stage(dom, "score").hasClass("fan-out")).isTrue();
    assertThat(stage(dom, "score").text()).contains("6/6 · ran");
    assertThat(stage(dom, "best").hasClass("output")).isTrue();
    assertThat(dom.select("svg#graph g.param").eachAttr("data-param")).containsExactly("n", "label");
    assertThat(dom.select("svg#graph path.edge").stream().map(e -> e.attr("data-from") + ">" + e.attr("data-to"))
        .toList()).containsExactly("n>load", "load>folds", "folds>score", "score>best", "label>best");
    // The timeline: a row per stage that started, and a bar per element of the fan-out.
    assertThat(dom.select("svg#timeline g.row").eachAttr("data-stage"))
        .containsExactly("load", "folds", "score", "best").inOrder();
    assertThat(dom.select("svg#timeline rect.element[data-stage=score]").eachAttr("data-index").stream()
        .map(Integer::parseInt).collect(Collectors.toSet())).containsExactly(0, 1, 2, 3, 4, 5);
    // Details: what best printed is shown as text, never as markup.
    Element best = dom.getElementById("stage-best");
    assertThat(best.selectFirst("pre.log.stdout").text()).isEqualTo(HOSTILE_OUTPUT);
    assertThat(best.select("dd").eachText()).contains("Report.java:25");
    assertThat(dom.getElementById("params").text()).contains(HOSTILE_PARAM);
    assertThat(dom.select("script")).hasSize(1); // the report's own
    assertThat(dom.select("img")).isEmpty();
    assertThat(dom.getElementById("stage-score").selectFirst("dd.elements").text()).startsWith("6 of 6 have a result");
    assertThat(dom.getElementById("stage-score").hasAttr("open")).isFalse();

    Path png = Path.of("target/report-screenshots/succeeded.png");
    chromium.screenshot(url, png, 1200, 1400);
    assertThat(pixels(png, RAN_GREEN)).isGreaterThan(500L);
    assertThat(pixels(png, CACHED_BLUE)).isGreaterThan(20L);
    assertThat(pixels(png, FAILED_RED)).isLessThan(150L); // the legend's key only
  }

  @Test
  void aLinkToAStageOpensItsDetails() throws Exception {
    Chromium chromium = Chromium.find(browser);
    Runner.run(graph(-1).with(2, "x"), RunOptions.defaults().noCache().runFolders(runs));
    String url = onlyRunFolder().resolve("report.html").toUri() + "#stage-score";

    Document dom = Jsoup.parse(chromium.dumpDom(url));

    assertThat(dom.getElementById("stage-score").hasAttr("open")).isTrue(); // the script ran
    assertThat(dom.getElementById("stage-best").hasAttr("open")).isFalse();
  }

  @Test
  void aFailedRunsReportShowsTheFailureWithItsStackTrace() throws Exception {
    Chromium chromium = Chromium.find(browser);
    assertThrows(StageFailedException.class,
        () -> Runner.run(graph(3).with(6, "x"), RunOptions.defaults().parallelism(1).noCache().runFolders(runs)));
    String url = onlyRunFolder().resolve("report.html").toUri().toString();

    Document dom = Jsoup.parse(chromium.dumpDom(url));

    assertThat(dom.title()).endsWith("failed");
    assertThat(dom.getElementById("outcome").text()).isEqualTo("failed");
    assertThat(stage(dom, "score").attr("data-status")).isEqualTo("failed");
    assertThat(stage(dom, "best").attr("data-status")).isEqualTo("not-run");
    assertThat(stage(dom, "score").text()).contains("3/6 · failed");
    Element failure = dom.selectFirst("header p.failure");
    assertThat(failure.text()).contains("score failed: ");
    assertThat(failure.text()).contains("fold <3> diverged");
    assertThat(failure.selectFirst("a").attr("href")).isEqualTo("#stage-score");
    Element score = dom.getElementById("stage-score");
    assertThat(score.hasAttr("open")).isTrue();
    String trace = score.selectFirst("pre.trace").text();
    assertThat(trace).contains(FanOutElementException.class.getName());
    assertThat(trace).contains("Caused by: java.lang.IllegalStateException: fold <3> diverged");
    assertThat(trace).contains("at io.typeline.runtime.ReportBrowserTest.lambda$graph$");
    assertThat(dom.select("svg#timeline g.row.status-failed").eachAttr("data-stage")).containsExactly("score");
    assertThat(dom.select("svg#timeline g.row").eachAttr("data-stage")).doesNotContain("best");
    assertThat(dom.select("svg#timeline rect.element[data-stage=score]").eachAttr("data-index"))
        .containsExactly("0", "1", "2", "3"); // folds 0 to 2, and 3, which failed
    assertThat(dom.select("svg#timeline rect.element.failed").eachAttr("data-index")).containsExactly("3");

    Path png = Path.of("target/report-screenshots/failed.png");
    chromium.screenshot(url, png, 1200, 1400);
    assertThat(pixels(png, FAILED_RED)).isGreaterThan(500L);
  }
}
