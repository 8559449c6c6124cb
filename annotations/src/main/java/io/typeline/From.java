package io.typeline;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the stage whose value a parameter receives, when the parameter's own name must differ
 * (for instance two inputs from stages whose names clash with locals, or one stage consumed under
 * a clearer name): {@code Metrics evaluate(@From("train") Model model)}.
 *
 * <p>The named stage must exist in the pipeline and its type must be assignable to the parameter.
 * A parameter cannot be both {@code @From} and {@link Param @Param}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface From {

  /** The producing stage's name. */
  String value();
}
