package com.example.ml;

import io.typeline.Param;
import io.typeline.Stage;
import java.util.ArrayList;
import java.util.List;

/** Instance stages: the builder must be given a Features, which has no no-arg constructor. */
public final class Features {
  private final double scale;

  public Features(double scale) {
    this.scale = scale;
  }

  @Stage
  List<double[]> normalize(List<String> load) {
    List<double[]> rows = new ArrayList<>();
    for (String row : load) {
      rows.add(new double[] {row.length() * scale});
    }
    return rows;
  }

  @Stage
  String summary(List<double[]> normalize, Report report, @Param(defaultValue = ";") char separator) {
    return report.title() + separator + normalize.size();
  }

  @Stage
  static Report report() {
    return new Report("rows");
  }

  /** A stage's value type. */
  public record Report(String title) {}
}
