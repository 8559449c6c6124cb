package io.typeline.processor;

import com.palantir.javapoet.CodeBlock;
import io.typeline.Param;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Step 1: reads the {@code @Stage} methods of a class into {@link StageModel}s and checks what can
 * be checked of a stage on its own (visibility, shape, defaults). Problems are reported once per
 * class, however many pipelines include it; an invalid stage is still returned, so that the
 * stages wired to it do not report it missing (no cascade).
 */
final class StageReader {
  private final Elements elements;
  private final javax.lang.model.util.Types types;
  private final Reporter reporter;
  private final Locations locations;
  private final DefaultValues defaults;
  private final Set<? extends Element> sources;
  private final Map<TypeElement, List<StageModel>> cache = new HashMap<>();
  private final Set<TypeElement> withErrors = new HashSet<>();

  /** {@code sources}: the compilation's top-level types from source, whose parameter names are real. */
  StageReader(Elements elements, javax.lang.model.util.Types types, Reporter reporter,
      Locations locations, DefaultValues defaults, Set<? extends Element> sources) {
    this.sources = sources;
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.locations = locations;
    this.defaults = defaults;
  }

  /** The stages {@code type} declares, in declaration order. */
  List<StageModel> stagesOf(TypeElement type) {
    List<StageModel> stages = cache.get(type);
    if (stages == null) {
      int errorsBefore = reporter.errorCount();
      stages = read(type);
      cache.put(type, stages);
      // A type the compiler cannot resolve is its own error; code mentioning it would add more.
      if (reporter.errorCount() != errorsBefore || stages.stream().anyMatch(StageReader::mentionsUnresolved)) {
        withErrors.add(type);
      }
    }
    return stages;
  }

  private static boolean mentionsUnresolved(StageModel stage) {
    return TypeNames.mentions(stage.type(), TypeKind.ERROR)
        || stage.inputs().stream().anyMatch(input -> input.unresolved() || TypeNames.mentions(input.type(), TypeKind.ERROR));
  }

  /** Whether reading {@code type}'s stages reported an error (so code calling them may not compile). */
  boolean hasErrors(TypeElement type) {
    return withErrors.contains(type);
  }

