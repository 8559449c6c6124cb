package io.typeline.runtime;

import java.util.Objects;

/**
 * What the cache knows of one stage: the method it runs (for its code fingerprint), its
 * {@code @Stage(version)}, and the codec that stores its value, or {@code null} when its value is
 * not stored ({@code @Stage(cache = false)}, or a {@code void} stage, which runs for its effect).
 * A stage without lineage (a graph built by hand) is never cached, and neither is anything that
 * depends on it.
 *
 * @param owner the class declaring the stage method
 * @param method the method's name and JVM descriptor, such as {@code load(Ljava/nio/file/Path;)[D}
 * @param version the stage's {@code version}, empty by default
 * @param codec stores the stage's value; {@code null} for a stage whose value is not stored
 * @param elementCodec for a fan-out ({@code @Each}): whose bytes stand for one element in its
 *     element's key, or {@code null} when elements are not cached one by one
 * @param resultCodec for a fan-out: stores the result of one element
 */
public record Lineage(Class<?> owner, String method, String version, Codec<?> codec,
    Codec<?> elementCodec, Codec<?> resultCodec) {

  /** A stage's lineage; a fan-out whose elements are cached one by one uses the longer form. */
  public Lineage(Class<?> owner, String method, String version, Codec<?> codec) {
    this(owner, method, version, codec, null, null);
  }

  public Lineage {
    Objects.requireNonNull(owner, "owner");
    if (method.indexOf('(') <= 0) {
      throw new IllegalArgumentException("method must be a name and a JVM descriptor, such as"
          + " load(Ljava/nio/file/Path;)[D; was " + method);
    }
    Objects.requireNonNull(version, "version");
  }

  /** {@code demo.Training.load(Ljava/nio/file/Path;)[D}: the stage's identity in its key. */
  String identity() {
    return owner.getName() + "." + method;
  }

  /** The fingerprint of the stage's code and the project code it calls. */
  String code() {
    int paren = method.indexOf('(');
    return CodeFingerprint.of(owner, method.substring(0, paren), method.substring(paren));
  }
}
