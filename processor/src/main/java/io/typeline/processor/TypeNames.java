package io.typeline.processor;

import java.util.StringJoiner;
import java.util.function.Predicate;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/** Prints types as a reader writes them: {@code List<String>}, not {@code java.util.List<java.lang.String>}. */
final class TypeNames {
  private TypeNames() {}

  /** Both types, short unless the short forms would read the same for different types. */
  static String[] pair(TypeMirror a, TypeMirror b) {
    String shortA = simple(a);
    String shortB = simple(b);
    return shortA.equals(shortB) ? new String[] {a.toString(), b.toString()} : new String[] {shortA, shortB};
  }

  static String simple(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED: {
        DeclaredType declared = (DeclaredType) type;
        String name = nestedName((TypeElement) declared.asElement());
        if (declared.getTypeArguments().isEmpty()) {
          return name;
        }
        StringJoiner arguments = new StringJoiner(", ", name + "<", ">");
        for (TypeMirror argument : declared.getTypeArguments()) {
          arguments.add(simple(argument));
        }
        return arguments.toString();
      }
      case ARRAY:
        return simple(((ArrayType) type).getComponentType()) + "[]";
      case WILDCARD: {
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          return "? extends " + simple(wildcard.getExtendsBound());
        }
        return wildcard.getSuperBound() != null ? "? super " + simple(wildcard.getSuperBound()) : "?";
      }
      default:
        return type.toString();
    }
  }

  /**
   * Whether {@code type} is, or has inside it (type arguments, array components, wildcard bounds),
   * a type of {@code kind}: {@code ERROR} for a type the compiler could not resolve, {@code TYPEVAR}
   * for a type variable.
   */
  static boolean mentions(TypeMirror type, TypeKind kind) {
    return anyPart(type, part -> part.getKind() == kind);
  }

  /** Whether {@code test} holds for {@code type} or any type written inside it. */
  static boolean anyPart(TypeMirror type, Predicate<TypeMirror> test) {
    if (test.test(type)) {
      return true;
    }
    switch (type.getKind()) {
      case ARRAY:
        return anyPart(((ArrayType) type).getComponentType(), test);
      case DECLARED:
        return ((DeclaredType) type).getTypeArguments().stream().anyMatch(argument -> anyPart(argument, test));
      case WILDCARD: {
        WildcardType wildcard = (WildcardType) type;
        TypeMirror bound = wildcard.getExtendsBound() != null ? wildcard.getExtendsBound() : wildcard.getSuperBound();
        return bound != null && anyPart(bound, test);
      }
      default:
        return false;
    }
  }

  /** {@code Outer.Inner} for a nested type, {@code Name} for a top-level one. */
  private static String nestedName(TypeElement type) {
    String name = type.getSimpleName().toString();
    for (var enclosing = type.getEnclosingElement(); enclosing instanceof TypeElement outer;
        enclosing = outer.getEnclosingElement()) {
      name = outer.getSimpleName() + "." + name;
    }
    return name;
  }
}
