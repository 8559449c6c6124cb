package io.typeline.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Checks a {@code @Param(defaultValue)} against its parameter's type at compile time and turns it
 * into the Java expression the generated builder initialises the param with. Parsing here, with
 * the same methods the JDK would use at run time, is what makes a bad default a compile error.
 */
final class DefaultValues {

  /** Why a default is refused; {@code unsupported} when no default can express the type. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean unsupported;

    Invalid(String reason, boolean unsupported) {
      super(reason, null, false, false);
      this.unsupported = unsupported;
    }
  }

  private final Types types;

  DefaultValues(Types types) {
    this.types = types;
  }

  /** The expression for {@code text} as a value of {@code type}. */
  CodeBlock literal(TypeMirror type, String text) throws Invalid {
    if (type.getKind().isPrimitive()) {
      return primitive(type.getKind(), text);
    }
    if (type.getKind() != TypeKind.DECLARED) {
      throw new Invalid("", true);
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    String name = element.getQualifiedName().toString();
    try {
      switch (name) {
        case "java.lang.String":
          return CodeBlock.of("$L", stringLiteral(text));
        case "java.nio.file.Path":
          if (text.indexOf('\0') >= 0) {
            throw new Invalid("a path cannot contain a NUL character", false);
          }
          return CodeBlock.of("$T.of($L)", ClassName.get("java.nio.file", "Path"), stringLiteral(text));
        case "java.time.Duration":
          Duration.parse(text);
          return CodeBlock.of("$T.parse($S)", ClassName.get(Duration.class), text);
        case "java.time.LocalDate":
          LocalDate.parse(text);
          return CodeBlock.of("$T.parse($S)", ClassName.get(LocalDate.class), text);
        case "java.math.BigDecimal":
          new BigDecimal(text);
          return CodeBlock.of("new $T($S)", ClassName.get(BigDecimal.class), text);
        case "java.math.BigInteger":
          new BigInteger(text);
          return CodeBlock.of("new $T($S)", ClassName.get(BigInteger.class), text);
        default:
          break;
      }
    } catch (RuntimeException e) {
      throw new Invalid(describe(e), false);
    }
    if (element.getKind() == ElementKind.ENUM) {
      for (Element member : element.getEnclosedElements()) {
        if (member.getKind() == ElementKind.ENUM_CONSTANT && member.getSimpleName().contentEquals(text)) {
          return CodeBlock.of("$T.$N", ClassName.get(element), text);
        }
      }
      throw new Invalid("expected one of " + constants(element), false);
    }
    try {
      PrimitiveType unboxed = types.unboxedType(type);
      return primitive(unboxed.getKind(), text);
    } catch (IllegalArgumentException notABox) {
      throw new Invalid("", true);
    }
  }

  private static CodeBlock primitive(TypeKind kind, String text) throws Invalid {
    try {
      switch (kind) {
        case BOOLEAN:
          if (!text.equals("true") && !text.equals("false")) {
            throw new Invalid("expected true or false", false);
          }
          return CodeBlock.of("$L", text);
        case CHAR:
          if (text.length() != 1) {
            throw new Invalid("expected exactly one character", false);
          }
          char c = text.charAt(0);
          return c >= ' ' && c < 127 && c != '\'' && c != '\\'
              ? CodeBlock.of("'$L'", c) : CodeBlock.of("(char) $L", (int) c);
        case BYTE:
          return CodeBlock.of("(byte) $L", Byte.parseByte(text));
        case SHORT:
          return CodeBlock.of("(short) $L", Short.parseShort(text));
        case INT:
          return CodeBlock.of("$L", Integer.parseInt(text));
        case LONG:
          return CodeBlock.of("$LL", Long.parseLong(text));
        case FLOAT:
          return floating(Float.parseFloat(text), Float.class, "f");
        case DOUBLE:
          return floating(Double.parseDouble(text), Double.class, "");
        default:
          throw new Invalid("", true);
      }
    } catch (NumberFormatException e) {
      throw new Invalid(describe(e), false);
    }
  }

  private static CodeBlock floating(double value, Class<?> box, String suffix) {
    if (Double.isNaN(value)) {
      return CodeBlock.of("$T.NaN", box);
    }
    if (Double.isInfinite(value)) {
      return CodeBlock.of("$T.$L_INFINITY", box, value > 0 ? "POSITIVE" : "NEGATIVE");
    }
    String literal = suffix.isEmpty() ? Double.toString(value) : Float.toString((float) value);
    return CodeBlock.of("$L$L", literal, suffix);
  }

  /**
   * A Java string literal for {@code text} in printable ASCII only: {@code $S} would write line
   * separators (U+2028) raw, which JavaPoet wraps, and lone surrogates, which no encoding keeps.
   */
  static String stringLiteral(String text) {
    StringBuilder literal = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> literal.append("\\\"");
        case '\\' -> literal.append("\\\\");
        case '\n' -> literal.append("\\n");
        case '\r' -> literal.append("\\r");
        case '\t' -> literal.append("\\t");
        default -> {
          if (c >= ' ' && c < 127) {
            literal.append(c);
          } else {
            literal.append(String.format("\\u%04x", (int) c));
          }
        }
      }
    }
    return literal.append('"').toString();
  }

  private static String describe(RuntimeException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static String constants(TypeElement enumType) {
    StringBuilder names = new StringBuilder();
    for (Element member : enumType.getEnclosedElements()) {
      if (member.getKind() == ElementKind.ENUM_CONSTANT) {
        names.append(names.length() == 0 ? "" : ", ").append(member.getSimpleName());
      }
    }
    return names.toString();
  }
}
