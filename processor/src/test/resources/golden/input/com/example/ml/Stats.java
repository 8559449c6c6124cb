package com.example.ml;

import io.typeline.From;
import io.typeline.Stage;
import java.util.List;

/** An instance stage whose class the builder can create itself (public no-arg constructor). */
public class Stats {
  @Stage
  double mean(@From("normalize") List<double[]> rows) {
    double sum = 0;
    for (double[] row : rows) {
      sum += row[0];
    }
    return rows.isEmpty() ? 0 : sum / rows.size();
  }
}
