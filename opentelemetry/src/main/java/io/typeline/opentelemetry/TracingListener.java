package io.typeline.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.typeline.runtime.FanOutElementException;
import io.typeline.runtime.RunEvent;
import io.typeline.runtime.RunListener;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Traces runs with OpenTelemetry: one span per run, parented to the context current on the thread
 * that starts the run, and a child span per stage. Stage spans carry {@code typeline.stage} and
 * {@code typeline.cache.hit}. A fan-out's span has a child span per element, {@code score[3]},
 * with {@code typeline.element.index} (0-based, in input order) and {@code typeline.cache.hit}. A
 * failure is recorded on the stage's span (and a failed element's) and sets the run's status to
 * error.
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
  static final AttributeKey<Long> INDEX = AttributeKey.longKey("typeline.element.index");

  private final Tracer tracer;
  private final Map<String, Span> runs = new ConcurrentHashMap<>();
  /** Open stage spans by {@code runId/stage}, and element spans by {@code runId/stage#index}. */
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
      if (failed.error() instanceof FanOutElementException element) {
        Span span = stages.remove(key(failed.runId(), failed.stage()) + "#" + element.index());
        if (span != null) {
          span.recordException(element.getCause() != null ? element.getCause() : element);
          span.setStatus(StatusCode.ERROR, String.valueOf(element.getMessage()));
          span.end(failed.time());
        }
      }
      Span span = stages.remove(key(failed.runId(), failed.stage()));
      if (span == null) {
        span = stageSpan(failed.runId(), failed.stage(), failed.time());
      }
      span.setAttribute(CACHE_HIT, false);
      span.recordException(failed.error());
      span.setStatus(StatusCode.ERROR, String.valueOf(failed.error().getMessage()));
      span.end(failed.time());
    } else if (event instanceof RunEvent.ElementStarted started) {
      String stage = key(started.runId(), started.stage());
      stages.put(stage + "#" + started.index(),
          elementSpan(stages.get(stage), started.stage(), started.index(), started.time()));
    } else if (event instanceof RunEvent.FanOutProgress progress) {
      String stage = key(progress.runId(), progress.stage());
      Span span = stages.remove(stage + "#" + progress.index());
      if (span == null) {
        // A cached element, or one from an executor that reports only results (Spark): it ran
        // for its nanos before its result came.
        span = elementSpan(stages.get(stage), progress.stage(), progress.index(),
            progress.time().minusNanos(progress.nanos()));
      }
      if (span != null) {
        span.setAttribute(CACHE_HIT, progress.cached());
        span.end(progress.time());
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

  private Span elementSpan(Span stage, String name, int index, Instant start) {
    return tracer.spanBuilder(name + "[" + index + "]")
        .setParent(stage == null ? Context.current() : Context.current().with(stage))
        .setStartTimestamp(start)
        .setAttribute(STAGE, name)
        .setAttribute(INDEX, (long) index)
        .startSpan();
  }

  private static String key(String runId, String stage) {
    return runId + "/" + stage;
  }

  private static String simple(String pipeline) {
    return pipeline.substring(pipeline.lastIndexOf('.') + 1);
  }
}
