package io.typeline.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Step 4: writes, per package, {@code Pipelines} (one factory and one staged builder per pipeline)
 * and, per pipeline, its result type {@code <Name>Result}.
 *
 * <p>Shape of a builder, for required params {@code a, b}: {@code training()} returns
 * {@code ABuilder.AStep}, whose {@code a(..)} returns {@code BStep}, whose {@code b(..)} returns the
 * builder itself, which has the optional setters and {@code run}. One class implements every step,
 * so the steps cost nothing at run time; they only make the compiler insist on each required param.
 *
 * <p>The graph is built by straight-line statements (no chained calls, whose nesting javac would
 * walk recursively). Pipelines over {@value #CHUNK} stages add them from nested classes of at most
 * {@value #CHUNK} each, to stay below the JVM's limits on method and constant-pool size.
 */
final class PipelinesWriter {
  private static final int CHUNK = 500;
  /**
   * An enum's constants are made in one static initializer, which the JVM limits to 64 KB: about
   * 3,000 constants. Larger pipelines get no stage enum; run options take stage names as strings.
   */
  private static final int MAX_STAGE_CONSTANTS = 2_000;

  private static final String RUNTIME = "io.typeline.runtime";
  private static final ClassName GRAPH = ClassName.get(RUNTIME, "Graph");
  private static final ClassName GRAPH_BUILDER = GRAPH.nestedClass("Builder");
  private static final ClassName RUNNER = ClassName.get(RUNTIME, "Runner");
  private static final ClassName INVOKER = ClassName.get(RUNTIME, "Invoker");
  private static final ClassName RUN_OPTIONS = ClassName.get(RUNTIME, "RunOptions");
  private static final ClassName RUN_RESULT = ClassName.get(RUNTIME, "RunResult");
  private static final ClassName PLAN = ClassName.get(RUNTIME, "Plan");
  private static final ClassName RUN_HANDLE = ClassName.get(RUNTIME, "RunHandle");
  private static final ClassName DIAGRAM = ClassName.get(RUNTIME, "Diagram");
  private static final ClassName LINEAGE = ClassName.get(RUNTIME, "Lineage");
  private static final ClassName STAGE_OUTCOME = ClassName.get(RUNTIME, "StageOutcome");
  private static final ClassName STAGE_NAME = ClassName.get(RUNTIME, "StageName");
  private static final ClassName CONSUMER = ClassName.get("java.util.function", "Consumer");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");

  private final Filer filer;
  private final Elements elements;
  private final Types types;
  private final Access access;

  PipelinesWriter(Filer filer, Elements elements, Types types) {
    this.filer = filer;
    this.elements = elements;
    this.types = types;
    this.access = new Access(elements);
  }

  /** Writes the files of one package; {@code pipelines} sorted by name for deterministic output. */
  void write(String packageName, List<Wiring> pipelines) throws IOException {
    ClassName pipelinesName = ClassName.get(packageName, "Pipelines");
    TypeSpec.Builder type = TypeSpec.classBuilder(pipelinesName)
        .addJavadoc("Entry points of the pipelines of package {@code $L}: one factory per {@code @Pipeline}"
            + " class.\n", packageName.isEmpty() ? "(default)" : packageName)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    // Nested names are allocated package-wide: pipeline Train's step for param evalCsv and
    // pipeline TrainEval's step for csv would otherwise both be TrainEvalCsvStep.
    Set<String> taken = new HashSet<>();
    for (Wiring wiring : pipelines) {
      taken.add(wiring.pipeline().simpleName() + "Builder");
    }
    for (Wiring wiring : pipelines) {
      Naming names = new Naming(pipelinesName, wiring, steps(wiring, pipelinesName, taken));
      type.addOriginatingElement(wiring.pipeline().type());
      for (StageModel stage : wiring.pipeline().stages()) {
        type.addOriginatingElement(stage.owner());
      }
      type.addMethod(factory(wiring, names));
      for (TypeSpec step : stepTypes(wiring, names)) {
        type.addType(step);
      }
      type.addType(builder(wiring, names));
      writeResult(wiring, names);
      if (wiring.stages().size() <= MAX_STAGE_CONSTANTS) {
        writeStageNames(wiring, names);
      }
    }
    Generation.file(packageName, type, elements).writeTo(filer);
  }

  /** The generated names for one pipeline. */
  private record Naming(ClassName builder, ClassName result, ClassName stageNames, String pipeline,
      Map<String, ClassName> steps) {
    Naming(ClassName pipelines, Wiring wiring, Map<String, ClassName> steps) {
      this(pipelines.nestedClass(wiring.pipeline().simpleName() + "Builder"),
          ClassName.get(pipelines.packageName(), wiring.pipeline().simpleName() + "Result"),
          ClassName.get(pipelines.packageName(), wiring.pipeline().simpleName() + "Stage"),
          wiring.pipeline().type().getQualifiedName().toString(), steps);
    }

    ClassName step(Wiring.BuilderInput input) {
      return steps.get(input.name());
    }
  }

  /**
   * {@code TrainingCsvStep} for required input {@code csv} of {@code Training}, numbered when
   * taken. Steps sit beside the builder: a class cannot implement interfaces nested in itself.
   */
  private Map<String, ClassName> steps(Wiring wiring, ClassName pipelines, Set<String> taken) {
    Map<String, ClassName> steps = new HashMap<>();
    for (Wiring.BuilderInput input : required(wiring)) {
      String base = wiring.pipeline().simpleName() + Names.capitalize(input.name()) + "Step";
      String name = base;
      for (int n = 2; !taken.add(name); n++) {
        name = base + n;
      }
      steps.put(input.name(), pipelines.nestedClass(name));
    }
    return steps;
  }

  private static Modifier[] visibility(Wiring wiring, Modifier... more) {
    List<Modifier> modifiers = new ArrayList<>();
    if (wiring.pipeline().type().getModifiers().contains(Modifier.PUBLIC)) {
      modifiers.add(Modifier.PUBLIC);
    }
    modifiers.addAll(List.of(more));
    return modifiers.toArray(new Modifier[0]);
  }

  private List<Wiring.BuilderInput> required(Wiring wiring) {
    return apiInputs(wiring).stream().filter(Wiring.BuilderInput::required).toList();
  }

  /**
   * What the builder offers. For a pipeline with errors, the API is kept (so callers see no
   * follow-on errors) except what cannot be written, like a private type or a type variable of an
   * invalid generic stage.
   */
  private List<Wiring.BuilderInput> apiInputs(Wiring wiring) {
    return wiring.clean() ? wiring.inputs() : wiring.inputs().stream()
        .filter(input -> !wiring.reserved().contains(input.name()))
        .filter(input -> !(input instanceof Wiring.ParamInput param) || nameable(wiring, param.type()))
        .filter(input -> !(input instanceof Wiring.InstanceInput instance) || nameable(wiring, instance.type().asType()))
        .toList();
  }

  private List<StageModel> apiOutputs(Wiring wiring) {
    return wiring.outputs().stream()
        .filter(output -> !output.isVoid() && (wiring.clean()
            || nameable(wiring, output.type()) && !wiring.reserved().contains(output.name())))
        .toList();
  }

  private boolean nameable(Wiring wiring, TypeMirror type) {
    return !TypeNames.anyPart(type, part -> part.getKind() == TypeKind.TYPEVAR || part.getKind() == TypeKind.ERROR)
        && access.canName(type, elements.getPackageOf(wiring.pipeline().type()));
  }

  private MethodSpec factory(Wiring wiring, Naming names) {
    List<Wiring.BuilderInput> required = required(wiring);
    TypeName returned = required.isEmpty() ? names.builder() : names.step(required.get(0));
    List<String> requiredNames = required.stream().map(Wiring.BuilderInput::name).toList();
    return MethodSpec.methodBuilder(Names.factory(wiring.pipeline().simpleName()))
        .addJavadoc("Starts a run of pipeline {@link $T}: set $L, then optional params, then {@code run()}.\n",
            ClassName.get(wiring.pipeline().type()),
            requiredNames.isEmpty() ? "no required param" : "the required " + String.join(", ", requiredNames))
        .addModifiers(visibility(wiring, Modifier.STATIC))
        .returns(returned)
        .addStatement("return new $T()", names.builder())
        .build();
  }

  private TypeSpec builder(Wiring wiring, Naming names) {
    List<Wiring.BuilderInput> required = required(wiring);
    TypeSpec.Builder builder = TypeSpec.classBuilder(names.builder())
        .addJavadoc("Builder of runs of {@link $T}; its steps make every required param a compile-time"
            + " obligation.\n", ClassName.get(wiring.pipeline().type()))
        .addModifiers(visibility(wiring, Modifier.STATIC, Modifier.FINAL))
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (Wiring.BuilderInput input : required) {
      builder.addSuperinterface(names.step(input));
    }
    for (Wiring.BuilderInput input : apiInputs(wiring)) {
      builder.addField(field(input));
      builder.addMethod(setter(input, names));
    }
    String unclean = "Pipeline " + names.pipeline() + " has wiring errors; see the compiler's output";
    boolean clean = wiring.clean();
    entryPoints(builder, "run", names.result(),
        "Runs the pipeline in this JVM, up to one stage per available processor at once, reading"
            + " from the cache what it has.",
        clean ? CodeBlock.of("return new $T($T.run(bind(), options))", names.result(), RUNNER)
            : CodeBlock.of("throw new $T($S)", IllegalStateException.class, unclean));
    entryPoints(builder, "start", ParameterizedTypeName.get(RUN_HANDLE, names.result()),
        "Starts the pipeline in the background and returns at once: {@code join()} gives the result,"
            + " {@code cancel()} stops the run.",
        clean ? CodeBlock.of("return $T.start(bind(), options).map($T::new)", RUNNER, names.result())
            : CodeBlock.of("throw new $T($S)", IllegalStateException.class, unclean));
    entryPoints(builder, "plan", PLAN,
        "What {@code run} would do with the same options: per stage, whether it comes from the"
            + " cache or runs, and why. Runs no stage.",
        clean ? CodeBlock.of("return $T.plan(bind(), options)", RUNNER)
            : CodeBlock.of("throw new $T($S)", IllegalStateException.class, unclean));
    MethodSpec.Builder graph = MethodSpec.methodBuilder("graph")
        .addJavadoc("The pipeline's graph, drawn at compile time as Mermaid and DOT.\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(DIAGRAM)
        .addStatement(clean ? CodeBlock.of("return $T.of($T.class, $S)", DIAGRAM, names.builder().enclosingClassName(),
            names.pipeline()) : CodeBlock.of("throw new $T($S)", IllegalStateException.class, unclean));
    if (!required(wiring).isEmpty()) {
      graph.addAnnotation(Override.class); // declared by each step, so it is there before any param
    }
    builder.addMethod(graph.build());
    if (clean) {
      String template = templateName(wiring);
      CodeBlock.Builder values = CodeBlock.builder();
      for (Wiring.BuilderInput input : wiring.inputs()) {
        values.add(values.isEmpty() ? "" : ",$W");
        if (input instanceof Wiring.InstanceInput instance && !instance.required()) {
          values.add("this.$N != null ? this.$N : new $T()", input.name(), input.name(),
              ClassName.get(instance.type()));
        } else if (wiring.inputs().size() == 1) {
          values.add("(Object) this.$N", input.name()); // an array alone would be taken for the varargs
        } else {
          values.add("this.$N", input.name());
        }
      }
      builder.addField(FieldSpec.builder(GRAPH, template, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("The stages needed for the outputs, as data, built once: each run gives it its values.\n")
          .initializer("template()")
          .build());
      builder.addMethod(MethodSpec.methodBuilder("bind")
          .addJavadoc("The graph with this builder's values.\n")
          .addModifiers(Modifier.PRIVATE)
          .returns(GRAPH)
          .addStatement("return $N.with($L)", template, values.build())
          .build());
      template(wiring, builder);
    }
    return builder.build();
  }

  /**
   * {@code name()}, {@code name(Consumer<RunOptions>)} and {@code name(RunOptions)}: the first two
   * make options and call the last, whose body is {@code body}.
   */
  private static void entryPoints(TypeSpec.Builder builder, String name, TypeName returns, String doc,
      CodeBlock body) {
    builder.addMethod(MethodSpec.methodBuilder(name)
        .addJavadoc(doc + "\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(returns)
        .addStatement("return $N($T.defaults())", name, RUN_OPTIONS)
        .build());
    builder.addMethod(MethodSpec.methodBuilder(name)
        .addJavadoc("{@code $L()}, with options set in a block: {@code $L(run -> run.parallelism(4))}.\n",
            name, name)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns)
        .addParameter(ParameterizedTypeName.get(CONSUMER, RUN_OPTIONS), "options")
        .addStatement("$T configured = $T.defaults()", RUN_OPTIONS, RUN_OPTIONS)
        .addStatement("options.accept(configured)")
        .addStatement("return $N(configured)", name)
        .build());
    builder.addMethod(MethodSpec.methodBuilder(name)
        .addJavadoc("{@code $L()} with {@code options}.\n", name)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns)
        .addParameter(RUN_OPTIONS, "options")
        .addStatement(body)
        .build());
  }

  private List<TypeSpec> stepTypes(Wiring wiring, Naming names) {
    List<Wiring.BuilderInput> required = required(wiring);
    List<TypeSpec> steps = new ArrayList<>();
    for (int i = 0; i < required.size(); i++) {
      Wiring.BuilderInput input = required.get(i);
      TypeName next = i + 1 < required.size() ? names.step(required.get(i + 1)) : names.builder();
      steps.add(TypeSpec.interfaceBuilder(names.step(input))
          .addJavadoc("Step of {@link $T}: set $L.\n", names.builder(), describe(input))
          .addModifiers(visibility(wiring))
          .addMethod(MethodSpec.methodBuilder(input.name())
              .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
              .addParameter(typeOf(input), input.name())
              .returns(next)
              .build())
          .addMethod(MethodSpec.methodBuilder("graph")
              .addJavadoc("The pipeline's graph, drawn at compile time: available before any param is set.\n")
              .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
              .returns(DIAGRAM)
              .build())
          .build());
    }
    return steps;
  }

  private static String describe(Wiring.BuilderInput input) {
    if (input instanceof Wiring.ParamInput param) {
      return "param {@code " + param.name() + "} (of stage {@code "
          + param.declaration().parameter().getEnclosingElement().getSimpleName() + "})";
    }
    return "the {@code " + ((Wiring.InstanceInput) input).type().getSimpleName()
        + "} instance whose methods run its instance stages";
  }

  private static TypeName typeOf(Wiring.BuilderInput input) {
    return input instanceof Wiring.ParamInput param
        ? TypeName.get(param.type())
        : ClassName.get(((Wiring.InstanceInput) input).type());
  }

  private FieldSpec field(Wiring.BuilderInput input) {
    FieldSpec.Builder field = FieldSpec.builder(typeOf(input), input.name(), Modifier.PRIVATE);
    // A bad default has been reported (its literal is null): the stub's field keeps its zero value.
    if (input instanceof Wiring.ParamInput param && param.declaration().defaultLiteral() != null) {
      field.initializer(param.declaration().defaultLiteral());
    }
    return field.build();
  }

  private static MethodSpec setter(Wiring.BuilderInput input, Naming names) {
    TypeName type = typeOf(input);
    MethodSpec.Builder setter = MethodSpec.methodBuilder(input.name())
        .addJavadoc(input.required() ? "Sets $L.\n" : "Sets $L, which is optional.\n", describe(input))
        .addModifiers(Modifier.PUBLIC)
        .returns(names.builder())
        .addParameter(type, input.name());
    if (input.required()) {
      setter.addAnnotation(Override.class);
    }
    if (type.isPrimitive()) {
      setter.addStatement("this.$N = $N", input.name(), input.name());
    } else {
      setter.addStatement("this.$N = $T.requireNonNull($N, $S)", input.name(), OBJECTS, input.name(),
          input.name() + " must not be null");
    }
    return setter.addStatement("return this").build();
  }

  /**
   * {@code GRAPH}, unless a param has that name: builder fields are named after the inputs.
   */
  private static String templateName(Wiring wiring) {
    Set<String> fields = new HashSet<>();
    wiring.inputs().forEach(input -> fields.add(input.name()));
    String name = "GRAPH";
    while (fields.contains(name)) {
      name += "_";
    }
    return name;
  }

  /**
   * The static method that builds the graph template: the params (an instance whose methods are
   * stages is one too, the first input of those stages), one node per stage in source order, and
   * the outputs.
   */
  private void template(Wiring wiring, TypeSpec.Builder builder) {
    String graph = "graph";
    MethodSpec.Builder method = MethodSpec.methodBuilder("template")
        .addJavadoc("The graph with its params unset: one node per stage needed for the outputs, in"
            + " source order.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(GRAPH)
        .addStatement("$T $N = $T.builder($S)", GRAPH_BUILDER, graph, GRAPH,
            wiring.pipeline().type().getQualifiedName().toString());
    Map<TypeElement, String> instances = new HashMap<>();
    for (Wiring.BuilderInput input : wiring.inputs()) {
      CodeBlock codec = wiring.inputCodecs().get(input.name());
      if (codec == null) {
        method.addStatement("$N.param($S)", graph, input.name());
      } else {
        method.addStatement("$N.param($S, $L)", graph, input.name(), codec);
      }
      if (input instanceof Wiring.InstanceInput instance) {
        instances.put(instance.type(), instance.name());
      }
    }
    List<StageModel> stages = wiring.stages();
    if (stages.size() <= CHUNK) {
      addStages(method, builder, wiring, stages, 0, graph, instances);
    } else {
      for (int from = 0, chunk = 0; from < stages.size(); from += CHUNK, chunk++) {
        int to = Math.min(stages.size(), from + CHUNK);
        String name = "Stages" + chunk;
        MethodSpec.Builder addTo = MethodSpec.methodBuilder("addTo")
            .addModifiers(Modifier.STATIC)
            .addParameter(GRAPH_BUILDER, graph);
        TypeSpec.Builder holder = TypeSpec.classBuilder(name)
            .addJavadoc("Stages $L to $L of the graph.\n", from + 1, to)
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
        addStages(addTo, holder, wiring, stages.subList(from, to), from, graph, instances);
        builder.addType(holder.addMethod(addTo.build()).build());
        method.addStatement("$N.addTo($N)", name, graph);
      }
    }
    CodeBlock.Builder outputs = CodeBlock.builder().add("$N.outputs(", graph);
    for (int i = 0; i < wiring.outputs().size(); i++) {
      outputs.add(i == 0 ? "$S" : ", $S", wiring.outputs().get(i).name());
    }
    method.addStatement(outputs.add(")").build());
    method.addStatement("return $N.build()", graph);
    builder.addMethod(method.build());
  }

  /**
   * Adds one node per stage to {@code method}, and to {@code holder} the {@code Invoke} record that
   * calls them: one serializable class with a switch of direct calls, rather than one lambda per
   * stage, because javac compiles a serializable lambda slowly and with a per-class deserialization
   * switch that overflows the method size limit past a few hundred stages.
   */
  private void addStages(MethodSpec.Builder method, TypeSpec.Builder holder, Wiring wiring,
      List<StageModel> stages, int firstIndex, String graph, Map<TypeElement, String> instances) {
    Map<String, StageModel> byName = wiring.byName();
    boolean unchecked = false;
    CodeBlock.Builder cases = CodeBlock.builder().beginControlFlow("switch (stage)");
    for (int s = 0; s < stages.size(); s++) {
      StageModel stage = stages.get(s);
      CodeBlock.Builder call = CodeBlock.builder();
      CodeBlock.Builder inputs = CodeBlock.builder();
      int first = 0; // of the stage's own inputs in args
      if (stage.isStatic()) {
        call.add("$T.$N(", ClassName.get(stage.owner()), stage.name());
      } else {
        call.add("(($T) args[0]).$N(", ClassName.get(stage.owner()), stage.name());
        inputs.add(", $S", instances.get(stage.owner()));
        first = 1;
      }
      List<Input> stageInputs = stage.inputs();
      for (int k = 0; k < stageInputs.size(); k++) {
        Input input = stageInputs.get(k);
        // Cast to the type the value has: the producer's, which the parameter accepts by assignment.
        TypeMirror valueType = input.isParam() ? input.type() : byName.get(input.name()).type();
        if (input.each()) { // the runtime passes one element at a time
          valueType = FanOuts.elementType(valueType, types, elements);
        }
        unchecked |= isGeneric(valueType);
        call.add(k == 0 ? "($T) args[$L]" : ", ($T) args[$L]", TypeName.get(valueType), first + k);
        inputs.add(", $S", input.name());
      }
      call.add(")");
      int index = firstIndex + s;
      if (stage.isVoid()) {
        cases.add("case $L:\n$>$L;\nreturn null;\n$<", index, call.build());
      } else {
        cases.add("case $L:\n$>return $L;\n$<", index, call.build());
      }
      method.addStatement("$N.stage($S, $S, new Invoke($L)$L)", graph, stage.name(), stage.location(),
          index, inputs.build());
      CodeBlock codec = wiring.codecs().get(stage.name());
      List<CodeBlock> elementCodecs = wiring.elementCodecs().get(stage.name());
      if (elementCodecs == null) {
        method.addStatement("$N.lineage($S, new $T($T.class, $S, $S, $L))", graph, stage.name(), LINEAGE,
            ClassName.get(stage.owner()), Descriptors.of(stage.method(), types, elements), stage.version(),
            codec == null ? CodeBlock.of("null") : codec);
      } else { // a fan-out whose elements are cached one by one: element and result codecs too
        method.addStatement("$N.lineage($S, new $T($T.class, $S, $S, $L, $L, $L))", graph, stage.name(), LINEAGE,
            ClassName.get(stage.owner()), Descriptors.of(stage.method(), types, elements), stage.version(),
            codec, elementCodecs.get(0), elementCodecs.get(1));
      }
      if (stage.eachInput() >= 0) {
        method.addStatement("$N.each($S, $L)", graph, stage.name(), first + stage.eachInput());
      }
      if (stage.async()) {
        method.addStatement("$N.async($S)", graph, stage.name());
      }
      if (stage.retries() > 0 || !stage.timeout().isEmpty() || stage.concurrency() > 0) {
        CodeBlock timeout = stage.timeout().isEmpty() ? CodeBlock.of("null")
            : CodeBlock.of("$T.parse($S)", ClassName.get("java.time", "Duration"), stage.timeout());
        if (stage.concurrency() > 0) {
          method.addStatement("$N.policy($S, $L, $L, $L)", graph, stage.name(), stage.retries(), timeout,
              stage.concurrency());
        } else {
          method.addStatement("$N.policy($S, $L, $L)", graph, stage.name(), stage.retries(), timeout);
        }
      }
    }
    cases.add("default:\n$>throw new $T(stage);\n$<", AssertionError.class).endControlFlow();
    MethodSpec.Builder invokeMethod = MethodSpec.methodBuilder("invoke")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(Object.class)
        .addParameter(Object[].class, "args")
        .addException(Exception.class)
        .addCode(cases.build());
    if (unchecked) {
      invokeMethod.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build());
    }
    // The instance of an instance stage is its first input, so a remote executor ships it with
    // that stage's arguments, and the invoker itself holds nothing but the stage's number.
    holder.addType(TypeSpec.recordBuilder("Invoke")
        .addModifiers(Modifier.PRIVATE)
        .addSuperinterface(INVOKER)
        .addJavadoc("Calls stage number {@code stage} with its inputs; an instance stage's first input"
            + " is the instance.\n")
        .recordConstructor(MethodSpec.constructorBuilder().addParameter(int.class, "stage").build())
        .addMethod(invokeMethod.build())
        .build());
  }

  /** Whether a cast to {@code type} is unchecked: it has type arguments or variables. */
  private static boolean isGeneric(TypeMirror type) {
    return TypeNames.anyPart(type, part -> part.getKind() == TypeKind.TYPEVAR
        || part.getKind() == TypeKind.DECLARED && !((DeclaredType) part).getTypeArguments().isEmpty());
  }

  /**
   * {@code TrainingStage}: an enum of the pipeline's stages, so that run options name stages
   * without strings ({@code run.rerun(TrainingStage.train)}). Constants are the stage names as
   * written, in source order.
   */
  private void writeStageNames(Wiring wiring, Naming names) throws IOException {
    TypeSpec.Builder stages = TypeSpec.enumBuilder(names.stageNames())
        .addJavadoc("The stages of pipeline {@link $T}, to name in run options:"
            + " {@code run(run -> run.rerun($T.$L))}.\n", ClassName.get(wiring.pipeline().type()),
            names.stageNames(), wiring.stages().isEmpty() ? "stage" : wiring.stages().get(wiring.stages().size() - 1).name())
        .addModifiers(visibility(wiring))
        .addOriginatingElement(wiring.pipeline().type())
        .addSuperinterface(STAGE_NAME);
    for (StageModel stage : wiring.stages()) {
      stages.addEnumConstant(stage.name(), TypeSpec.anonymousClassBuilder("")
          .addJavadoc("Stage {@code $L} ($L).\n", stage.name(), stage.location()).build());
    }
    stages.addMethod(MethodSpec.methodBuilder("stageName")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return name()")
        .build());
    Generation.file(names.stageNames().packageName(), stages, elements).writeTo(filer);
  }

  private void writeResult(Wiring wiring, Naming names) throws IOException {
    TypeSpec.Builder result = TypeSpec.classBuilder(names.result())
        .addJavadoc("The outputs of a run of {@link $T}, one typed accessor per output stage.\n",
            ClassName.get(wiring.pipeline().type()))
        .addModifiers(visibility(wiring, Modifier.FINAL))
        .addOriginatingElement(wiring.pipeline().type())
        .addField(RUN_RESULT, "run", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder()
            .addParameter(RUN_RESULT, "run")
            .addStatement("this.run = run")
            .build());
    result.addMethod(MethodSpec.methodBuilder("stages")
        .addJavadoc("What each stage did in the run, in the graph's order: ran (and why), came from the"
            + " cache, or was not needed.\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(ClassName.get(List.class), STAGE_OUTCOME))
        .addStatement("return run.stages()")
        .build());
    for (StageModel output : apiOutputs(wiring)) { // a void sink has nothing to read
      MethodSpec.Builder accessor = MethodSpec.methodBuilder(output.name())
          .addJavadoc("The value of stage {@code $L} ($L).\n", output.name(), output.location())
          .addModifiers(Modifier.PUBLIC)
          .returns(TypeName.get(output.type()))
          .addStatement("return ($T) run.value($S)", TypeName.get(output.type()), output.name());
      if (isGeneric(output.type())) {
        accessor.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
            .addMember("value", "$S", "unchecked").build());
      }
      result.addMethod(accessor.build());
    }
    Generation.file(names.result().packageName(), result, elements).writeTo(filer);
  }
}
