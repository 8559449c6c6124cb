package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RunResultsTest {

  /** a = x + 1; b = a * y; c = a - 1; d = b - c, with argument order mattering in b and d. */
  private static Graph.Builder diamond(int x, int y) {
    return Graph.builder("Diamond")
        .param("x", x)
        .param("y", y)
        .stage("a", "Diamond.java:1", args -> (Integer) args[0] + 1, "x")
        .stage("b", "Diamond.java:2", args -> (Integer) args[0] * (Integer) args[1], "a", "y")
        .stage("c", "Diamond.java:3", args -> (Integer) args[0] - 1, "a")
        .stage("d", "Diamond.java:4", args -> (Integer) args[0] - (Integer) args[1], "b", "c");
  }

  @Test
  void diamondComputesItsOutputFromParams() {
    RunResult result = Runner.run(diamond(3, 10).outputs("d").build(), RunOptions.defaults());

    // a = 4, b = 40, c = 3, d = 37
    assertThat(result.value("d")).isEqualTo(37);
    assertThat(result.pipeline()).isEqualTo("Diamond");
  }

  @Test
  void resultHoldsExactlyTheDeclaredOutputsInDeclaredOrder() {
    Graph graph = diamond(3, 10)
        .stage("log", "Diamond.java:5", args -> null, "d") // a void sink
        .outputs("c", "a", "log")
        .build();

    RunResult result = Runner.run(graph, RunOptions.defaults());

    assertThat(result.outputs().keySet()).containsExactly("c", "a", "log").inOrder();
    assertThat(result.value("c")).isEqualTo(3);
    assertThat(result.value("a")).isEqualTo(4);
    assertThat(result.value("log")).isNull();
  }

  @Test
  void valueOfAStageThatIsNotAnOutputListsTheOutputs() {
    RunResult result = Runner.run(diamond(3, 10).outputs("d", "c").build(), RunOptions.defaults());

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> result.value("b"));

    assertThat(e).hasMessageThat().contains("no output 'b'");
    assertThat(e).hasMessageThat().contains("[d, c]");
  }

  @Test
  void tenThousandStageChainRunsWithoutDeepRecursion() {
    Graph chain = TestGraphs.chain(10_000, 7);

    RunResult result = Runner.run(chain, RunOptions.defaults());

    assertThat(result.value("s9999")).isEqualTo(TestGraphs.chainSum(10_000, 7));
  }
}
