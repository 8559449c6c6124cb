package io.typeline;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a pipeline: the {@link Stage @Stage} methods of the annotated class, plus those of the
 * classes it {@linkplain #include() includes}, wired together by name at compile time.
 *
 * <p>For a class {@code Training}, the processor generates {@code Pipelines.training()} in the
 * same package: a staged builder that asks for every required {@link Param @Param} (forgetting one
 * is a compile error at the call site), accepts optional ones, and {@code run()}s the pipeline,
 * returning a {@code TrainingResult} with one typed accessor per {@linkplain #outputs() output}.
 *
 * <p>Wiring rules checked here, each a compile error on the element that breaks it: stage names
 * (method names) are unique within the pipeline; every stage input is produced by a stage or is a
 * {@code @Param}; producer types are assignable to the consuming parameter, generics included; the
 * stages form no cycle; a {@code void} stage feeds nobody.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Pipeline {

  /**
   * Other classes whose {@code @Stage} methods join this pipeline, from this compilation or from
   * jars compiled earlier. Their required params follow this class's in the builder, in the order
   * listed here.
   */
  Class<?>[] include() default {};

  /**
   * Names of the stages whose values the run returns. By default the outputs are the sinks: the
   * stages no other stage consumes. Only the stages needed for the outputs run.
   */
  String[] outputs() default {};

  /**
   * Codecs for the cache, for output types Typeline has none for: classes implementing
   * {@code io.typeline.runtime.Codec<T>} with a public no-arg constructor. Each serves the stages
   * of this pipeline (included ones too) whose output type is {@code T}, ahead of the built-in
   * codecs.
   */
  Class<?>[] codecs() default {};
}
