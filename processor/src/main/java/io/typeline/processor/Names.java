package io.typeline.processor;

import java.util.Collection;
import java.util.Set;
import javax.lang.model.SourceVersion;

/** Name helpers: "did you mean" suggestions and Java naming conventions. */
final class Names {
  private Names() {}

  /**
   * The candidate closest to {@code name} by edit distance, if it is close enough to be a typo
   * (at most a third of the name's length, and at least 1 edit allowed), else {@code null}.
   */
  static String closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Math.max(1, name.length() / 3) + 1;
    for (String candidate : candidates) {
      int distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance || distance == bestDistance && best != null && candidate.compareTo(best) < 0) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  static String decapitalize(String name) {
    if (name.length() > 1 && Character.isUpperCase(name.charAt(1)) && Character.isUpperCase(name.charAt(0))) {
      return name; // like java.beans.Introspector: "URLs" stays "URLs"
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /** Methods every class has; a generated method of one of these names would not compile. */
  static final Set<String> OBJECT_METHODS = Set.of(
      "getClass", "hashCode", "equals", "toString", "notify", "notifyAll", "wait", "clone", "finalize");

  /**
   * The factory method of a pipeline class: {@code training()} for {@code Training}, and
   * {@code defaultPipeline()} where the plain name is a keyword or one of Object's methods.
   */
  static String factory(String pipelineName) {
    String name = decapitalize(pipelineName);
    return SourceVersion.isKeyword(name) || OBJECT_METHODS.contains(name) ? name + "Pipeline" : name;
  }

  static String capitalize(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
