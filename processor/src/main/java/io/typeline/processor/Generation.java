package io.typeline.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.util.Elements;

/** What every generated type carries. */
final class Generation {
  static final String PROCESSOR = "io.typeline.processor.TypelineProcessor";
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private Generation() {}

  /** Adds {@code @Generated} when the compilation can see it (it needs the java.compiler module). */
  static void annotate(TypeSpec.Builder type, Elements elements) {
    if (elements.getTypeElement(GENERATED.canonicalName()) != null) {
      type.addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build());
    }
  }
}
