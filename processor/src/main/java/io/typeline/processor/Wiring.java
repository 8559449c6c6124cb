package io.typeline.processor;

import com.palantir.javapoet.CodeBlock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A checked pipeline, ready to generate: the stages needed for its outputs and what the builder
 * asks for. When {@link #clean()} is false the processor reported errors; the generator then emits
 * only the API (so user code that calls it reports no missing symbol) and no graph.
 *
 * @param pipeline what was read
 * @param stages the stages needed for the outputs, in declaration order
 * @param byName every stage of the pipeline by name
 * @param inputs what the builder takes, in order of first appearance
 * @param outputs the output stages
 * @param clean whether the pipeline has no error
 * @param reserved names of inputs and outputs whose builder setter or result accessor would clash
 *     with a method of {@code Object} (reported as errors; the generated API leaves them out)
 * @param codecs per stage whose value the cache stores: code creating its codec
 * @param inputCodecs per builder input that counts in cache keys by codec: code creating it
 *     ({@code Path} params count by content and need none)
 * @param elementCodecs per fan-out whose elements are cached one by one: the codec of its input's
 *     elements (for their keys) and of one result
 */
record Wiring(
    PipelineModel pipeline, List<StageModel> stages, Map<String, StageModel> byName,
    List<BuilderInput> inputs, List<StageModel> outputs, boolean clean, Set<String> reserved,
    Map<String, CodeBlock> codecs, Map<String, CodeBlock> inputCodecs,
    Map<String, List<CodeBlock>> elementCodecs) {

  /** Something the generated builder takes: a param, or an instance for instance stages. */
  sealed interface BuilderInput {
    /** The builder method's name. */
    String name();

    boolean required();
  }

  /** A {@code @Param}; {@code defaultValue} is {@code null} when required. */
  record ParamInput(String name, TypeMirror type, String defaultValue, Input declaration)
      implements BuilderInput {
    @Override
    public boolean required() {
      return defaultValue == null;
    }
  }

  /**
   * An instance of {@code type} for its instance stages; optional when the builder can create one
   * with an accessible no-arg constructor.
   */
  record InstanceInput(String name, TypeElement type, boolean required) implements BuilderInput {}
}