  private List<StageModel> read(TypeElement type) {
    Map<String, StageModel> byName = new LinkedHashMap<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (Annotations.find(method, Annotations.STAGE) == null) {
        continue;
      }
      StageModel stage = read(type, method);
      if (byName.containsKey(stage.name())) {
        reporter.error(method, Message.OVERLOADED_STAGE, type.getQualifiedName(), stage.name());
        continue;
      }
      byName.put(stage.name(), stage);
    }
    return List.copyOf(byName.values());
  }

  private StageModel read(TypeElement owner, ExecutableElement method) {
    String name = method.getSimpleName().toString();
    checkShape(owner, method, name);
    List<String> names = parameterNames(owner, method);
    List<Input> inputs = new ArrayList<>();
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      VariableElement parameter = parameters.get(i);
      String parameterName = names == null ? parameter.getSimpleName().toString() : names.get(i);
      inputs.add(input(name, parameter, parameterName));
    }
    AnnotationMirror stage = Annotations.find(method, Annotations.STAGE);
    AnnotationValue version = Annotations.explicitValue(stage, "version");
    AnnotationValue cache = Annotations.explicitValue(stage, "cache");
    boolean fanOut = false;
    for (Input input : inputs) {
      if (input.each() && fanOut) {
        reporter.error(input.parameter(), Message.EACH_TWICE, name, input.name());
      }
      fanOut |= input.each();
    }
    // What consumers see: what a future completes with, and for a fan-out the list of results.
    TypeMirror completed = FanOuts.completedType(method.getReturnType(), types, elements);
    TypeMirror result = completed != null ? completed : method.getReturnType();
    TypeMirror value = fanOut && result.getKind() != TypeKind.VOID && result.getKind() != TypeKind.ERROR
        ? types.getDeclaredType(elements.getTypeElement("java.util.List"), boxed(result))
        : result;
    return new StageModel(name, method, owner, value, List.copyOf(inputs),
        locations.of(method), names != null, version == null ? "" : (String) version.getValue(),
        cache == null || (Boolean) cache.getValue(), count(method, stage, name, "retries"),
        timeout(method, stage, name), count(method, stage, name, "concurrency"), completed != null);
  }

  private TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive() ? types.boxedClass((javax.lang.model.type.PrimitiveType) type).asType() : type;
  }

  /** {@code @Stage(retries)} or {@code @Stage(concurrency)}: 0 or more, 0 when absent or reported. */
  private int count(ExecutableElement method, AnnotationMirror stage, String name, String member) {
    AnnotationValue value = Annotations.explicitValue(stage, member);
    if (value == null || !(value.getValue() instanceof Integer count)) {
      return 0;
    }
    if (count < 0) {
      reporter.error(method, stage, value, Message.NEGATIVE_COUNT, name, member, count);
      return 0;
    }
    return count;
  }

  /** The timeout as written, once parsed at compile time; empty when absent or reported. */
  private String timeout(ExecutableElement method, AnnotationMirror stage, String name) {
    AnnotationValue value = Annotations.explicitValue(stage, "timeout");
    if (value == null || !(value.getValue() instanceof String timeout)) {
      return "";
    }
    String problem;
    try {
      java.time.Duration duration = java.time.Duration.parse(timeout);
      if (!duration.isNegative() && !duration.isZero()) {
        return timeout;
      }
      problem = "it is not positive";
    } catch (java.time.format.DateTimeParseException e) {
      problem = "it does not parse";
    }
    reporter.error(method, stage, value, Message.BAD_TIMEOUT, timeout, name, problem);
    return "";
  }

  private void checkShape(TypeElement owner, ExecutableElement method, String name) {
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(method, Message.PRIVATE_STAGE, name);
    }
    if (method.getModifiers().contains(Modifier.ABSTRACT)) {
      reporter.error(method, Message.ABSTRACT_STAGE, name);
    }
    if (!method.getTypeParameters().isEmpty()) {
      reporter.error(method, Message.GENERIC_STAGE, name, method.getTypeParameters().stream()
          .map(parameter -> parameter.getSimpleName().toString()).collect(Collectors.joining(", ")));
    }
    boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
    // Only an instance of an inner class needs an enclosing one; its static methods, and classes
    // nested in it, are reachable by name (Java 16+).
    if (!isStatic && needsEnclosingInstance(owner)) {
      reporter.error(method, Message.INNER_CLASS_STAGE, name, owner.getQualifiedName(), owner.getSimpleName());
    }
    if (!isStatic && !owner.getTypeParameters().isEmpty()) {
      reporter.error(method, Message.GENERIC_CLASS_STAGE, name, owner.getQualifiedName());
    }
  }

  private static boolean needsEnclosingInstance(TypeElement type) {
    // Nested interfaces, enums and records are implicitly static. (Stages of local and anonymous
    // classes never reach the processor: they cannot be named in include.)
    return type.getNestingKind() == NestingKind.MEMBER && type.getKind() == ElementKind.CLASS
        && !type.getModifiers().contains(Modifier.STATIC);
  }

  private static TypeElement outermost(TypeElement type) {
    TypeElement outermost = type;
    for (TypeElement enclosing = enclosingType(type); enclosing != null; enclosing = enclosingType(enclosing)) {
      outermost = enclosing;
    }
    return outermost;
  }

  private static TypeElement enclosingType(TypeElement type) {
    Element enclosing = type.getEnclosingElement();
    while (enclosing != null && !(enclosing instanceof TypeElement)) {
      if (enclosing.getKind() == ElementKind.PACKAGE) {
        return null;
      }
      enclosing = enclosing.getEnclosingElement();
    }
    return (TypeElement) enclosing;
  }

  private Input input(String stage, VariableElement parameter, String parameterName) {
    AnnotationMirror param = Annotations.find(parameter, Annotations.PARAM);
    AnnotationMirror from = Annotations.find(parameter, Annotations.FROM);
    if (param != null && from != null) {
      reporter.error(parameter, Message.FROM_AND_PARAM, parameterName, stage);
    }
    if (param == null) {
      String wire = from == null ? parameterName : (String) Annotations.explicitValue(from, "value").getValue();
      return new Input(wire, parameter, parameter.asType(), false, null, null, from,
          locations.hasUnresolvedAnnotation(parameter), Annotations.find(parameter, Annotations.EACH) != null);
    }
    AnnotationValue value = Annotations.explicitValue(param, "defaultValue");
    String defaultValue = value == null || Param.REQUIRED.equals(value.getValue()) ? null : (String) value.getValue();
    CodeBlock literal = null;
    if (defaultValue != null && !TypeNames.mentions(parameter.asType(), TypeKind.ERROR)) {
      try {
        literal = defaults.literal(parameter.asType(), defaultValue);
      } catch (DefaultValues.Invalid invalid) {
        if (invalid.unsupported) {
          reporter.error(parameter, param, value, Message.UNSUPPORTED_DEFAULT, parameterName, parameter.asType());
        } else {
          reporter.error(parameter, param, value, Message.BAD_DEFAULT, defaultValue, parameterName,
              parameter.asType(), invalid.getMessage());
        }
      }
    }
    if (Annotations.find(parameter, Annotations.EACH) != null) {
      reporter.error(parameter, Message.EACH_ON_PARAM, parameterName, stage);
    }
    return new Input(parameterName, parameter, parameter.asType(), true, defaultValue, literal, null, false, false);
  }

  /**
   * The source names of the method's parameters, or {@code null} when they are unknown. A class
   * file compiled without {@code -parameters} only has {@code arg0, arg1, ...}; the companion the
   * processor wrote next to it ({@link StageNamesWriter}) has the real ones.
   */
  private List<String> parameterNames(TypeElement owner, ExecutableElement method) {
    List<String> names = new ArrayList<>();
    boolean synthetic = !method.getParameters().isEmpty();
    for (VariableElement parameter : method.getParameters()) {
      String name = parameter.getSimpleName().toString();
      synthetic &= name.equals("arg" + names.size());
      names.add(name);
    }
    if (!synthetic || sources.contains(outermost(owner))) {
      return names;
    }
    List<String> recorded = StageNamesWriter.recordedNames(elements, owner, method);
    return recorded != null && recorded.size() == names.size() ? recorded : null;
  }
}
