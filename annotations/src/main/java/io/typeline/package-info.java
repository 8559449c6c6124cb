/**
 * Typeline's annotations: {@link io.typeline.Pipeline}, {@link io.typeline.Stage},
 * {@link io.typeline.Param} and {@link io.typeline.From}. They are read at compile time by
 * {@code typeline-processor}; they are retained at run time only so that stages compiled into jars
 * keep them for processors of every compiler.
 */
package io.typeline;
