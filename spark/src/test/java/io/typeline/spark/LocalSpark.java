package io.typeline.spark;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Spark contexts for the tests, on loopback only, and what their scheduler did: jobs, their
 * task counts, and failed task attempts.
 */
public final class LocalSpark extends SparkListener {
  private final SparkContext context;
  private final List<Integer> jobTasks = new CopyOnWriteArrayList<>();
  private final List<String> failedAttempts = new CopyOnWriteArrayList<>();
  /** Per job: when Spark started it and when it ended, as {@code {startMillis, endMillis}}. */
  private final java.util.Map<Integer, long[]> jobTimes = new java.util.concurrent.ConcurrentHashMap<>();

  private LocalSpark(SparkConf conf) {
    this.context = new SparkContext(conf);
    context.addSparkListener(this);
  }

  /**
   * An embedded Spark: 2 threads, and each task tried at most 3 times ({@code local[2,3]}), as a
   * cluster would retry it.
   */
  public static LocalSpark embedded(String app) {
    return new LocalSpark(conf(app).setMaster("local[2,3]"));
  }

  /** A driver for the standalone master at {@code master}, shipping {@code jars} to its executors. */
  public static LocalSpark cluster(String app, String master, List<String> jars) {
    return new LocalSpark(conf(app).setMaster(master).setJars(jars.toArray(String[]::new))
        .set("spark.executor.memory", "512m")
        .set("spark.cores.max", "2")
        .set("spark.task.maxFailures", "3"));
  }

  private static SparkConf conf(String app) {
    return new SparkConf().setAppName(app)
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1");
  }

  public SparkContext context() {
    return context;
  }

  private SparkExecutor executor;

  /** A {@link SparkExecutor} on this context, made once, closed by {@link #stop()}. */
  public synchronized SparkExecutor executor() {
    if (executor == null) {
      executor = SparkExecutor.on(context);
    }
    return executor;
  }

  /** Per job so far, how many tasks it had (once Spark's listener bus has caught up). */
  public List<Integer> jobTasks() {
    settle();
    return List.copyOf(jobTasks);
  }

  /** The failed task attempts so far: each one's exception, as {@code Class: message}. */
  public List<String> failedAttempts() {
    settle();
    return List.copyOf(failedAttempts);
  }

  public synchronized void stop() {
    if (executor != null) {
      executor.close();
    }
    context.stop();
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    int tasks = 0;
    for (var stage : scala.jdk.javaapi.CollectionConverters.asJava(job.stageInfos())) {
      tasks += stage.numTasks();
    }
    jobTasks.add(tasks);
    jobTimes.put(job.jobId(), new long[] {job.time(), Long.MAX_VALUE});
  }

  @Override
  public void onJobEnd(org.apache.spark.scheduler.SparkListenerJobEnd job) {
    jobTimes.get(job.jobId())[1] = job.time();
  }

  /** Per job so far, by id: when it started and ended, in epoch milliseconds. */
  public java.util.Map<Integer, long[]> jobTimes() {
    settle();
    return java.util.Map.copyOf(jobTimes);
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd task) {
    if (task.reason() instanceof ExceptionFailure failure) {
      failedAttempts.add(failure.className() + ": " + failure.description());
    }
  }

  /** Waits until Spark has told its listeners everything that happened so far. */
  private void settle() {
    try {
      context.listenerBus().waitUntilEmpty(30_000);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("Spark's listener bus did not catch up in 30 s", e);
    }
  }
}
