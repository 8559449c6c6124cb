package io.typeline;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a pipeline stage. The stage's name is the method's name; its value is what the
 * method returns.
 *
 * <p>Each parameter is an input, wired by name: a parameter named {@code split} receives the value
 * of the stage named {@code split} (or of the stage named by {@link From @From}); a parameter that
 * no stage produces must be a {@link Param @Param}. The producer's type must be assignable to the
 * parameter's type, generics included.
 *
 * <p>A stage method must not be private, abstract or generic, nor sit in a non-static inner class;
 * a {@code void} stage is a sink that no other stage may consume. A static stage is called directly;
 * for an instance stage the generated builder takes an instance of its class (or creates one with
 * an accessible no-arg constructor).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Stage {
  /**
   * Part of the stage's cache key, beside its code: change it when the stage must re-run although
   * its code did not change, such as after upgrading a library it calls.
   */
  String version() default "";

  /**
   * Whether the stage's value is stored in the cache, so that a later run with the same lineage
   * (code, params, inputs) reads it instead of running the stage. Turn it off for a stage whose
   * value cannot or should not be stored (a live connection, a huge intermediate): it then runs
   * every time its value is needed, and its consumers can still come from the cache.
   */
  boolean cache() default true;

  /**
   * How many times to run the stage again when it throws an exception, waiting between attempts
   * with exponential backoff and jitter (base and cap in the run options). Errors such as
   * {@code OutOfMemoryError} are never retried. 0, the default, runs it once.
   */
  int retries() default 0;

  /**
   * The longest one attempt of the stage may run, as an ISO-8601 duration such as {@code "PT30S"}
   * or {@code "PT2H"}, checked at compile time. A stage past it is interrupted and fails with a
   * message naming it and its limit. Empty, the default, means no limit.
   */
  String timeout() default "";

  /**
   * For a fan-out ({@link Each @Each}): how many of its elements may run at once, at most. 0, the
   * default, leaves it to the run's parallelism.
   */
  int concurrency() default 0;
}
