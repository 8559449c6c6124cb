package io.typeline.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Says where a stage is declared, for messages and generated comments: {@code Training.java:14}
 * when javac has its source. javac's tree API is the only portable-enough way to get a line; under
 * the Eclipse compiler, for class files, or when a build tool wraps javac's environment, the
 * location falls back to the declaring class's qualified name.
 */
final class Locations {
  private final Trees trees;

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

  String of(Element element) {
    if (trees != null) {
      TreePath path = trees.getPath(element);
      if (path != null) {
        CompilationUnitTree unit = path.getCompilationUnit();
        String file = unit.getSourceFile().getName();
        file = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        Tree leaf = path.getLeaf();
        // A method's declaration starts at its annotations; its name, where javac points, follows
        // the return type.
        Tree anchor = leaf instanceof MethodTree method && method.getReturnType() != null
            ? method.getReturnType() : leaf;
        long position = trees.getSourcePositions().getEndPosition(unit, anchor);
        if (position < 0) {
          position = trees.getSourcePositions().getStartPosition(unit, leaf);
        }
        return position < 0 ? file : file + ":" + unit.getLineMap().getLineNumber(position);
      }
    }
    return enclosingType(element).getQualifiedName().toString();
  }

  private static TypeElement enclosingType(Element element) {
    Element current = element;
    while (!current.getKind().isClass() && !current.getKind().isInterface()
        && current.getKind() != ElementKind.ENUM && current.getKind() != ElementKind.RECORD) {
      current = current.getEnclosingElement();
    }
    return (TypeElement) current;
  }
}
