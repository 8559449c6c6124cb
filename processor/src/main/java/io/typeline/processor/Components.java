package io.typeline.processor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Strongly connected components of a directed graph given as adjacency lists (Tarjan's algorithm
 * with an explicit stack, so depth costs heap, not thread stack).
 */
final class Components {
  private final List<List<Integer>> edges;

  Components(List<List<Integer>> edges) {
    this.edges = edges;
  }

  /** The components that contain a cycle: two or more nodes, or one node with an edge to itself. */
  List<List<Integer>> cyclic() {
    int n = edges.size();
    int[] order = new int[n];
    int[] low = new int[n];
    boolean[] onStack = new boolean[n];
    Arrays.fill(order, -1);
    int[] stack = new int[n];
    int stackSize = 0;
    int[] callNode = new int[n];
    int[] callEdge = new int[n];
    int counter = 0;
    List<List<Integer>> cyclic = new ArrayList<>();
    for (int root = 0; root < n; root++) {
      if (order[root] >= 0) {
        continue;
      }
      int depth = 0;
      callNode[0] = root;
      callEdge[0] = 0;
      order[root] = low[root] = counter++;
      stack[stackSize++] = root;
      onStack[root] = true;
      while (depth >= 0) {
        int node = callNode[depth];
        List<Integer> next = edges.get(node);
        if (callEdge[depth] < next.size()) {
          int target = next.get(callEdge[depth]++);
          if (order[target] < 0) {
            order[target] = low[target] = counter++;
            stack[stackSize++] = target;
            onStack[target] = true;
            depth++;
            callNode[depth] = target;
            callEdge[depth] = 0;
          } else if (onStack[target]) {
            low[node] = Math.min(low[node], order[target]);
          }
          continue;
        }
        if (low[node] == order[node]) {
          List<Integer> component = new ArrayList<>();
          int member;
          do {
            member = stack[--stackSize];
            onStack[member] = false;
            component.add(member);
          } while (member != node);
          if (component.size() > 1 || next.contains(node)) {
            cyclic.add(component);
          }
        }
        depth--;
        if (depth >= 0) {
          int parent = callNode[depth];
          low[parent] = Math.min(low[parent], low[node]);
        }
      }
    }
    return cyclic;
  }
}
