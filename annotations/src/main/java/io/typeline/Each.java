package io.typeline;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fans a stage out over the elements of its input: {@code @Stage Score score(@Each Fold folds,
 * Model train)} runs once per element of stage {@code folds}'s value (an {@code Iterable}, such as
 * a {@code List}, or an array), the elements in parallel. Stages taking {@code score} receive a
 * {@code List<Score>} of the results, in the order of the elements; a fan-out may itself take
 * another fan-out's list.
 *
 * <p>Checked at compile time, each an error on the parameter: the producer must give an iterable
 * or an array whose element type is assignable to the parameter; a stage has at most one
 * {@code @Each}; a {@code @Param} cannot be {@code @Each}; consumers of a fan-out take its list.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Each {}
