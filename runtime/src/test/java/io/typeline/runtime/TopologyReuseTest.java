package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Generated code builds the same graph every run; its index form is computed once and reused. */
class TopologyReuseTest {

  private static Graph.Builder chain(String pipeline) {
    return Graph.builder(pipeline)
        .param("start", 1)
        .stage("a", "Reuse.java:1", args -> (int) args[0] + 1, "start")
        .stage("b", "Reuse.java:2", args -> (int) args[0] + 1, "a")
        .outputs("b");
  }

  @Test
  void theSameGraphBuiltTwiceSharesItsTopology() {
    Graph first = chain("Reuse").build();
    Graph second = chain("Reuse").build();
    assertThat(second.topology()).isSameInstanceAs(first.topology());
    assertThat(Runner.run(second, RunOptions.defaults()).value("b")).isEqualTo(3);
  }

  @Test
  void aDifferentGraphUnderTheSameNameIsCheckedAfresh() {
    Graph acyclic = chain("Changing").build();
    IllegalArgumentException cycle = assertThrows(IllegalArgumentException.class, () -> Graph.builder("Changing")
        .stage("a", "Reuse.java:1", args -> args[0], "b")
        .stage("b", "Reuse.java:2", args -> args[0], "a")
        .outputs("b")
        .build());
    assertThat(cycle).hasMessageThat().contains("stages form a cycle: a -> b -> a");

    Graph wider = chain("Changing").stage("c", "Reuse.java:3", args -> (int) args[0] * 10, "b").outputs("c").build();
    assertThat(wider.topology()).isNotSameInstanceAs(acyclic.topology());
    assertThat(Runner.run(wider, RunOptions.defaults()).value("c")).isEqualTo(30);
  }
}
