package io.typeline.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Prints errors on the element that is wrong, so the compiler (and the IDE) points at it. Counts
 * them so a step can tell whether what it checked is clean.
 */
final class Reporter {
  private final Messager messager;
  private int errors;

  Reporter(Messager messager) {
    this.messager = messager;
  }

  void error(Element element, Message message, Object... args) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
  }

  /** An error on one value of an annotation, such as one name in {@code outputs}. */
  void error(Element element, AnnotationMirror annotation, AnnotationValue value, Message message,
      Object... args) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation, value);
  }

  /** How many errors were reported so far; compare two readings to see if a step was clean. */
  int errorCount() {
    return errors;
  }
}
