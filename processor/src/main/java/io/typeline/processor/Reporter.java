package io.typeline.processor;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
  private final Set<List<Object>> printed = new HashSet<>();
  private int errors;

  Reporter(Messager messager) {
    this.messager = messager;
  }

  void error(Element element, Message message, Object... args) {
    String text = message.format(args);
    if (firstTime(text, element, null, null)) {
      messager.printMessage(Diagnostic.Kind.ERROR, text, element);
    }
  }

  /** An error on one value of an annotation, such as one name in {@code outputs}. */
  void error(Element element, AnnotationMirror annotation, AnnotationValue value, Message message,
      Object... args) {
    String text = message.format(args);
    if (firstTime(text, element, annotation, value)) {
      messager.printMessage(Diagnostic.Kind.ERROR, text, element, annotation, value);
    }
  }

  /**
   * Counts the error, and says whether it is new: a class included by two pipelines would
   * otherwise show each of its wiring errors twice, word for word.
   */
  private boolean firstTime(String text, Element element, AnnotationMirror annotation, AnnotationValue value) {
    errors++;
    return printed.add(Arrays.asList(text, element, annotation, value));
  }

  /** How many errors were reported so far; compare two readings to see if a step was clean. */
  int errorCount() {
    return errors;
  }
}
