package io.typeline.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stage-to-stage edges of a graph as index arrays, computed once per graph and shared by the
 * graphs {@link Graph#with} makes of it. Everything here is
 * iterative: a 10,000-stage chain needs no deeper stack than a 3-stage one.
 */
final class Topology {
  /**
   * For each node and each of its inputs in parameter order: the producing node, or for a param
   * {@code -1 - p} where {@code p} is the param's number ({@link #isParam}, {@link #param}).
   */
  final int[][] inputs;
  /** For each node, the indexes of the nodes that take it as an input (one entry per use). */
  final int[][] consumers;
  /**
   * For each node, how long its last run took in nanoseconds (capped at Integer.MAX_VALUE), or -1
   * before it first ran. The scheduler runs stages it has seen take microseconds on the thread
   * that made them runnable instead of handing them to another thread. Written and read without
   * synchronisation by concurrent runs of one pipeline: it is a hint, and an int is never torn.
   */
  final int[] lastNanos;
  /** How many runs used this topology: for sampling durations, racy like {@link #lastNanos}. */
  int runs;
  private final String[] names;
  private final Map<String, Integer> index;

  private Topology(int[][] inputs, int[][] consumers, String[] names, Map<String, Integer> index) {
    this.inputs = inputs;
    this.consumers = consumers;
    this.lastNanos = new int[inputs.length];
    Arrays.fill(lastNanos, -1);
    this.names = names;
    this.index = index;
  }

  static boolean isParam(int input) {
    return input < 0;
  }

  /** The param number of an input for which {@link #isParam} holds. */
  static int param(int input) {
    return -1 - input;
  }

  static Topology of(List<Node> nodes, List<String> params) {
    Map<String, Integer> index = new HashMap<>(nodes.size() * 2);
    for (int i = 0; i < nodes.size(); i++) {
      index.put(nodes.get(i).name(), i);
    }
    Map<String, Integer> paramIndex = new HashMap<>(params.size() * 2);
    for (int p = 0; p < params.size(); p++) {
      paramIndex.put(params.get(p), p);
    }
    String[] names = new String[nodes.size()];
    int[][] inputs = new int[nodes.size()][];
    int[] consumerCount = new int[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      names[i] = nodes.get(i).name();
      List<String> inputNames = nodes.get(i).inputs();
      inputs[i] = new int[inputNames.size()];
      for (int k = 0; k < inputs[i].length; k++) {
        Integer producer = index.get(inputNames.get(k));
        inputs[i][k] = producer == null ? -1 - paramIndex.get(inputNames.get(k)) : producer;
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
        if (!isParam(producer)) {
          consumers[producer][consumerCount[producer]++] = i;
        }
      }
    }
    return new Topology(inputs, consumers, names, index);
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
      if (!isParam(input)) {
        count++;
      }
    }
    return count;
  }

  /**
   * The nodes in an order where every node comes after its inputs (Kahn's algorithm); shorter than
   * the graph when there is a cycle. Filled on first use; a graph's order is computed once.
   */
  private int[] order;

  int[] order() {
    if (order == null) {
      order = kahn(new int[size()]);
    }
    return order;
  }

  /** Kahn's order; leaves in {@code pending} the inputs still missing of nodes on or after a cycle. */
  private int[] kahn(int[] pending) {
    int n = size();
    int[] sorted = new int[n];
    int head = 0;
    int tail = 0;
    for (int i = 0; i < n; i++) {
      pending[i] = stageInputCount(i);
      if (pending[i] == 0) {
        sorted[tail++] = i;
      }
    }
    while (head < tail) {
      int node = sorted[head++];
      for (int consumer : consumers[node]) {
        if (--pending[consumer] == 0) {
          sorted[tail++] = consumer;
        }
      }
    }
    return tail == n ? sorted : Arrays.copyOf(sorted, tail);
  }

  /** One cycle as stage names, first name repeated at the end; empty when the graph is acyclic. */
  List<String> cycle() {
    int n = size();
    int[] pending = new int[n];
    if (kahn(pending).length == n) {
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
        if (!isParam(input) && pending[input] > 0) {
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
