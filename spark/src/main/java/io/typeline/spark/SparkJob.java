package io.typeline.spark;

import io.typeline.runtime.StageCall;
import io.typeline.runtime.StageTask;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * One Spark job for one stage: a partition, and so a task, per call, in input order. Spark
 * schedules the tasks, retries a failed one up to {@code spark.task.maxFailures} times, and sends
 * each result back as its task ends; the driver thread that submitted the job hands each result to
 * the run as it comes (so it is cached at once), and cancels the job when it is interrupted.
 */
final class SparkJob {
  private static final AtomicLong JOBS = new AtomicLong();
  /** How long a stage that ends early waits for Spark to end its job's tasks before it gives up waiting. */
  private static final java.time.Duration CANCEL_WAIT = java.time.Duration.ofSeconds(30);

  private record Arrived(int call, byte[] result) {}

  private SparkJob() {}

  /**
   * Runs {@code calls} (serialized, of {@code task}'s stage) as one job and gives their values in
   * order; for a fan-out, each value is reported to {@code task} as it arrives. When the stage
   * ends early (its job failed, a result cannot be read, the thread is interrupted because the run
   * is over), the job is cancelled and its tasks are awaited before this throws, so no task of a
   * finished run goes on using the cluster.
   */
  static List<Object> run(SparkContext spark, StageTask task, List<byte[]> calls) throws Exception {
    int n = calls.size();
    boolean fanOut = task.call().isFanOut();
    RDD<byte[]> rdd = JavaSparkContext.fromSparkContext(spark).parallelize(calls, n).rdd();
    List<Object> partitions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      partitions.add(i);
    }
    BlockingQueue<Arrived> arrived = new LinkedBlockingQueue<>();
    String stage = task.call().pipeline() + "." + task.call().stage();
    SimpleFutureAction<BoxedUnit> job = submit(spark, "typeline " + stage + (fanOut ? " (" + n + " elements)" : ""),
        () -> spark.submitJob(rdd, new RunCalls(), scala.jdk.javaapi.CollectionConverters.asScala(partitions).toSeq(),
            (call, result) -> { // on Spark's scheduler thread: hand over, do nothing slow here
              arrived.add(new Arrived((Integer) call, result));
              return BoxedUnit.UNIT;
            },
            () -> BoxedUnit.UNIT));
    Object[] values = new Object[n];
    int received = 0;
    try {
      while (received < n) {
        Arrived next = arrived.poll(50, TimeUnit.MILLISECONDS);
        if (next == null) {
          if (job.isCompleted() && arrived.isEmpty()) {
            job.get(); // throws the job's failure
            throw new IllegalStateException("Spark's job for stage '" + stage + "' ended with " + received
                + " of " + n + " results");
          }
          continue;
        }
        Shipping.Result result = read(task, next);
        values[next.call()] = result.value();
        received++;
        if (fanOut) {
          task.elementSucceeded(next.call(), result.value(), result.nanos());
        }
      }
    } catch (Throwable failure) {
      job.cancel(); // nothing when it already ended
      awaitEnd(spark, job);
      throw failure;
    }
    return Arrays.asList(values);
  }

  /**
   * Submits a job described as {@code description}, whose tasks Spark interrupts when it is
   * cancelled, leaving the thread's own job properties (a job group the caller set) as they were.
   */
  private static <T> T submit(SparkContext spark, String description, java.util.function.Supplier<T> submit) {
    String previousDescription = spark.getLocalProperty(DESCRIPTION);
    String previousInterrupt = spark.getLocalProperty(INTERRUPT_ON_CANCEL);
    spark.setJobDescription(description);
    spark.setInterruptOnCancel(true);
    try {
      return submit.get();
    } finally {
      spark.setLocalProperty(DESCRIPTION, previousDescription); // null removes it
      spark.setLocalProperty(INTERRUPT_ON_CANCEL, previousInterrupt);
    }
  }

  private static final String DESCRIPTION = "spark.job.description";
  private static final String INTERRUPT_ON_CANCEL = "spark.job.interruptOnCancel";

  /** What a task sent back, read on the driver; a result the task could not send fails the stage here. */
  private static Shipping.Result read(StageTask task, Arrived arrived) {
    Shipping.Result result;
    try {
      result = (Shipping.Result) Shipping.read(arrived.result());
    } catch (java.io.IOException | ClassNotFoundException e) {
      StageCall call = task.call().isFanOut() ? task.call().elements().get(arrived.call()) : task.call();
      throw new IllegalStateException(Shipping.named(call)
          + ": the driver cannot read the result Spark sent back (" + e + "). The driver and the executors must"
          + " run the same classes: ship the application jar the driver runs", e);
    }
    if (result.failure() != null) {
      throw new NotSerializableStageException(result.failure(), null);
    }
    return result;
  }

  /**
   * Waits, at most {@link #CANCEL_WAIT}, until Spark has ended {@code job} and none of its tasks is
   * running any more (a cancelled job ends at once; its tasks end when they see the interrupt).
   * Keeps an interrupt for the caller.
   */
  private static void awaitEnd(SparkContext spark, SimpleFutureAction<?> job) {
    boolean interrupted = Thread.interrupted();
    long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
    try {
      while (System.nanoTime() < deadline && (!job.isCompleted() || hasRunningTasks(spark, job))) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether Spark's status tracker still counts a task of {@code job} as running. */
  private static boolean hasRunningTasks(SparkContext spark, SimpleFutureAction<?> job) {
    for (Object id : scala.jdk.javaapi.CollectionConverters.asJava(job.jobIds())) {
      scala.Option<org.apache.spark.SparkJobInfo> info = spark.statusTracker().getJobInfo((Integer) id);
      if (info.isEmpty()) {
        continue;
      }
      for (int stageId : info.get().stageIds()) {
        scala.Option<org.apache.spark.SparkStageInfo> stage = spark.statusTracker().getStageInfo(stageId);
        if (stage.isDefined() && stage.get().numActiveTasks() > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * What Spark's failure of a job stands for: the exception the stage threw on the executor (for a
   * fan-out, the {@link io.typeline.runtime.FanOutElementException} naming the element), as an
   * in-process run would have it, with Spark's account of the attempts attached as suppressed.
   * Only Spark's own wrappers are taken off ({@code ExecutionException} of the job's future,
   * "Exception thrown in awaitResult", "Job aborted ..."): a stage that throws an
   * {@code ExecutionException} itself keeps it. Spark's exception when the stage's cannot be had
   * (it did not serialize).
   */
  static Throwable cause(Throwable failure) {
    Throwable t = failure;
    if (t instanceof java.util.concurrent.ExecutionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof org.apache.spark.SparkException && t.getCause() != null
        && String.valueOf(t.getMessage()).startsWith("Exception thrown in awaitResult")) {
      t = t.getCause();
    }
    if (t instanceof org.apache.spark.SparkException && t.getCause() != null
        && String.valueOf(t.getMessage()).startsWith("Job aborted")) {
      String message = t.getMessage();
      int end = message.indexOf('\n');
      Throwable own = t.getCause();
      own.addSuppressed(new SparkJobFailure("on Spark: " + (end < 0 ? message : message.substring(0, end))));
      return own;
    }
    return t;
  }

  /** Spark's account of a failed job, attached to the stage's own exception. */
  static final class SparkJobFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SparkJobFailure(String message) {
      super(message, null, false, false);
    }
  }

  /** The task: runs the one call its partition holds. */
  private static final class RunCalls extends AbstractFunction1<Iterator<byte[]>, byte[]> implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] apply(Iterator<byte[]> partition) {
      try {
        return Shipping.run(partition.next());
      } catch (Exception e) {
        throw SparkJob.<RuntimeException>unchecked(e); // as the stage threw it, checked or not
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Exception> E unchecked(Exception e) throws E {
    throw (E) e;
  }
}
