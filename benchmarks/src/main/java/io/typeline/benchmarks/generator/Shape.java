package io.typeline.benchmarks.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * A graph of trivial stages over {@code long}, named {@code s0, s1, ...}: each stage adds its
 * inputs and its own index. The same shape is written three ways by {@link ShapeWriter}.
 *
 * @param name the class-name stem, like {@code Chain100}
 * @param inputs for each stage, the indexes of the stages it takes (empty: it takes the start param)
 */
public record Shape(String name, List<int[]> inputs) {

  public int size() {
    return inputs.size();
  }

  /** The last stage: the output. */
  public int sink() {
    return inputs.size() - 1;
  }

  /** s0 -> s1 -> ... -> s(n-1). */
  public static Shape chain(int n) {
    List<int[]> inputs = new ArrayList<>();
    inputs.add(new int[0]);
    for (int i = 1; i < n; i++) {
      inputs.add(new int[] {i - 1});
    }
    return new Shape("Chain" + n, inputs);
  }

  /**
   * n independent stages feeding one sink (n + 1 stages). n stays under the JVM's limit of 255
   * parameters per method, which binds Dagger and Typeline alike.
   */
  public static Shape fanIn(int n) {
    List<int[]> inputs = new ArrayList<>();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      inputs.add(new int[0]);
      all[i] = i;
    }
    inputs.add(all);
    return new Shape("FanIn" + n, inputs);
  }

  /**
   * A diamond lattice: {@code depth} layers of {@code width} stages, each taking two neighbours of
   * the layer above, then one sink taking the last layer.
   */
  public static Shape lattice(int width, int depth) {
    List<int[]> inputs = new ArrayList<>();
    for (int j = 0; j < width; j++) {
      inputs.add(new int[0]);
    }
    for (int layer = 1; layer < depth; layer++) {
      int above = (layer - 1) * width;
      for (int j = 0; j < width; j++) {
        inputs.add(new int[] {above + j, above + (j + 1) % width});
      }
    }
    int last = (depth - 1) * width;
    int[] sinkInputs = new int[width];
    for (int j = 0; j < width; j++) {
      sinkInputs[j] = last + j;
    }
    inputs.add(sinkInputs);
    return new Shape("Lattice" + width + "x" + depth, inputs);
  }
}
