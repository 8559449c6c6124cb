package io.typeline.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One execution of a graph. The calling thread walks the graph: it alone touches the scheduling
 * state (pending counts, values), submitting each stage whose inputs are ready and reacting to
 * completions that executors post to a queue. So the state needs no locks, and an interrupt of
 * the caller is seen where it waits. When a single stage can run and none is running, the
 * calling thread runs it itself: sequential stretches cost no thread switch.
 *
 * <p>After a failure or a cancellation the run is "closed": {@link StageTask#tryStart()} refuses
 * every stage not yet started, running ones are interrupted, and the run waits for them to end
 * before it throws, so no stage of a failed run is still going when the caller sees the error.
 */
final class Run implements StageTask.Listener {
  private record Completion(int node, Object value, Throwable error) {}

  private final Graph graph;
  private final Topology topology;
  private final StageExecutor executor;
  private final int limit;
  private final boolean inlineAllowed;
  private final LocalExecutor local;
  private final List<Node> nodes;
  private final Object[] values;
  /** What the executor was given, to cancel on failure; touched by the calling thread only. */
  private final List<Future<?>> handedOut = new ArrayList<>();
  /** Stages waiting for a pool thread, with the local executor. */
  private final ConcurrentLinkedQueue<StageTask> queued = new ConcurrentLinkedQueue<>();
  /** How many pool tasks are draining {@link #queued}: at most {@code limit}. */
  private final AtomicInteger drainers = new AtomicInteger();
  private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();

  private final Object gate = new Object();
  private boolean closed; // guarded by gate
  private int started; // stages started and not yet reported; guarded by gate

  /**
   * @param limit how many stages may be in the executor at once (its parallelism for the local
   *     executor; unbounded for a given executor, which bounds itself)
   * @param local the local executor, when it is the one running the stages: then the calling
   *     thread may run a stage itself when it is the only one that can run, and pool threads drain
   *     a queue of stages; {@code null} for a given executor, which must see every stage itself
   */
  Run(Graph graph, StageExecutor executor, int limit, LocalExecutor local) {
    this.limit = limit;
    this.local = local;
    this.inlineAllowed = local != null;
    this.graph = graph;
    this.topology = graph.topology();
    this.executor = executor;
    this.nodes = graph.nodes();
    this.values = new Object[nodes.size()];
  }

  RunResult execute() {
    int n = nodes.size();
    int[] pending = new int[n];
    int[] uses = new int[n];
    ArrayDeque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      pending[i] = topology.stageInputCount(i);
      uses[i] = topology.consumers[i].length;
      if (pending[i] == 0) {
        ready.add(i);
      }
    }
    for (String output : graph.outputs()) {
      uses[topology.indexOf(output)]++; // an output is never released
    }
    int finished = 0;
    int inFlight = 0;
    while (finished < n) {
      Completion completion;
      int inline = -1;
      if (inlineAllowed && inFlight == 0 && ready.size() == 1) {
        // The only stage that can run now: run it here rather than hand it to a thread and wait,
        // so a chain costs no thread switch per stage. With two or more ready, the pool takes them.
        inline = ready.poll();
        completion = runHere(inline);
      } else {
        if (inlineAllowed) {
          // All runnable stages go to one queue that at most `limit` pool tasks drain: a wave of
          // stages costs a thread hand-off per pool thread, not per stage.
          while (!ready.isEmpty()) {
            queue(ready.poll());
            inFlight++;
          }
        } else {
          while (!ready.isEmpty() && inFlight < limit) {
            submit(ready.poll());
            inFlight++;
          }
        }
        try {
          completion = completions.take();
        } catch (InterruptedException e) {
          throw cancelled();
        }
        inFlight--;
      }
      if (completion.error != null) {
        if (completion.node == inline && Thread.currentThread().isInterrupted()
            || completion.node == inline && completion.error instanceof InterruptedException) {
          throw cancelled(); // the caller's interrupt reached the stage it was running
        }
        Node node = nodes.get(completion.node);
        StageFailedException failure = new StageFailedException(
            graph.pipeline(), node.name(), node.location(), completion.error);
        stop(failure);
        throw failure;
      }
      if (uses[completion.node] > 0) { // a sink that is not an output is not kept
        values[completion.node] = completion.value;
      }
      finished++;
      for (int consumer : topology.consumers[completion.node]) {
        if (--pending[consumer] == 0) {
          ready.add(consumer);
        }
      }
      for (int input : topology.inputs[completion.node]) {
        if (input != Topology.PARAM && --uses[input] == 0) {
          values[input] = null; // let a large intermediate value go as soon as nobody needs it
        }
      }
    }
    Map<String, Object> outputs = new LinkedHashMap<>();
    for (String output : graph.outputs()) {
      outputs.put(output, values[topology.indexOf(output)]);
    }
    return new RunResult(graph.pipeline(), Collections.unmodifiableMap(outputs));
  }

  /**
   * Runs stage {@code i} on this thread. Nothing else runs meanwhile (nothing is in flight), so the
   * gate and the completion queue, which exist for concurrent stages, are not needed.
   */
  private Completion runHere(int i) {
    try {
      return new Completion(i, nodes.get(i).invoker().invoke(args(i)), null);
    } catch (Throwable error) { // a stage's Error fails the run too
      return new Completion(i, null, error);
    }
  }

  private PipelineCancelledException cancelled() {
    stop(null);
    Thread.currentThread().interrupt();
    return new PipelineCancelledException(graph.pipeline(), "the calling thread was interrupted");
  }

  /** The input values of stage {@code i}, in parameter order. */
  private Object[] args(int i) {
    int[] inputs = topology.inputs[i];
    Object[] args = new Object[inputs.length];
    List<String> names = nodes.get(i).inputs();
    for (int k = 0; k < inputs.length; k++) {
      args[k] = inputs[k] == Topology.PARAM ? graph.params().get(names.get(k)) : values[inputs[k]];
    }
    return args;
  }

  private StageTask task(int i) {
    Node node = nodes.get(i);
    return new StageTask(i, new StageCall(graph.pipeline(), node.name(), node.invoker(), args(i)), this);
  }

  private void submit(int i) {
    StageTask task = task(i);
    try {
      handedOut.add(executor.execute(task));
    } catch (RuntimeException | Error e) {
      closeGate(); // stages submitted after this one must not start either
      completions.add(new Completion(i, null, e));
    }
  }

  /** Adds stage {@code i} to the queue the pool drains, and starts a drainer if one is missing. */
  private void queue(int i) {
    queued.add(task(i));
    int active = drainers.get();
    if (active < limit && drainers.compareAndSet(active, active + 1)) {
      try {
        handedOut.add(local.submit(this::drain));
      } catch (RuntimeException | Error e) {
        drainers.decrementAndGet();
        closeGate();
        StageTask refused = queued.poll();
        if (refused != null) {
          completions.add(new Completion(refused.node, null, e));
        }
      }
    }
  }

  /**
   * Runs queued stages on a pool thread until the queue is empty. Before leaving it looks once
   * more, after giving up its place: a stage queued in between is then either seen here or, since
   * a place is free again, given a drainer of its own by {@link #queue}.
   */
  private void drain() {
    while (true) {
      for (StageTask task = queued.poll(); task != null; task = queued.poll()) {
        task.run();
      }
      drainers.decrementAndGet();
      int active = drainers.get();
      if (queued.isEmpty() || active >= limit || !drainers.compareAndSet(active, active + 1)) {
        return;
      }
    }
  }

  /** Closes the gate, interrupts running stages and waits until every started one has ended. */
  private void stop(StageFailedException failure) {
    closeGate();
    for (Future<?> future : handedOut) {
      future.cancel(true); // a no-op for those done
    }
    boolean interrupted = false;
    while (startedCount() > 0 || !completions.isEmpty()) {
      try {
        Completion late = completions.take();
        Throwable error = late.error;
        // Interruptions are our own doing; other concurrent failures are worth reporting.
        if (failure != null && error != null && !(error instanceof InterruptedException)) {
          failure.addSuppressed(error);
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void closeGate() {
    synchronized (gate) {
      closed = true;
    }
  }

  private int startedCount() {
    synchronized (gate) {
      return started;
    }
  }

  @Override
  public boolean tryStart(StageTask task) {
    synchronized (gate) {
      if (closed) {
        return false;
      }
      started++;
      return true;
    }
  }

  @Override
  public void finished(StageTask task, Object value, Throwable error) {
    // One step under the gate: stop() sees the stage either still started or its completion
    // queued, never neither; and after a failure no stage starts, even before the caller wakes up.
    synchronized (gate) {
      started--;
      closed |= error != null;
      completions.add(new Completion(task.node, value, error));
    }
  }
}
