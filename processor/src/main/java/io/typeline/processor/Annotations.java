package io.typeline.processor;

import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Reads annotations as mirrors, which work for source and class files and for Class values. */
final class Annotations {
  static final String PIPELINE = "io.typeline.Pipeline";
  static final String STAGE = "io.typeline.Stage";
  static final String PARAM = "io.typeline.Param";
  static final String FROM = "io.typeline.From";
  static final String EACH = "io.typeline.Each";

  private Annotations() {}

  /** The annotation of that type on {@code element}, or {@code null}. */
  static AnnotationMirror find(Element element, String annotationType) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotationType)) {
        return mirror;
      }
    }
    return null;
  }

  /** The explicitly written value of member {@code name}, or {@code null} when left default. */
  static AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
