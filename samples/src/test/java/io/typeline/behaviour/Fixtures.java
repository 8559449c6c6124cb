package io.typeline.behaviour;

import io.typeline.Each;
import io.typeline.From;
import io.typeline.Param;
import io.typeline.Pipeline;
import io.typeline.Stage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Pipelines whose generated code the behaviour tests run. */
final class Fixtures {
  private Fixtures() {}

  /** Which stages ran, across the fixtures (tests clear it first). */
  static final Set<String> RAN = ConcurrentHashMap.newKeySet();

  /** A diamond with a branch the output does not need. */
  @Pipeline(outputs = "total")
  static final class Diamond {
    @Stage
    static int source(@Param int start) {
      RAN.add("source");
      return start;
    }

    @Stage
    static int left(int source) {
      RAN.add("left");
      return source * 10;
    }

    @Stage
    static long right(int source, @Param(defaultValue = "1") int offset) {
      RAN.add("right");
      return source + offset;
    }

    /** int and long inputs: the producer's int widens to the parameter's long. */
    @Stage
    static long total(@From("left") long l, long right) {
      RAN.add("total");
      return l + right;
    }

    @Stage
    static String unused(long total) {
      RAN.add("unused");
      return "never needed";
    }
  }

  /** Scales values; it has no no-arg constructor, so the builder must be given one. */
  static final class Scaler {
    private final int factor;

    Scaler(int factor) {
      this.factor = factor;
    }

    @Stage
    List<Integer> scaled(@Param List<Integer> values) {
      return values.stream().map(v -> v * factor).toList();
    }
  }

  /** Has a no-arg constructor, so the builder creates one unless given one. */
  static class Summer {
    int bonus() {
      return 0;
    }

    @Stage
    int sum(List<Integer> scaled) {
      return scaled.stream().mapToInt(Integer::intValue).sum() + bonus();
    }
  }

  @Pipeline(include = {Scaler.class, Summer.class})
  static final class Instances {
    @Stage
    static String describe(int sum, @Param String label) {
      return label + "=" + sum;
    }
  }

  enum Mode { FAST, ACCURATE }

  /** Every kind of default, each returned so a test can read it. */
  @Pipeline
  static final class Defaults {
    @Stage(cache = false) // a List<Object> may hold anything: no codec can store it
    static List<Object> values(
        @Param(defaultValue = "true") boolean flag,
        @Param(defaultValue = "x") char letter,
        @Param(defaultValue = "-7") byte tiny,
        @Param(defaultValue = "300") short small,
        @Param(defaultValue = "42") int number,
        @Param(defaultValue = "9000000000") long big,
        @Param(defaultValue = "0.5") float half,
        @Param(defaultValue = "1e-3") double rate,
        @Param(defaultValue = "12") Integer boxed,
        @Param(defaultValue = "it's \"quoted\"") String text,
        @Param(defaultValue = "ACCURATE") Mode mode,
        @Param(defaultValue = "data/in.csv") Path path,
        @Param(defaultValue = "PT1M30S") Duration timeout,
        @Param(defaultValue = "2024-02-29") LocalDate day,
        @Param(defaultValue = "0.1") BigDecimal price,
        @Param(defaultValue = "123456789012345678901234567890") BigInteger huge) {
      return List.of(flag, letter, tiny, small, number, big, half, rate, boxed, text, mode, path,
          timeout, day, price, huge);
    }
  }

  /** A void sink, and a stage that fails on demand. */
  @Pipeline
  static final class Failing {
    @Stage
    static int check(@Param int value) {
      if (value < 0) {
        throw new IllegalArgumentException("value must not be negative, was " + value);
      }
      return value;
    }

    @Stage
    static void publish(int check) {
      RAN.add("publish");
    }
  }

  /** A stage returning a file: the cache stores the file's content and gives back a copy. */
  @Pipeline(outputs = {"write", "read"})
  static final class Files {
    @Stage
    static Path write(@Param String text) throws java.io.IOException {
      RAN.add("write");
      Path file = java.nio.file.Files.createTempFile("typeline-fixture-", ".txt");
      file.toFile().deleteOnExit();
      return java.nio.file.Files.writeString(file, text);
    }

    @Stage
    static String read(Path write) throws java.io.IOException {
      RAN.add("read");
      return java.nio.file.Files.readString(write);
    }
  }

  /** Fails its first attempt: {@code retries} makes the run succeed anyway. */
  @Pipeline
  static final class Flaky {
    static final java.util.concurrent.atomic.AtomicInteger ATTEMPTS = new java.util.concurrent.atomic.AtomicInteger();

    @Stage(retries = 2, timeout = "PT10S", cache = false)
    static String fetch(@Param String url) throws java.io.IOException {
      if (ATTEMPTS.incrementAndGet() == 1) {
        throw new java.io.IOException("connection reset by " + url);
      }
      return "payload of " + url;
    }
  }

  /** A sweep: one training per rate, then the best. */
  @Pipeline
  static final class Sweep {
    @Stage
    static List<Double> rates(@Param int count) {
      return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> i / 10.0).toList();
    }

    @Stage(concurrency = 2)
    static double train(@Each double rates, @Param(defaultValue = "0.3") double target) {
      RAN.add("train " + rates);
      return -Math.abs(rates - target); // best at the target
    }

    @Stage
    static String best(List<Double> rates, List<Double> train) {
      int best = 0;
      for (int i = 1; i < train.size(); i++) {
        best = train.get(i) > train.get(best) ? i : best;
      }
      return "best rate " + rates.get(best) + " of " + train.size();
    }
  }

  /** An asynchronous stage: consumers see what its future completes with. */
  @Pipeline
  static final class Remote {
    @Stage
    static java.util.concurrent.CompletableFuture<String> fetch(@Param String url) {
      return java.util.concurrent.CompletableFuture.supplyAsync(() -> "body of " + url);
    }

    @Stage
    static int size(String fetch) {
      return fetch.length();
    }
  }
}
