package com.example.ml;

import io.typeline.runtime.Codecs;
import io.typeline.runtime.Diagram;
import io.typeline.runtime.Graph;
import io.typeline.runtime.Invoker;
import io.typeline.runtime.Lineage;
import io.typeline.runtime.Plan;
import io.typeline.runtime.RunHandle;
import io.typeline.runtime.RunOptions;
import io.typeline.runtime.Runner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.annotation.processing.Generated;

/**
 * Entry points of the pipelines of package {@code com.example.ml}: one factory per {@code @Pipeline} class.
 */
@Generated("io.typeline.processor.TypelineProcessor")
public final class Pipelines {
  private Pipelines() {
  }

  /**
   * Starts a run of pipeline {@link Training}: set the required csv, epochs, features, then optional params, then {@code run()}.
   */
  public static TrainingCsvStep training() {
    return new TrainingBuilder();
  }

  /**
   * Step of {@link TrainingBuilder}: set param {@code csv} (of stage {@code load}).
   */
  public interface TrainingCsvStep {
    TrainingEpochsStep csv(Path csv);

    /**
     * The pipeline's graph, drawn at compile time: available before any param is set.
     */
    Diagram graph();
  }

  /**
   * Step of {@link TrainingBuilder}: set param {@code epochs} (of stage {@code train}).
   */
  public interface TrainingEpochsStep {
    TrainingFeaturesStep epochs(int epochs);

    /**
     * The pipeline's graph, drawn at compile time: available before any param is set.
     */
    Diagram graph();
  }

  /**
   * Step of {@link TrainingBuilder}: set the {@code Features} instance whose methods run its instance stages.
   */
  public interface TrainingFeaturesStep {
    TrainingBuilder features(Features features);

    /**
     * The pipeline's graph, drawn at compile time: available before any param is set.
     */
    Diagram graph();
  }

  /**
   * Builder of runs of {@link Training}; its steps make every required param a compile-time obligation.
   */
  public static final class TrainingBuilder implements TrainingCsvStep, TrainingEpochsStep, TrainingFeaturesStep {
    /**
     * The stages needed for the outputs, as data, built once: each run gives it its values.
     */
    private static final Graph GRAPH = template();

    private Path csv;

    private Duration timeout = Duration.parse("PT5S");

    private double testFraction = 0.2;

    private long seed = 7L;

    private Training.Mode mode = Training.Mode.FAST;

    private int epochs;

    private Features features;

    private char separator = ';';

    private Stats stats;

    private TrainingBuilder() {
    }

    /**
     * Sets param {@code csv} (of stage {@code load}).
     */
    @Override
    public TrainingBuilder csv(Path csv) {
      this.csv = Objects.requireNonNull(csv, "csv must not be null");
      return this;
    }

    /**
     * Sets param {@code timeout} (of stage {@code load}), which is optional.
     */
    public TrainingBuilder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
      return this;
    }

    /**
     * Sets param {@code testFraction} (of stage {@code split}), which is optional.
     */
    public TrainingBuilder testFraction(double testFraction) {
      this.testFraction = testFraction;
      return this;
    }

    /**
     * Sets param {@code seed} (of stage {@code split}), which is optional.
     */
    public TrainingBuilder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets param {@code mode} (of stage {@code train}), which is optional.
     */
    public TrainingBuilder mode(Training.Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode must not be null");
      return this;
    }

    /**
     * Sets param {@code epochs} (of stage {@code train}).
     */
    @Override
    public TrainingBuilder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /**
     * Sets the {@code Features} instance whose methods run its instance stages.
     */
    @Override
    public TrainingBuilder features(Features features) {
      this.features = Objects.requireNonNull(features, "features must not be null");
      return this;
    }

    /**
     * Sets param {@code separator} (of stage {@code summary}), which is optional.
     */
    public TrainingBuilder separator(char separator) {
      this.separator = separator;
      return this;
    }

    /**
     * Sets the {@code Stats} instance whose methods run its instance stages, which is optional.
     */
    public TrainingBuilder stats(Stats stats) {
      this.stats = Objects.requireNonNull(stats, "stats must not be null");
      return this;
    }

    /**
     * Runs the pipeline in this JVM, up to one stage per available processor at once, reading from the cache what it has.
     */
    public TrainingResult run() {
      return run(RunOptions.defaults());
    }

    /**
     * {@code run()}, with options set in a block: {@code run(run -> run.parallelism(4))}.
     */
    public TrainingResult run(Consumer<RunOptions> options) {
      RunOptions configured = RunOptions.defaults();
      options.accept(configured);
      return run(configured);
    }

    /**
     * {@code run()} with {@code options}.
     */
    public TrainingResult run(RunOptions options) {
      return new TrainingResult(Runner.run(bind(), options));
    }

    /**
     * Starts the pipeline in the background and returns at once: {@code join()} gives the result, {@code cancel()} stops the run.
     */
    public RunHandle<TrainingResult> start() {
      return start(RunOptions.defaults());
    }

    /**
     * {@code start()}, with options set in a block: {@code start(run -> run.parallelism(4))}.
     */
    public RunHandle<TrainingResult> start(Consumer<RunOptions> options) {
      RunOptions configured = RunOptions.defaults();
      options.accept(configured);
      return start(configured);
    }

    /**
     * {@code start()} with {@code options}.
     */
    public RunHandle<TrainingResult> start(RunOptions options) {
      return Runner.start(bind(), options).map(TrainingResult::new);
    }

