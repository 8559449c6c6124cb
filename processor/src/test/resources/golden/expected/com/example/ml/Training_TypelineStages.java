package com.example.ml;

import javax.annotation.processing.Generated;

/**
 * Source parameter names of the {@code @Stage} methods of {@link Training}, for pipelines
 * that include it from a class file compiled without {@code -parameters}.
 */
@Generated("io.typeline.processor.TypelineProcessor")
final class Training_TypelineStages {
  static final String load = "csv,timeout";

  static final String split = "rows,testFraction,seed";

  static final String train = "split,mode,epochs";

  static final String evaluate = "train,split";

  static final String log = "evaluate";

  private Training_TypelineStages() {
  }
}
