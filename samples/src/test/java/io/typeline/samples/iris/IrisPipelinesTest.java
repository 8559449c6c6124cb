package io.typeline.samples.iris;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.typeline.runtime.StageFailedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tribuo.classification.evaluation.LabelEvaluation;

/**
 * Runs the Iris pipelines through the generated {@code Pipelines} API and checks them against the
 * same stages called by hand, which also gives the numbers to assert on.
 */
class IrisPipelinesTest {

  /** Maven runs tests in the module's directory. */
  private static final Path CSV = Path.of("data/iris.csv");

  @Test
  void linearModelIsAccurateOnTheTestSplit() {
    assertThat(evaluateLinear(0.3, 42, 30).accuracy()).isAtLeast(0.9);
  }

  @Test
  void treeIsAccurateOnTheTestSplit() {
    IrisSplit split = IrisClassification.split(IrisClassification.load(CSV), 0.3, 42);
    LabelEvaluation tree =
        TreeVersusLinear.evaluateTree(TreeVersusLinear.trainTree(split, 6), split);

    assertThat(tree.accuracy()).isAtLeast(0.9);
  }

  @Test
  void pipelineReportsWhatTheStagesComputeByHand() {
    IrisClassificationResult result = Pipelines.irisClassification().csv(CSV).run();

    assertThat(result.report()).startsWith("accuracy: ");
    assertThat(result.report()).contains("confusion matrix");
    assertThat(result.report()).isEqualTo(IrisClassification.report(evaluateLinear(0.3, 42, 30)));
  }

  @Test
  void optionalParamsReachTheirStages() {
    IrisClassificationResult result =
        Pipelines.irisClassification().csv(CSV).testFraction(0.5).seed(7).epochs(60).run();

    assertThat(result.report()).isEqualTo(IrisClassification.report(evaluateLinear(0.5, 7, 60)));
  }

  @Test
  void comparisonIsTheSameInParallelAndOneStageAtATime() {
    TreeVersusLinearResult parallel =
        Pipelines.treeVersusLinear().csv(CSV).run(run -> run.parallelism(2));
    TreeVersusLinearResult sequential =
        Pipelines.treeVersusLinear().csv(CSV).run(run -> run.parallelism(1));

    assertThat(parallel.compare()).startsWith("test accuracy: linear ");
    assertThat(parallel.compare()).isEqualTo(sequential.compare());
  }

  @Test
  void missingCsvFailsInLoadNamingThePath() {
    Path missing = Path.of("data/no-such-iris.csv");

    StageFailedException failure =
        assertThrows(
            StageFailedException.class,
            () -> Pipelines.irisClassification().csv(missing).run());

    assertThat(failure.stage()).isEqualTo("load");
    assertThat(failure).hasCauseThat().isInstanceOf(IllegalArgumentException.class);
    assertThat(failure)
        .hasCauseThat()
        .hasMessageThat()
        .contains(missing.toAbsolutePath().toString());
  }

  private static LabelEvaluation evaluateLinear(double testFraction, long seed, int epochs) {
    IrisSplit split = IrisClassification.split(IrisClassification.load(CSV), testFraction, seed);
    return IrisClassification.evaluate(IrisClassification.train(split, epochs), split);
  }
}
