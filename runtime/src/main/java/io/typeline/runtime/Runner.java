package io.typeline.runtime;

/** Runs graphs. Generated pipelines call {@link #run}; so can code that builds a graph by hand. */
public final class Runner {
  private Runner() {}

  /**
   * Runs every stage of {@code graph}, each once its inputs are ready, independent stages in
   * parallel, and returns the outputs.
   *
   * @throws StageFailedException when a stage throws; stages not yet started then never start,
   *     running ones are interrupted and awaited
   * @throws PipelineCancelledException when the calling thread is interrupted
   */
  public static RunResult run(Graph graph, RunOptions options) {
    graph.requireParamValues();
    CachePlan plan = CachePlan.forRun(graph, options);
    if (options.executor() != null) {
      return new Run(graph, options.executor(), Integer.MAX_VALUE, null, plan, options).execute();
    }
    LocalExecutor shared = LocalExecutor.shared(options.parallelism());
    return new Run(graph, shared, options.parallelism(), shared, plan, options).execute();
  }

  /**
   * Starts {@code graph} in the background and returns at once; {@link RunHandle#join()} gives what
   * {@link #run} would, and {@link RunHandle#cancel()} stops the run.
   */
  public static RunHandle<RunResult> start(Graph graph, RunOptions options) {
    return RunHandle.start(graph, options);
  }

  /**
   * What {@link #run} would do with these options: per stage, whether it comes from the cache or
   * runs, and why. Runs no stage and reads no value.
   */
  public static Plan plan(Graph graph, RunOptions options) {
    graph.requireParamValues();
    return new Plan(graph.pipeline(), CachePlan.preview(graph, options));
  }
}
