package io.typeline.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Chooses, at compile time, the codec that stores each cached stage's value and the one whose
 * bytes stand for each param in cache keys; returns code creating it, or {@code null} when there
 * is none. In order: a codec the pipeline registers ({@code @Pipeline(codecs)}), a built-in one
 * (primitives, boxes, {@code String}, {@code Path} (the file is copied into the store),
 * {@code byte[]}/{@code int[]}/{@code long[]}/{@code double[]},
 * enums, lists, records of those), then Java serialization for {@code Serializable} classes, with
 * an allow-list of the classes the type's serializable fields can hold.
 */
final class CacheCodecs {
  private static final ClassName CODECS = ClassName.get("io.typeline.runtime", "Codecs");
  private static final String CODEC = "io.typeline.runtime.Codec";

  private final Types types;
  private final Elements elements;
  private final Access access;
  private final TypeElement codec;

  /** A valid class of {@code @Pipeline(codecs)} and the type it stores. */
  record Registered(TypeElement type, TypeMirror value) {}

  CacheCodecs(Types types, Elements elements, Access access) {
    this.types = types;
    this.elements = elements;
    this.access = access;
    this.codec = elements.getTypeElement(CODEC);
  }

  /**
   * The type a codec class stores (its {@code Codec<T>}'s {@code T}), or why it cannot serve:
   * a {@code String} problem.
   */
  Object valueType(TypeElement type, PackageElement from) {
    if (codec == null) {
      return "cannot be checked: io.typeline.runtime is not on the class path";
    }
    TypeMirror value = codecArgument(type.asType());
    if (value == null) {
      return "does not implement io.typeline.runtime.Codec<T>";
    }
    if (value.getKind() != TypeKind.DECLARED && value.getKind() != TypeKind.ARRAY) {
      return "implements Codec<" + TypeNames.simple(value) + ">; T must be a class, interface or array type";
    }
    if (!access.canCreate(type, from) || type.getModifiers().contains(Modifier.ABSTRACT)) {
      return "cannot be created by the generated code: give it a public no-arg constructor"
          + " and make it a public, non-abstract class";
    }
    return value;
  }

  private TypeMirror codecArgument(TypeMirror type) {
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype instanceof DeclaredType declared
          && declared.asElement().equals(codec)) {
        return declared.getTypeArguments().isEmpty() ? null : declared.getTypeArguments().get(0);
      }
      TypeMirror found = codecArgument(supertype);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Code creating a codec for values of {@code type}, or {@code null} when there is none. */
  CodeBlock forValue(TypeMirror type, List<Registered> registered, PackageElement from) {
    return forValue(type, registered, from, 0);
  }

  private CodeBlock forValue(TypeMirror type, List<Registered> registered, PackageElement from, int depth) {
    for (Registered candidate : registered) {
      if (types.isSameType(types.erasure(candidate.value()), types.erasure(type))) {
        return CodeBlock.of("new $T()", ClassName.get(candidate.type()));
      }
    }
    switch (type.getKind()) {
      case BOOLEAN: return builtIn("booleans");
      case BYTE: return builtIn("bytes");
      case SHORT: return builtIn("shorts");
      case CHAR: return builtIn("chars");
      case INT: return builtIn("ints");
      case LONG: return builtIn("longs");
      case FLOAT: return builtIn("floats");
      case DOUBLE: return builtIn("doubles");
      case ARRAY: {
        TypeKind component = ((ArrayType) type).getComponentType().getKind();
        if (component == TypeKind.BYTE) {
          return builtIn("byteArray");
        } else if (component == TypeKind.INT) {
          return builtIn("intArray");
        } else if (component == TypeKind.LONG) {
          return builtIn("longArray");
        } else if (component == TypeKind.DOUBLE) {
          return builtIn("doubleArray");
        }
        return serializable(type, from);
      }
      case DECLARED:
        return forDeclared((DeclaredType) type, registered, from, depth);
      case WILDCARD: { // List<? extends Number> holds Numbers
        TypeMirror bound = ((WildcardType) type).getExtendsBound();
        return bound == null ? null : forValue(bound, registered, from, depth);
      }
      default:
        return null;
    }
  }

  private CodeBlock forDeclared(DeclaredType type, List<Registered> registered, PackageElement from, int depth) {
    TypeElement element = (TypeElement) type.asElement();
    switch (element.getQualifiedName().toString()) {
      case "java.lang.Boolean": return builtIn("booleans");
      case "java.lang.Byte": return builtIn("bytes");
      case "java.lang.Short": return builtIn("shorts");
      case "java.lang.Character": return builtIn("chars");
      case "java.lang.Integer": return builtIn("ints");
      case "java.lang.Long": return builtIn("longs");
      case "java.lang.Float": return builtIn("floats");
      case "java.lang.Double": return builtIn("doubles");
      case "java.lang.String": return builtIn("string");
      case "java.nio.file.Path": return builtIn("path");
      case "java.util.List": {
        List<? extends TypeMirror> arguments = type.getTypeArguments();
        CodeBlock elementCodec = arguments.size() == 1 ? forValue(arguments.get(0), registered, from, depth) : null;
        return elementCodec == null ? null : CodeBlock.of("$T.list($L)", CODECS, elementCodec);
      }
      default:
        break;
    }
    if (!access.canName(element, from)) {
      return null;
    }
    if (element.getKind() == ElementKind.ENUM) {
      return CodeBlock.of("$T.enumOf($T.class)", CODECS, ClassName.get(element));
    }
    if (element.getKind() == ElementKind.RECORD && element.getTypeParameters().isEmpty()) {
      CodeBlock record = record(element, registered, from, depth);
      if (record != null) {
        return record;
      }
    }
    return serializable(type, from);
  }

