package io.typeline.benchmarks.runtime;

import io.typeline.benchmarks.shapes.Chain10;
import io.typeline.benchmarks.shapes.Chain100;
import io.typeline.benchmarks.shapes.Chain1000;
import io.typeline.benchmarks.shapes.DaggerChain1000Dagger_Graph;
import io.typeline.benchmarks.shapes.DaggerChain100Dagger_Graph;
import io.typeline.benchmarks.shapes.DaggerChain10Dagger_Graph;
import io.typeline.benchmarks.shapes.DaggerFanIn100Dagger_Graph;
import io.typeline.benchmarks.shapes.DaggerFanIn10Dagger_Graph;
import io.typeline.benchmarks.shapes.DaggerLattice10x100Dagger_Graph;
import io.typeline.benchmarks.shapes.DaggerLattice10x10Dagger_Graph;
import io.typeline.benchmarks.shapes.FanIn10;
import io.typeline.benchmarks.shapes.FanIn100;
import io.typeline.benchmarks.shapes.Lattice10x10;
import io.typeline.benchmarks.shapes.Lattice10x100;
import io.typeline.benchmarks.shapes.Pipelines;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One run of a graph of trivial stages, in three forms: hand-written direct calls, Typeline
 * (generated glue + default executor) and Dagger Producers (generated component + direct
 * executor). The stage bodies are the same; the difference is the glue. Divide by the shape's
 * stage count for a per-stage cost (docs/BENCHMARKS.md does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuntimeOverhead {

  @Param({"Chain10", "Chain100", "Chain1000", "FanIn10", "FanIn100", "Lattice10x10", "Lattice10x100"})
  public String shape;

  private Form form;

  /** A shape's three forms. */
  private interface Form {
    long direct(long start);

    long typeline(long start);

    long dagger(long start) throws InterruptedException, ExecutionException;
  }

  @Setup
  public void select() {
    form = switch (shape) {
      case "Chain10" -> new Form() {
        public long direct(long start) { return Chain10.direct(start); }
        public long typeline(long start) { return Pipelines.chain10().start(start).run().s9(); }
        public long dagger(long start) throws InterruptedException, ExecutionException {
          return DaggerChain10Dagger_Graph.builder().start(start).build().sink().get();
        }
      };
      case "Chain100" -> new Form() {
        public long direct(long start) { return Chain100.direct(start); }
        public long typeline(long start) { return Pipelines.chain100().start(start).run().s99(); }
        public long dagger(long start) throws InterruptedException, ExecutionException {
          return DaggerChain100Dagger_Graph.builder().start(start).build().sink().get();
        }
      };
      case "Chain1000" -> new Form() {
        public long direct(long start) { return Chain1000.direct(start); }
        public long typeline(long start) { return Pipelines.chain1000().start(start).run().s999(); }
        public long dagger(long start) throws InterruptedException, ExecutionException {
          return DaggerChain1000Dagger_Graph.builder().start(start).build().sink().get();
        }
      };
      case "FanIn10" -> new Form() {
        public long direct(long start) { return FanIn10.direct(start); }
        public long typeline(long start) { return Pipelines.fanIn10().start(start).run().s10(); }
        public long dagger(long start) throws InterruptedException, ExecutionException {
          return DaggerFanIn10Dagger_Graph.builder().start(start).build().sink().get();
        }
      };
      case "FanIn100" -> new Form() {
        public long direct(long start) { return FanIn100.direct(start); }
        public long typeline(long start) { return Pipelines.fanIn100().start(start).run().s100(); }
        public long dagger(long start) throws InterruptedException, ExecutionException {
          return DaggerFanIn100Dagger_Graph.builder().start(start).build().sink().get();
        }
      };
      case "Lattice10x10" -> new Form() {
        public long direct(long start) { return Lattice10x10.direct(start); }
        public long typeline(long start) { return Pipelines.lattice10x10().start(start).run().s100(); }
        public long dagger(long start) throws InterruptedException, ExecutionException {
          return DaggerLattice10x10Dagger_Graph.builder().start(start).build().sink().get();
        }
      };
      case "Lattice10x100" -> new Form() {
        public long direct(long start) { return Lattice10x100.direct(start); }
        public long typeline(long start) { return Pipelines.lattice10x100().start(start).run().s1000(); }
        public long dagger(long start) throws InterruptedException, ExecutionException {
          return DaggerLattice10x100Dagger_Graph.builder().start(start).build().sink().get();
        }
      };
      default -> throw new IllegalArgumentException("unknown shape " + shape);
    };
    long expected = form.direct(1);
    try {
      if (form.typeline(1) != expected || form.dagger(1) != expected) {
        throw new IllegalStateException(shape + ": the three forms disagree");
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Benchmark
  public long direct() {
    return form.direct(1);
  }

  @Benchmark
  public long typeline() {
    return form.typeline(1);
  }

  @Benchmark
  public long dagger() throws InterruptedException, ExecutionException {
    return form.dagger(1);
  }
}
