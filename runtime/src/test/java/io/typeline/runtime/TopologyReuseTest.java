package io.typeline.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generated code builds its graph once, as a template, and gives each run its param values. */
class TopologyReuseTest {
  private static Graph template() {
    return Graph.builder("Template")
        .param("start")
        .param("step")
        .stage("a", "Template.java:1", args -> (int) args[0] + (int) args[1], "start", "step")
        .stage("b", "Template.java:2", args -> (int) args[0] * 10, "a")
        .outputs("b")
        .build();
  }

  @Test
  void runsOfATemplateShareItsTopologyAndSeeTheirOwnValues() {
    Graph template = template();
    Graph first = template.with(1, 2);
    Graph second = template.with(5, 5);

    assertThat(first.topology()).isSameInstanceAs(template.topology());
    assertThat(second.topology()).isSameInstanceAs(template.topology());
    assertThat(Runner.run(first, RunOptions.defaults()).value("b")).isEqualTo(30);
    assertThat(Runner.run(second, RunOptions.defaults()).value("b")).isEqualTo(100);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("start", 5);
    expected.put("step", 5);
    assertThat(second.params()).containsExactlyEntriesIn(expected).inOrder();
  }

  @Test
  void valuesAreCopiedSoChangingTheArrayLaterChangesNoRun() {
    Object[] values = {1, 2};
    Graph graph = template().with(values);
    values[0] = 100;
    assertThat(Runner.run(graph, RunOptions.defaults()).value("b")).isEqualTo(30);
  }

  @Test
  void aWrongNumberOfValuesNamesTheParamsAndTheFix() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> template().with(1));
    assertThat(e).hasMessageThat().contains("Pipeline 'Template' has 2 params [start, step]");
    assertThat(e).hasMessageThat().contains("was given 1 values; give one per param");
  }

  @Test
  void runningATemplateWithoutValuesNamesTheUnsetParams() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Runner.run(template(), RunOptions.defaults()));
    assertThat(e).hasMessageThat().contains("params [start, step] have no value");
    assertThat(e).hasMessageThat().contains("graph.with(values...)");
  }
}
