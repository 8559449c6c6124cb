package io.typeline.processor;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** Whether generated code in a package can name a type or call a method. */
final class Access {
  private final Elements elements;

  Access(Elements elements) {
    this.elements = elements;
  }

  boolean canCall(ExecutableElement method, PackageElement from) {
    return visible(method, from) && canName((TypeElement) method.getEnclosingElement(), from);
  }

  /** Whether code in {@code from} can write {@code type}, type arguments included. */
  boolean canName(TypeMirror type, PackageElement from) {
    return !TypeNames.anyPart(type, part -> part.getKind() == TypeKind.DECLARED
        && !canName((TypeElement) ((DeclaredType) part).asElement(), from));
  }

  boolean canName(TypeElement type, PackageElement from) {
    for (Element element = type; element instanceof TypeElement; element = element.getEnclosingElement()) {
      if (!visible(element, from)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether code in {@code from} can write {@code new Type()}: a concrete class with a visible
   * no-arg constructor that throws no checked exception.
   */
  boolean canCreate(TypeElement type, PackageElement from) {
    if (type.getKind() != ElementKind.CLASS || type.getModifiers().contains(Modifier.ABSTRACT)
        || !canName(type, from)) {
      return false;
    }
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (constructor.getParameters().isEmpty() && constructor.getThrownTypes().isEmpty()
          && visible(constructor, from)) {
        return true;
      }
    }
    return false;
  }

  private boolean visible(Element element, PackageElement from) {
    if (element.getModifiers().contains(Modifier.PUBLIC)) {
      return true;
    }
    if (element.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    return elements.getPackageOf(element).equals(from);
  }
}
