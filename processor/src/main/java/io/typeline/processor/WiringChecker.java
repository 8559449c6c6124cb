package io.typeline.processor;

import com.palantir.javapoet.CodeBlock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Step 3: wires a pipeline's stages by name and checks the result: unique names, one type per
 * param, every input produced, assignable types, no cycle, known outputs, names and types the
 * generated code can reach. Every problem is reported; the answer says whether all was clean.
 *
 * <p>All graph walks are iterative, so a 10,000-stage chain costs no stack depth.
 */
final class WiringChecker {
  private final Types types;
  private final Elements elements;
  private final Access access;
  private final Reporter reporter;
  private final CacheCodecs cacheCodecs;

  WiringChecker(Types types, Elements elements, Reporter reporter) {
    this.types = types;
    this.elements = elements;
    this.access = new Access(elements);
    this.reporter = reporter;
    this.cacheCodecs = new CacheCodecs(types, elements, access);
  }

  Wiring check(PipelineModel pipeline) {
    int errorsBefore = reporter.errorCount();
    Map<String, StageModel> byName = stagesByName(pipeline);
    Map<String, Wiring.ParamInput> params = params(pipeline, byName);
    List<StageModel> stages = pipeline.stages();
    Map<StageModel, Integer> index = new HashMap<>();
    for (int i = 0; i < stages.size(); i++) {
      index.putIfAbsent(stages.get(i), i);
    }
    // consumers.get(i): the stages taking stage i's value; producers.get(i): the stages i takes.
    List<List<Integer>> consumers = new ArrayList<>();
    List<List<Integer>> producers = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      consumers.add(new ArrayList<>());
      producers.add(new ArrayList<>());
    }
    for (int i = 0; i < stages.size(); i++) {
      StageModel stage = stages.get(i);
      if (!stage.namesKnown()) {
        reporter.error(pipeline.type(), Message.MISSING_PARAMETER_NAMES, stage.name(),
            stage.owner().getQualifiedName(), stage.owner().getSimpleName());
        continue;
      }
      for (Input input : stage.inputs()) {
        if (input.isParam() || input.unresolved()) {
          continue;
        }
        StageModel producer = byName.get(input.name());
        if (producer == null) {
          reportUnknownInput(pipeline, stage, input, byName, params);
          continue;
        }
        checkTypes(stage, input, producer);
        int p = index.get(producer);
        consumers.get(p).add(i);
        producers.get(i).add(p);
      }
    }
    reportCycles(stages, consumers);
    List<StageModel> outputs = outputs(pipeline, byName, stages, consumers);
    List<StageModel> needed = needed(stages, index, producers, outputs);
    checkAccess(pipeline, needed, byName, params);
    List<Wiring.BuilderInput> inputs = builderInputs(pipeline, needed, params);
    Set<String> reserved = reservedNames(pipeline, outputs, inputs);
    PackageElement from = elements.getPackageOf(pipeline.type());
    List<CacheCodecs.Registered> registered = registeredCodecs(pipeline, from);
    // A stage with an error of its own (an invisible or generic type) would only get a second one.
    boolean checked = reporter.errorCount() == errorsBefore && pipeline.stagesValid();
    Map<String, CodeBlock> codecs = checked ? stageCodecs(needed, registered, from) : Map.of();
    Map<String, List<CodeBlock>> elementCodecs = checked ? elementCodecs(needed, byName, codecs, registered, from) : Map.of();
    Map<String, CodeBlock> inputCodecs = inputCodecs(inputs, registered, from);
    boolean clean = reporter.errorCount() == errorsBefore && pipeline.stagesValid();
    return new Wiring(pipeline, needed, byName, inputs, outputs, clean, reserved, codecs, inputCodecs,
        elementCodecs);
  }

  /**
   * For each stored fan-out: codecs for one element of its input and one of its results, so that
   * its elements are cached one by one; a fan-out missing either is cached as a whole only.
   */
  private Map<String, List<CodeBlock>> elementCodecs(List<StageModel> needed, Map<String, StageModel> byName,
      Map<String, CodeBlock> codecs, List<CacheCodecs.Registered> registered, PackageElement from) {
    Map<String, List<CodeBlock>> elementCodecs = new HashMap<>();
    for (StageModel stage : needed) {
      int each = stage.eachInput();
      StageModel producer = each < 0 ? null : byName.get(stage.inputs().get(each).name());
      if (producer == null || !codecs.containsKey(stage.name())) {
        continue;
      }
      TypeMirror element = FanOuts.elementType(producer.type(), types, elements);
      CodeBlock elementCodec = element == null ? null : cacheCodecs.forValue(element, registered, from);
      TypeMirror completed = FanOuts.completedType(stage.method().getReturnType(), types, elements);
      CodeBlock resultCodec = cacheCodecs.forValue(
          completed != null ? completed : stage.method().getReturnType(), registered, from);
      if (elementCodec != null && resultCodec != null) {
        elementCodecs.put(stage.name(), List.of(elementCodec, resultCodec));
      }
    }
    return elementCodecs;
  }

  /** The valid classes of {@code @Pipeline(codecs)}; each invalid one is an error on its value. */
  private List<CacheCodecs.Registered> registeredCodecs(PipelineModel pipeline, PackageElement from) {
    List<CacheCodecs.Registered> registered = new ArrayList<>();
    for (PipelineModel.CodecClass codec : pipeline.codecs()) {
      Object value = cacheCodecs.valueType(codec.type(), from);
      if (value instanceof TypeMirror type) {
        registered.add(new CacheCodecs.Registered(codec.type(), type));
      } else {
        reporter.error(pipeline.type(), pipeline.annotation(), codec.value(), Message.BAD_CODEC,
            codec.type().getQualifiedName(), value);
      }
    }
    return registered;
  }

  /** A codec for each stage whose value the cache stores; a stage with none is an error. */
  private Map<String, CodeBlock> stageCodecs(List<StageModel> needed, List<CacheCodecs.Registered> registered,
      PackageElement from) {
    Map<String, CodeBlock> codecs = new HashMap<>();
    for (StageModel stage : needed) {
      if (!stage.cached() || stage.isVoid() || TypeNames.mentions(stage.type(), TypeKind.ERROR)) {
        continue; // a void stage runs for its effect; an unknown type is javac's own error
      }
      CodeBlock codec = cacheCodecs.forValue(stage.type(), registered, from);
      if (codec == null) {
        String type = TypeNames.simple(stage.type());
        String base = TypeNames.simple(types.erasure(stage.type()));
        reporter.error(stage.method(), Message.NO_CODEC, stage.name(), type, base,
            Names.capitalize(base.replaceAll("[^A-Za-z0-9]", "")), type);
      } else {
        codecs.put(stage.name(), codec);
      }
    }
    return codecs;
  }

  /** What stands for each builder input in cache keys; {@code Path} params count by content. */
  private Map<String, CodeBlock> inputCodecs(List<Wiring.BuilderInput> inputs,
      List<CacheCodecs.Registered> registered, PackageElement from) {
    Map<String, CodeBlock> codecs = new HashMap<>();
    for (Wiring.BuilderInput input : inputs) {
      CodeBlock codec;
      if (input instanceof Wiring.ParamInput param) {
        boolean path = param.type().getKind() == TypeKind.DECLARED
            && ((TypeElement) types.asElement(param.type())).getQualifiedName().contentEquals("java.nio.file.Path");
        codec = path ? null : cacheCodecs.forValue(param.type(), registered, from);
      } else {
        codec = cacheCodecs.forInstance(((Wiring.InstanceInput) input).type(), from);
      }
      if (codec != null) {
        codecs.put(input.name(), codec);
      }
    }
    return codecs;
  }

  private Map<String, StageModel> stagesByName(PipelineModel pipeline) {
    Map<String, StageModel> byName = new LinkedHashMap<>();
    for (StageModel stage : pipeline.stages()) {
      StageModel first = byName.putIfAbsent(stage.name(), stage);
      if (first != null) {
        reporter.error(stage.method(), Message.DUPLICATE_STAGE, pipeline.simpleName(), stage.name(),
            first.location(), stage.location());
      }
    }
    return byName;
  }

  private Map<String, Wiring.ParamInput> params(PipelineModel pipeline, Map<String, StageModel> byName) {
    Map<String, Wiring.ParamInput> params = new LinkedHashMap<>();
    Map<String, StageModel> declaredIn = new HashMap<>();
    for (StageModel stage : pipeline.stages()) {
      for (Input input : stage.inputs()) {
        if (!input.isParam()) {
          continue;
        }
        StageModel namesake = byName.get(input.name());
        if (namesake != null) {
          reporter.error(input.parameter(), Message.PARAM_SHADOWS_STAGE, input.name(), stage.name(),
              namesake.name(), namesake.location());
        }
        Wiring.ParamInput first = params.get(input.name());
        if (first == null) {
          params.put(input.name(), new Wiring.ParamInput(input.name(), input.type(), input.defaultValue(), input));
          declaredIn.put(input.name(), stage);
        } else if (TypeNames.mentions(input.type(), TypeKind.ERROR)) {
          continue; // the compiler reports the unknown type itself
        } else if (!types.isSameType(first.type(), input.type())
            || !Objects.equals(first.defaultValue(), input.defaultValue())) {
          StageModel other = declaredIn.get(input.name());
          reporter.error(input.parameter(), Message.PARAM_CONFLICT, input.name(), describe(input),
              describe(first.declaration()), other.name(), other.location());
        }
      }
    }
    return params;
  }

  private static String describe(Input param) {
    String type = TypeNames.simple(param.type());
    return param.defaultValue() == null ? type + " (required)" : type + " with default \"" + param.defaultValue() + "\"";
  }

  private void reportUnknownInput(PipelineModel pipeline, StageModel stage, Input input,
      Map<String, StageModel> byName, Map<String, Wiring.ParamInput> params) {
    if (input.from() != null) {
      String near = Names.closest(input.name(), byName.keySet());
      reporter.error(input.parameter(), input.from(), Annotations.explicitValue(input.from(), "value"),
          Message.UNKNOWN_FROM, stage.name(), input.name(), pipeline.simpleName(), input.name(),
          near == null ? "" : "; did you mean stage '" + near + "'?");
      return;
    }
    String suggestion = "";
    if (params.containsKey(input.name())) {
      suggestion = "; it is a param of another stage, so mark this one @Param too";
    } else {
      String nearStage = Names.closest(input.name(), byName.keySet());
      String nearParam = Names.closest(input.name(), params.keySet());
      if (nearStage != null) {
        suggestion = "; did you mean stage '" + nearStage + "'?";
      } else if (nearParam != null) {
        suggestion = "; did you mean param '" + nearParam + "'?";
      }
    }
    reporter.error(input.parameter(), Message.UNKNOWN_INPUT, stage.name(), input.name(), suggestion);
  }

  private void checkTypes(StageModel stage, Input input, StageModel producer) {
    if (producer.isVoid()) {
      reporter.error(input.parameter(), Message.VOID_CONSUMED, stage.name(), input.name(),
          producer.name(), producer.location(), producer.name());
      return;
    }
    TypeMirror produced = producer.type();
    TypeMirror wanted = input.type();
    if (TypeNames.mentions(produced, TypeKind.ERROR) || TypeNames.mentions(wanted, TypeKind.ERROR)) {
      return; // the compiler reports the unknown type itself
    }
    if (producer.inputs().stream().anyMatch(Input::unresolved)) {
      return; // an unresolved annotation there (a missing import of @Each) may change what it gives
    }
    if (input.each()) {
      TypeMirror element = FanOuts.elementType(produced, types, elements);
      if (element == null) {
        reporter.error(input.parameter(), Message.EACH_NOT_ITERABLE, stage.name(), input.name(),
            producer.name(), producer.location(), TypeNames.simple(produced), producer.name());
      } else if (!types.isAssignable(element, wanted)) {
        String[] names = TypeNames.pair(wanted, element);
        reporter.error(input.parameter(), Message.EACH_ELEMENT_MISMATCH, stage.name(), input.name(),
            names[0], producer.name(), producer.location(), TypeNames.simple(produced), names[1]);
      }
      return;
    }
    if (producer.eachInput() >= 0 && !types.isAssignable(produced, wanted)) {
      String list = TypeNames.simple(produced);
      reporter.error(input.parameter(), Message.FAN_OUT_CONSUMER, stage.name(), input.name(),
          TypeNames.simple(wanted), producer.name(), producer.location(), list, list);
      return;
    }
    if (!types.isAssignable(produced, wanted)) {
      String[] names = TypeNames.pair(wanted, produced);
      reporter.error(input.parameter(), Message.TYPE_MISMATCH, stage.name(), input.name(), names[0],
          producer.name(), producer.location(), names[1], names[1], names[0]);
    }
  }

  /**
   * Reports each cycle once, on its first-declared stage, as a path: {@code a -> b -> c -> a}.
   * Strongly connected components (Tarjan's algorithm, iteratively) find every cyclic group in
   * linear time; a breadth-first walk inside each group gives its shortest cycle.
   */
  private void reportCycles(List<StageModel> stages, List<List<Integer>> consumers) {
    for (List<Integer> component : new Components(consumers).cyclic()) {
      int start = component.stream().min(Integer::compare).orElseThrow();
      Set<Integer> members = new LinkedHashSet<>(component);
      Map<Integer, Integer> cameFrom = new HashMap<>();
      ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
      int last = -1;
      while (!queue.isEmpty() && last < 0) {
        int node = queue.poll();
        for (int next : consumers.get(node)) {
          if (next == start) {
            last = node;
            break;
          }
          if (members.contains(next) && cameFrom.putIfAbsent(next, node) == null) {
            queue.add(next);
          }
        }
      }
      List<String> path = new ArrayList<>();
      for (int node = last; node != start; node = cameFrom.get(node)) {
        path.add(0, stages.get(node).name());
      }
      path.add(0, stages.get(start).name());
      path.add(stages.get(start).name());
      reporter.error(stages.get(start).method(), Message.CYCLE, String.join(" -> ", path));
    }
  }

  private List<StageModel> outputs(PipelineModel pipeline, Map<String, StageModel> byName,
      List<StageModel> stages, List<List<Integer>> consumers) {
    Set<StageModel> outputs = new LinkedHashSet<>();
    if (pipeline.outputs().isEmpty()) {
      for (int i = 0; i < stages.size(); i++) {
        if (consumers.get(i).isEmpty() && byName.get(stages.get(i).name()) == stages.get(i)) {
          outputs.add(stages.get(i));
        }
      }
      return List.copyOf(outputs);
    }
    for (PipelineModel.Output output : pipeline.outputs()) {
      StageModel stage = byName.get(output.name());
      if (stage == null) {
        String near = Names.closest(output.name(), byName.keySet());
        reporter.error(pipeline.type(), pipeline.annotation(), output.value(), Message.UNKNOWN_OUTPUT,
            output.name(), pipeline.simpleName(), near == null ? "" : "; did you mean '" + near + "'?");
      } else {
        outputs.add(stage);
      }
    }
    return List.copyOf(outputs);
  }

  /** The outputs and everything they transitively take, in declaration order. */
  private static List<StageModel> needed(List<StageModel> stages, Map<StageModel, Integer> index,
      List<List<Integer>> producers, List<StageModel> outputs) {
    boolean[] needed = new boolean[stages.size()];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (StageModel output : outputs) {
      int i = index.get(output);
      if (!needed[i]) {
        needed[i] = true;
        queue.add(i);
      }
    }
    while (!queue.isEmpty()) {
      for (int producer : producers.get(queue.poll())) {
        if (!needed[producer]) {
          needed[producer] = true;
          queue.add(producer);
        }
      }
    }
    List<StageModel> result = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      if (needed[i]) {
        result.add(stages.get(i));
      }
    }
    return result;
  }

  private void checkAccess(PipelineModel pipeline, List<StageModel> needed,
      Map<String, StageModel> byName, Map<String, Wiring.ParamInput> params) {
    PackageElement from = elements.getPackageOf(pipeline.type());
    Set<String> checkedParams = new HashSet<>(); // a param has one type: check it once
    for (StageModel stage : needed) {
      ExecutableElement method = stage.method();
      if (method.getModifiers().contains(Modifier.PRIVATE)) {
        continue; // reported as a private stage already
      }
      if (!access.canCall(method, from)) {
        reporter.error(method, Message.INACCESSIBLE_STAGE, stage.name(), stage.owner().getQualifiedName(),
            from.getQualifiedName());
        continue;
      }
      if (!stage.isVoid() && !access.canName(stage.type(), from)) {
        reporter.error(method, Message.INACCESSIBLE_TYPE, stage.name(), TypeNames.simple(stage.type()),
            from.getQualifiedName());
      }
      for (Input input : stage.inputs()) {
        if (input.isParam() && checkedParams.add(input.name()) && !access.canName(input.type(), from)) {
          reporter.error(input.parameter(), Message.INACCESSIBLE_TYPE, stage.name(),
              TypeNames.simple(input.type()), from.getQualifiedName());
        }
      }
    }
  }

  private List<Wiring.BuilderInput> builderInputs(PipelineModel pipeline, List<StageModel> needed,
      Map<String, Wiring.ParamInput> params) {
    PackageElement from = elements.getPackageOf(pipeline.type());
    Map<String, Wiring.BuilderInput> inputs = new LinkedHashMap<>();
    Set<TypeElement> instances = new LinkedHashSet<>();
    Set<String> stageNames = new HashSet<>();
    needed.forEach(stage -> stageNames.add(stage.name()));
    for (StageModel stage : needed) {
      if (!stage.isStatic() && instances.add(stage.owner())) {
        // Named after the class; made unique against params, other instances, keywords and
        // stages: the instance is a param of the graph, whose names are one namespace.
        String base = Names.decapitalize(stage.owner().getSimpleName().toString());
        String name = base;
        for (int n = 1; params.containsKey(name) || inputs.containsKey(name) || SourceVersion.isKeyword(name)
            || stageNames.contains(name); n++) {
          name = base + "Instance" + (n == 1 ? "" : n);
        }
        inputs.put(name, new Wiring.InstanceInput(name, stage.owner(), !access.canCreate(stage.owner(), from)));
      }
      for (Input input : stage.inputs()) {
        if (input.isParam()) {
          inputs.putIfAbsent(input.name(), params.get(input.name()));
        }
      }
    }
    return List.copyOf(inputs.values());
  }

  /**
   * Generated accessors and setters must not collide with {@code java.lang.Object}'s methods:
   * an output {@code getClass} or a param {@code long wait} would not compile.
   */
  private Set<String> reservedNames(PipelineModel pipeline, List<StageModel> outputs,
      List<Wiring.BuilderInput> inputs) {
    Set<String> reserved = new HashSet<>();
    List<ExecutableElement> objectMethods = ElementFilter.methodsIn(
        elements.getTypeElement("java.lang.Object").getEnclosedElements());
    for (StageModel output : outputs) {
      if (!output.isVoid() && objectMethods.stream().anyMatch(method -> method.getParameters().isEmpty()
          && method.getSimpleName().contentEquals(output.name()))) {
        reporter.error(output.method(), Message.RESERVED_OUTPUT, output.name(),
            pipeline.simpleName() + "Result", output.name());
        reserved.add(output.name());
      } else if (output.name().equals("stages")) {
        reporter.error(output.method(), Message.RESERVED_RESULT, output.name(),
            pipeline.simpleName() + "Result", output.name());
        reserved.add(output.name());
      }
    }
    for (Wiring.BuilderInput input : inputs) {
      if (input instanceof Wiring.ParamInput param && objectMethods.stream().anyMatch(method ->
          method.getParameters().size() == 1 && method.getSimpleName().contentEquals(param.name())
              && types.isSameType(types.erasure(method.getParameters().get(0).asType()), types.erasure(param.type())))) {
        reporter.error(param.declaration().parameter(), Message.RESERVED_PARAM, param.name(), param.name(),
            TypeNames.simple(param.type()));
        reserved.add(param.name());
      }
    }
    return reserved;
  }


}
