package io.typeline.samples.iris;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.typeline.runtime.Diagram;
import io.typeline.runtime.Plan;
import io.typeline.runtime.StageFailedException;
import io.typeline.runtime.StageOutcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
  void modelsReadBackFromTheCacheGiveTheSameComparison(@TempDir Path cache) {
    Plan cold = Pipelines.treeVersusLinear().csv(CSV).plan(run -> run.cache(cache));
    TreeVersusLinearResult first = Pipelines.treeVersusLinear().csv(CSV).run(run -> run.cache(cache));
    Plan warm = Pipelines.treeVersusLinear().csv(CSV).plan(run -> run.cache(cache));

    // Re-running compare needs both evaluations, which are not stored: they run on the two
    // models, which come back from the cache through Tribuo's protobuf codec.
    TreeVersusLinearResult again =
        Pipelines.treeVersusLinear().csv(CSV).run(run -> run.cache(cache).rerun(TreeVersusLinearStage.compare));

    assertThat(cold.toRun()).containsExactly(
        "trainTree", "evaluateTree", "compare", "load", "split", "train", "evaluate");
    assertThat(warm.toRun()).isEmpty();
    assertThat(first.stages().stream().filter(s -> s.action() == StageOutcome.Action.RUN).count())
        .isEqualTo(7);
    assertThat(again.compare()).isEqualTo(first.compare());
    assertThat(outcome(again, "train")).isEqualTo(StageOutcome.Action.CACHED);
    assertThat(outcome(again, "trainTree")).isEqualTo(StageOutcome.Action.CACHED);
    assertThat(outcome(again, "evaluateTree")).isEqualTo(StageOutcome.Action.RUN);
  }

  private static StageOutcome.Action outcome(TreeVersusLinearResult result, String stage) {
    return result.stages().stream().filter(s -> s.stage().equals(stage)).findFirst().orElseThrow().action();
  }

  @Test
  void theSweepCrossValidatesEveryConfigurationAndAGrownGridTrainsOnlyTheNewOnes(@TempDir Path cache) {
    IrisSweepResult small = Pipelines.irisSweep().csv(CSV).epochGrid("10").run(run -> run.cache(cache));
    IrisSweepResult grown = Pipelines.irisSweep().csv(CSV).epochGrid("10,30").run(run -> run.cache(cache));

    assertThat(small.best()).startsWith("cross-validated sweep (15 trainings):");
    assertThat(grown.best()).startsWith("cross-validated sweep (30 trainings):");
    assertThat(grown.best()).containsMatch("best: epochs (10|30), rate");
    StageOutcome score = grown.stages().stream().filter(s -> s.stage().equals("score")).findFirst().orElseThrow();
    assertThat(score.toString()).isEqualTo("score: run (input changed: trials; 15 of 30 elements from the cache)");
  }

  @Test
  void theGraphIsDrawnAtCompileTimeAsMermaidAndDot() {
    // Available from the first step, before any param is set.
    Diagram diagram = Pipelines.irisClassification().graph();

    assertThat(diagram.mermaid()).isEqualTo(String.join("\n",
        "flowchart LR",
        "  param_csv[/\"csv\"/]",
        "  param_testFraction[/\"testFraction\"/]",
        "  param_seed[/\"seed\"/]",
        "  param_epochs[/\"epochs\"/]",
        "  stage_load[\"load\"]",
        "  stage_split[\"split\"]",
        "  stage_train[\"train\"]",
        "  stage_evaluate[\"evaluate\"]",
        "  stage_report(\"report\")",
        "  param_csv --> stage_load",
        "  stage_load --> stage_split",
        "  param_testFraction --> stage_split",
        "  param_seed --> stage_split",
        "  stage_split --> stage_train",
        "  param_epochs --> stage_train",
        "  stage_train --> stage_evaluate",
        "  stage_split --> stage_evaluate",
        "  stage_evaluate --> stage_report",
        ""));
    assertThat(diagram.dot()).startsWith("digraph \"IrisClassification\" {\n  rankdir=LR;\n");
    assertThat(diagram.dot()).contains("  \"report\" [shape=box, style=rounded];\n");
    assertThat(diagram.dot()).contains("  \"split\" -> \"evaluate\";\n");
    assertThat(Pipelines.irisSweep().graph().mermaid()).contains("  stage_score[[\"score (each)\"]]\n");
  }

  @Test
  void comparisonIsTheSameInParallelAndOneStageAtATime() {
    TreeVersusLinearResult parallel =
        Pipelines.treeVersusLinear().csv(CSV).run(run -> run.parallelism(2).noCache());
    TreeVersusLinearResult sequential =
        Pipelines.treeVersusLinear().csv(CSV).run(run -> run.parallelism(1).noCache());

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
