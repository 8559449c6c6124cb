package com.example.ml;

import javax.annotation.processing.Generated;

/**
 * Source parameter names of the {@code @Stage} methods of {@link Stats}, for pipelines
 * that include it from a class file compiled without {@code -parameters}.
 */
@Generated("io.typeline.processor.TypelineProcessor")
final class Stats_TypelineStages {
  static final String mean = "rows";

  private Stats_TypelineStages() {
  }
}
