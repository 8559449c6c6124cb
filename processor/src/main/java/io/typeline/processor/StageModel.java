package io.typeline.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code @Stage} method as the processor sees it.
 *
 * @param name the stage's name: the method's name
 * @param method the method
 * @param owner the class declaring it
 * @param type the value consumers see: what it returns, or for a fan-out ({@code @Each}) the
 *     {@code List} of what it returns, boxed
 * @param inputs its parameters, in order
 * @param location where it is declared, for messages and generated comments
 * @param namesKnown false when the method comes from a class file that kept no parameter names
 *     and no companion recorded them, so its inputs cannot be wired
 * @param version its {@code @Stage(version)}, part of its cache key
 * @param cached its {@code @Stage(cache)}: whether the cache stores its value
 * @param retries its {@code @Stage(retries)}, checked to be 0 or more
 * @param concurrency its {@code @Stage(concurrency)}, checked to be 0 or more
 * @param async whether it returns a {@code CompletionStage}: then {@code type} is what the stage
 *     completes with
 * @param timeout its {@code @Stage(timeout)}, checked to be a positive ISO-8601 duration; empty
 *     for none
 */
record StageModel(
    String name, ExecutableElement method, TypeElement owner, TypeMirror type, List<Input> inputs,
    String location, boolean namesKnown, String version, boolean cached, int retries, String timeout,
    int concurrency, boolean async) {

  boolean isStatic() {
    return method.getModifiers().contains(Modifier.STATIC);
  }

  boolean isVoid() {
    return type.getKind() == TypeKind.VOID;
  }

  /** The position of its {@code @Each} input, or -1 when it is not a fan-out. */
  int eachInput() {
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).each()) {
        return i;
      }
    }
    return -1;
  }
}
