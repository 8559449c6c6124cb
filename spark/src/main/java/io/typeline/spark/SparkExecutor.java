package io.typeline.spark;

import io.typeline.runtime.StageCall;
import io.typeline.runtime.StageExecutor;
import io.typeline.runtime.StageName;
import io.typeline.runtime.StageTask;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a pipeline on Apache Spark, as a run option: {@code .run(run ->
 * run.executor(SparkExecutor.on(spark)))}. The pipeline does not change.
 *
 * <p>The graph is still walked on the driver, by the runtime, with the same cache, events and
 * failure rules as in-process. What runs where:
 * <ul>
 *   <li>a fan-out ({@code @Each}) is one Spark job with one task per element not in the cache, in
 *       input order; each result is cached on the driver as it comes back;
 *   <li>a stage named in {@link #remote} runs as a single Spark task;
 *   <li>every other stage runs on the driver, on a thread of this executor's.
 * </ul>
 * Independent stages run at the same time, each on a driver thread of its own, so their jobs are
 * submitted concurrently. Spark retries a failed task up to {@code spark.task.maxFailures} times;
 * a stage that still fails fails the run with the stage's own exception, as in-process.
 *
 * <p>What travels (the invoker, the instance of an instance stage, the inputs of a stage that
 * runs on Spark, each element, each result) must be {@link java.io.Serializable}. It is checked
 * on the driver before a job is submitted: a value that cannot travel fails the stage with a
 * {@link NotSerializableStageException} naming the stage, the input and the class.
 *
 * <p>The Spark context belongs to the caller: {@link #close()} stops this executor's driver
 * threads only.
 */
public final class SparkExecutor implements StageExecutor, AutoCloseable {
  private final SparkContext spark;
  private final Set<String> remote = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor driver;

  private SparkExecutor(SparkContext spark) {
    this.spark = Objects.requireNonNull(spark, "spark");
    AtomicInteger count = new AtomicInteger();
    int threads = Math.max(4, Runtime.getRuntime().availableProcessors());
    this.driver = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "typeline-spark-driver-" + count.incrementAndGet());
          thread.setDaemon(true); // a stage ignoring interrupts must not keep the JVM alive
          return thread;
        });
    driver.allowCoreThreadTimeOut(true);
  }

  /** An executor submitting to {@code spark}, which the caller keeps and stops. */
  public static SparkExecutor on(SparkContext spark) {
    return new SparkExecutor(spark);
  }

  /** An executor submitting to {@code spark}'s context, which the caller keeps and stops. */
  public static SparkExecutor on(JavaSparkContext spark) {
    return new SparkExecutor(Objects.requireNonNull(spark, "spark").sc());
  }

  /**
   * Runs these stages on Spark, each as a single task, instead of on the driver: for a heavy stage
   * that is not a fan-out (one big training). Named by the pipeline's generated enum, {@code
   * remote(TrainingStage.train)}; their inputs and value must then be serializable. A stage is
   * matched by its name, in every pipeline this executor runs (a stage a pipeline includes from
   * another is the same stage).
   */
  public SparkExecutor remote(StageName... stages) {
    for (StageName stage : stages) {
      remote.add(stage.stageName());
    }
    return this;
  }

  /**
   * At most this many stages run at once: on driver threads, or waiting there for their Spark job.
   * Default: the driver's processors, at least 4.
   */
  public SparkExecutor driverThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("driverThreads must be at least 1, was " + threads);
    }
    if (threads > driver.getMaximumPoolSize()) {
      driver.setMaximumPoolSize(threads);
      driver.setCorePoolSize(threads);
    } else {
      driver.setCorePoolSize(threads);
      driver.setMaximumPoolSize(threads);
    }
    return this;
  }

  @Override
  public Future<?> execute(StageTask task) {
    Submitted submitted = new Submitted(task, () -> run(task));
    try {
      driver.execute(submitted);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      throw new IllegalStateException("this SparkExecutor is closed: stage '" + task.call().stage()
          + "' cannot run on it; make another with SparkExecutor.on(spark)", e);
    }
    return submitted;
  }

  /** A stage waiting for a driver thread: {@link #close()} fails the ones it drops, so no run waits for them. */
  private static final class Submitted extends java.util.concurrent.FutureTask<Void> {
    final StageTask task;

    Submitted(StageTask task, Runnable run) {
      super(run, null);
      this.task = task;
    }
  }

  private void run(StageTask task) {
    StageCall call = task.call();
    boolean remoteStage = remote.contains(call.stage());
    if (!call.isFanOut() && !remoteStage) {
      task.run(); // on the driver
      return;
    }
    if (!task.tryStart()) {
      return;
    }
    List<StageCall> calls = call.isFanOut() ? call.elements() : List.of(call);
    Object value;
    try {
      List<Object> values = calls.isEmpty() ? List.of()
          : SparkJob.run(spark, task, Shipping.calls(call, calls, remoteStage && !call.isFanOut()));
      value = call.isFanOut() ? values : values.get(0);
    } catch (Throwable failure) {
      task.failed(SparkJob.cause(failure));
      return;
    }
    task.succeeded(value);
  }

  /**
   * Stops the driver threads: stages still running there are interrupted and their jobs cancelled;
   * stages still waiting for a thread fail their runs, saying the executor was closed.
   */
  @Override
  public void close() {
    for (Runnable dropped : driver.shutdownNow()) {
      StageTask task = ((Submitted) dropped).task;
      if (task.tryStart()) {
        task.failed(new IllegalStateException("the SparkExecutor was closed before stage '" + task.call().stage()
            + "' could start"));
      }
    }
  }
}
