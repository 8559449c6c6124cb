package io.typeline.processor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;

/** Step 2: reads a {@code @Pipeline} class and the classes it includes into a {@link PipelineModel}. */
final class PipelineReader {
  private final StageReader stages;
  private final Reporter reporter;

  PipelineReader(StageReader stages, Reporter reporter) {
    this.stages = stages;
    this.reporter = reporter;
  }

  PipelineModel read(TypeElement type) {
    AnnotationMirror annotation = Annotations.find(type, Annotations.PIPELINE);
    List<StageModel> all = new ArrayList<>(stages.stagesOf(type));
    Set<TypeElement> seen = new LinkedHashSet<>();
    seen.add(type);
    boolean valid = !stages.hasErrors(type);
    for (AnnotationValue value : values(Annotations.explicitValue(annotation, "include"))) {
      // An include javac cannot resolve is already an error of its own; skip it quietly.
      if (!(value.getValue() instanceof DeclaredType declared) || declared.getKind() == TypeKind.ERROR
          || !(declared.asElement() instanceof TypeElement included) || !seen.add(included)) {
        continue;
      }
      List<StageModel> includedStages = stages.stagesOf(included);
      if (includedStages.isEmpty()) {
        reporter.error(type, annotation, value, Message.INCLUDE_WITHOUT_STAGES, included.getQualifiedName(),
            type.getSimpleName());
        valid = false;
      }
      all.addAll(includedStages);
      valid &= !stages.hasErrors(included);
    }
    if (seen.size() == 1 && all.isEmpty()) {
      reporter.error(type, Message.NO_STAGES, type.getSimpleName());
      valid = false;
    }
    List<PipelineModel.Output> outputs = new ArrayList<>();
    for (AnnotationValue value : values(Annotations.explicitValue(annotation, "outputs"))) {
      outputs.add(new PipelineModel.Output((String) value.getValue(), value));
    }
    List<PipelineModel.CodecClass> codecs = new ArrayList<>();
    for (AnnotationValue value : values(Annotations.explicitValue(annotation, "codecs"))) {
      if (value.getValue() instanceof DeclaredType declared && declared.getKind() != TypeKind.ERROR
          && declared.asElement() instanceof TypeElement codec) {
        codecs.add(new PipelineModel.CodecClass(codec, value));
      }
    }
    return new PipelineModel(type, annotation, List.copyOf(all), List.copyOf(outputs), List.copyOf(codecs), valid);
  }

  /** The elements of an array-valued member (a single value counts as one). */
  private static List<AnnotationValue> values(AnnotationValue value) {
    if (value == null) {
      return List.of();
    }
    if (value.getValue() instanceof List<?> list) {
      List<AnnotationValue> values = new ArrayList<>();
      for (Object element : list) {
        values.add((AnnotationValue) element);
      }
      return values;
    }
    return List.of(value);
  }

}
