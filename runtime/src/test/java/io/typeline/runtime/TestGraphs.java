package io.typeline.runtime;

/** Graphs shared by several tests. */
final class TestGraphs {
  private TestGraphs() {}

  /**
   * A chain {@code s0 -> s1 -> ... -> s(length-1)} where {@code s0} returns param {@code start}
   * and {@code si} returns its input plus {@code i}; the output is the last stage, whose value is
   * {@code start + 0 + 1 + ... + (length-1)}.
   */
  static Graph chain(int length, long start) {
    Graph.Builder builder = Graph.builder("Chain").param("start", start);
    builder.stage("s0", "Chain.java:0", args -> args[0], "start");
    for (int i = 1; i < length; i++) {
      long increment = i;
      builder.stage("s" + i, "Chain.java:" + i, args -> (Long) args[0] + increment, "s" + (i - 1));
    }
    return builder.outputs("s" + (length - 1)).build();
  }

  /** The value {@link #chain} computes. */
  static long chainSum(int length, long start) {
    return start + (long) length * (length - 1) / 2;
  }
}
