package io.typeline.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.typeline.runtime.RunEvent;
import io.typeline.runtime.RunListener;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Traces runs with OpenTelemetry: one span per run, parented to the context current on the thread
 * that starts the run, and a child span per stage. Stage spans carry {@code typeline.stage} and
 * {@code typeline.cache.hit}; a fan-out's span gets one event per finished element
 * ({@code typeline.element.done} of {@code typeline.element.total}); a failure is recorded on the
 * stage's span and sets both spans' status to error.
 *
 * <pre>{@code
 * Pipelines.training().csv(csv).run(run -> run.listener(TracingListener.of(openTelemetry)));
 * }</pre>
 */
public final class TracingListener implements RunListener {
  static final AttributeKey<String> PIPELINE = AttributeKey.stringKey("typeline.pipeline");
  static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("typeline.run.id");
  static final AttributeKey<String> STAGE = AttributeKey.stringKey("typeline.stage");
  static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("typeline.cache.hit");
  static final AttributeKey<String> SUMMARY = AttributeKey.stringKey("typeline.value");
  static final AttributeKey<Long> DONE = AttributeKey.longKey("typeline.element.done");
  static final AttributeKey<Long> TOTAL = AttributeKey.longKey("typeline.element.total");

  private final Tracer tracer;
  private final Map<String, Span> runs = new ConcurrentHashMap<>();
  private final Map<String, Span> stages = new ConcurrentHashMap<>();

  private TracingListener(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Traces with {@code openTelemetry}'s tracer for instrumentation scope {@code io.typeline}. */
  public static TracingListener of(OpenTelemetry openTelemetry) {
    return new TracingListener(openTelemetry.getTracer("io.typeline"));
  }

  @Override
  public void onEvent(RunEvent event) {
    if (event instanceof RunEvent.RunStarted started) {
      // RunStarted comes on the thread that called run(): its current context is the parent.
      Span run = tracer.spanBuilder("run " + simple(started.pipeline()))
          .setParent(Context.current())
          .setStartTimestamp(started.time())
          .setAttribute(PIPELINE, started.pipeline())
          .setAttribute(RUN_ID, started.runId())
          .startSpan();
      runs.put(started.runId(), run);
    } else if (event instanceof RunEvent.StageStarted started) {
      stages.put(key(started.runId(), started.stage()), stageSpan(started.runId(), started.stage(), started.time()));
    } else if (event instanceof RunEvent.StageFinished finished) {
      Span span = finished.cached()
          ? stageSpan(finished.runId(), finished.stage(), finished.time())
          : stages.remove(key(finished.runId(), finished.stage()));
      if (span != null) {
        span.setAttribute(CACHE_HIT, finished.cached());
        span.setAttribute(SUMMARY, finished.summary());
        span.end(finished.time());
      }
    } else if (event instanceof RunEvent.StageFailed failed) {
      Span span = stages.remove(key(failed.runId(), failed.stage()));
      if (span == null) {
        span = stageSpan(failed.runId(), failed.stage(), failed.time());
      }
      span.setAttribute(CACHE_HIT, false);
      span.recordException(failed.error());
      span.setStatus(StatusCode.ERROR, String.valueOf(failed.error().getMessage()));
      span.end(failed.time());
    } else if (event instanceof RunEvent.FanOutProgress progress) {
      Span span = stages.get(key(progress.runId(), progress.stage()));
      if (span != null) {
        span.addEvent("element", Attributes.of(DONE, (long) progress.done(), TOTAL, (long) progress.total()),
            progress.time());
      }
    } else if (event instanceof RunEvent.RunFinished finished) {
      Span run = runs.remove(finished.runId());
      if (run != null) {
        if (finished.outcome() != RunEvent.Outcome.SUCCEEDED) {
          run.setStatus(StatusCode.ERROR, "run " + finished.outcome().name().toLowerCase(java.util.Locale.ROOT));
        }
        run.end(finished.time());
      }
      // Stages still open belong to a cancelled run: they end with it.
      stages.entrySet().removeIf(entry -> {
        if (!entry.getKey().startsWith(finished.runId() + "/")) {
          return false;
        }
        entry.getValue().setStatus(StatusCode.ERROR, "run " + finished.outcome().name().toLowerCase(java.util.Locale.ROOT));
        entry.getValue().end(finished.time());
        return true;
      });
    }
  }

  private Span stageSpan(String runId, String stage, Instant start) {
    Span run = runs.get(runId);
    return tracer.spanBuilder(stage)
        .setParent(run == null ? Context.current() : Context.current().with(run))
        .setStartTimestamp(start)
        .setAttribute(STAGE, stage)
        .startSpan();
  }

  private static String key(String runId, String stage) {
    return runId + "/" + stage;
  }

  private static String simple(String pipeline) {
    return pipeline.substring(pipeline.lastIndexOf('.') + 1);
  }
}
