package io.typeline.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * A run going on in the background: {@link #join()} waits for its result, {@link #cancel()} stops
 * it. Generated builders return one from {@code start()}; {@code run()} is {@code start().join()}
 * on the calling thread.
 *
 * <p>Cancelling interrupts the run: no stage starts after it, running stages are interrupted, and
 * {@link #join()} throws {@link PipelineCancelledException} once they have ended. Nothing
 * half-written is left in the cache: entries are renamed into place whole, or not at all.
 *
 * @param <R> what the run gives: a generated result type, or {@link RunResult}
 */
public final class RunHandle<R> {
  private final String pipeline;
  private final Thread thread;
  private final CompletableFuture<R> result;

  private RunHandle(String pipeline, Thread thread, CompletableFuture<R> result) {
    this.pipeline = pipeline;
    this.thread = thread;
    this.result = result;
  }

  /** Starts {@code graph} on a thread of its own, named {@code typeline-run-<pipeline>}. */
  static RunHandle<RunResult> start(Graph graph, RunOptions options) {
    graph.requireParamValues(); // a mistake in the call fails here, not later on another thread
    CompletableFuture<RunResult> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        result.complete(Runner.run(graph, options));
      } catch (Throwable failure) { // given to join(), which rethrows it
        result.completeExceptionally(failure);
      }
    }, "typeline-run-" + graph.pipeline());
    thread.start();
    return new RunHandle<>(graph.pipeline(), thread, result);
  }

  /** The same run, giving {@code mapping} of its result: for generated result types. */
  public <T> RunHandle<T> map(Function<? super R, ? extends T> mapping) {
    return new RunHandle<>(pipeline, thread, result.thenApply(mapping));
  }

  /**
   * Stops the run: stages not started never start, running ones are interrupted. Returns at once;
   * {@link #join()} waits until they have ended. Does nothing once the run is over.
   */
  public void cancel() {
    if (!result.isDone()) {
      thread.interrupt();
    }
  }

  /** Whether the run is over: finished, failed or cancelled. */
  public boolean isDone() {
    return result.isDone();
  }

  /**
   * Waits for the run and gives its result, or throws what {@code run()} would:
   * {@link StageFailedException}, or {@link PipelineCancelledException} after {@link #cancel()}.
   * Interrupting the waiting thread cancels the run too.
   */
  public R join() {
    try {
      return result.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (java.util.concurrent.CancellationException e) {
      // A PipelineCancelledException is a CancellationException, which some JDKs' get() rethrows
      // as a new one with it as the cause: give the caller the run's own.
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof PipelineCancelledException cancelled) {
          throw cancelled;
        }
      }
      throw new PipelineCancelledException(pipeline, "cancelled");
    } catch (InterruptedException e) {
      cancel();
      Thread.currentThread().interrupt();
      throw new PipelineCancelledException(pipeline, "the thread waiting for it was interrupted");
    }
  }
}
