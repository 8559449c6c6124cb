package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GraphBuilderTest {
  private static final Invoker NOTHING = args -> null;

  @Test
  void unknownInputNamesTheStageAndTheInput() {
    Graph.Builder builder = Graph.builder("Training")
        .param("csv", "iris.csv")
        .stage("load", "Training.java:9", NOTHING, "csv")
        .stage("split", "Training.java:14", NOTHING, "lod");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().contains("Pipeline 'Training'");
    assertThat(e).hasMessageThat().contains("stage 'split' takes 'lod'");
  }

  @Test
  void unknownOutputIsNamed() {
    Graph.Builder builder = Graph.builder("Training")
        .stage("load", "Training.java:9", NOTHING)
        .outputs("load", "evaluate");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().contains("output 'evaluate' is not a stage");
  }

  @Test
  void aNameDeclaredTwiceIsRejected() {
    Graph.Builder builder = Graph.builder("Training")
        .param("csv", "iris.csv")
        .stage("load", "Training.java:9", NOTHING, "csv");

    IllegalArgumentException stageTwice = assertThrows(IllegalArgumentException.class,
        () -> builder.stage("load", "Training.java:20", NOTHING));
    IllegalArgumentException stageNamedLikeParam = assertThrows(IllegalArgumentException.class,
        () -> builder.stage("csv", "Training.java:21", NOTHING));

    assertThat(stageTwice).hasMessageThat().contains("'load' is declared twice");
    assertThat(stageNamedLikeParam).hasMessageThat().contains("'csv' is declared twice");
  }

  @Test
  void cycleIsPrintedInDataFlowOrderWithoutStagesAroundIt() {
    // Data flows a -> b -> c -> a; `load` feeds the cycle and `report` reads it: neither is in it.
    Graph.Builder builder = Graph.builder("Loop")
        .stage("load", "Loop.java:1", NOTHING)
        .stage("a", "Loop.java:2", NOTHING, "load", "c")
        .stage("b", "Loop.java:3", NOTHING, "a")
        .stage("c", "Loop.java:4", NOTHING, "b")
        .stage("report", "Loop.java:5", NOTHING, "c");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().contains("stages form a cycle: ");
    // Any starting point will do, but the direction must be the data's (never a -> c -> b -> a).
    assertThat(e).hasMessageThat()
        .containsMatch("cycle: (a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c)$");
    assertThat(e).hasMessageThat().doesNotContain("load");
    assertThat(e).hasMessageThat().doesNotContain("report");
  }

  @Test
  void aStageTakingItsOwnOutputIsACycle() {
    Graph.Builder builder = Graph.builder("Loop").stage("a", "Loop.java:2", NOTHING, "a");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().endsWith("stages form a cycle: a -> a");
  }
}
