package io.typeline;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a stage parameter as a pipeline input, set on the generated builder under the parameter's
 * name. Parameters with one name in several stages are one input and must have one type; a param
 * must not be named like a stage.
 *
 * <p>Without a {@link #defaultValue()} the param is required: the builder asks for it before
 * {@code run()} is reachable, in the order params first appear in the source. With one, it is
 * optional and the default is used when it is not set.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Param {

  /** Marker for "no default": the param is required. Not a value a user writes. */
  String REQUIRED = "\u0000typeline:required\u0000";

  /**
   * The default, written as a string and checked at compile time against the parameter's type:
   * primitives and their boxes ({@code "0.2"}, {@code "true"}, {@code "x"} for {@code char}),
   * {@code String}, enum constant names, {@code java.nio.file.Path}, {@code java.time.Duration}
   * (ISO-8601, {@code "PT30S"}), {@code java.time.LocalDate}, {@code java.math.BigDecimal} and
   * {@code java.math.BigInteger}.
   */
  String defaultValue() default REQUIRED;
}
