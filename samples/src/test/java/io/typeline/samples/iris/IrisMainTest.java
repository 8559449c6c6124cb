package io.typeline.samples.iris;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sample's command line: flags in any order, one path, and a usage line for anything else. */
class IrisMainTest {
  @Test
  void flagsMayComeBeforeOrAfterThePath() {
    assertThat(IrisMain.Args.parse("data.csv", "--quiet"))
        .isEqualTo(new IrisMain.Args(false, true, Path.of("data.csv")));
    assertThat(IrisMain.Args.parse("--plan", "--quiet", "data.csv"))
        .isEqualTo(new IrisMain.Args(true, true, Path.of("data.csv")));
    assertThat(IrisMain.Args.parse()).isEqualTo(new IrisMain.Args(false, false, Path.of("samples/data/iris.csv")));
  }

  @Test
  void anUnknownOptionIsNamedWithTheUsage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IrisMain.Args.parse("--qiet", "data.csv"));
    assertThat(e).hasMessageThat().isEqualTo("unknown option '--qiet'");
  }

  @Test
  void aSecondPathIsNamedWithTheUsage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IrisMain.Args.parse("a.csv", "b.csv"));
    assertThat(e).hasMessageThat().isEqualTo("one data file only, got 'a.csv' and 'b.csv'");
  }
}
