package io.typeline.opentelemetry;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.typeline.runtime.Graph;
import io.typeline.runtime.RunOptions;
import io.typeline.runtime.Runner;
import io.typeline.runtime.StageFailedException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spans of real runs, exported by the OpenTelemetry SDK to memory. */
class TracingListenerTest {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
      .build();

  @AfterEach
  void close() {
    sdk.close();
  }

  private static Graph graph(boolean fail) {
    return Graph.builder("io.example.Training")
        .param("xs", List.of(1, 2, 3))
        .stage("load", "Training.java:1", args -> args[0], "xs")
        .stage("score", "Training.java:2", args -> {
          if (fail && (int) args[0] == 2) {
            throw new IllegalStateException("bad fold 2");
          }
          return (int) args[0] * 10;
        }, "load")
        .each("score", 0)
        .outputs("score")
        .build();
  }

  private SpanData span(String name) {
    return exporter.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aRunIsOneSpanUnderTheCallersWithAChildSpanPerStage() {
    Span caller = sdk.getTracer("test").spanBuilder("nightly job").startSpan();
    try (Scope scope = caller.makeCurrent()) {
      Runner.run(graph(false), RunOptions.defaults().parallelism(1).noCache().listener(TracingListener.of(sdk)));
    } finally {
      caller.end();
    }

    SpanData run = span("run Training");
    SpanData load = span("load");
    SpanData score = span("score");
    assertThat(run.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
    assertThat(run.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
    assertThat(load.getParentSpanId()).isEqualTo(run.getSpanId());
    assertThat(score.getParentSpanId()).isEqualTo(run.getSpanId());
    assertThat(run.getAttributes().get(TracingListener.PIPELINE)).isEqualTo("io.example.Training");
    assertThat(score.getAttributes().get(TracingListener.STAGE)).isEqualTo("score");
    assertThat(score.getAttributes().get(TracingListener.CACHE_HIT)).isFalse();
    assertThat(score.getAttributes().get(TracingListener.SUMMARY)).isEqualTo("List of 3");
    for (int i = 0; i < 3; i++) {
      SpanData element = span("score[" + i + "]");
      assertThat(element.getParentSpanId()).isEqualTo(score.getSpanId());
      assertThat(element.getAttributes().get(TracingListener.INDEX)).isEqualTo((long) i);
      assertThat(element.getAttributes().get(TracingListener.STAGE)).isEqualTo("score");
      assertThat(element.getAttributes().get(TracingListener.CACHE_HIT)).isFalse();
      assertThat(element.getStartEpochNanos()).isAtLeast(score.getStartEpochNanos());
      assertThat(element.getEndEpochNanos()).isAtMost(score.getEndEpochNanos());
    }
    assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void aFailureIsRecordedOnItsStageAndTheRun() {
    assertThrows(StageFailedException.class, () -> Runner.run(graph(true),
        RunOptions.defaults().parallelism(1).noCache().listener(TracingListener.of(sdk))));

    SpanData score = span("score");
    assertThat(score.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(score.getEvents().stream().anyMatch(event -> event.getName().equals("exception"))).isTrue();
    SpanData failed = span("score[1]"); // the element 2, at index 1
    assertThat(failed.getParentSpanId()).isEqualTo(score.getSpanId());
    assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(failed.getEvents().get(0).getAttributes().asMap().toString()).contains("bad fold 2");
    assertThat(span("score[0]").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(exporter.getFinishedSpanItems().stream().map(SpanData::getName)).doesNotContain("score[2]");
    assertThat(span("run Training").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  static int twice(int x) {
    return x * 2;
  }

  @Test
  void aStageFromTheCacheIsASpanMarkedAsAHit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path cache) {
    Graph graph = Graph.builder("io.example.Cached")
        .param("x", io.typeline.runtime.Codecs.ints())
        .stage("twice", "Cached.java:1", args -> twice((int) args[0]), "x")
        .lineage("twice", new io.typeline.runtime.Lineage(TracingListenerTest.class, "twice(I)I", "",
            io.typeline.runtime.Codecs.ints()))
        .outputs("twice")
        .build();
    Runner.run(graph.with(4), RunOptions.defaults().cache(cache));

    Runner.run(graph.with(4), RunOptions.defaults().cache(cache).listener(TracingListener.of(sdk)));

    SpanData twice = span("twice");
    assertThat(twice.getAttributes().get(TracingListener.CACHE_HIT)).isTrue();
    assertThat(twice.getParentSpanId()).isEqualTo(span("run Cached").getSpanId());
  }
}
