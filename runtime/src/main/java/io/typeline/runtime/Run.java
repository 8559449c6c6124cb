package io.typeline.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * One execution of a graph.
 *
 * <p><b>With the local executor</b> (the default) whichever thread finishes a stage does the
 * bookkeeping itself: it stores the value, counts down its consumers' pending inputs (atomic
 * counts) and runs what it made runnable, so work flows from thread to thread without going back
 * through the caller. Of the stages one completion unlocks, the finishing thread keeps one to run
 * next (the calling thread only when nothing else runs, so a chain costs no thread switch) and
 * every stage it has seen take under {@link #FAST_NANOS} in an earlier run; the rest go to a queue
 * that at most {@code limit} pool tasks drain. A stage predicted fast that turns out slow hands the
 * thread's remaining stages back to the queue, so one wrong guess delays others by one stage at
 * most. The calling thread parks until the last stage ends or one fails.
 *
 * <p><b>With a given executor</b> (Spark, tests) the calling thread walks the graph: executors post
 * completions to a queue and the caller submits each stage whose inputs are ready, so an executor
 * that runs a task inline never recurses.
 *
 * <p>After a failure or a cancellation the run is "closed": {@link #tryStart} refuses every stage
 * not yet started, running ones are interrupted, and the run waits for them to end before it
 * throws, so no stage of a failed run is still going when the caller sees the error.
 */
final class Run implements StageTask.Listener {
  /**
   * A stage that took less than this last time runs on the thread that made it runnable: waking
   * another thread costs about as much. Generous on purpose: being wrong costs one such stage.
   */
  static final long FAST_NANOS = 20_000;

  private record Completion(int node, Object value, Throwable error) {}

  private final Graph graph;
  private final Topology topology;
  private final StageExecutor executor;
  private final int limit;
  private final LocalExecutor local;
  private final List<Node> nodes;
  private final Object[] values;
  /** Per node: stage inputs not yet produced. */
  private final AtomicIntegerArray pending;
  /** Per node: consumers not yet finished (plus one for an output): its value is dropped at 0. */
  private final AtomicIntegerArray uses;
  /** Which stages come from the cache, or {@code null} when the cache is not used: all run. */
  private final CachePlan plan;
  private final RunOptions options;
  /** The run's event stream; when it has no listener, no event is built. */
  private final Events events;
  /** Where stages' printed output goes (the run folder), or null when it is not captured. */
  private final java.nio.file.Path outputFolder;
  /** Per node, when it started (nanoTime), for durations in events; null without listeners. */
  private final long[] startedAt;
  /** Stages to run not yet finished; the one that brings it to 0 ends the run. */
  private final AtomicInteger remaining;
  private final Thread caller = Thread.currentThread();
  /** Set once every stage finished or one failed; the caller parks until then. */
  private volatile boolean over;

  /** Pool tasks and given-executor tasks, to cancel on failure; added to by any thread. */
  private final ConcurrentLinkedQueue<Future<?>> handedOut = new ConcurrentLinkedQueue<>();
  /** Local executor: runnable stages no thread has kept for itself. */
  private final ConcurrentLinkedQueue<Integer> queued = new ConcurrentLinkedQueue<>();
  /** Local executor: threads running this run's stages (pool tasks, and the caller): ≤ limit. */
  private final AtomicInteger workers = new AtomicInteger();
  /** Given executor: what tasks report, for the caller to act on. */
  private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
  /** Given executor: per node, its fan-out's elements and results; null elsewhere. */
  private final GivenFanOut[] fanOuts;

  /**
   * The gate: how many stages started and have not ended, plus {@link #CLOSED} once the run failed
   * or was cancelled. One atomic word, so a stage's start is one compare-and-set, and no stage can
   * start after the close.
   */
  private final AtomicInteger gate = new AtomicInteger();
  private static final int CLOSED = 1 << 30;
  /** Whether stage durations are measured in this run: see {@link #measures}. */
  private final boolean measuring;

  private final Object failures = new Object();
  private int failedNode = -1; // guarded by failures
  private Throwable failure; // guarded by failures
  private final List<Throwable> alsoFailed = new ArrayList<>(0); // guarded by failures

  /**
   * @param limit how many stages may run at once (the local executor's parallelism; unbounded for
   *     a given executor, which bounds itself)
   * @param local the local executor, when it is the one running the stages; {@code null} for a
   *     given executor, which must see every stage itself
   */
  Run(Graph graph, StageExecutor executor, int limit, LocalExecutor local, CachePlan plan,
      RunOptions options) {
    this.plan = plan;
    this.options = options;
    this.events = new Events(withRunFolder(options, graph));
    this.outputFolder = options.runFolders() == null ? null : options.runFolders().resolve(events.runId());
    if (outputFolder != null) {
      StageOutput.install();
    }
    this.startedAt = events.on() ? new long[graph.nodes().size()] : null;
    this.graph = graph;
    this.topology = graph.topology();
    this.executor = executor;
    this.limit = limit;
    this.local = local;
    this.nodes = graph.nodes();
    int n = nodes.size();
    this.values = new Object[n];
    this.pending = new AtomicIntegerArray(n);
    this.uses = new AtomicIntegerArray(n);
    int running = 0;
    for (int i = 0; i < n; i++) {
      running += runs(i) ? 1 : 0;
    }
    this.remaining = new AtomicInteger(running);
    this.measuring = local != null && measures(topology);
    this.fanOuts = local == null ? new GivenFanOut[n] : null;
  }

  /** The listeners of {@code options}, and the one writing the run folder unless it is off. */
  private static List<RunListener> withRunFolder(RunOptions options, Graph graph) {
    java.nio.file.Path folders = options.runFolders();
    if (folders == null) {
      return options.listeners();
    }
    // First, so that the report is written when a console listener says where it is.
    List<RunListener> listeners = new ArrayList<>();
    listeners.add(EventLog.runFolder(folders, graph));
    listeners.addAll(options.listeners());
    return listeners;
  }

  /**
   * Durations decide which stages run where; a clock read costs ~25 ns, as much as the rest of a
   * trivial stage's scheduling. So a pipeline's stages are timed in its first two runs and then in
   * one run of {@value #TIMED_EVERY}: a stage that turns slow is seen within that many runs.
   */
  private static boolean measures(Topology topology) {
    int run = topology.runs++; // a racy count: at worst a run more or less is timed
    return run < 2 || run % TIMED_EVERY == 0;
  }

  static final int TIMED_EVERY = 4;

  RunResult execute() {
    long start = System.nanoTime();
    if (events.on()) {
      int stages = 0;
      for (int i = 0; i < nodes.size(); i++) {
        stages += plan == null || plan.outcomes[i].action() != StageOutcome.Action.NOT_NEEDED ? 1 : 0;
      }
      events.emit(new RunEvent.RunStarted(events.runId(), events.now(), graph.pipeline(), Events.params(graph),
          stages, outputFolder));
    }
    try {
      RunResult result = executeStages();
      finishedRun(RunEvent.Outcome.SUCCEEDED, start);
      return result;
    } catch (StageFailedException e) {
      finishedRun(RunEvent.Outcome.FAILED, start);
      throw e;
    } catch (PipelineCancelledException e) {
      finishedRun(RunEvent.Outcome.CANCELLED, start);
      throw e;
    }
  }

  private void finishedRun(RunEvent.Outcome outcome, long start) {
    if (events.on()) {
      events.emit(new RunEvent.RunFinished(events.runId(), events.now(), graph.pipeline(), outcome,
          System.nanoTime() - start));
    }
  }

  /** Emits StageStarted for stage {@code stage}, which just started. */
  private void started(int stage) {
    if (startedAt != null) {
      startedAt[stage] = System.nanoTime();
      events.emit(new RunEvent.StageStarted(events.runId(), events.now(), nodes.get(stage).name()));
    }
  }

  /** Emits StageFinished for stage {@code stage}, which ran and gave {@code value}. */
  private void finished(int stage, Object value) {
    if (startedAt != null) {
      events.emit(new RunEvent.StageFinished(events.runId(), events.now(), nodes.get(stage).name(),
          System.nanoTime() - startedAt[stage], false, Events.summary(value)));
    }
  }

  private RunResult executeStages() {
    int n = nodes.size();
    Stack roots = new Stack();
    for (int i = 0; i < n; i++) {
      if (plan == null) {
        pending.set(i, topology.stageInputCount(i));
        uses.set(i, topology.consumers[i].length);
      } else {
        countRunning(i);
      }
      if (runs(i) && pending.get(i) == 0) {
        roots.push(i);
      }
    }
    for (String output : graph.outputs()) {
      uses.incrementAndGet(topology.indexOf(output)); // an output is never dropped
    }
    if (events.on() && plan != null) {
      for (int i = 0; i < n; i++) {
        if (plan.outcomes[i].action() == StageOutcome.Action.CACHED) {
          events.emit(new RunEvent.StageFinished(events.runId(), events.now(), nodes.get(i).name(), 0, true,
              Events.summary(plan.loaded[i])));
        }
      }
    }
    if (remaining.get() == 0) {
      over = true; // every needed value came from the cache
    } else if (local != null) {
      runLocally(roots);
    } else {
      walkForExecutor(roots);
    }
    Map<String, Object> outputs = new LinkedHashMap<>();
    for (String output : graph.outputs()) {
      outputs.put(output, values[topology.indexOf(output)]);
    }
    return new RunResult(graph.pipeline(), Collections.unmodifiableMap(outputs), this::outcomes);
  }

  private List<StageOutcome> outcomes() {
    List<StageOutcome> outcomes = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      outcomes.add(plan != null ? plan.outcomes[i] : CachePlan.uncached(graph, i, options));
    }
    return outcomes;
  }

  /** Whether stage {@code i} runs: always without the cache, else when the plan says so. */
  private boolean runs(int i) {
    return plan == null || plan.runs[i];
  }

  /**
   * With the cache: a stage that runs waits only for inputs that run too (the others' values are
   * read already), and a value is kept for the stages that run and take it.
   */
  private void countRunning(int i) {
    if (!plan.runs[i]) {
      values[i] = plan.loaded[i];
    }
    int waits = 0;
    for (int input : topology.inputs[i]) {
      waits += !Topology.isParam(input) && plan.runs[input] ? 1 : 0;
    }
    pending.set(i, plan.runs[i] ? waits : 0);
    int users = 0;
    for (int consumer : topology.consumers[i]) {
      users += plan.runs[consumer] ? 1 : 0;
    }
    uses.set(i, users);
  }

  // ---- local executor ----

  private void runLocally(Stack roots) {
    Stack mine = new Stack();
    for (int k = 0; k < roots.size; k++) {
      int root = roots.items[k];
      if (roots.size == 1 || isFast(root)) {
        mine.push(root);
      } else {
        queue(root);
      }
    }
    if (!mine.isEmpty()) {
      if (tryAcquireWorker()) {
        work(mine, true);
        releaseWorker();
      } else {
        while (!mine.isEmpty()) {
          queue(mine.pop());
        }
      }
    }
    while (!over) {
      LockSupport.park(this);
      if (Thread.interrupted()) {
        throw cancelled();
      }
    }
    throwIfFailed();
  }

  /**
   * Runs the stages in {@code mine} on this thread, and the stages their completions hand back to
   * it, until none is left or the run is closed.
   */
  private void work(Stack mine, boolean onCaller) {
    while (!mine.isEmpty()) {
      int stage = mine.pop();
      if (!tryStart()) {
        mine.clear(); // the run failed or was cancelled: what is left never starts
        return;
      }
      started(stage);
      long start = measuring ? System.nanoTime() : 0;
      Object value = null;
      Throwable error = null;
      if (outputFolder != null) {
        StageOutput.begin(outputFolder, nodes.get(stage).name());
      }
      try {
        value = call(stage, args(stage));
      } catch (Throwable thrown) { // a stage's Error (say OutOfMemoryError) fails the run too
        error = thrown;
      } finally {
        if (outputFolder != null) {
          StageOutput.end();
        }
      }
      long took = 0;
      if (measuring) {
        took = System.nanoTime() - start;
        topology.lastNanos[stage] = (int) Math.min(took, Integer.MAX_VALUE);
      }
      if (error != null) {
        mine.clear();
        if (onCaller && (error instanceof InterruptedException || caller.isInterrupted())) {
          end();
          throw cancelled(); // the caller's interrupt reached the stage it was running
        }
        fail(stage, error);
        return;
      }
      if (graph.isAsync(stage) && value instanceof java.util.concurrent.CompletionStage<?> pending) {
        awaitAsync(stage, pending); // holds no thread: whoever completes it carries on
        continue;
      }
      finished(stage, value);
      if (plan != null) {
        plan.stored(stage, value);
      }
      complete(stage, value, mine, onCaller);
      if (took >= FAST_NANOS || !measuring && !isFast(stage)) {
        // A slow stage (or one predicted fast that was not): do not make what this thread kept
        // wait behind the next one too. It keeps the stage it took to continue a chain (pushed
        // first, popped last) and offers the rest to idle threads.
        while (mine.size > 1) {
          queue(mine.pop());
        }
      }
    }
  }

  /** Calls stage {@code stage} under its policy: once, or once per element for a fan-out. */
  private Object call(int stage, Object[] args) throws Exception {
    Node node = nodes.get(stage);
    int each = graph.eachInput(stage);
    if (each < 0) {
      return graph.policy(stage).call(node.name(), node.invoker(), args, options.retryBackoff());
    }
    return fanOut(stage, args, each);
  }

  /**
   * Runs a fan-out's elements, each under the stage's policy, and gives their results in input
   * order. This thread claims elements from a shared counter, and so do up to {@code concurrency
   * - 1} pool tasks (the run's bound when 0): a helper the pool starts late finds nothing left, so
   * a busy pool delays the fan-out but never deadlocks it. After a failure, here or in another
   * stage, no element starts; the first failure is thrown once the running elements have ended.
   */
  private Object fanOut(int stage, Object[] args, int each) throws Exception {
    Node node = nodes.get(stage);
    StagePolicy policy = graph.policy(stage);
    List<Object> elements = FanOut.elements(node.name(), args[each]);
    int count = elements.size();
    Object[] results = new Object[count];
    AtomicInteger next = new AtomicInteger();
    CachePlan.Elements cache = plan == null ? null : plan.elements(stage);
    AtomicInteger done = new AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
    int[] active = {0}; // helpers claiming; guarded by itself
    Runnable claim = () -> {
      for (int i; failed.get() == null && (gate.get() & CLOSED) == 0 && (i = next.getAndIncrement()) < count; ) {
        Object[] one = args.clone();
        one[each] = elements.get(i);
        try {
          String key = cache == null ? null : cache.key(elements.get(i));
          Optional<?> hit = cache == null ? Optional.empty() : cache.read(key);
          if (hit.isPresent()) {
            results[i] = hit.get();
            if (events.on()) {
              events.progress(node.name(), done, count, i, 0, true);
            }
            continue;
          }
          long begin = 0;
          if (events.on()) {
            events.emit(new RunEvent.ElementStarted(events.runId(), events.now(), node.name(), i, count));
            begin = System.nanoTime();
          }
          results[i] = FanOut.settled(policy.call(node.name(), node.invoker(), one, options.retryBackoff()),
              graph.isAsync(stage));
          if (cache != null) {
            cache.write(key, results[i]);
          }
          if (events.on()) {
            events.progress(node.name(), done, count, i, System.nanoTime() - begin, false);
          }
        } catch (Throwable error) {
          failed.compareAndSet(null, error instanceof InterruptedException ? error
              : new FanOutElementException(i, count, elements.get(i), error));
        }
      }
    };
    int width = policy.concurrency() == 0 ? limit : policy.concurrency();
    int helpers = local == null ? 0 : Math.min(width, count) - 1;
    List<Future<?>> helping = new ArrayList<>(Math.max(helpers, 0));
    for (int h = 0; h < helpers; h++) {
      Future<?> helper = local.submit(() -> {
        synchronized (active) {
          active[0]++;
        }
        if (outputFolder != null) {
          StageOutput.begin(outputFolder, node.name()); // helpers print for the stage too
        }
        try {
          claim.run();
        } finally {
          if (outputFolder != null) {
            StageOutput.end();
          }
          synchronized (active) {
            active[0]--;
            active.notifyAll(); // also tells the owner about a failure
          }
        }
      });
      helping.add(helper);
      handedOut.add(helper);
    }
    claim.run();
    boolean interrupted = Thread.currentThread().isInterrupted();
    boolean stopped = false;
    synchronized (active) {
      while (active[0] > 0) { // every element claimed is being run by a helper that counts itself
        if (!stopped && (interrupted || failed.get() != null)) {
          // A failed element or a cancelled run: the elements still running are interrupted.
          helping.forEach(helper -> helper.cancel(true));
          stopped = true;
        }
        try {
          active.wait(100);
        } catch (InterruptedException e) {
          interrupted = true; // cancelled: interrupt the helpers, then wait for them still
        }
      }
    }
    Throwable failure = failed.get();
    if (interrupted || failure instanceof InterruptedException) {
      throw new InterruptedException("fan-out of stage '" + node.name() + "' cancelled");
    }
    if (failure instanceof Exception exception) {
      throw exception;
    }
    if (failure != null) {
      throw (Error) failure;
    }
    if (next.get() < count) { // stopped by another stage's failure: the run is closed anyway
      throw new InterruptedException("fan-out of stage '" + node.name() + "' stopped");
    }
    if (cache != null) {
      cache.done();
    }
    return FanOut.results(results);
  }

  /**
   * An asynchronous stage returned {@code pending}: the stage stays started (so a cancellation
   * waits for it, and cancels it) and completes on the thread that completes the future, which
   * queues the stages it unlocks rather than running them itself.
   */
  private void awaitAsync(int stage, java.util.concurrent.CompletionStage<?> pending) {
    java.util.concurrent.CompletableFuture<?> future = pending.toCompletableFuture();
    StagePolicy policy = graph.policy(stage);
    if (policy.timeout() != null) {
      future = future.orTimeout(policy.timeout().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }
    handedOut.add(future);
    future.whenComplete((value, error) -> {
      if (error != null) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause() : error;
        if (cause instanceof java.util.concurrent.TimeoutException) {
          cause = new java.util.concurrent.TimeoutException("stage '" + nodes.get(stage).name()
              + "' took longer than its timeout of " + policy.timeout() + " to complete");
        }
        fail(stage, cause);
        return;
      }
      finished(stage, value);
      if (plan != null) {
        plan.stored(stage, value);
      }
      Stack none = new Stack();
      complete(stage, value, none, false);
      while (!none.isEmpty()) { // nothing runs on the completing thread: it may be anyone's
        queue(none.pop());
      }
    });
  }

  /** A pool task: runs queued stages, and what they unlock, until the queue is empty. */
  private void drain() {
    Stack mine = new Stack();
    while (true) {
      for (Integer next = queued.poll(); next != null; next = queued.poll()) {
        mine.push(next);
        work(mine, false);
      }
      workers.decrementAndGet();
      // Look once more after giving up the place: a stage queued in between is either seen here
      // or, since a place is free again, given a task of its own by queue().
      if (queued.isEmpty() || !tryAcquireWorker()) {
        return;
      }
    }
  }

  private void queue(int stage) {
    queued.add(stage);
    if (tryAcquireWorker()) {
      startDrainer();
    }
  }

  /** Starts a pool task, for which a worker place was taken. */
  private void startDrainer() {
    try {
      handedOut.add(local.submit(this::drain));
    } catch (RuntimeException | Error refused) { // a pool closed by whoever created it
      workers.decrementAndGet();
      Integer stage = queued.poll();
      refused(stage == null ? 0 : stage, refused);
    }
  }

  private boolean tryAcquireWorker() {
    while (true) {
      int active = workers.get();
      if (active >= limit) {
        return false;
      }
      if (workers.compareAndSet(active, active + 1)) {
        return true;
      }
    }
  }

  /** The caller stops running stages: a queued stage that found no free place gets one now. */
  private void releaseWorker() {
    workers.decrementAndGet();
    if (!queued.isEmpty() && tryAcquireWorker()) {
      startDrainer();
    }
  }

  private boolean isFast(int stage) {
    int last = topology.lastNanos[stage];
    return last >= 0 && last < FAST_NANOS;
  }

  /**
   * Records stage {@code stage}'s value and hands each stage it makes runnable to {@code mine}
   * (to run on this thread) or to the queue.
   */
  private void complete(int stage, Object value, Stack mine, boolean onCaller) {
    keep(stage, value);
    // The caller keeps a stage only when nothing else runs: then it is a chain, and handing the
    // stage over would only add a thread switch. A pool thread keeps one in any case.
    boolean keepOne = !onCaller || workers.get() == 1 && queued.isEmpty();
    for (int consumer : topology.consumers[stage]) {
      if (runs(consumer) && pending.decrementAndGet(consumer) == 0) {
        if (keepOne || isFast(consumer)) {
          mine.push(consumer);
          keepOne = false;
        } else {
          queue(consumer);
        }
      }
    }
    end();
    finishedOne();
  }

  // ---- given executor ----

  private void walkForExecutor(Stack roots) {
    for (int k = 0; k < roots.size; k++) {
      submit(roots.items[k]);
    }
    while (!over) {
      Completion completion;
      try {
        completion = completions.take();
      } catch (InterruptedException e) {
        throw cancelled();
      }
      if (completion.error != null) {
        break; // finished() recorded it
      }
      finished(completion.node, completion.value);
      if (plan != null) {
        plan.stored(completion.node, completion.value);
      }
      keep(completion.node, completion.value);
      for (int consumer : topology.consumers[completion.node]) {
        if (runs(consumer) && pending.decrementAndGet(consumer) == 0) {
          submit(consumer);
        }
      }
      finishedOne();
    }
    throwIfFailed();
  }

  private void submit(int stage) {
    Node node = nodes.get(stage);
    Object[] args = args(stage);
    int each = graph.eachInput(stage);
    try {
      StageCall call;
      if (each < 0) {
        call = StageCall.of(graph.pipeline(), node.name(), node.invoker(), node.inputs(), args,
            graph.policy(stage), options.retryBackoff(), graph.isAsync(stage));
      } else {
        List<Object> elements = FanOut.elements(node.name(), args[each]);
        GivenFanOut fanOut = GivenFanOut.prepare(events, node.name(), plan == null ? null : plan.elements(stage),
            elements);
        fanOuts[stage] = fanOut;
        call = StageCall.fanOut(graph.pipeline(), node.name(), node.invoker(), node.inputs(), args,
            graph.policy(stage), options.retryBackoff(), graph.isAsync(stage), each, elements, fanOut.todo());
      }
      handedOut.add(executor.execute(new StageTask(stage, call, this)));
    } catch (RuntimeException | Error refused) {
      refused(stage, refused);
      completions.add(new Completion(stage, null, refused));
    }
  }

  @Override
  public boolean tryStart(StageTask task) {
    boolean starts = tryStart();
    if (starts) {
      started(task.node);
      if (fanOuts[task.node] != null) {
        fanOuts[task.node].started();
      }
    }
    return starts;
  }

  @Override
  public void elementStarted(StageTask task, int element) {
    fanOut(task).elementStarted(element);
  }

  @Override
  public void elementSucceeded(StageTask task, int element, Object value, long nanos) {
    fanOut(task).elementSucceeded(element, value, nanos);
  }

  private GivenFanOut fanOut(StageTask task) {
    GivenFanOut fanOut = fanOuts[task.node];
    if (fanOut == null) {
      throw new IllegalStateException("stage '" + nodes.get(task.node).name()
          + "' is not a fan-out (@Each): its task has no elements to report");
    }
    return fanOut;
  }

  @Override
  public void running(StageTask task, boolean running) {
    if (outputFolder == null) {
      return;
    }
    if (running) {
      StageOutput.begin(outputFolder, nodes.get(task.node).name());
    } else {
      StageOutput.end();
    }
  }

  @Override
  public void finished(StageTask task, Object value, Throwable error) {
    if (error == null && fanOuts[task.node] != null) {
      try {
        value = fanOuts[task.node].results(value);
      } catch (RuntimeException | Error wrong) {
        error = wrong;
      }
    }
    if (error != null) {
      fail(task.node, error);
    } else {
      end();
    }
    completions.add(new Completion(task.node, value, error));
  }

  // ---- shared by both ----

  /** The input values of stage {@code i}, in parameter order. */
  private Object[] args(int i) {
    int[] inputs = topology.inputs[i];
    Object[] args = new Object[inputs.length];
    for (int k = 0; k < inputs.length; k++) {
      int input = inputs[k];
      args[k] = Topology.isParam(input) ? graph.param(Topology.param(input)) : values[input];
    }
    return args;
  }

  /**
   * Keeps stage {@code stage}'s value for its consumers (a sink that is not an output is not
   * kept), and lets each of its inputs' values go once the last stage that needs it has finished.
   */
  private void keep(int stage, Object value) {
    if (uses.get(stage) > 0) {
      values[stage] = value;
    }
    for (int input : topology.inputs[stage]) {
      if (!Topology.isParam(input) && uses.decrementAndGet(input) == 0) {
        values[input] = null;
      }
    }
  }

  private void finishedOne() {
    if (remaining.decrementAndGet() == 0) {
      over = true;
      LockSupport.unpark(caller);
    }
  }

  private boolean tryStart() {
    while (true) {
      int state = gate.get();
      if ((state & CLOSED) != 0) {
        return false;
      }
      if (gate.compareAndSet(state, state + 1)) {
        return true;
      }
    }
  }

  /** A started stage ended. */
  private void end() {
    if (gate.decrementAndGet() == CLOSED) {
      LockSupport.unpark(caller); // stop() waits for the last running stage
    }
  }

  private void close() {
    gate.getAndUpdate(state -> state | CLOSED);
  }

  /**
   * A started stage failed: the first failure closes the run and wakes the caller; later ones
   * are kept to attach to it, except interruptions, which are the run's own doing.
   */
  private void fail(int stage, Throwable error) {
    if (events.on() && !(error instanceof InterruptedException)) {
      events.emit(new RunEvent.StageFailed(events.runId(), events.now(), nodes.get(stage).name(), error));
    }
    synchronized (failures) {
      if (failure == null) {
        failure = error;
        failedNode = stage;
        close();
      } else if (!(error instanceof InterruptedException)) {
        alsoFailed.add(error);
      }
    }
    end();
    over = true;
    LockSupport.unpark(caller);
  }

  /** The executor refused stage {@code stage}: it fails as if it had started and thrown. */
  private void refused(int stage, Throwable error) {
    gate.incrementAndGet();
    fail(stage, error);
  }

  private void throwIfFailed() {
    int node;
    Throwable cause;
    synchronized (failures) {
      node = failedNode;
      cause = failure;
    }
    if (cause == null) {
      return;
    }
    stop();
    Node failed = nodes.get(node);
    StageFailedException thrown =
        new StageFailedException(graph.pipeline(), failed.name(), failed.location(), cause);
    synchronized (failures) {
      alsoFailed.forEach(thrown::addSuppressed);
    }
    throw thrown;
  }

  private PipelineCancelledException cancelled() {
    stop();
    Thread.currentThread().interrupt();
    return new PipelineCancelledException(graph.pipeline(), "the calling thread was interrupted");
  }

  /** Closes the gate, interrupts running stages and waits until every started one has ended. */
  private void stop() {
    close();
    for (Future<?> future : handedOut) {
      future.cancel(true); // a no-op for those done
    }
    boolean interrupted = false;
    while (gate.get() != CLOSED) { // stages still running: the last to end unparks this thread
      LockSupport.park(this);
      interrupted |= Thread.interrupted(); // or park would return at once from now on
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A growable stack of stage indexes: no boxing on the hot path. */
  private static final class Stack {
    int[] items = new int[8];
    int size;

    void push(int item) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = item;
    }

    int pop() {
      return items[--size];
    }

    boolean isEmpty() {
      return size == 0;
    }

    void clear() {
      size = 0;
    }
  }
}
