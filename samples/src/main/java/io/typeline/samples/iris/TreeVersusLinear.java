package io.typeline.samples.iris;

import io.typeline.From;
import io.typeline.Param;
import io.typeline.Pipeline;
import io.typeline.Stage;
import java.util.Locale;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;

/**
 * Trains a CART decision tree next to {@link IrisClassification}'s logistic regression, on the same
 * split, and compares their test accuracies. The load, split, train and evaluate stages come from
 * {@code IrisClassification} through {@code include}; only {@code compare} is returned, so its
 * {@code report} stage does not run.
 */
@Pipeline(
    include = IrisClassification.class,
    outputs = "compare",
    codecs = TribuoCodecs.LabelModel.class)
final class TreeVersusLinear {

  private TreeVersusLinear() {}

  /** Grows a CART classification tree no deeper than {@code maxDepth}. */
  @Stage
  static Model<Label> trainTree(IrisSplit split, @Param(defaultValue = "6") int maxDepth) {
    // This constructor considers every feature at every split, so training draws no randomness.
    return new CARTClassificationTrainer(maxDepth).train(split.train());
  }

  /** Scores the tree on the same held-out examples as the linear model (not cached, as evaluate). */
  @Stage(cache = false)
  static LabelEvaluation evaluateTree(@From("trainTree") Model<Label> model, IrisSplit split) {
    return new LabelEvaluator().evaluate(model, split.test());
  }

  /** States both test accuracies and which model wins. */
  @Stage
  static String compare(LabelEvaluation evaluate, LabelEvaluation evaluateTree) {
    double linear = evaluate.accuracy();
    double tree = evaluateTree.accuracy();
    String verdict = linear == tree ? "a tie" : (linear > tree ? "linear" : "tree") + " wins";
    return String.format(
        Locale.ROOT, "test accuracy: linear %.3f, tree %.3f: %s", linear, tree, verdict);
  }
}
