package com.example.ml;

import io.typeline.From;
import io.typeline.Param;
import io.typeline.Pipeline;
import io.typeline.Stage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A pipeline that shows every kind of input the generated builder takes. */
@Pipeline(include = {Features.class, Stats.class}, outputs = {"evaluate", "summary", "mean"})
public final class Training {
  public enum Mode { FAST, ACCURATE }

  public record Split(List<double[]> train, List<double[]> test) {}

  @Stage
  static List<String> load(@Param Path csv, @Param(defaultValue = "PT5S") Duration timeout) {
    return List.of(csv.toString(), timeout.toString());
  }

  @Stage
  static Split split(@From("normalize") List<double[]> rows,
      @Param(defaultValue = "0.2") double testFraction, @Param(defaultValue = "7") long seed) {
    int cut = (int) Math.round(rows.size() * (1 - testFraction));
    return new Split(rows.subList(0, cut), rows.subList(cut, rows.size()));
  }

  @Stage(retries = 2, timeout = "PT10M")
  static double[] train(Split split, @Param(defaultValue = "FAST") Mode mode, @Param int epochs) {
    return new double[] {split.train().size(), mode.ordinal(), epochs};
  }

  @Stage
  static double evaluate(double[] train, Split split) {
    return train[0] / (train[0] + split.test().size());
  }

  /** Not an output and consumed by nobody among the outputs' inputs: it is not generated. */
  @Stage
  static void log(double evaluate) {
    System.out.println(evaluate);
  }
}
