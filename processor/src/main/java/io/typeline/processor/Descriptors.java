package io.typeline.processor;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** JVM method descriptors, which name a stage method exactly in its class file. */
final class Descriptors {
  private Descriptors() {}

  /** {@code load(Ljava/nio/file/Path;)[D}: the name and the descriptor of the erased signature. */
  static String of(ExecutableElement method, Types types, Elements elements) {
    StringBuilder descriptor = new StringBuilder(method.getSimpleName()).append('(');
    for (VariableElement parameter : method.getParameters()) {
      append(descriptor, types.erasure(parameter.asType()), types, elements);
    }
    descriptor.append(')');
    append(descriptor, types.erasure(method.getReturnType()), types, elements);
    return descriptor.toString();
  }

  private static void append(StringBuilder out, TypeMirror type, Types types, Elements elements) {
    switch (type.getKind()) {
      case BOOLEAN -> out.append('Z');
      case BYTE -> out.append('B');
      case SHORT -> out.append('S');
      case CHAR -> out.append('C');
      case INT -> out.append('I');
      case LONG -> out.append('J');
      case FLOAT -> out.append('F');
      case DOUBLE -> out.append('D');
      case VOID -> out.append('V');
      case ARRAY -> {
        out.append('[');
        append(out, types.erasure(((ArrayType) type).getComponentType()), types, elements);
      }
      case DECLARED -> out.append('L')
          .append(elements.getBinaryName((TypeElement) ((DeclaredType) type).asElement()).toString().replace('.', '/'))
          .append(';');
      default -> throw new IllegalArgumentException("no descriptor for " + type);
    }
  }
}