    /**
     * What {@code run} would do with the same options: per stage, whether it comes from the cache or runs, and why. Runs no stage.
     */
    public Plan plan() {
      return plan(RunOptions.defaults());
    }

    /**
     * {@code plan()}, with options set in a block: {@code plan(run -> run.parallelism(4))}.
     */
    public Plan plan(Consumer<RunOptions> options) {
      RunOptions configured = RunOptions.defaults();
      options.accept(configured);
      return plan(configured);
    }

    /**
     * {@code plan()} with {@code options}.
     */
    public Plan plan(RunOptions options) {
      return Runner.plan(bind(), options);
    }

    /**
     * The pipeline's graph, drawn at compile time as Mermaid and DOT.
     */
    @Override
    public Diagram graph() {
      return Diagram.of(Pipelines.class, "com.example.ml.Training");
    }

    /**
     * The graph with this builder's values.
     */
    private Graph bind() {
      return GRAPH.with(this.csv, this.timeout, this.testFraction, this.seed, this.mode,
          this.epochs, this.features, this.separator,
          this.stats != null ? this.stats : new Stats());
    }

    /**
     * The graph with its params unset: one node per stage needed for the outputs, in source order.
     */
    private static Graph template() {
      Graph.Builder graph = Graph.builder("com.example.ml.Training");
      graph.param("csv");
      graph.param("timeout", Codecs.serializable(Duration.class, "java.time.Duration"));
      graph.param("testFraction", Codecs.doubles());
      graph.param("seed", Codecs.longs());
      graph.param("mode", Codecs.enumOf(Training.Mode.class));
      graph.param("epochs", Codecs.ints());
      graph.param("features");
      graph.param("separator", Codecs.chars());
      graph.param("stats", Codecs.stateless(Stats.class));
      graph.stage("load", "Training.java:19", new Invoke(0), "csv", "timeout");
      graph.lineage("load", new Lineage(Training.class, "load(Ljava/nio/file/Path;Ljava/time/Duration;)Ljava/util/List;", "", Codecs.list(Codecs.string())));
      graph.stage("split", "Training.java:24", new Invoke(1), "normalize", "testFraction", "seed");
      graph.lineage("split", new Lineage(Training.class, "split(Ljava/util/List;DJ)Lcom/example/ml/Training$Split;", "", Codecs.<Training.Split>of("record:com.example.ml.Training$Split", (value0, out0) -> {
            Codecs.list(Codecs.doubleArray()).write(value0.train(), out0);
            Codecs.list(Codecs.doubleArray()).write(value0.test(), out0);
          }, in0 -> new Training.Split(Codecs.list(Codecs.doubleArray()).read(in0), Codecs.list(Codecs.doubleArray()).read(in0)))));
      graph.stage("train", "Training.java:31", new Invoke(2), "split", "mode", "epochs");
      graph.lineage("train", new Lineage(Training.class, "train(Lcom/example/ml/Training$Split;Lcom/example/ml/Training$Mode;I)[D", "", Codecs.doubleArray()));
      graph.policy("train", 2, Duration.parse("PT10M"));
      graph.stage("evaluate", "Training.java:36", new Invoke(3), "train", "split");
      graph.lineage("evaluate", new Lineage(Training.class, "evaluate([DLcom/example/ml/Training$Split;)D", "", Codecs.doubles()));
      graph.stage("normalize", "Features.java:17", new Invoke(4), "features", "load");
      graph.lineage("normalize", new Lineage(Features.class, "normalize(Ljava/util/List;)Ljava/util/List;", "", Codecs.list(Codecs.doubleArray())));
      graph.stage("summary", "Features.java:26", new Invoke(5), "features", "normalize", "report", "separator");
      graph.lineage("summary", new Lineage(Features.class, "summary(Ljava/util/List;Lcom/example/ml/Features$Report;C)Ljava/lang/String;", "", Codecs.string()));
      graph.stage("report", "Features.java:31", new Invoke(6));
      graph.lineage("report", new Lineage(Features.class, "report()Lcom/example/ml/Features$Report;", "", Codecs.<Features.Report>of("record:com.example.ml.Features$Report", (value0, out0) -> {
            Codecs.string().write(value0.title(), out0);
          }, in0 -> new Features.Report(Codecs.string().read(in0)))));
      graph.stage("mean", "Stats.java:10", new Invoke(7), "stats", "normalize");
      graph.lineage("mean", new Lineage(Stats.class, "mean(Ljava/util/List;)D", "", Codecs.doubles()));
      graph.outputs("evaluate", "summary", "mean");
      return graph.build();
    }

    /**
     * Calls stage number {@code stage} with its inputs; an instance stage's first input is the instance.
     */
    private record Invoke(int stage) implements Invoker {
      @Override
      @SuppressWarnings("unchecked")
      public Object invoke(Object[] args) throws Exception {
        switch (stage) {
          case 0:
            return Training.load((Path) args[0], (Duration) args[1]);
          case 1:
            return Training.split((List<double[]>) args[0], (double) args[1], (long) args[2]);
          case 2:
            return Training.train((Training.Split) args[0], (Training.Mode) args[1], (int) args[2]);
          case 3:
            return Training.evaluate((double[]) args[0], (Training.Split) args[1]);
          case 4:
            return ((Features) args[0]).normalize((List<String>) args[1]);
          case 5:
            return ((Features) args[0]).summary((List<double[]>) args[1], (Features.Report) args[2], (char) args[3]);
          case 6:
            return Features.report();
          case 7:
            return ((Stats) args[0]).mean((List<double[]>) args[1]);
          default:
            throw new AssertionError(stage);
        }
      }
    }
  }
}