  /**
   * A record of storable components: its components in order, then the canonical constructor.
   * Lambda parameters carry the nesting depth, since a nested record's lambdas cannot reuse them.
   */
  private CodeBlock record(TypeElement record, List<Registered> registered, PackageElement from, int depth) {
    List<CodeBlock> writes = new ArrayList<>();
    List<CodeBlock> reads = new ArrayList<>();
    String value = "value" + depth;
    String out = "out" + depth;
    String in = "in" + depth;
    for (RecordComponentElement component : record.getRecordComponents()) {
      CodeBlock codec = forValue(component.asType(), registered, from, depth + 1);
      if (codec == null) {
        return null;
      }
      writes.add(CodeBlock.of("$L.write($N.$N(), $N);\n", codec, value, component.getSimpleName().toString(), out));
      reads.add(CodeBlock.of("$L.read($N)", codec, in));
    }
    ClassName type = ClassName.get(record);
    return CodeBlock.builder()
        .add("$T.<$T>of($S, ($N, $N) -> {\n$>", CODECS, type, "record:" + elements.getBinaryName(record), value, out)
        .add(CodeBlock.join(writes, ""))
        .add("$<}, $N -> new $T($L))", in, type, CodeBlock.join(reads, ", "))
        .build();
  }

  private CodeBlock serializable(TypeMirror type, PackageElement from) {
    TypeMirror serializable = elements.getTypeElement("java.io.Serializable").asType();
    if (!types.isAssignable(type, serializable) || !access.canName(type, from)) {
      return null;
    }
    if (type instanceof DeclaredType declared && declared.asElement().getKind() == ElementKind.INTERFACE) {
      return null; // which class the value will be is unknown: no allow-list can be derived
    }
    Set<String> allowed = new LinkedHashSet<>();
    collect(type, allowed);
    CodeBlock.Builder code = CodeBlock.builder().add("$T.serializable($T.class", CODECS, TypeName.get(types.erasure(type)));
    for (String name : allowed) {
      if (!name.startsWith("java.lang.")) { // the runtime allows java.lang's values anyway
        code.add(", $S", name);
      }
    }
    return code.add(")").build();
  }

  /**
   * The classes a value of {@code type} can hold, by its declared serializable fields: the class,
   * its serializable superclasses, its non-static non-transient fields' types and type arguments.
   * The runtime adds the JDK's common value and collection classes ({@code Codecs.JDK_VALUES}).
   */
  private void collect(TypeMirror root, Set<String> allowed) {
    // A worklist, not recursion: types refer to themselves (Enum<E extends Enum<E>>), and a
    // model's object graph can be deep. Each type is visited once, by its written form.
    ArrayDeque<TypeMirror> work = new ArrayDeque<>(List.of(root));
    Set<String> seen = new HashSet<>();
    while (!work.isEmpty()) {
      TypeMirror type = work.pop();
      if (!seen.add(type.toString())) {
        continue;
      }
      switch (type.getKind()) {
        case ARRAY -> work.push(((ArrayType) type).getComponentType());
        case TYPEVAR -> work.push(((TypeVariable) type).getUpperBound());
        case INTERSECTION -> ((javax.lang.model.type.IntersectionType) type).getBounds().forEach(work::push);
        case WILDCARD -> {
          TypeMirror bound = ((WildcardType) type).getExtendsBound();
          if (bound != null) {
            work.push(bound);
          }
        }
        case DECLARED -> {
          DeclaredType declared = (DeclaredType) type;
          declared.getTypeArguments().forEach(work::push);
          TypeElement element = (TypeElement) declared.asElement();
          if (element.getKind() != ElementKind.INTERFACE) {
            allowed.add(elements.getBinaryName(element).toString());
          }
          for (VariableElement field : ElementFilter.fieldsIn(element.getEnclosedElements())) {
            if (!field.getModifiers().contains(Modifier.STATIC) && !field.getModifiers().contains(Modifier.TRANSIENT)) {
              work.push(field.asType());
            }
          }
          if (element.getSuperclass().getKind() == TypeKind.DECLARED) {
            work.push(element.getSuperclass());
          }
        }
        default -> {
          // primitives need no class
        }
      }
    }
  }

  /**
   * The codec standing for an instance of an instance stage's class in cache keys: nothing for a
   * class without instance fields (all its instances behave alike), its serialized form for a
   * serializable one; {@code null} otherwise, which keeps its stages out of the cache.
   */
  CodeBlock forInstance(TypeElement type, PackageElement from) {
    if (!hasInstanceFields(type)) {
      return CodeBlock.of("$T.stateless($T.class)", CODECS, ClassName.get(type));
    }
    return serializable(type.asType(), from);
  }

  private boolean hasInstanceFields(TypeElement type) {
    for (TypeElement t = type; t != null && !t.getQualifiedName().contentEquals("java.lang.Object"); ) {
      for (VariableElement field : ElementFilter.fieldsIn(t.getEnclosedElements())) {
        if (!field.getModifiers().contains(Modifier.STATIC)) {
          return true;
        }
      }
      TypeMirror superclass = t.getSuperclass();
      t = superclass.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) superclass).asElement() : null;
    }
    return false;
  }

  private static CodeBlock builtIn(String method) {
    return CodeBlock.of("$T.$N()", CODECS, method);
  }
}
