package com.example.iris;

import java.nio.file.Path;

final class Main {
  public static void main(String[] args) {
    TrainingResult result = Pipelines.training().csv(Path.of("iris.csv")).learningRate(0.05).run();
    System.out.println(result.evaluate());
  }
}
