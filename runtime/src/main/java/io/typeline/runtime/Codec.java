package io.typeline.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Turns a stage's value into bytes for the cache and back. The processor chooses one per cached
 * stage at compile time from the stage's output type ({@link Codecs} has the built-in ones); a
 * type it has none for takes a codec registered on the pipeline:
 * {@code @Pipeline(codecs = ModelCodec.class)}, where {@code ModelCodec implements Codec<Model>}
 * and has a public no-arg constructor.
 *
 * <p>The store verifies an entry's checksum before {@link #read} sees a byte, and gives it exactly
 * the bytes {@link #write} wrote: a codec need not guard against corruption, only against its own
 * older formats (change {@link #name()} when the format changes, and old entries are recomputed).
 *
 * @param <T> the type of value
 */
public interface Codec<T> {

  /** Identifies the codec and its format in each entry, such as {@code string} or {@code tribuo-model-1}. */
  String name();

  /** Writes {@code value}; {@code out} stays open after a {@code close()}. */
  void write(T value, OutputStream out) throws IOException;

  /** Reads what {@link #write} wrote. */
  T read(InputStream in) throws IOException;
}
