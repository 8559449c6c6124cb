package io.typeline.runtime;

/**
 * How a run executes, set in a lambda block: {@code .run(run -> run.parallelism(4))}. Every option
 * has a default, so {@code run()} needs none.
 */
public final class RunOptions {
  private int parallelism = Runtime.getRuntime().availableProcessors();
  private StageExecutor executor;
  private java.nio.file.Path cacheDirectory;
  private boolean cacheOff;
  private final java.util.Set<String> rerun = new java.util.LinkedHashSet<>();
  private boolean rerunAll;
  private StagePolicy.Backoff backoff = StagePolicy.Backoff.DEFAULT;
  private final java.util.List<RunListener> listeners = new java.util.ArrayList<>();
  private java.nio.file.Path runFolders;
  private boolean runFolderOff;

  /** The defaults: parallelism = available processors, the local executor. */
  public static RunOptions defaults() {
    return new RunOptions();
  }

  /**
   * At most this many stages run at once on the default local executor. Ignored when an
   * {@link #executor(StageExecutor) executor} is given (it brings its own bound).
   */
  public RunOptions parallelism(int parallelism) {
    this.parallelism = LocalExecutor.checkParallelism(parallelism);
    return this;
  }

  /**
   * Runs stages on this executor instead of a local pool created for the run. The caller owns it:
   * the run does not close it.
   */
  public RunOptions executor(StageExecutor executor) {
    this.executor = java.util.Objects.requireNonNull(executor, "executor");
    return this;
  }

  public int parallelism() {
    return parallelism;
  }

  /** The executor set with {@link #executor(StageExecutor)}, or {@code null} for the default. */
  public StageExecutor executor() {
    return executor;
  }

  /**
   * Keeps the cache in {@code directory} instead of {@link Store#defaultLocation()} ({@code
   * .typeline/cache}, or {@code $TYPELINE_HOME/cache}).
   */
  public RunOptions cache(java.nio.file.Path directory) {
    this.cacheDirectory = java.util.Objects.requireNonNull(directory, "directory");
    this.cacheOff = false;
    return this;
  }

  /** Runs every stage, reading and writing no cache. */
  public RunOptions noCache() {
    this.cacheOff = true;
    return this;
  }

  /**
   * Runs these stages even if the cache has their values, and what depends on them: a forced
   * stage may produce another value under the same key (its entry is written again). An unknown
   * name fails the run with the list of stages.
   */
  public RunOptions rerun(String... stages) {
    java.util.Collections.addAll(rerun, stages);
    return this;
  }

  /**
   * {@link #rerun(String...)} with stages named by the generated enum of the pipeline's stages:
   * {@code run(run -> run.rerun(TrainingStage.train))}.
   */
  public RunOptions rerun(StageName... stages) {
    for (StageName stage : stages) {
      rerun.add(stage.stageName());
    }
    return this;
  }

  /** Runs every stage even if the cache has its value, and writes the values again. */
  public RunOptions rerunAll() {
    this.rerunAll = true;
    return this;
  }

  /**
   * The wait between attempts of a stage with {@code @Stage(retries)}: {@code base} before the first
   * retry, doubling up to {@code cap}, half of each wait random. Default 100 ms and 10 s.
   */
  public RunOptions retryBackoff(java.time.Duration base, java.time.Duration cap) {
    this.backoff = new StagePolicy.Backoff(base, cap);
    return this;
  }

  public StagePolicy.Backoff retryBackoff() {
    return backoff;
  }

  /** Adds a listener of the run's events (see {@link RunEvent}); it must be thread-safe. */
  public RunOptions listener(RunListener listener) {
    listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Keeps each run's folder ({@code <directory>/<run-id>/events.jsonl}) under {@code directory}
   * instead of {@code .typeline/runs} (or {@code $TYPELINE_HOME/runs}).
   */
  public RunOptions runFolders(java.nio.file.Path directory) {
    this.runFolders = java.util.Objects.requireNonNull(directory, "directory");
    this.runFolderOff = false;
    return this;
  }

  /** Writes no run folder. */
  public RunOptions noRunFolder() {
    this.runFolderOff = true;
    return this;
  }

  /** Where run folders go, or {@code null} when {@link #noRunFolder()} was set. */
  public java.nio.file.Path runFolders() {
    if (runFolderOff) {
      return null;
    }
    return runFolders != null ? runFolders : Store.defaultLocation().getParent().resolve("runs");
  }

  /** The listeners added with {@link #listener}. */
  public java.util.List<RunListener> listeners() {
    return java.util.Collections.unmodifiableList(listeners);
  }

  /** The cache directory set with {@link #cache}, or {@code null} for the default. */
  public java.nio.file.Path cacheDirectory() {
    return cacheDirectory;
  }

  public boolean cacheOff() {
    return cacheOff;
  }

  /** The stages named with {@link #rerun}. */
  public java.util.Set<String> rerunStages() {
    return java.util.Collections.unmodifiableSet(rerun);
  }

  /** Whether {@link #rerunAll()} was set. */
  public boolean rerunsAll() {
    return rerunAll;
  }
}
