package io.typeline.processor;

import com.palantir.javapoet.CodeBlock;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One parameter of a stage: either a wire from the stage named {@link #name()}, or a pipeline
 * input ({@code @Param}) of that name.
 *
 * @param name the producing stage (parameter name, or {@code @From}'s value) or the param's name
 * @param parameter the parameter element, where errors about it are reported
 * @param type the parameter's type
 * @param isParam whether it is a {@code @Param}
 * @param defaultValue the param's default as written, or {@code null} when required or a wire
 * @param defaultLiteral the default as a Java expression, or {@code null} (also when invalid)
 * @param from the {@code @From} annotation when present, to point errors at its value
 * @param unresolved whether the compiler could not resolve one of its annotations (say a misspelt
 *     {@code @Parm}); the compiler reports that, and wiring skips the parameter
 * @param each whether it is {@code @Each}: the stage runs once per element of the input
 */
record Input(
    String name, VariableElement parameter, TypeMirror type, boolean isParam, String defaultValue,
    CodeBlock defaultLiteral, AnnotationMirror from, boolean unresolved, boolean each) {
}
