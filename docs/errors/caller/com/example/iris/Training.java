package com.example.iris;

import io.typeline.Param;
import io.typeline.Pipeline;
import io.typeline.Stage;
import java.util.List;

@Pipeline(include = Features.class)
final class Training {
  @Stage
  static double train(List<String> load, @Param(defaultValue = "0.1") double learningRate) {
    return learningRate;
  }

  @Stage
  static String report(double train) {
    return "weights " + train;
  }
}
