package io.typeline.samples.iris;

import io.typeline.Each;
import io.typeline.Param;
import io.typeline.Pipeline;
import io.typeline.Stage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tribuo.DataSource;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.evaluation.KFoldSplitter;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/**
 * A hyperparameter sweep with k-fold cross-validation: every configuration (epochs × learning
 * rate) is trained and scored on every fold, each (configuration, fold) pair a fan-out element of
 * its own, in parallel; the configuration with the best mean accuracy wins. Each pair is cached on
 * its own, so adding a configuration to the grid trains only its folds. The records are
 * {@link Serializable} so that the sweep also runs on Spark, where each element is a task.
 */
@Pipeline(include = IrisClassification.class, outputs = "best")
final class IrisSweep {

  private IrisSweep() {}

  /** One point of the grid. */
  record Config(int epochs, double learningRate) implements Serializable {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "epochs %d, rate %.2f", epochs, learningRate);
    }
  }

  /** One fold: which of the k, its training and test examples. */
  record Fold(int index, Dataset<Label> train, Dataset<Label> test) implements Serializable {}

  /** One configuration on one fold: a fan-out element. */
  record Trial(Config config, int fold) implements Serializable {
    @Override
    public String toString() {
      return config + ", fold " + fold;
    }
  }

  /** A trial's test accuracy. */
  record Score(Trial trial, double accuracy) implements Serializable {}

  /** The grid: epochs in {@code epochGrid} (comma-separated) times three learning rates. */
  @Stage
  static List<Config> configs(@Param(defaultValue = "10,30") String epochGrid) {
    List<Config> configs = new ArrayList<>();
    for (String epochs : epochGrid.split(",")) {
      for (double rate : new double[] {0.1, 0.5, 1.0}) {
        configs.add(new Config(Integer.parseInt(epochs.trim()), rate));
      }
    }
    return configs;
  }

  /** Splits the examples into {@code k} folds, shuffled with {@code seed}. Not cached: views. */
  @Stage(cache = false)
  static List<Fold> folds(DataSource<Label> load, @Param(defaultValue = "5") int k,
      @Param(defaultValue = "42") long seed) {
    var dataset = new MutableDataset<>(load);
    List<Fold> folds = new ArrayList<>();
    Iterator<KFoldSplitter.TrainTestFold<Label>> splits = new KFoldSplitter<Label>(k, seed).split(dataset, true);
    for (int i = 0; splits.hasNext(); i++) {
      KFoldSplitter.TrainTestFold<Label> fold = splits.next();
      folds.add(new Fold(i, fold.train, fold.test));
    }
    return folds;
  }

  /** Every configuration with every fold. */
  @Stage
  static List<Trial> trials(List<Config> configs, List<Fold> folds) {
    List<Trial> trials = new ArrayList<>();
    for (Config config : configs) {
      for (Fold fold : folds) {
        trials.add(new Trial(config, fold.index()));
      }
    }
    return trials;
  }

  /** Trains one configuration on one fold's training examples and scores it on its test ones. */
  @Stage
  static Score score(@Each Trial trials, List<Fold> folds) {
    Fold fold = folds.get(trials.fold());
    var logistic = new LinearSGDTrainer(new LogMulticlass(),
        new AdaGrad(trials.config().learningRate(), 0.1), trials.config().epochs(), 12345L);
    var standardized = new TransformTrainer<>(logistic,
        new TransformationMap(List.of(new MeanStdDevTransformation())));
    Model<Label> model = standardized.train(fold.train());
    return new Score(trials, new LabelEvaluator().evaluate(model, fold.test()).accuracy());
  }

  /** The configurations by mean accuracy over the folds, best first, and the winner. */
  @Stage
  static String best(List<Score> score) {
    Map<Config, List<Double>> byConfig = new LinkedHashMap<>();
    for (Score trial : score) {
      byConfig.computeIfAbsent(trial.trial().config(), config -> new ArrayList<>()).add(trial.accuracy());
    }
    StringBuilder text = new StringBuilder();
    Config best = null;
    double bestMean = -1;
    for (var entry : byConfig.entrySet().stream()
        .sorted(Comparator.comparingDouble(e -> -mean(e.getValue()))).toList()) {
      double mean = mean(entry.getValue());
      text.append(String.format(Locale.ROOT, "  %-20s mean accuracy %.3f over %d folds%n",
          entry.getKey(), mean, entry.getValue().size()));
      if (mean > bestMean) {
        best = entry.getKey();
        bestMean = mean;
      }
    }
    return "cross-validated sweep (" + score.size() + " trainings):" + System.lineSeparator() + text
        + "best: " + best;
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
