package com.example.iris;

import io.typeline.Param;
import io.typeline.Pipeline;
import io.typeline.Stage;
import java.util.List;

@Pipeline
final class Retraining {
  @Stage
  static List<double[]> load(@Param String table, List<Double> train) {
    return List.of();
  }

  @Stage
  static List<Double> train(List<double[]> load, @Param int seed) {
    return List.of();
  }

  @Stage
  static double score(List<Double> train, @Param long seed) {
    return 0;
  }
}
