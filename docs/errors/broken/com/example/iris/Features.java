package com.example.iris;

import io.typeline.Param;
import io.typeline.Stage;
import java.nio.file.Path;
import java.util.List;

final class Features {
  @Stage
  static List<String> load(@Param Path csv) {
    return List.of(csv.toString());
  }
}
