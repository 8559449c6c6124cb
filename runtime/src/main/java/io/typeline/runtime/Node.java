package io.typeline.runtime;

import java.util.List;
import java.util.Objects;

/**
 * One stage of a {@link Graph}.
 *
 * @param name the stage's name (its method name), unique in the graph
 * @param location where the stage is declared, such as {@code Training.java:14}, for messages
 * @param inputs the names of the stages or params whose values the stage takes, in parameter order
 * @param invoker calls the stage method with those values
 */
public record Node(String name, String location, List<String> inputs, Invoker invoker) {

  public Node {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(invoker, "invoker");
  }
}
