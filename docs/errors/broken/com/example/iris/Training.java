package com.example.iris;

import io.typeline.Param;
import io.typeline.Pipeline;
import io.typeline.Stage;

@Pipeline(include = Features.class, outputs = {"evaluate", "reprot"})
final class Training {
  record Table(int rows) {}
  record Split(Table train, Table test) {}
  record Model(double[] weights) {}

  @Stage
  static Split split(Table load, @Param(defaultValue = "0,2") double testFraction) {
    return new Split(load, load);
  }

  @Stage
  static Model train(Split splt, @Param(defaultValue = "0.1") double learningRate) {
    return new Model(new double[] {learningRate});
  }

  @Stage
  static double evaluate(Model train, Split split) {
    return 0.9;
  }

  @Stage
  private static String report(double evaluate) {
    return "accuracy " + evaluate;
  }
}
