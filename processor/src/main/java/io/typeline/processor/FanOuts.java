package io.typeline.processor;

import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Types behind the value a stage gives: what {@code @Each} iterates (the element type of an
 * {@code Iterable} or an array), and what an asynchronous stage completes with.
 */
final class FanOuts {
  private FanOuts() {}

  /**
   * The element type of {@code type}: an array's component, or the {@code T} of the
   * {@code Iterable<T>} it implements ({@code Object} for a raw one); {@code null} for anything else.
   */
  static TypeMirror elementType(TypeMirror type, Types types, Elements elements) {
    if (type.getKind() == TypeKind.ARRAY) {
      return ((ArrayType) type).getComponentType();
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement iterable = elements.getTypeElement("java.lang.Iterable");
    if (!types.isAssignable(types.erasure(type), types.erasure(iterable.asType()))) {
      return null;
    }
    TypeMirror found = iterableArgument(type, iterable, types);
    return found != null ? found : elements.getTypeElement("java.lang.Object").asType();
  }

  /**
   * The {@code T} of a {@code CompletionStage<T>} (a {@code CompletableFuture<T>}) that {@code type}
   * is, {@code Object} for a raw one; {@code null} when {@code type} is no {@code CompletionStage}.
   */
  static TypeMirror completedType(TypeMirror type, Types types, Elements elements) {
    TypeElement stage = elements.getTypeElement("java.util.concurrent.CompletionStage");
    if (type.getKind() != TypeKind.DECLARED
        || !types.isAssignable(types.erasure(type), types.erasure(stage.asType()))) {
      return null;
    }
    TypeMirror found = iterableArgument(type, stage, types);
    return found != null ? found : elements.getTypeElement("java.lang.Object").asType();
  }

  /** The type argument of {@code generic} (Iterable, CompletionStage) as {@code type} implements it. */
  private static TypeMirror iterableArgument(TypeMirror type, TypeElement iterable, Types types) {
    if (type instanceof DeclaredType declared && declared.asElement().equals(iterable)) {
      return declared.getTypeArguments().isEmpty() ? null : declared.getTypeArguments().get(0);
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      TypeMirror found = iterableArgument(supertype, iterable, types);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
