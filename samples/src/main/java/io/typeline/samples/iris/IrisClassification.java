package io.typeline.samples.iris;

import io.typeline.Param;
import io.typeline.Pipeline;
import io.typeline.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.tribuo.DataSource;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.data.csv.CSVLoader;
import org.tribuo.evaluation.TrainTestSplitter;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/**
 * Classifies Iris flowers with a logistic regression: load the CSV, split it into train and test,
 * train, evaluate on the test split and report. Each stage's parameters are wired by name to the
 * stage of that name; {@code report} is the only sink, hence the pipeline's output.
 */
@Pipeline(codecs = TribuoCodecs.LabelModel.class)
final class IrisClassification {

  /** The CSV column holding the class to predict; every other column is a feature. */
  private static final String RESPONSE_COLUMN = "species";

  /** Fixed so that two runs with the same params train the same model. */
  private static final long TRAINING_SEED = 12345L;

  private IrisClassification() {}

  /**
   * Reads the Iris CSV (four measurements and the species) as labelled examples. Not cached: a
   * data source is a reader, not a value; its consumers are, and the CSV counts in their cache keys
   * by content.
   */
  @Stage(cache = false)
  static DataSource<Label> load(@Param Path csv) {
    // Checked here so that the failure names the file, not a Tribuo parsing frame.
    if (!Files.isRegularFile(csv)) {
      throw new IllegalArgumentException("Iris CSV not found: " + csv.toAbsolutePath());
    }
    try {
      return new CSVLoader<>(new LabelFactory()).loadDataSource(csv, RESPONSE_COLUMN);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Iris CSV " + csv.toAbsolutePath(), e);
    }
  }

  /**
   * Shuffles the examples with {@code seed} and holds {@code testFraction} of them out to test.
   * Not cached: splitting takes milliseconds, and Tribuo's protobuf form of a split-off dataset
   * does not read back. What depends on it still comes from the cache.
   */
  @Stage(cache = false)
  static IrisSplit split(
      DataSource<Label> load,
      @Param(defaultValue = "0.3") double testFraction,
      @Param(defaultValue = "42") long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException(
          "testFraction must be between 0 and 1 (exclusive), was " + testFraction);
    }
    // Tribuo asks for the train proportion; users think in "how much to hold out".
    var splitter = new TrainTestSplitter<>(load, 1 - testFraction, seed);
    return new IrisSplit(
        new MutableDataset<>(splitter.getTrain()), new MutableDataset<>(splitter.getTest()));
  }

  /**
   * Fits a multinomial logistic regression by SGD with AdaGrad for {@code epochs} passes, on
   * features standardized to mean 0 and standard deviation 1.
   */
  @Stage
  static Model<Label> train(IrisSplit split, @Param(defaultValue = "30") int epochs) {
    // Tribuo's LogisticRegressionTrainer settings (log loss, AdaGrad 1.0), with epochs exposed.
    var logistic =
        new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), epochs, TRAINING_SEED);
    // SGD converges better when features share one scale; the transformer learns the means and
    // deviations from the train split only and the model applies them itself when predicting.
    var standardized =
        new TransformTrainer<>(
            logistic, new TransformationMap(List.of(new MeanStdDevTransformation())));
    return standardized.train(split.train());
  }

  /** Scores a model on the held-out test examples. Not cached: Tribuo cannot store an evaluation. */
  @Stage(cache = false)
  static LabelEvaluation evaluate(Model<Label> train, IrisSplit split) {
    return new LabelEvaluator().evaluate(train, split.test());
  }

  /** Renders the evaluation: accuracy, per-class F1 and the confusion matrix. */
  @Stage
  static String report(LabelEvaluation evaluate) {
    var text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "accuracy: %.3f%n", evaluate.accuracy()));
    var confusion = evaluate.getConfusionMatrix();
    // Sorted by name: the domain's own order depends on which species the shuffle met first.
    confusion.getDomain().getDomain().stream()
        .sorted(Comparator.comparing(Label::getLabel))
        .forEach(
            species ->
                text.append(
                    String.format(
                        Locale.ROOT, "F1 %s: %.3f%n", species.getLabel(), evaluate.f1(species))));
    text.append("confusion matrix (rows: true species, columns: predicted):")
        .append(System.lineSeparator())
        .append(confusion);
    return text.toString();
  }
}
