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
 * {@code IrisMain [--plan] [--quiet] [path/to/iris.csv]}; {@code --plan} prints what a run would do
 * instead; {@code --quiet} drops the progress that goes to standard error.
 * The default path is relative to the repository root.
 */
public final class IrisMain {

  /** A field: java.util.logging holds loggers weakly, and a collected one loses its level. */
  private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

  private IrisMain() {}

  /** What each stage did: ran (and why) or came from the cache (.typeline/cache). */
  static void printStages(String pipeline, List<StageOutcome> stages) {
    System.out.println(pipeline + " stages:");
    stages.forEach(stage -> System.out.println("  " + stage));
    System.out.println();
  }

  /** The command line: {@code --plan} and {@code --quiet} in any order, and at most one path. */
  record Args(boolean plan, boolean quiet, Path csv) {
    static Args parse(String... args) {
      boolean plan = false;
      boolean quiet = false;
      Path csv = null;
      for (String arg : args) {
        if (arg.equals("--plan")) {
          plan = true;
        } else if (arg.equals("--quiet")) {
          quiet = true;
        } else if (arg.startsWith("-")) {
          throw new IllegalArgumentException("unknown option '" + arg + "'");
        } else if (csv != null) {
          throw new IllegalArgumentException("one data file only, got '" + csv + "' and '" + arg + "'");
        } else {
          csv = Path.of(arg);
        }
      }
      return new Args(plan, quiet, csv == null ? Path.of("samples/data/iris.csv") : csv);
    }

    /** The arguments of {@code program}'s main; or, when they are wrong, says why with the usage and exits with 2. */
    static Args parseOrExit(String program, String... args) {
      try {
        return parse(args);
      } catch (IllegalArgumentException e) {
        System.err.println(program + ": " + e.getMessage() + "\n" + usage(program));
        System.exit(2);
        throw e;
      }
    }

    static String usage(String program) {
      return "usage: " + program + " [--plan] [--quiet] [path/to/iris.csv] (default samples/data/iris.csv)";
    }
  }

  /** Tribuo logs training progress at INFO; the sample's output is the report. */
  static void quietTribuo() {
    TRIBUO_LOGGER.setLevel(Level.WARNING);
  }

  public static void main(String[] arguments) {
    quietTribuo();
    Args args = Args.parseOrExit("IrisMain", arguments);
    Path csv = args.csv();
    boolean plan = args.plan();
    // Progress on standard error (live on a terminal, a line per event elsewhere), unless --quiet.
    Consumer<RunOptions> options = run -> {
      if (!args.quiet()) {
        run.listener(EventLog.console());
      }
    };
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
