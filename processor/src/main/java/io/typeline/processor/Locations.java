package io.typeline.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.element.TypeElement;

/**
 * Says where a stage is declared, for messages and generated code: {@code Training.java:14} when
 * javac has its source. javac's tree API is the only way to get a line; under the Eclipse compiler,
 * for class files, or when a build tool wraps javac's environment, the location falls back to the
 * declaring class's qualified name.
 *
 * <p>{@link Trees#getPath(Element)} scans its whole file on every call, so the methods of a file are
 * located in one scan and remembered: a file of 10,000 stages costs one pass, not 10,000.
 */
final class Locations {
  private final Trees trees;
  /** What one scan of a source file found, keyed by its outermost type. */
  private final Map<Element, SourceFacts> byOutermostType = new HashMap<>();

  /**
   * @param lines {@code File.java:line} of every method of the file
   * @param unresolvedAnnotations the methods' parameters with an annotation javac could not resolve
   */
  private record SourceFacts(Map<Element, String> lines, Set<Element> unresolvedAnnotations) {}

  private static final SourceFacts NO_SOURCE = new SourceFacts(Map.of(), Set.of());

  Locations(ProcessingEnvironment env) {
    this.trees = treesOrNull(env);
  }

  private static Trees treesOrNull(ProcessingEnvironment env) {
    try {
      return Trees.instance(env);
    } catch (IllegalArgumentException | LinkageError notJavac) {
      return null;
    }
  }

  /** Where {@code method} is declared. */
  String of(Element method) {
    String location = factsOf(method).lines().get(method);
    return location != null ? location
        : ((TypeElement) method.getEnclosingElement()).getQualifiedName().toString();
  }

  /** The facts of the file declaring {@code method}, scanned once per file. */
  private SourceFacts factsOf(Element method) {
    if (trees == null) {
      return NO_SOURCE;
    }
    Element outermost = method.getEnclosingElement();
    while (outermost.getEnclosingElement() instanceof TypeElement enclosing) {
      outermost = enclosing;
    }
    return byOutermostType.computeIfAbsent(outermost, this::scan);
  }

  /**
   * Whether {@code parameter} carries an annotation the compiler could not resolve (a misspelt
   * {@code @Parm}): that is the compiler's error, so the processor must not add its own about the
   * parameter. javac leaves such annotations out of the element, so the source is counted; ECJ
   * keeps them, with an error type.
   */
  boolean hasUnresolvedAnnotation(VariableElement parameter) {
    for (AnnotationMirror annotation : parameter.getAnnotationMirrors()) {
      if (annotation.getAnnotationType().getKind() == TypeKind.ERROR) {
        return true;
      }
    }
    return factsOf(parameter.getEnclosingElement()).unresolvedAnnotations().contains(parameter);
  }

  /** Scans the file declaring {@code type} once: method lines and unresolved parameter annotations. */
  private SourceFacts scan(Element type) {
    TreePath path = trees.getPath(type);
    if (path == null) {
      return NO_SOURCE; // a class file
    }
    Map<Element, String> lines = new HashMap<>();
    Set<Element> unresolvedAnnotations = new HashSet<>();
    CompilationUnitTree unit = path.getCompilationUnit();
    String file = unit.getSourceFile().getName();
    String fileName = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree method, Void unused) {
        Element element = trees.getElement(getCurrentPath());
        if (element instanceof ExecutableElement executable
            && executable.getParameters().size() == method.getParameters().size()) {
          for (int i = 0; i < method.getParameters().size(); i++) {
            VariableTree parameter = method.getParameters().get(i);
            TreePath parameterPath = new TreePath(getCurrentPath(), parameter);
            TreePath modifiers = new TreePath(parameterPath, parameter.getModifiers());
            for (AnnotationTree annotation : parameter.getModifiers().getAnnotations()) {
              Element type = trees.getElement(new TreePath(new TreePath(modifiers, annotation), annotation.getAnnotationType()));
              if (type == null || type.asType().getKind() == TypeKind.ERROR) {
                unresolvedAnnotations.add(executable.getParameters().get(i));
              }
            }
          }
        }
        if (element != null) {
          // A declaration starts at its annotations; its name, where javac points, follows the
          // return type.
          Tree anchor = method.getReturnType() != null ? method.getReturnType() : method;
          long position = trees.getSourcePositions().getEndPosition(unit, anchor);
          lines.put(element, position < 0 ? fileName : fileName + ":" + unit.getLineMap().getLineNumber(position));
        }
        return null; // stages are not declared inside method bodies
      }
    }.scan(new TreePath(unit), null);
    return new SourceFacts(lines, unresolvedAnnotations);
  }
}
