package com.example.iris;

final class Nightly {
  static String run() {
    return Pipelines.training().learningRate(0.05).run().report();
  }
}
