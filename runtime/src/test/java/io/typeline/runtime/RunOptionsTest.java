package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunOptionsTest {

  @ParameterizedTest
  @ValueSource(ints = {0, -4})
  void parallelismBelowOneIsRejectedWithTheValueAndAFix(int parallelism) {
    RunOptions options = RunOptions.defaults();

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> options.parallelism(parallelism));

    assertThat(e).hasMessageThat().isEqualTo("parallelism must be at least 1, was " + parallelism
        + "; use 1 to run stages one by one");
  }
}
