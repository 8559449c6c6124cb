package io.typeline.spark;

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
  /** How long a cancelled stage waits for Spark to end its job before it gives up waiting. */
  private static final java.time.Duration CANCEL_WAIT = java.time.Duration.ofSeconds(30);

  private record Arrived(int call, byte[] result) {}

  private SparkJob() {}

  /**
   * Runs {@code calls} (serialized, of {@code task}'s stage) as one job and gives their values in
   * order; for a fan-out, each value is reported to {@code task} as it arrives.
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
    // The job group names the job in Spark's UI and lets a cancellation interrupt its tasks.
    spark.setJobGroup("typeline-" + JOBS.incrementAndGet(),
        "typeline " + stage + (fanOut ? " (" + n + " elements)" : ""), true);
    SimpleFutureAction<BoxedUnit> job;
    try {
      job = spark.submitJob(rdd, new RunCalls(), scala.jdk.javaapi.CollectionConverters.asScala(partitions).toSeq(),
          (call, result) -> { // on Spark's scheduler thread: hand over, do nothing slow here
            arrived.add(new Arrived((Integer) call, result));
            return BoxedUnit.UNIT;
          },
          () -> BoxedUnit.UNIT);
    } finally {
      spark.clearJobGroup();
    }
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
        Shipping.Result result = (Shipping.Result) Shipping.read(next.result());
        values[next.call()] = result.value();
        received++;
        if (fanOut) {
          task.elementSucceeded(next.call(), result.value(), result.nanos());
        }
      }
    } catch (InterruptedException e) {
      // The run is cancelled or failed elsewhere: cancel the job (Spark interrupts its tasks) and,
      // as in-process, let the run end only once its stage has: wait for Spark to end the job.
      job.cancel();
      long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
      while (!job.isCompleted() && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
      throw e;
    }
    return Arrays.asList(values);
  }

  /**
   * What Spark's failure of a job stands for: the exception the stage threw on the executor (for a
   * fan-out, the {@link io.typeline.runtime.FanOutElementException} naming the element), as an
   * in-process run would have it, with Spark's account of the attempts attached as suppressed.
   * Spark's own exception when the stage's cannot be had (it did not serialize).
   */
  static Throwable cause(Throwable failure) {
    Throwable spark = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (!isSparks(t)) {
        if (spark != null) {
          String message = String.valueOf(spark.getMessage());
          int end = message.indexOf('\n');
          t.addSuppressed(new SparkJobFailure("on Spark: " + (end < 0 ? message : message.substring(0, end))));
        }
        return t;
      }
      if (spark == null && t.getMessage() != null && t.getMessage().startsWith("Job aborted")) {
        spark = t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return failure;
  }

  private static boolean isSparks(Throwable t) {
    return t instanceof org.apache.spark.SparkException || t instanceof java.util.concurrent.ExecutionException;
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
