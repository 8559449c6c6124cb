package com.example.ml;

import javax.annotation.processing.Generated;

/**
 * Source parameter names of the {@code @Stage} methods of {@link Features}, for pipelines
 * that include it from a class file compiled without {@code -parameters}.
 */
@Generated("io.typeline.processor.TypelineProcessor")
final class Features_TypelineStages {
  static final String normalize = "load";

  static final String summary = "normalize,report,separator";

  static final String report = "";

  private Features_TypelineStages() {
  }
}
