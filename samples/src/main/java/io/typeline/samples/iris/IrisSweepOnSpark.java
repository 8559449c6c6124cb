package io.typeline.samples.iris;

import io.typeline.runtime.EventLog;
import io.typeline.spark.SparkExecutor;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The cross-validated sweep ({@link IrisSweep}) on a Spark cluster: each (configuration, fold)
 * training is a Spark task. Made for {@code spark-submit}, which says which cluster; the pipeline
 * is the one {@link IrisMain} runs in-process, and the only change is the run option {@code
 * executor(SparkExecutor.on(spark))}. Usage, with the application jar the samples' build makes:
 *
 * <pre>
 * spark-submit --master spark://HOST:7077 --class io.typeline.samples.iris.IrisSweepOnSpark \
 *     samples/target/typeline-samples-0.1.0-SNAPSHOT-spark.jar [--plan] [--quiet] [path/to/iris.csv]
 * </pre>
 *
 * The data file is read on the driver. The cache, the run folder and the report are the driver's
 * ({@code .typeline/} in its working directory), as in-process.
 */
public final class IrisSweepOnSpark {
  private IrisSweepOnSpark() {}

  public static void main(String[] arguments) {
    IrisMain.quietTribuo();
    IrisMain.Args args = IrisMain.Args.parseOrExit("IrisSweepOnSpark", arguments);
    if (args.plan()) {
      System.out.println(Pipelines.irisSweep().csv(args.csv()).plan());
      return;
    }
    SparkConf conf = new SparkConf().setAppName("Typeline Iris sweep");
    try (JavaSparkContext spark = new JavaSparkContext(conf); SparkExecutor executor = SparkExecutor.on(spark)) {
      IrisSweepResult sweep = Pipelines.irisSweep().csv(args.csv()).run(run -> {
        run.executor(executor); // the one change: elements of @Each stages become Spark tasks
        if (!args.quiet()) {
          run.listener(EventLog.console());
        }
      });
      System.out.println(sweep.best());
      IrisMain.printStages("IrisSweep", sweep.stages());
    }
  }
}
