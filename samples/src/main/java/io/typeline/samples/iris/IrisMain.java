package io.typeline.samples.iris;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs both Iris pipelines and prints their outputs. Usage: {@code IrisMain [path/to/iris.csv]};
 * the default path is relative to the repository root.
 */
public final class IrisMain {

  /** A field: java.util.logging holds loggers weakly, and a collected one loses its level. */
  private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

  private IrisMain() {}

  public static void main(String[] args) {
    // Tribuo logs training progress at INFO; the sample's output is the report.
    TRIBUO_LOGGER.setLevel(Level.WARNING);
    Path csv = Path.of(args.length > 0 ? args[0] : "samples/data/iris.csv");

    IrisClassificationResult result = Pipelines.irisClassification().csv(csv).run();
    System.out.println(result.report());

    TreeVersusLinearResult comparison = Pipelines.treeVersusLinear().csv(csv).run();
    System.out.println(comparison.compare());
  }
}
