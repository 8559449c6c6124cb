package io.typeline.processor;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @Pipeline} class as written: its stages (its own, then each included class's, in the
 * order listed) and the outputs it names.
 *
 * @param type the annotated class
 * @param annotation its {@code @Pipeline}, to point errors at a value
 * @param stages every stage, in builder order: this class's in source order, then the includes'
 * @param outputs the names in {@code outputs}, each with its annotation value; empty for "sinks"
 * @param codecs the classes in {@code codecs}, in order
 * @param stagesValid false when a class of the pipeline had errors of its own stages reported
 */
record PipelineModel(
    TypeElement type, AnnotationMirror annotation, List<StageModel> stages, List<Output> outputs,
    List<CodecClass> codecs, boolean stagesValid) {

  /** One name in {@code @Pipeline(outputs)}. */
  record Output(String name, AnnotationValue value) {}

  /** One class in {@code @Pipeline(codecs)}, with its annotation value for errors. */
  record CodecClass(TypeElement type, AnnotationValue value) {}

  String simpleName() {
    return type.getSimpleName().toString();
  }
}
