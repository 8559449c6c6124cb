package io.typeline.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stage-to-stage edges of a graph as index arrays, computed once per run. Everything here is
 * iterative: a 10,000-stage chain needs no deeper stack than a 3-stage one.
 */
final class Topology {
  /** Marks an input that is a param, not a stage, in {@link #inputs}. */
  static final int PARAM = -1;

  /** For each node and each of its inputs in parameter order: the producing node, or PARAM. */
  final int[][] inputs;
  /** For each node, the indexes of the nodes that take it as an input (one entry per use). */
  final int[][] consumers;
  private final String[] names;
  private final List<?>[] inputNames;
  private final Map<String, Integer> index;

  private Topology(int[][] inputs, int[][] consumers, String[] names, List<?>[] inputNames,
      Map<String, Integer> index) {
    this.inputs = inputs;
    this.consumers = consumers;
    this.names = names;
    this.inputNames = inputNames;
    this.index = index;
  }

  static Topology of(Graph graph) {
    List<Node> nodes = graph.nodes();
    Map<String, Integer> index = new HashMap<>(nodes.size() * 2);
    for (int i = 0; i < nodes.size(); i++) {
      index.put(nodes.get(i).name(), i);
    }
    String[] names = new String[nodes.size()];
    List<?>[] inputNamesOf = new List<?>[nodes.size()];
    int[][] inputs = new int[nodes.size()][];
    int[] consumerCount = new int[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      names[i] = nodes.get(i).name();
      inputNamesOf[i] = nodes.get(i).inputs();
      List<String> inputNames = nodes.get(i).inputs();
      inputs[i] = new int[inputNames.size()];
      for (int k = 0; k < inputs[i].length; k++) {
        Integer producer = index.get(inputNames.get(k));
        inputs[i][k] = producer == null ? PARAM : producer;
        if (producer != null) {
          consumerCount[producer]++;
        }
      }
    }
    int[][] consumers = new int[nodes.size()][];
    for (int i = 0; i < nodes.size(); i++) {
      consumers[i] = new int[consumerCount[i]];
      consumerCount[i] = 0;
    }
    for (int i = 0; i < nodes.size(); i++) {
      for (int producer : inputs[i]) {
        if (producer != PARAM) {
          consumers[producer][consumerCount[producer]++] = i;
        }
      }
    }
    return new Topology(inputs, consumers, names, inputNamesOf, index);
  }

  /**
   * Whether this is the topology of {@code nodes}: same stage names and input names, in order.
   * Names decide every index, so then the arrays are right too (and the graph was found acyclic).
   */
  boolean describes(List<Node> nodes) {
    if (nodes.size() != names.length) {
      return false;
    }
    for (int i = 0; i < names.length; i++) {
      Node node = nodes.get(i);
      if (!node.name().equals(names[i]) || !node.inputs().equals(inputNames[i])) {
        return false;
      }
    }
    return true;
  }

  /** The index of the stage named {@code stage}, which must exist. */
  int indexOf(String stage) {
    return index.get(stage);
  }

  int size() {
    return inputs.length;
  }

  /** How many of node {@code i}'s inputs are stages (counting repeats): what it waits for. */
  int stageInputCount(int i) {
    int count = 0;
    for (int input : inputs[i]) {
      if (input != PARAM) {
        count++;
      }
    }
    return count;
  }

  /** One cycle as stage names, first name repeated at the end; empty when the graph is acyclic. */
  List<String> cycle() {
    int n = size();
    int[] pending = new int[n];
    ArrayDeque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      pending[i] = stageInputCount(i);
      if (pending[i] == 0) {
        ready.add(i);
      }
    }
    int emitted = 0;
    while (!ready.isEmpty()) {
      int node = ready.poll();
      emitted++;
      for (int consumer : consumers[node]) {
        if (--pending[consumer] == 0) {
          ready.add(consumer);
        }
      }
    }
    if (emitted == n) {
      return List.of();
    }
    // Every node left with pending inputs has an input that is also left: walk those until a
    // node repeats, and that stretch of the walk is a cycle.
    int start = 0;
    while (pending[start] == 0) {
      start++;
    }
    int[] seenAt = new int[n];
    Arrays.fill(seenAt, -1);
    List<Integer> walk = new ArrayList<>();
    int node = start;
    while (seenAt[node] < 0) {
      seenAt[node] = walk.size();
      walk.add(node);
      int next = -1;
      for (int input : inputs[node]) {
        if (input != PARAM && pending[input] > 0) {
          next = input;
          break;
        }
      }
      node = next;
    }
    List<Integer> loop = new ArrayList<>(walk.subList(seenAt[node], walk.size()));
    // The walk follows inputs (consumer -> producer); print in data-flow order, from the stage
    // added first.
    Collections.reverse(loop);
    Collections.rotate(loop, -loop.indexOf(Collections.min(loop)));
    loop.add(loop.get(0));
    List<String> cycle = new ArrayList<>(loop.size());
    for (int i : loop) {
      cycle.add(names[i]);
    }
    return cycle;
  }
}
