package io.typeline.processor;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Typeline's annotation processor. Each round it:
 *
 * <ol>
 *   <li>reads every class that declares {@code @Stage} methods ({@link StageReader}), checking each
 *       stage on its own, and records their parameter names for later compilations
 *       ({@link StageNamesWriter});
 *   <li>reads each {@code @Pipeline} with its includes ({@link PipelineReader});
 *   <li>wires and checks it ({@link WiringChecker});
 *   <li>writes {@code Pipelines} and the result types per package ({@link PipelinesWriter}).
 * </ol>
 *
 * Errors are reported on the element at fault and never stop the other steps, so one compilation
 * shows them all. A pipeline with errors still gets its builder API (with a body that throws), so
 * code calling it shows no "cannot find symbol" on top of the real errors. No exception escapes:
 * an internal failure is reported as one error on the element being processed.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes({Annotations.PIPELINE, Annotations.STAGE})
public final class TypelineProcessor extends AbstractProcessor {
  /** Packages whose Pipelines was written in an earlier round of this compilation. */
  private final Set<String> writtenPackages = new HashSet<>();

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (round.processingOver() || annotations.isEmpty()) {
      return false;
    }
    Reporter reporter = new Reporter(processingEnv.getMessager());
    try {
      processRound(round, reporter);
    } catch (Throwable failure) { // the steps guard themselves; this is the last line of defence
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.INTERNAL.format("this round", describe(failure)));
    }
    return false;
  }

  private void processRound(RoundEnvironment round, Reporter reporter) {
    var elements = processingEnv.getElementUtils();
    var types = processingEnv.getTypeUtils();
    Set<TypeElement> sources = new HashSet<>(ElementFilter.typesIn(round.getRootElements()));
    StageReader stages = new StageReader(elements, types, reporter, new Locations(processingEnv),
        new DefaultValues(types), sources);

    StageNamesWriter names = new StageNamesWriter(processingEnv.getFiler(), elements);
    for (TypeElement owner : sorted(stageOwners(round))) {
      guarded(reporter, owner, () -> {
        List<StageModel> declared = stages.stagesOf(owner);
        if (!declared.isEmpty()) {
          names.write(owner, declared);
        }
      });
    }

    PipelineReader pipelines = new PipelineReader(stages, reporter);
    WiringChecker checker = new WiringChecker(types, elements, reporter);
    Map<String, List<Wiring>> byPackage = new TreeMap<>();
    for (TypeElement type : sorted(ElementFilter.typesIn(round.getElementsAnnotatedWith(
        elements.getTypeElement(Annotations.PIPELINE))))) {
      guarded(reporter, type, () -> {
        Wiring wiring = checker.check(pipelines.read(type));
        String packageName = elements.getPackageOf(type).getQualifiedName().toString();
        byPackage.computeIfAbsent(packageName, key -> new ArrayList<>()).add(wiring);
      });
    }
    PipelinesWriter writer = new PipelinesWriter(processingEnv.getFiler(), elements, processingEnv.getTypeUtils());
    DiagramWriter diagrams = new DiagramWriter(processingEnv.getFiler());
    Set<String> declared = new HashSet<>();
    for (TypeElement type : sources) {
      declared.add(type.getQualifiedName().toString());
    }
    for (Map.Entry<String, List<Wiring>> entry : byPackage.entrySet()) {
      List<Wiring> writable = withoutNameClashes(entry.getKey(), entry.getValue(), declared, reporter);
      if (!writable.isEmpty()) {
        guarded(reporter, writable.get(0).pipeline().type(), () -> writer.write(entry.getKey(), writable));
        for (Wiring wiring : writable) {
          if (wiring.clean()) {
            guarded(reporter, wiring.pipeline().type(), () -> diagrams.write(wiring));
          }
        }
      }
    }
  }

  /**
   * The pipelines of a package whose generated names are free: two pipelines with one simple name
   * (nested in different classes) would generate one factory, and a user's own {@code Pipelines}
   * or {@code TrainingResult} would be generated over. Each clash is an error, not a Filer crash.
   */
  private List<Wiring> withoutNameClashes(String packageName, List<Wiring> pipelines,
      Set<String> declared, Reporter reporter) {
    String prefix = packageName.isEmpty() ? "" : packageName + ".";
    // Pipelines of one package are written together, in the round that finds them; a pipeline
    // generated by another processor in a later round would need the file written already.
    if (declared.contains(prefix + "Pipelines") || !writtenPackages.add(packageName)) {
      for (Wiring wiring : pipelines) {
        reporter.error(wiring.pipeline().type(), Message.GENERATED_NAME_TAKEN,
            wiring.pipeline().type().getQualifiedName(), prefix + "Pipelines");
      }
      return List.of();
    }
    Map<String, Wiring> byFactory = new TreeMap<>();
    List<Wiring> writable = new ArrayList<>();
    for (Wiring wiring : pipelines) {
      String simpleName = wiring.pipeline().simpleName();
      String result = prefix + simpleName + "Result";
      String stageEnum = prefix + simpleName + "Stage";
      Wiring first = byFactory.putIfAbsent(Names.factory(simpleName), wiring);
      if (first != null) {
        reporter.error(wiring.pipeline().type(), Message.PIPELINE_NAME_CLASH,
            first.pipeline().type().getQualifiedName(), wiring.pipeline().type().getQualifiedName(),
            simpleName, packageName, Names.factory(simpleName), result);
      } else if (declared.contains(result) || declared.contains(stageEnum)) {
        reporter.error(wiring.pipeline().type(), Message.GENERATED_NAME_TAKEN,
            wiring.pipeline().type().getQualifiedName(), declared.contains(result) ? result : stageEnum);
      } else {
        writable.add(wiring);
      }
    }
    return writable;
  }

  private Set<TypeElement> stageOwners(RoundEnvironment round) {
    Set<TypeElement> owners = new HashSet<>();
    TypeElement stage = processingEnv.getElementUtils().getTypeElement(Annotations.STAGE);
    for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(stage))) {
      owners.add((TypeElement) method.getEnclosingElement());
    }
    return owners;
  }

  /** Sorted by qualified name, so output never depends on the compiler's iteration order. */
  private static List<TypeElement> sorted(Set<? extends TypeElement> types) {
    Set<TypeElement> sorted = new TreeSet<>(Comparator.comparing(type -> type.getQualifiedName().toString()));
    sorted.addAll(types);
    return new ArrayList<>(sorted);
  }

  private static String describe(Throwable failure) {
    StackTraceElement[] trace = failure.getStackTrace();
    return failure + (trace.length == 0 ? "" : " at " + trace[0]);
  }

  private interface Step {
    void run() throws Exception;
  }

  /** Runs one step; whatever it throws becomes one error on {@code element}, not a javac crash. */
  private static void guarded(Reporter reporter, Element element, Step step) {
    try {
      step.run();
    } catch (Throwable failure) {
      reporter.error(element, Message.INTERNAL, element, describe(failure));
    }
  }
}
