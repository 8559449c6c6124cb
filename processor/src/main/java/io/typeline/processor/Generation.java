package io.typeline.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.util.Elements;

/** What every generated file shares. */
final class Generation {
  private static final String PROCESSOR = TypelineProcessor.class.getName();
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private Generation() {}

  /**
   * The file for {@code type}, built by {@code builder}: {@code @Generated} when the compilation can
   * see it (it needs the java.compiler module), and {@code java.lang} names written qualified
   * wherever the package declares a type of the same simple name (say a user's {@code Exception}),
   * since generated code leaves {@code java.lang} unimported.
   */
  static JavaFile file(String packageName, TypeSpec.Builder builder, Elements elements) {
    if (elements.getTypeElement(GENERATED.canonicalName()) != null) {
      builder.addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build());
    }
    PackageElement pkg = elements.getPackageElement(packageName);
    if (pkg != null) {
      List<String> clashes = new ArrayList<>();
      for (Element type : pkg.getEnclosedElements()) {
        String name = type.getSimpleName().toString();
        if (elements.getTypeElement("java.lang." + name) != null) {
          clashes.add(name);
        }
      }
      builder.alwaysQualify(clashes.toArray(new String[0]));
    }
    return JavaFile.builder(packageName, builder.build()).skipJavaLangImports(true).indent("  ").build();
  }
}
