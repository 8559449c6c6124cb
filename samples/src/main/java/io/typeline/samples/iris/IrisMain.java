package io.typeline.samples.iris;

import io.typeline.runtime.EventLog;
import io.typeline.runtime.RunOptions;
import io.typeline.runtime.StageOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs both Iris pipelines and prints their outputs and what each stage did. Usage:
 * {@code IrisMain [--plan | --quiet] [path/to/iris.csv]}; {@code --plan} prints what a run would do
 * instead; {@code --quiet} drops the progress that goes to standard error.
 * The default path is relative to the repository root.
 */
public final class IrisMain {

  /** A field: java.util.logging holds loggers weakly, and a collected one loses its level. */
  private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

  private IrisMain() {}

  /** What each stage did: ran (and why) or came from the cache (.typeline/cache). */
  private static void printStages(String pipeline, List<StageOutcome> stages) {
    System.out.println(pipeline + " stages:");
    stages.forEach(stage -> System.out.println("  " + stage));
    System.out.println();
  }

  public static void main(String[] args) {
    // Tribuo logs training progress at INFO; the sample's output is the report.
    TRIBUO_LOGGER.setLevel(Level.WARNING);
    boolean plan = args.length > 0 && args[0].equals("--plan");
    boolean quiet = args.length > 0 && args[0].equals("--quiet");
    int first = plan || quiet ? 1 : 0;
    // Progress on standard error (live on a terminal, a line per event elsewhere), unless --quiet.
    Consumer<RunOptions> options = run -> {
      if (!quiet) {
        run.listener(EventLog.console());
      }
    };
    Path csv = Path.of(args.length > first ? args[first] : "samples/data/iris.csv");
    if (plan) { // what run() would do, and why; runs nothing
      System.out.println(Pipelines.irisClassification().csv(csv).plan());
      System.out.println(Pipelines.treeVersusLinear().csv(csv).plan());
      System.out.println(Pipelines.irisSweep().csv(csv).plan());
      return;
    }

    IrisClassificationResult result = Pipelines.irisClassification().csv(csv).run(options);
    System.out.println(result.report());
    printStages("IrisClassification", result.stages());

    TreeVersusLinearResult comparison = Pipelines.treeVersusLinear().csv(csv).run(options);
    System.out.println(comparison.compare());
    printStages("TreeVersusLinear", comparison.stages());

    IrisSweepResult sweep = Pipelines.irisSweep().csv(csv).run(options);
    System.out.println(sweep.best());
    printStages("IrisSweep", sweep.stages());
  }
}
