package io.typeline.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Records the source parameter names of a class's stages in a companion class, {@code
 * Features_TypelineStages}, one string constant per stage. A pipeline compiled later against a jar
 * that holds {@code Features} (compiled without {@code -parameters}) reads the names back from the
 * constants, which every compiler exposes through {@link VariableElement#getConstantValue()}. A
 * class, unlike a resource, is found the same way by javac, ECJ and IDEs.
 */
final class StageNamesWriter {
  private static final String SUFFIX = "_TypelineStages";
  private static final String SEPARATOR = ",";

  private final Filer filer;
  private final Elements elements;

  StageNamesWriter(Filer filer, Elements elements) {
    this.filer = filer;
    this.elements = elements;
  }

  void write(TypeElement owner, List<StageModel> stages) throws IOException {
    ClassName companion = companionName(owner);
    TypeSpec.Builder type = TypeSpec.classBuilder(companion)
        .addJavadoc("Source parameter names of the {@code @Stage} methods of {@link $T}, for pipelines\n"
            + "that include it from a class file compiled without {@code -parameters}.\n", ClassName.get(owner))
        .addModifiers(Modifier.FINAL)
        .addOriginatingElement(owner)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (StageModel stage : stages) {
      List<String> names = new ArrayList<>();
      for (VariableElement parameter : stage.method().getParameters()) {
        names.add(parameter.getSimpleName().toString());
      }
      type.addField(FieldSpec.builder(String.class, stage.name(), Modifier.STATIC, Modifier.FINAL)
          .initializer("$S", String.join(SEPARATOR, names))
          .build());
    }
    Generation.file(companion.packageName(), type, elements).writeTo(filer);
  }

  /** The names recorded for {@code method}, or {@code null} if none were. */
  static List<String> recordedNames(Elements elements, TypeElement owner, ExecutableElement method) {
    TypeElement companion = elements.getTypeElement(companionName(owner).canonicalName());
    if (companion == null) {
      return null;
    }
    for (VariableElement field : ElementFilter.fieldsIn(companion.getEnclosedElements())) {
      if (field.getSimpleName().contentEquals(method.getSimpleName())
          && field.getConstantValue() instanceof String names) {
        return names.isEmpty() ? List.of() : List.of(names.split(SEPARATOR));
      }
    }
    return null;
  }

  /** {@code pkg.Outer_Inner_TypelineStages} for {@code pkg.Outer.Inner}. */
  static ClassName companionName(TypeElement owner) {
    ClassName name = ClassName.get(owner);
    return ClassName.get(name.packageName(), String.join("_", name.simpleNames()) + SUFFIX);
  }
}
