package io.typeline.processor;

/**
 * Every diagnostic the processor reports, in one place. Each has a stable tag, printed as
 * {@code [typeline:tag]}, that tests, docs and users can search for; each says what is wrong, who
 * is involved, and how to fix it.
 */
enum Message {
  UNKNOWN_INPUT("unknown-input",
      "stage '%s' takes '%s', which no stage produces%s (mark it @Param if it is a pipeline input)"),
  UNKNOWN_FROM("unknown-input",
      "stage '%s' takes @From(\"%s\"), but pipeline %s has no stage '%s'%s"),
  TYPE_MISMATCH("type-mismatch",
      "stage '%s' takes '%s' as %s, but stage '%s' (%s) produces %s; change one of the two types"
          + " so that %s is assignable to %s"),
  VOID_CONSUMED("void-consumed",
      "stage '%s' takes '%s', but stage '%s' (%s) returns void and produces nothing; return a"
          + " value from '%s', or remove the parameter"),
  CYCLE("cycle",
      "stages form a cycle: %s; a stage cannot depend, directly or through others, on itself"),
  DUPLICATE_STAGE("duplicate-stage",
      "pipeline %s has two stages named '%s': %s and %s; rename one of the methods (a stage's name"
          + " is its method name)"),
  OVERLOADED_STAGE("duplicate-stage",
      "class %s has two @Stage methods named '%s'; a stage's name is its method name, so rename"
          + " one"),
  PARAM_CONFLICT("param-conflict",
      "param '%s' is declared as %s here but as %s in stage '%s' (%s); params with one name are"
          + " one pipeline input, so give them the same type and default"),
  PARAM_SHADOWS_STAGE("param-shadows-stage",
      "@Param '%s' of stage '%s' has the name of stage '%s' (%s); rename the param, or remove"
          + " @Param to take the stage's value"),
  FROM_AND_PARAM("invalid-input",
      "parameter '%s' of stage '%s' is both @From and @Param; keep @From to take a stage's value,"
          + " or @Param for a pipeline input"),
  PRIVATE_STAGE("invalid-stage",
      "stage '%s' is private; the generated Pipelines calls it directly, so make it at least"
          + " package-private"),
  INACCESSIBLE_STAGE("invalid-stage",
      "stage '%s' in %s cannot be called from package %s; make the method and its class public"),
  ABSTRACT_STAGE("invalid-stage",
      "stage '%s' is abstract; a stage needs a body, so implement it"),
  GENERIC_STAGE("invalid-stage",
      "stage '%s' declares type parameters %s; stages are wired by their exact types, so give it"
          + " concrete ones"),
  GENERIC_CLASS_STAGE("invalid-stage",
      "instance stage '%s' is declared in generic class %s; make the stage static, or move it to"
          + " a class without type parameters"),
  INNER_CLASS_STAGE("invalid-stage",
      "stage '%s' is in inner class %s, which needs an enclosing instance; make %s static"),
  INACCESSIBLE_TYPE("invalid-stage",
      "stage '%s' uses %s, which the generated Pipelines in package %s cannot see; make it"
          + " accessible (public, or package-private in the same package)"),
  BAD_DEFAULT("bad-default",
      "defaultValue \"%s\" of param '%s' is not a valid %s: %s"),
  UNSUPPORTED_DEFAULT("bad-default",
      "param '%s' has type %s, which defaultValue cannot express; supported: primitives and their"
          + " boxes, String, enums, Path, Duration, LocalDate, BigDecimal, BigInteger. Remove the"
          + " default to make the param required"),
  UNKNOWN_OUTPUT("unknown-output",
      "@Pipeline(outputs) names '%s', but pipeline %s has no such stage%s"),
  NO_STAGES("no-stages",
      "pipeline %s declares no @Stage methods and includes none; annotate the methods that make up"
          + " the pipeline with @Stage"),
  INCLUDE_WITHOUT_STAGES("no-stages",
      "%s declares no @Stage methods (it is listed in @Pipeline(include) of %s); annotate the methods"
          + " that make up the pipeline with @Stage"),
  MISSING_PARAMETER_NAMES("missing-parameter-names",
      "stage '%s' of %s comes from a class file without parameter names, so its inputs cannot be"
          + " wired by name; compile %s with typeline-processor on the processor path (or with"
          + " -parameters)"),
  RESERVED_OUTPUT("reserved-name",
      "stage '%s' is an output, but %s cannot have an accessor %s(): java.lang.Object has a method of"
          + " that name; rename the stage"),
  RESERVED_PARAM("reserved-name",
      "param '%s' would give the builder a method %s(%s), which clashes with java.lang.Object's;"
          + " rename the param"),
  NEGATIVE_COUNT("bad-count",
      "stage '%s' has %s = %d; give 0 (the default) or more"),
  BAD_TIMEOUT("bad-timeout",
      "timeout \"%s\" of stage '%s' is not a positive ISO-8601 duration (%s); write it like"
          + " \"PT30S\", \"PT5M\" or \"PT1H30M\""),
  EACH_ON_PARAM("invalid-each",
      "param '%s' of stage '%s' is @Each, but a param is one value for the whole run; @Each takes a"
          + " stage's list or array: remove @Param, or @Each"),
  EACH_TWICE("invalid-each",
      "stage '%s' has a second @Each parameter, '%s'; a stage fans out over one input: combine the"
          + " inputs in a stage of their own (pairs, a grid) and fan out over that"),
  EACH_NOT_ITERABLE("invalid-each",
      "stage '%s' fans out over '%s' with @Each, but stage '%s' (%s) produces %s, which is neither an"
          + " Iterable nor an array; return a List from '%s', or remove @Each"),
  EACH_ELEMENT_MISMATCH("type-mismatch",
      "stage '%s' takes each element of '%s' as %s, but stage '%s' (%s) produces %s, whose elements"
          + " are %s; change one of the two types"),
  FAN_OUT_CONSUMER("type-mismatch",
      "stage '%s' takes '%s' as %s, but stage '%s' (%s) fans out with @Each and gives the list of its"
          + " values, %s; take %s"),
  RESERVED_RESULT("reserved-name",
      "stage '%s' is an output, but %s has a method %s() of its own, which lists what each stage"
          + " did in the run; rename the stage"),
  NO_CODEC("no-codec",
      "stage '%s' returns %s, which the cache cannot store; mark the stage @Stage(cache = false),"
          + " make %s Serializable (or a record of storable types), or register a codec:"
          + " @Pipeline(codecs = %sCodec.class), a class implementing io.typeline.runtime.Codec<%s>"),
  BAD_CODEC("bad-codec",
      "%s in @Pipeline(codecs) %s; a codec is a public class implementing"
          + " io.typeline.runtime.Codec<T> with a public no-arg constructor"),
  PIPELINE_NAME_CLASH("name-clash",
      "pipelines %s and %s are both named %s in package %s, so both would generate %s() and %s;"
          + " rename one of the classes"),
  GENERATED_NAME_TAKEN("name-clash",
      "pipeline %s generates %s, but the compilation already declares a type of that name; rename"
          + " that type or the pipeline"),
  INTERNAL("internal",
      "internal error while processing %s: %s; please report it with this message");

  private final String tag;
  private final String format;

  Message(String tag, String format) {
    this.tag = tag;
    this.format = format;
  }

  String format(Object... args) {
    return "[typeline:" + tag + "] " + String.format(format, args);
  }
}
